import { AccountRegister } from '../../accounts';
import type { BotServices } from '../../bot/services';
import { AccountRequests, ApprovalChannels, ApproverDirectory, readApproversFile } from '../../requests';

/** The repositories the account flows share, one set per bot (services). */
export interface Workflow {
  requests: AccountRequests;
  approvers: ApproverDirectory;
  channels: ApprovalChannels;
  register: AccountRegister;
  /** Resolves when the approvers file (if configured) has been loaded into the approvers table. */
  ready: Promise<void>;
}

const cache = new WeakMap<BotServices, Workflow>();

export function approversFileOf(services: BotServices): string | undefined {
  return services.config.approversFile;
}

export function workflowOf(services: BotServices): Workflow {
  let workflow = cache.get(services);
  if (!workflow) {
    const db = services.database.db;
    const approvers = new ApproverDirectory(db);
    const file = approversFileOf(services);
    const ready = file
      ? readApproversFile(file).then(async (entries) => {
          await approvers.replaceFromFile(entries);
          services.logger.info({ event: 'approvers_loaded', count: entries.length }, 'approvers file loaded');
        })
      : Promise.resolve();
    // A broken file must not take the bot down mid-turn; it is logged, and admins can still set approvers in a channel.
    const settled = ready.catch((error: Error & { code?: string }) => {
      services.logger.error({ event: 'approvers_file_failed', code: error.code, message: error.message }, 'approvers file not loaded');
    });
    workflow = { requests: new AccountRequests(db), approvers, channels: new ApprovalChannels(db), register: new AccountRegister(db), ready: settled };
    cache.set(services, workflow);
  }
  return workflow;
}
