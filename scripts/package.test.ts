import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildAppPackage,
  createZip,
  fillPlaceholders,
  findPlaceholders,
  loadEnvironment,
  PackageError,
  parseArgs,
  parseEnvFile,
  REPO_ROOT,
} from './package';

interface ReadEntry {
  name: string;
  method: number;
  data: Buffer;
}

/** Reads a zip back through its central directory, inflating and checking each entry's CRC. */
function readZip(zip: Buffer): ReadEntry[] {
  const endOffset = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(endOffset).toBeGreaterThan(0);
  const count = zip.readUInt16LE(endOffset + 10);
  let cursor = zip.readUInt32LE(endOffset + 16);
  const entries: ReadEntry[] = [];
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(cursor)).toBe(0x02014b50);
    const method = zip.readUInt16LE(cursor + 10);
    const crc = zip.readUInt32LE(cursor + 16);
    const compressedSize = zip.readUInt32LE(cursor + 20);
    const size = zip.readUInt32LE(cursor + 24);
    const nameLength = zip.readUInt16LE(cursor + 28);
    const extraLength = zip.readUInt16LE(cursor + 30);
    const commentLength = zip.readUInt16LE(cursor + 32);
    const localOffset = zip.readUInt32LE(cursor + 42);
    const name = zip.toString('utf8', cursor + 46, cursor + 46 + nameLength);

    expect(zip.readUInt32LE(localOffset)).toBe(0x04034b50);
    const localNameLength = zip.readUInt16LE(localOffset + 26);
    const localExtraLength = zip.readUInt16LE(localOffset + 28);
    const start = localOffset + 30 + localNameLength + localExtraLength;
    const raw = zip.subarray(start, start + compressedSize);
    const data = method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw);
    expect(data.length).toBe(size);
    expect(zlib.crc32(data)).toBe(crc);
    entries.push({ name, method, data });
    cursor += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const TEST_IDS = {
  TEAMS_APP_ID: '11111111-2222-4333-8444-555555555555',
  BOT_ID: '66666666-7777-4888-9999-aaaaaaaaaaaa',
  BOT_DOMAIN: 'bot.example.org',
};

let workDir: string;

beforeEach(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-package-'));
});

afterEach(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
});

/** A copy of the committed env/.env.<name> with the provisioned ids filled in, in a temporary folder. */
function envDirWith(name: string, values: Record<string, string>): string {
  const dir = path.join(workDir, 'env');
  fs.mkdirSync(dir, { recursive: true });
  let text = fs.readFileSync(path.join(REPO_ROOT, 'env', `.env.${name}`), 'utf8');
  for (const [key, value] of Object.entries(values)) text = text.replace(new RegExp(`^${key}=.*$`, 'm'), `${key}=${value}`);
  fs.writeFileSync(path.join(dir, `.env.${name}`), text);
  return dir;
}

describe('parseEnvFile', () => {
  it('reads keys and values, skipping comments and blank lines', () => {
    const text = ['# comment', '', 'A=1', 'EMPTY=', 'SPACED = two words  ', 'TRAILING=x # note', 'export E=5'].join('\n');
    expect(parseEnvFile(text)).toEqual({ A: '1', EMPTY: '', SPACED: 'two words', TRAILING: 'x', E: '5' });
  });

  it('keeps quoted values as written, including spaces and hashes', () => {
    expect(parseEnvFile(`S=" dev"\nH='a # b'\nN="x\\ny"`)).toEqual({ S: ' dev', H: 'a # b', N: 'x\ny' });
  });
});

describe('loadEnvironment', () => {
  it('lets the .user file and then the process environment override the committed file', () => {
    const dir = path.join(workDir, 'env');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, '.env.dev'), 'A=file\nB=file\nC=file\n');
    fs.writeFileSync(path.join(dir, '.env.dev.user'), 'B=user\nSECRET_X=s\n');
    const values = loadEnvironment('dev', { envDir: dir, processEnv: { C: 'process', A: '' } });
    expect(values).toMatchObject({ A: 'file', B: 'user', C: 'process', SECRET_X: 's' });
  });

  it('fails with env_file_missing for an unknown environment', () => {
    expect(() => loadEnvironment('nope', { envDir: workDir })).toThrow(expect.objectContaining({ code: 'env_file_missing' }));
  });
});

describe('fillPlaceholders', () => {
  it('replaces placeholders everywhere in a nested value, with or without inner spaces', () => {
    const template = { id: '${{ID}}', list: ['x-${{ B }}-y', 3, true, null], nested: { name: 'App${{SUFFIX}}' } };
    expect(findPlaceholders(template)).toEqual(['B', 'ID', 'SUFFIX']);
    expect(fillPlaceholders(template, { ID: 'one', B: 'two', SUFFIX: '-dev' })).toEqual({
      id: 'one',
      list: ['x-two-y', 3, true, null],
      nested: { name: 'App-dev' },
    });
  });

  it('reports every missing or empty variable by name', () => {
    const attempt = () => fillPlaceholders({ a: '${{A}}', b: '${{B}}', c: '${{C}}' }, { A: '', C: 'ok' });
    expect(attempt).toThrow(PackageError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'missing_variables', details: ['A', 'B'] }));
  });

  it('allows an empty app name suffix, as a production environment has', () => {
    expect(fillPlaceholders({ n: 'App${{APP_NAME_SUFFIX}}' }, { APP_NAME_SUFFIX: '' })).toEqual({ n: 'App' });
  });
});

describe('createZip', () => {
  it('writes entries that read back byte for byte through the central directory', () => {
    const big = Buffer.from('hjälp '.repeat(5000), 'utf8');
    const zip = createZip([
      { name: 'a.txt', data: Buffer.from('hej') },
      { name: 'dir/b.bin', data: big },
      { name: 'empty', data: Buffer.alloc(0) },
    ]);
    const entries = readZip(zip);
    expect(entries.map((e) => e.name)).toEqual(['a.txt', 'dir/b.bin', 'empty']);
    expect(entries.every((e) => e.method === 8)).toBe(true);
    expect(entries[0].data.toString()).toBe('hej');
    expect(entries[1].data.equals(big)).toBe(true);
    expect(entries[2].data.length).toBe(0);
    expect(zip.length).toBeLessThan(big.length / 10);
  });

  it('gives the same bytes for the same input', () => {
    const entries = [{ name: 'manifest.json', data: Buffer.from('{}') }];
    expect(createZip(entries).equals(createZip(entries))).toBe(true);
  });
});

describe('parseArgs', () => {
  it('defaults to dev and accepts --env, --env= and -e', () => {
    expect(parseArgs([])).toEqual({ env: 'dev' });
    expect(parseArgs(['--env', 'local'])).toEqual({ env: 'local' });
    expect(parseArgs(['--env=prod'])).toEqual({ env: 'prod' });
    expect(parseArgs(['-e', 'staging'])).toEqual({ env: 'staging' });
  });

  it('rejects an environment name that could escape the env folder', () => {
    expect(() => parseArgs(['--env', '../secrets'])).toThrow(PackageError);
  });
});

describe('buildAppPackage', () => {
  it('writes appPackage.<env>.zip with the filled manifest and both icons', () => {
    const outDir = path.join(workDir, 'build');
    const built = buildAppPackage({ env: 'dev', envDir: envDirWith('dev', TEST_IDS), outDir, processEnv: {} });

    expect(built.zipPath).toBe(path.join(outDir, 'appPackage.dev.zip'));
    const entries = readZip(fs.readFileSync(built.zipPath));
    expect(entries.map((e) => e.name)).toEqual(['manifest.json', 'color.png', 'outline.png']);

    const manifestText = entries[0].data.toString('utf8');
    expect(manifestText).not.toContain('${{');
    const manifest = JSON.parse(manifestText);
    expect(manifest.id).toBe(TEST_IDS.TEAMS_APP_ID);
    expect(manifest.bots[0].botId).toBe(TEST_IDS.BOT_ID);
    expect(manifest.validDomains).toEqual([TEST_IDS.BOT_DOMAIN]);
    expect(manifest.name.short).toBe('Sociala medier-assistenten-dev');
    expect(manifest.developer.websiteUrl).toMatch(/^https:\/\//);

    expect(entries[1].data.equals(fs.readFileSync(path.join(REPO_ROOT, 'appPackage', 'color.png')))).toBe(true);
    expect(entries[2].data.equals(fs.readFileSync(path.join(REPO_ROOT, 'appPackage', 'outline.png')))).toBe(true);
    expect(fs.readFileSync(path.join(outDir, 'manifest.dev.json'), 'utf8')).toBe(manifestText);
  });

  it('takes ids from the process environment, as in CI', () => {
    const built = buildAppPackage({
      env: 'local',
      envDir: envDirWith('local', {}),
      outDir: path.join(workDir, 'build'),
      processEnv: TEST_IDS,
    });
    expect(built.manifest.id).toBe(TEST_IDS.TEAMS_APP_ID);
    expect((built.manifest.name as { short: string }).short).toBe('Sociala medier-assistenten-lok');
  });

  it('refuses to build before provisioning, naming the empty ids, and writes nothing', () => {
    const outDir = path.join(workDir, 'build');
    const attempt = () => buildAppPackage({ env: 'dev', envDir: envDirWith('dev', { BOT_DOMAIN: 'bot.example.org' }), outDir, processEnv: {} });
    expect(attempt).toThrow(expect.objectContaining({ code: 'missing_variables', details: ['BOT_ID', 'TEAMS_APP_ID'] }));
    expect(fs.existsSync(outDir)).toBe(false);
  });

  it('refuses a manifest that the schema rejects', () => {
    const outDir = path.join(workDir, 'build');
    const attempt = () =>
      buildAppPackage({ env: 'dev', envDir: envDirWith('dev', { ...TEST_IDS, BOT_ID: 'not-a-guid' }), outDir, processEnv: {} });
    expect(attempt).toThrow(expect.objectContaining({ code: 'invalid_manifest' }));
    expect(attempt).toThrow(/\/bots\/0\/botId/);
  });

  it('refuses icons of the wrong size', () => {
    const appPackageDir = path.join(workDir, 'appPackage');
    fs.mkdirSync(appPackageDir);
    for (const file of ['manifest.json', 'outline.png']) fs.copyFileSync(path.join(REPO_ROOT, 'appPackage', file), path.join(appPackageDir, file));
    fs.copyFileSync(path.join(REPO_ROOT, 'appPackage', 'outline.png'), path.join(appPackageDir, 'color.png'));
    const attempt = () =>
      buildAppPackage({ env: 'dev', envDir: envDirWith('dev', TEST_IDS), appPackageDir, outDir: path.join(workDir, 'build'), processEnv: {} });
    expect(attempt).toThrow(expect.objectContaining({ code: 'invalid_icon' }));
    expect(attempt).toThrow(/192×192/);
  });
});
