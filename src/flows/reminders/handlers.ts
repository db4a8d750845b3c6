import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { AccountRegister, monthName } from '../../accounts';
import { cardActivity, sendCard, sendNotice } from '../../bot/send';
import { packFor, type BotServices } from '../../bot/services';
import { actorOf, tenancyOf } from '../../bot/tenancy';
import { renderCard } from '../../cards/render';
import { Campaigns, ReminderJobs } from '../../reminders';
import { PEDAGOGICAL_END_KIND } from './planners';
import { campaignProgress, confirmReporting, currentPeriod, latestCampaignId, remindOutstanding, reportingCampaignId, REPORTING_KIND, startReporting } from './reporting';
import { reportingPeople, splitReachable } from './people';

// Not `key`: the Playground's Web Chat cannot submit a card whose data has a field of that name.
export const confirmSchema = z.object({ reminderKey: z.string().min(1).max(400) });
export const campaignSchema = z.object({ campaignId: z.string().min(1).max(200) });

/** The communications unit and admins run reporting campaigns (configuration, never card data). */
export function mayRunCampaigns(services: BotServices, aadObjectId: string): boolean {
  return services.config.communicationsUnitUsers.includes(aadObjectId) || services.config.adminUsers.includes(aadObjectId);
}

/** "Stämmer – bekräfta" (and the confirm buttons of the other reminders). Only the person reminded can confirm. */
export async function onConfirm(context: TurnContext, services: BotServices, data: unknown): Promise<void> {
  const parsed = confirmSchema.safeParse(data);
  const actor = actorOf(context);
  const jobs = new ReminderJobs(services.database.db);
  const job = parsed.success ? await jobs.byKey(parsed.data.reminderKey) : undefined;
  if (!job || job.target.type !== 'user' || job.target.aadObjectId !== actor) {
    services.logger.warn({ event: 'reminder_confirm_refused', found: Boolean(job) }, 'reminder confirm refused');
    return sendNotice(context, 'Jag hittar inte den påminnelsen', 'Kortet kan vara gammalt, eller skickat till någon annan. Inget har sparats.', 'Warning');
  }
  const now = services.clock.now();
  const already = job.confirmedAt !== null;
  const confirmed = job.kind === REPORTING_KIND && job.campaignId ? await confirmReporting(services.database.db, job.campaignId, actor, now) : await jobs.confirm(job.idempotencyKey, now);
  services.logger.info({ event: 'reminder_confirmed', jobId: job.id, kind: job.kind, changed: confirmed }, 'reminder confirmed');
  if (!confirmed && already) return sendNotice(context, 'Redan bekräftat', 'Du har redan bekräftat den här påminnelsen. Tack!', 'Good');
  if (job.kind === PEDAGOGICAL_END_KIND) {
    await tellCommunicationsUnit(services, 'Ett pedagogiskt konto ska vara kvar', await accountText(services, job.payload.accountId, 'ska vara kvar efter sitt slutdatum. Flytta slutdatumet i registret.'));
    return sendNotice(context, 'Tack, kommunikationsenheten får veta', 'Kontot ligger kvar. Kommunikationsenheten flyttar slutdatumet i registret.', 'Good');
  }
  if (job.kind === REPORTING_KIND) {
    return sendNotice(context, 'Tack! Dina konton är bekräftade', 'Jag har noterat att dina konton används och att uppgifterna stämmer. Du behöver inte göra något mer den här rapporteringsmånaden.', 'Good');
  }
  return sendNotice(context, 'Tack! Påminnelsen är bekräftad', 'Jag har noterat det. Du får en ny påminnelse nästa gång det är dags.', 'Good');
}

async function accountText(services: BotServices, accountId: unknown, rest: string): Promise<string> {
  const account = await new AccountRegister(services.database.db).get(String(accountId ?? ''));
  return account ? `${account.platform} – ${account.accountName} ${rest}` : `Ett konto ${rest}`;
}

/** A short notice to every member of the communications unit, in their personal chat with the bot. */
export async function tellCommunicationsUnit(services: BotServices, title: string, text: string): Promise<number> {
  let told = 0;
  for (const person of services.config.communicationsUnitUsers) {
    try {
      const outcome = await services.notifier.sendToUser(person, cardActivity(renderCard('notice', { title, text, color: 'Warning' })));
      if (outcome.status === 'delivered') told++;
      else services.logger.warn({ event: 'communications_unit_notice_failed', outcome: outcome.status }, 'could not tell the communications unit');
    } catch (error) {
      services.logger.warn({ event: 'communications_unit_notice_failed', err: (error as Error).message }, 'could not tell the communications unit');
    }
  }
  return told;
}

function periodLabel(period: string): string {
  const [year, month] = period.split('-').map(Number);
  return year && month ? `${monthName(month)} ${year}` : period;
}

/** The communications unit's "Rapportering" card: the pack's latest reporting campaign and what is left to do. */
export async function sendCampaignCard(context: TurnContext, services: BotServices, note = ''): Promise<void> {
  if (!(await guard(context, services))) return;
  const db = services.database.db;
  const pack = packFor(services, tenancyOf(context));
  const period = currentPeriod(pack, services.clock.now());
  const id = await latestCampaignId(db, pack.id);
  const campaign = id ? await new Campaigns(db).get(id) : undefined;
  const people = await reportingPeople(db, pack.id);
  const { unreachable } = await splitReachable(db, people);
  const months = pack.settings.reportingMonths.map(monthName);
  const schedule = months.length > 0 ? `${pack.name} rapporterar i ${months.join(' och ')}.` : `${pack.name} har inga rapporteringsmånader.`;
  const missing = unreachable.length > 0 ? ` ${unreachable.length} av ${people.length} ansvariga och ersättare har ännu ingen chatt med mig och får påminnelsen när de öppnar den.` : '';
  if (!campaign) {
    return sendCard(context, 'reminder.campaign', {
      intro: `${schedule} Ingen rapportering har startats ännu.${missing}`,
      hasCampaign: false,
      canRemind: false,
      canStart: true,
      campaignId: '',
      note,
      sent: '0',
      confirmed: '0',
      outstanding: '0',
      failed: '0',
    });
  }
  const progress = await campaignProgress(db, campaign.id);
  await sendCard(context, 'reminder.campaign', {
    intro: `Rapporteringen för ${periodLabel(campaign.period ?? '')}. ${schedule}${missing}`,
    hasCampaign: true,
    canRemind: progress.remindable.length > 0,
    canStart: campaign.id !== reportingCampaignId(pack.id, period),
    campaignId: campaign.id,
    // Text blocks need strings: a number would leave the block empty.
    sent: String(progress.sent),
    confirmed: String(progress.confirmed),
    outstanding: String(progress.outstanding),
    failed: String(progress.failed),
    note,
  });
}

export async function onRemindAgain(context: TurnContext, services: BotServices, data: unknown): Promise<void> {
  if (!(await guard(context, services))) return;
  const parsed = campaignSchema.safeParse(data);
  const pack = packFor(services, tenancyOf(context));
  // The campaign must be one of this conversation's pack: a card from elsewhere cannot remind another pack's people.
  const campaign = parsed.success ? await new Campaigns(services.database.db).get(parsed.data.campaignId) : undefined;
  if (!campaign || campaign.pack !== pack.id || campaign.kind !== REPORTING_KIND) {
    return sendNotice(context, 'Jag hittar inte den rapporteringen', 'Kortet kan vara gammalt. Skriv "Rapportering" för att se läget nu.', 'Warning');
  }
  const added = await remindOutstanding(services.database.db, campaign.id, services.clock.now());
  services.logger.info({ event: 'reporting_reminded_again', campaignId: campaign.id, added }, 'outstanding people reminded again');
  await sendCampaignCard(context, services, added > 0 ? `${added} nya påminnelser är på väg.` : 'Alla som inte svarat har redan en påminnelse på väg.');
}

export async function onStartNow(context: TurnContext, services: BotServices): Promise<void> {
  if (!(await guard(context, services))) return;
  const pack = packFor(services, tenancyOf(context));
  const now = services.clock.now();
  const started = await startReporting(services.database.db, { pack: pack.id, period: currentPeriod(pack, now), startedBy: actorOf(context), now });
  services.logger.info({ event: 'reporting_started', campaignId: started.campaignId, enqueued: started.enqueued }, 'reporting campaign started');
  await sendCampaignCard(context, services, `Rapporteringen är startad: ${started.enqueued} påminnelser är på väg.`);
}

async function guard(context: TurnContext, services: BotServices): Promise<boolean> {
  if (mayRunCampaigns(services, actorOf(context))) return true;
  services.logger.warn({ event: 'reporting_refused' }, 'reporting card refused');
  await sendNotice(context, 'Rapporteringen sköts av kommunikationsenheten', 'Bara kommunikationsenheten och administratörer kan se och starta rapporteringen. Dina egna konton ser du under "Mina konton".', 'Warning');
  return false;
}
