/**
 * `npm run package [-- --env dev|local|<name>]`: builds the Teams app package the way the Agents Toolkit's
 * teamsApp/zipAppPackage does, but offline: reads env/.env.<env> (+ .env.<env>.user), fills the
 * `${{NAME}}` placeholders in appPackage/manifest.json, validates the result against the vendored
 * official schema and writes appPackage/build/appPackage.<env>.zip (manifest.json, color.png, outline.png).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export type PackageErrorCode = 'env_file_missing' | 'missing_variables' | 'invalid_manifest' | 'invalid_icon';

export class PackageError extends Error {
  constructor(
    readonly code: PackageErrorCode,
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(details.length > 0 ? `${message}\n  - ${details.join('\n  - ')}` : message);
    this.name = 'PackageError';
  }
}

export const REPO_ROOT = path.resolve(__dirname, '..');
export const SCHEMAS_DIR = path.join(REPO_ROOT, 'schemas', 'teams-manifest');
const ICON_SIZES = { color: 192, outline: 32 } as const;
const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

// ---------------------------------------------------------------- environment files

/** Parses a dotenv-style file: `KEY=value`, `#` comments, optional single or double quotes. */
export function parseEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*)$/.exec(line);
    if (!match) continue;
    let value = match[2];
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.lastIndexOf(quote) > 0) {
      value = value.slice(1, value.lastIndexOf(quote));
      if (quote === '"') value = value.replace(/\\n/g, '\n');
    } else {
      value = value.replace(/\s+#.*$/, '').trim();
    }
    values[match[1]] = value;
  }
  return values;
}

export interface LoadEnvironmentOptions {
  envDir: string;
  /** Non-empty values here win over both files (how CI passes ids and secrets). */
  processEnv?: NodeJS.ProcessEnv;
}

/** Variables for one environment: `.env.<env>`, then `.env.<env>.user`, then the process environment. */
export function loadEnvironment(envName: string, options: LoadEnvironmentOptions): Record<string, string> {
  const file = path.join(options.envDir, `.env.${envName}`);
  if (!fs.existsSync(file)) {
    throw new PackageError('env_file_missing', `No environment file ${file} (choose an environment with --env).`);
  }
  const values = parseEnvFile(fs.readFileSync(file, 'utf8'));
  const userFile = `${file}.user`;
  if (fs.existsSync(userFile)) Object.assign(values, parseEnvFile(fs.readFileSync(userFile, 'utf8')));
  for (const [name, value] of Object.entries(options.processEnv ?? {})) {
    if (value !== undefined && value !== '') values[name] = value;
  }
  return values;
}

// ---------------------------------------------------------------- placeholders

function mapStrings(value: unknown, fn: (s: string) => string): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, fn));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, mapStrings(item, fn)]));
  }
  return value;
}

/** Names of the `${{NAME}}` placeholders used anywhere in a JSON value, sorted, without repeats. */
export function findPlaceholders(value: unknown): string[] {
  const names = new Set<string>();
  mapStrings(value, (s) => {
    for (const match of s.matchAll(PLACEHOLDER)) names.add(match[1]);
    return s;
  });
  return [...names].sort();
}

/**
 * Replaces every `${{NAME}}` with its value. A placeholder whose variable is missing or empty is an
 * error, except in `allowEmpty` (APP_NAME_SUFFIX may legitimately be empty in production).
 */
export function fillPlaceholders<T>(value: T, variables: Record<string, string>, allowEmpty: readonly string[] = ['APP_NAME_SUFFIX']): T {
  const missing = findPlaceholders(value).filter(
    (name) => variables[name] === undefined || (variables[name] === '' && !allowEmpty.includes(name)),
  );
  if (missing.length > 0) {
    throw new PackageError('missing_variables', 'These variables are missing or empty in the environment files:', missing);
  }
  return mapStrings(value, (s) => s.replace(PLACEHOLDER, (_, name: string) => variables[name])) as T;
}

// ---------------------------------------------------------------- schema validation

const validators = new Map<string, ValidateFunction>();

function validatorFor(manifestVersion: string, schemasDir: string): ValidateFunction {
  const file = path.join(schemasDir, `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
  const cached = validators.get(file);
  if (cached) return cached;
  if (!fs.existsSync(file)) {
    throw new PackageError('invalid_manifest', `No vendored schema for manifestVersion "${manifestVersion}" (looked for ${file}).`);
  }
  // The official schema says draft-04, which Ajv 8 does not ship; it uses nothing whose meaning changed.
  const { $schema: _draft, ...schema } = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  validators.set(file, validate);
  return validate;
}

export type ManifestValidation = { valid: true; errors: [] } | { valid: false; errors: string[] };

/** Validates a filled manifest against the official schema of its own `manifestVersion`. */
export function validateManifest(manifest: unknown, schemasDir: string = SCHEMAS_DIR): ManifestValidation {
  const version = (manifest as { manifestVersion?: unknown } | null)?.manifestVersion;
  if (typeof version !== 'string') return { valid: false, errors: ['/manifestVersion must be a string'] };
  const validate = validatorFor(version, schemasDir);
  if (validate(manifest)) return { valid: true, errors: [] };
  const errors = (validate.errors ?? []).map((e) => {
    const extra = 'additionalProperty' in e.params ? ` "${String(e.params.additionalProperty)}"` : '';
    return `${e.instancePath || '/'} ${e.message ?? 'is invalid'}${extra}`;
  });
  return { valid: false, errors };
}

// ---------------------------------------------------------------- icons

/** Width and height from a PNG's IHDR chunk; throws when the bytes are not a PNG. */
export function readPngSize(png: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (png.length < 24 || !png.subarray(0, 8).equals(signature) || png.toString('ascii', 12, 16) !== 'IHDR') {
    throw new PackageError('invalid_icon', 'Not a PNG file.');
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

// ---------------------------------------------------------------- zip

export interface ZipEntry {
  name: string;
  data: Buffer;
}

// 1980-01-01 00:00, the earliest DOS date: fixed so that the same inputs give the same bytes.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/** A zip archive with every entry deflated (method 8), no extra fields, no comment. */
export function createZip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const compressed = zlib.deflateRawSync(entry.data, { level: 9 });
    const crc = zlib.crc32(entry.data);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x0800, 6); // flags: UTF-8 names
    local.writeUInt16LE(8, 8); // method: deflate
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4); // version made by
    central.writeUInt16LE(20, 6); // version needed
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    // extra length, comment length, disk number, internal attributes: 0
    central.writeUInt32LE(0, 38); // external attributes
    central.writeUInt32LE(offset, 42);

    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const centralDirectory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralDirectory, end]);
}

// ---------------------------------------------------------------- build

export interface BuildAppPackageOptions {
  /** Environment name: reads env/.env.<env>. */
  env: string;
  envDir?: string;
  appPackageDir?: string;
  /** Where the zip goes; default appPackage/build. */
  outDir?: string;
  schemasDir?: string;
  processEnv?: NodeJS.ProcessEnv;
}

export interface BuiltAppPackage {
  zipPath: string;
  /** The filled manifest as written into the zip. */
  manifest: Record<string, unknown>;
  entries: string[];
}

export function buildAppPackage(options: BuildAppPackageOptions): BuiltAppPackage {
  const envDir = options.envDir ?? path.join(REPO_ROOT, 'env');
  const appPackageDir = options.appPackageDir ?? path.join(REPO_ROOT, 'appPackage');
  const outDir = options.outDir ?? path.join(appPackageDir, 'build');

  const variables = loadEnvironment(options.env, { envDir, processEnv: options.processEnv });
  const template = JSON.parse(fs.readFileSync(path.join(appPackageDir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  let manifest: Record<string, unknown>;
  try {
    manifest = fillPlaceholders(template, variables);
  } catch (error) {
    if (error instanceof PackageError && error.code === 'missing_variables') {
      throw new PackageError(
        error.code,
        `These variables are missing or empty in env/.env.${options.env}(.user): run the Agents Toolkit's provision for this environment or fill them in.`,
        error.details,
      );
    }
    throw error;
  }

  const validation = validateManifest(manifest, options.schemasDir);
  if (!validation.valid) {
    throw new PackageError('invalid_manifest', 'The filled manifest does not match the Teams manifest schema:', validation.errors);
  }

  const icons = manifest.icons as { color: string; outline: string };
  const entries: ZipEntry[] = [{ name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8') }];
  for (const kind of ['color', 'outline'] as const) {
    const file = path.join(appPackageDir, icons[kind]);
    if (!fs.existsSync(file)) throw new PackageError('invalid_icon', `The ${kind} icon ${file} does not exist.`);
    const data = fs.readFileSync(file);
    const { width, height } = readPngSize(data);
    const expected = ICON_SIZES[kind];
    if (width !== expected || height !== expected) {
      throw new PackageError('invalid_icon', `The ${kind} icon must be ${expected}×${expected} pixels, not ${width}×${height}.`);
    }
    entries.push({ name: icons[kind].replace(/\\/g, '/'), data });
  }

  fs.mkdirSync(outDir, { recursive: true });
  const zipPath = path.join(outDir, `appPackage.${options.env}.zip`);
  fs.writeFileSync(zipPath, createZip(entries));
  // Same file the Toolkit leaves beside the zip, handy for reviewing the filled values.
  fs.writeFileSync(path.join(outDir, `manifest.${options.env}.json`), entries[0].data);
  return { zipPath, manifest, entries: entries.map((e) => e.name) };
}

/** `--env local`, `--env=local` or `-e local`; default `dev`. */
export function parseArgs(argv: readonly string[]): { env: string } {
  let env = 'dev';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--env' || arg === '-e') env = argv[++i] ?? env;
    else if (arg.startsWith('--env=')) env = arg.slice('--env='.length);
  }
  if (!/^[A-Za-z0-9_-]+$/.test(env)) throw new PackageError('env_file_missing', `Invalid environment name "${env}".`);
  return { env };
}

function main(): void {
  try {
    const { env } = parseArgs(process.argv.slice(2));
    const built = buildAppPackage({ env, processEnv: process.env });
    console.log(path.relative(process.cwd(), built.zipPath) || built.zipPath);
  } catch (error) {
    if (error instanceof PackageError) {
      console.error(`package: ${error.message}`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}

if (require.main === module) main();
