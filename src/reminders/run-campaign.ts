import type { Campaigns, CampaignStatus, StartCampaign } from './campaigns';
import type { JobSpec } from './jobs';
import type { ProgressBar } from './progress-bar';
import type { ReminderWorker } from './worker';

export interface RunCampaignOptions {
  campaigns: Campaigns;
  worker: ReminderWorker;
  start: StartCampaign;
  specs: JobSpec[];
  /** Redrawn while the campaign runs. */
  progress?: (total: number) => ProgressBar;
  /** How often the progress is read from the database. */
  refreshMs?: number;
}

/** Short Swedish status line for the admin's terminal. */
export function campaignDetail(status: CampaignStatus): string {
  const c = status.counts;
  return `skickade ${c.sent} · väntar ${c.pending + c.sending} · misslyckades ${c.failed} · når inte fram ${c.dead}`;
}

/**
 * What `npm run reminders:run -- --campaign …` does once it knows whom to remind: start (or resume) the campaign,
 * send until none of its jobs is left, and show progress. Running it again after a crash picks up where it stopped.
 */
export async function runCampaign(options: RunCampaignOptions): Promise<CampaignStatus> {
  const { campaign } = await options.campaigns.start(options.start, options.specs);
  let status = (await options.campaigns.status(campaign.id))!;
  const bar = options.progress?.(status.counts.total);
  const refresh = async () => {
    status = (await options.campaigns.status(campaign.id)) ?? status;
    bar?.update(status.done, campaignDetail(status));
  };
  await refresh();
  const timer = setInterval(() => void refresh().catch(() => undefined), options.refreshMs ?? 500);
  try {
    await options.worker.drain({ campaignId: campaign.id });
  } finally {
    clearInterval(timer);
  }
  await refresh();
  bar?.finish(campaignDetail(status));
  return status;
}
