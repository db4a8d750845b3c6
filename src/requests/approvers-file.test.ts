import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readApproversFile } from './approvers-file';

function file(content: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'approvers-'));
  const name = path.join(dir, 'approvers.json');
  writeFileSync(name, content);
  return name;
}

describe('the approvers file', () => {
  it('reads the entries of an object with an approvers list or of a bare list', async () => {
    const entry = { pack: 'nykoping', unit: 'Kultur', role: 'Verksamhetschef', aadObjectId: 'aad-1', name: 'Megan Bowen' };
    expect(await readApproversFile(file(JSON.stringify({ approvers: [entry] })))).toEqual([entry]);
    expect(await readApproversFile(file(JSON.stringify([{ ...entry, teamsUserId: '29:1' }])))).toEqual([{ ...entry, teamsUserId: '29:1' }]);
  });

  it('names the file and the field that is wrong', async () => {
    const name = file(JSON.stringify({ approvers: [{ pack: 'nykoping', unit: 'Kultur', role: '', aadObjectId: 'x', name: 'y' }] }));
    await expect(readApproversFile(name)).rejects.toMatchObject({ code: 'approvers_file_invalid', message: expect.stringContaining(`${name}: approvers.0.role`) });
    await expect(readApproversFile(file('{ not json'))).rejects.toMatchObject({ code: 'approvers_file_invalid' });
  });
});
