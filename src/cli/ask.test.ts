import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { policyAskAnswerSchema } from '../nlu/policy-ask';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

function ask(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(TSX, [path.join(ROOT, 'src/cli/ask.ts'), ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent' } }, (error, stdout, stderr) => {
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('the ask command', () => {
  it('prints exactly one JSON object in the documented shape, decisive quote first', async () => {
    const { code, stdout, stderr } = await ask(['--pack', 'stockholm', 'får jag använda mitt privata konto']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const answer = policyAskAnswerSchema.parse(JSON.parse(stdout));
    expect(Object.keys(answer).sort()).toEqual(['answers', 'confident', 'pack', 'question', 'silent']);
    expect(answer).toMatchObject({ pack: 'stockholm', question: 'får jag använda mitt privata konto', confident: true, silent: false });
    expect(answer.answers.length).toBeLessThanOrEqual(3);
    expect(answer.answers[0]).toEqual({
      document: 'Policy för Stockholms stads konton i sociala medier',
      section: 'Sociala medier privat och i tjänsten',
      quote: 'Som huvudregel bör stadens medarbetare inte använda sina privata konton för tjänsteuppgifter.',
    });
  });

  it('says in Swedish when the pack is silent, with what the law says', async () => {
    const { code, stdout } = await ask(['--pack', 'nykoping', 'behöver vi bildbeskrivning på bilderna?']);
    expect(code).toBe(0);
    const answer = policyAskAnswerSchema.parse(JSON.parse(stdout));
    expect(answer.silent).toBe(true);
    expect(answer.answers).toEqual([]);
    expect(answer.note).toMatch(/^Nyköpings rutin säger inget om tillgänglighet/);
    expect(answer.note).toContain('lagen (2018:1937)');
  });

  it('answers an off-topic question without confidence', async () => {
    const { code, stdout } = await ask(['--pack', 'nykoping', 'när går sista bussen till Oxelösund?']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ confident: false, silent: false });
  });

  it('exits 2 with the list of packs for an unknown pack, and prints nothing on stdout', async () => {
    const { code, stdout, stderr } = await ask(['--pack', 'uppsala', 'hur snabbt ska vi svara?']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Unknown pack "uppsala". Valid packs: nykoping, stockholm');
  });

  it('exits 2 with the usage when the question is missing', async () => {
    const { code, stdout, stderr } = await ask(['--pack', 'stockholm']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Usage: npm run --silent ask');
  });
});
