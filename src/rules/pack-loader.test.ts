import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPack, loadPacks, PackError } from '.';
import { displayPath } from './pack-loader';

const POLICIES = path.resolve(__dirname, '../../policies');
const temps: string[] = [];

/** A copy of the real policies folder, to break on purpose. */
function copyPolicies(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sma-packs-'));
  temps.push(dir);
  for (const id of ['stockholm', 'nykoping']) cpSync(path.join(POLICIES, id), path.join(dir, id), { recursive: true });
  return dir;
}

function editJson(file: string, edit: (data: any) => void): void {
  const data = JSON.parse(readFileSync(file, 'utf8'));
  edit(data);
  writeFileSync(file, JSON.stringify(data, null, 2));
}

async function loadError(dir: string): Promise<PackError> {
  try {
    await loadPacks(dir);
  } catch (error) {
    if (error instanceof PackError) return error;
    throw error;
  }
  throw new Error('expected the packs to be refused');
}

afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('loading policy packs', () => {
  it('loads every pack folder and ignores files it does not know', async () => {
    const dir = copyPolicies();
    writeFileSync(path.join(dir, 'stockholm', 'notes.txt'), 'not part of the pack');
    writeFileSync(path.join(dir, 'README.md'), '# policies');
    const registry = await loadPacks(dir);
    expect(registry.ids().sort()).toEqual(['nykoping', 'stockholm']);
    expect(registry.get('stockholm')!.name).toBe('Stockholms stad');
  });

  it('adds a third municipality by adding a folder', async () => {
    const dir = copyPolicies();
    cpSync(path.join(dir, 'nykoping'), path.join(dir, 'exempelby'), { recursive: true });
    editJson(path.join(dir, 'exempelby', 'pack.json'), (p) => {
      p.id = 'exempelby';
      p.name = 'Exempelby kommun';
      p.settings.answerDeadline = { hours: 48, text: 'inom 48 timmar' };
    });
    const pack = (await loadPacks(dir)).get('exempelby')!;
    expect(pack.name).toBe('Exempelby kommun');
    expect(pack.settings.answerDeadline.hours).toBe(48);
  });

  it('names the file, the rule and the field of an unknown fact', async () => {
    const dir = copyPolicies();
    editJson(path.join(dir, 'stockholm', 'rules', 'publish-image.json'), (f) => {
      f.rules[0].conditions.all[0].fact = 'protectedIdentty';
    });
    const error = await loadError(dir);
    expect(error.code).toBe('pack_invalid');
    expect(error.message).toContain(
      `${displayPath(path.join(dir, 'stockholm', 'rules', 'publish-image.json'))}: rule protected-identity-never-publish: conditions.all[0].fact: unknown fact "protectedIdentty"`,
    );
  });

  it('refuses outcomes, next steps, documents and values that do not exist', async () => {
    const dir = copyPolicies();
    editJson(path.join(dir, 'nykoping', 'rules', 'moderate-post.json'), (f) => {
      f.rules[0].event.params.outcome = 'delete';
      f.rules[1].event.params.actions = ['delete_now'];
      f.rules[2].event.params.source.document = 'policy-2030';
      f.rules[3].conditions.all[0].value = 'case-related';
    });
    const message = (await loadError(dir)).message;
    expect(message).toMatch(/rule child-abuse-material-remove-without-copy: event\.params\.outcome: "delete" is not an outcome of moderate-post/);
    expect(message).toMatch(/rule secret-or-personal-data-remove-immediately: event\.params\.actions\[0\]: unknown action "delete_now"/);
    expect(message).toMatch(/rule inappropriate-post-document-register-delete: event\.params\.source\.document: unknown document "policy-2030"/);
    expect(message).toMatch(/rule case-related-register-and-transfer: conditions\.all\[0\]\.value: value "case-related" is not one of/);
  });

  it('reports schema errors at the field of the rule', async () => {
    const dir = copyPolicies();
    editJson(path.join(dir, 'stockholm', 'rules', 'close-account.json'), (f) => {
      delete f.rules[1].event.params.text;
      f.rules[2].priority = 'high';
    });
    const message = (await loadError(dir)).message;
    expect(message).toMatch(/close-account\.json: rule reason-needed: event\.params\.text: Required/);
    expect(message).toMatch(/close-account\.json: rule referral-needed: priority: Expected number, received string/);
  });

  it('reports a broken pack.json, a missing rule file and invalid JSON', async () => {
    const dir = copyPolicies();
    editJson(path.join(dir, 'stockholm', 'pack.json'), (p) => {
      p.settings.closeNoticeDays = 'two weeks';
    });
    rmSync(path.join(dir, 'nykoping', 'rules', 'register-record.json'));
    writeFileSync(path.join(dir, 'nykoping', 'rules', 'open-account.json'), '{ "decision": ');
    const message = (await loadError(dir)).message;
    expect(message).toMatch(/stockholm[/\\]pack\.json: settings\.closeNoticeDays: Expected number, received string/);
    expect(message).toMatch(/nykoping[/\\]rules[/\\]register-record\.json: missing/);
    expect(message).toMatch(/nykoping[/\\]rules[/\\]open-account\.json: not valid JSON/);
  });

  it('requires the folder name to be the pack id', async () => {
    const dir = copyPolicies();
    editJson(path.join(dir, 'nykoping', 'pack.json'), (p) => {
      p.id = 'nykopings-kommun';
    });
    expect((await loadError(dir)).message).toMatch(/id: "nykopings-kommun" must equal the folder name "nykoping"/);
  });

  it('refuses a rule that cites a law without its paragraph and the quoted text', async () => {
    const dir = copyPolicies();
    editJson(path.join(dir, 'nykoping', 'rules', 'publish-image.json'), (f) => {
      const rule = f.rules.find((r: any) => r.name === 'image-needs-alt-text');
      rule.event.params.source = { document: 'dos-lagen', section: 'Krav på tillgänglig digital service' };
    });
    const message = (await loadError(dir)).message;
    expect(message).toMatch(/rule image-needs-alt-text: event\.params\.source\.section: a rule citing a law names its paragraph/);
    expect(message).toMatch(/rule image-needs-alt-text: event\.params\.source\.quote: a rule citing a law quotes the paragraph/);
  });

  it('cites the accessibility law by paragraph and quotes it in every pack that cites it', async () => {
    const registry = await loadPacks(POLICIES);
    for (const id of registry.ids()) {
      const pack = registry.get(id)!;
      const lawIds = new Set(pack.settings.documents.filter((d) => d.kind === 'law').map((d) => d.id));
      for (const rule of Object.values(pack.rules).flat()) {
        const source = rule.event.params.source;
        if (!lawIds.has(source.document) || rule.name.startsWith('law-')) continue;
        expect(source.section, `${id}/${rule.name}`).toMatch(/\d+ §/);
        expect(source.quote, `${id}/${rule.name}`).toBeTruthy();
      }
    }
  });

  it('versions the rules and settings, not the cases or the policy text', async () => {
    const dir = copyPolicies();
    const before = (await loadPack(path.join(dir, 'stockholm'))).version;
    writeFileSync(path.join(dir, 'stockholm', 'policy-text.md'), '# ändrad text');
    editJson(path.join(dir, 'stockholm', 'cases', 'moderate-post.json'), (f) => {
      f.cases[0].name = 'renamed';
    });
    expect((await loadPack(path.join(dir, 'stockholm'))).version).toBe(before);
    editJson(path.join(dir, 'stockholm', 'pack.json'), (p) => {
      p.settings.closeNoticeDays = 21;
    });
    expect((await loadPack(path.join(dir, 'stockholm'))).version).not.toBe(before);
  });
});
