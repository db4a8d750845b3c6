import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fillPlaceholders, findPlaceholders, loadEnvironment, parseEnvFile, REPO_ROOT, SCHEMAS_DIR, validateManifest } from '../scripts/package';

const appPackageDir = path.join(REPO_ROOT, 'appPackage');
const envDir = path.join(REPO_ROOT, 'env');
const template = JSON.parse(fs.readFileSync(path.join(appPackageDir, 'manifest.json'), 'utf8')) as Record<string, any>;

const TEST_IDS = {
  TEAMS_APP_ID: '11111111-2222-4333-8444-555555555555',
  BOT_ID: '66666666-7777-4888-9999-aaaaaaaaaaaa',
  BOT_DOMAIN: 'bot.example.org',
};

function filled(envName = 'dev'): Record<string, any> {
  return fillPlaceholders(template, loadEnvironment(envName, { envDir, processEnv: TEST_IDS }));
}

/** Decodes an 8-bit, non-interlaced RGB or RGBA PNG into RGBA pixels (all five row filters). */
function decodePng(png: Buffer): { width: number; height: number; rgba: Buffer } {
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('ascii', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect(data[8]).toBe(8);
      expect([2, 6]).toContain(data[9]);
      expect(data[12]).toBe(0);
      channels = data[9] === 6 ? 4 : 3;
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x];
      const left = x >= channels ? pixels[y * stride + x - channels] : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const upLeft = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels] : 0;
      const paeth = () => {
        const p = left + up - upLeft;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
        return pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      };
      const predictor = [0, left, up, (left + up) >> 1, filter === 4 ? paeth() : 0][filter];
      pixels[y * stride + x] = (value + predictor) & 0xff;
    }
  }
  const rgba = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    for (let c = 0; c < 3; c++) rgba[i * 4 + c] = pixels[i * channels + c];
    rgba[i * 4 + 3] = channels === 4 ? pixels[i * channels + 3] : 255;
  }
  return { width, height, rgba };
}

describe('the Teams app manifest', () => {
  it('uses a manifest version whose official schema is vendored, and points $schema at it', () => {
    const version = template.manifestVersion as string;
    expect(fs.existsSync(path.join(SCHEMAS_DIR, `v${version}`, 'MicrosoftTeams.schema.json'))).toBe(true);
    expect(template.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`);
  });

  it('is valid against the official schema once filled with test ids and the dev environment', () => {
    expect(validateManifest(filled('dev'))).toEqual({ valid: true, errors: [] });
  });

  it('stays valid with every committed environment that packages the app', () => {
    for (const envName of ['dev', 'local']) {
      const result = validateManifest(filled(envName));
      expect(result.errors, envName).toEqual([]);
    }
  });

  it('is invalid without a bot id', () => {
    const manifest = filled();
    delete manifest.bots[0].botId;
    const result = validateManifest(manifest);
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/botId/);
  });

  it('is invalid when a placeholder was left unfilled', () => {
    const manifest = structuredClone(template);
    const result = validateManifest(manifest);
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/\/id|\/bots\/0\/botId/);
  });

  it('uses only the Toolkit placeholders that the committed env files declare', () => {
    const used = findPlaceholders(template);
    expect(used).toEqual(
      expect.arrayContaining(['TEAMS_APP_ID', 'BOT_ID', 'APP_NAME_SUFFIX', 'BOT_DOMAIN']),
    );
    for (const envName of ['dev', 'local']) {
      const declared = Object.keys(parseEnvFile(fs.readFileSync(path.join(envDir, `.env.${envName}`), 'utf8')));
      expect(used.filter((name) => !declared.includes(name)), envName).toEqual([]);
    }
  });

  it('describes a Swedish bot for personal chats, teams and group chats that does not take files', () => {
    expect(template.localizationInfo.defaultLanguageTag).toBe('sv-SE');
    expect(template.name.short).toBe('Sociala medier-assistenten${{APP_NAME_SUFFIX}}');
    expect(template.description.short).toMatch(/[åäö]/);
    expect(template.bots).toHaveLength(1);
    expect(template.bots[0].scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(template.bots[0].supportsFiles).toBe(false);
  });

  it('lists the Swedish commands for personal chats and for teams', () => {
    const titles = (scope: string) =>
      template.bots[0].commandLists.find((list: { scopes: string[] }) => list.scopes.includes(scope)).commands.map((c: { title: string }) => c.title);
    expect(titles('personal')).toEqual([
      'hjälp',
      'Kan jag publicera en bild?',
      'Hur hanterar jag en kommentar?',
      'Behöver jag diarieföra?',
      'Starta nytt konto',
      'Registrera befintligt konto',
      'Avsluta konto',
      'Mina konton',
      'Fråga om policyn',
    ]);
    expect(titles('team')).toEqual(['Gör till godkännandekanal', 'Kontoregister', 'Rapportering', 'hjälp']);
  });

  it('keeps https developer pages in the environment, not in the manifest', () => {
    for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) expect(template.developer[key]).toMatch(/^\$\{\{DEVELOPER_/);
    const developer = filled().developer;
    for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) expect(developer[key]).toMatch(/^https:\/\//);
  });
});

describe('the app icons', () => {
  it('has a 192×192 opaque colour icon', () => {
    const { width, height, rgba } = decodePng(fs.readFileSync(path.join(appPackageDir, template.icons.color)));
    expect([width, height]).toEqual([192, 192]);
    let notOpaque = 0;
    const colours = new Set<number>();
    for (let i = 0; i < rgba.length; i += 4) {
      if (rgba[i + 3] !== 255) notOpaque++;
      colours.add(rgba.readUInt32BE(i));
    }
    expect(notOpaque).toBe(0);
    expect(colours.size).toBeGreaterThan(2);
  });

  it('has a 32×32 outline icon that is white on transparent', () => {
    const { width, height, rgba } = decodePng(fs.readFileSync(path.join(appPackageDir, template.icons.outline)));
    expect([width, height]).toEqual([32, 32]);
    let opaque = 0;
    let transparent = 0;
    for (let i = 0; i < rgba.length; i += 4) {
      const alpha = rgba[i + 3];
      if (alpha === 0) transparent++;
      else expect([rgba[i], rgba[i + 1], rgba[i + 2]]).toEqual([255, 255, 255]);
      if (alpha === 255) opaque++;
    }
    expect(opaque).toBeGreaterThan(50);
    expect(transparent).toBeGreaterThan(width * height * 0.4);
  });
});

describe('the Agents Toolkit project files', () => {
  const read = (file: string) => fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
  const referenced = (text: string) => [...new Set([...text.matchAll(/\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g)].map((m) => m[1]))];

  it.each([
    ['m365agents.yml', 'dev'],
    ['m365agents.local.yml', 'local'],
  ])('%s only references variables that env/.env.%s declares or a secret file holds', (file, envName) => {
    const text = read(file);
    expect(text).toMatch(/^version: v1\.\d+$/m);
    expect(text).toContain('messagingEndpoint: ${{BOT_ENDPOINT}}/api/messages');
    const declared = Object.keys(parseEnvFile(read(`env/.env.${envName}`)));
    const undeclared = referenced(text).filter((name) => !declared.includes(name) && !name.startsWith('SECRET_'));
    expect(undeclared).toEqual([]);
  });

  it('gives the locally debugged bot its id and password through .localConfigs', () => {
    const text = read('m365agents.local.yml');
    expect(text).toContain('target: ./.localConfigs');
    expect(text).toContain('BOT_ID: ${{BOT_ID}}');
    expect(text).toContain('BOT_PASSWORD: ${{SECRET_BOT_PASSWORD}}');
  });

  it('commits no secrets in the env files', () => {
    for (const file of fs.readdirSync(envDir).filter((f) => !f.endsWith('.user'))) {
      const values = parseEnvFile(fs.readFileSync(path.join(envDir, file), 'utf8'));
      for (const [name, value] of Object.entries(values)) {
        if (/SECRET|PASSWORD|KEY/i.test(name)) expect(value, `${file} ${name}`).toBe('');
      }
    }
  });
});
