import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { ApproverInput } from './approvers';
import { RequestError } from './errors';

const entrySchema = z.object({
  pack: z.string().min(1),
  unit: z.string().min(1),
  role: z.string().min(1),
  aadObjectId: z.string().min(1),
  name: z.string().min(1),
  teamsUserId: z.string().min(1).optional(),
});

/** `APPROVERS_FILE`: `{ "approvers": [ { pack, unit, role, aadObjectId, name, teamsUserId? } ] }` or the bare array. */
export const approversFileSchema = z.union([z.object({ approvers: z.array(entrySchema) }), z.array(entrySchema)]);

export type ApproverFileEntry = ApproverInput & { pack: string; unit: string };

export async function readApproversFile(file: string): Promise<ApproverFileEntry[]> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new RequestError('approvers_file_invalid', `${file}: cannot read JSON: ${(error as Error).message}`, { cause: error });
  }
  const parsed = approversFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RequestError('approvers_file_invalid', `${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return Array.isArray(parsed.data) ? parsed.data : parsed.data.approvers;
}
