import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import {
  AccountRegister,
  currentReportPeriod,
  exportTokensFor,
  isoDateSchema,
  monthName,
  swedishDate,
  swedishList,
} from '../../accounts';
import { sendCard, sendNotice } from '../../bot/send';
import { packFor, type BotServices } from '../../bot/services';
import { actorOf, tenancyOf } from '../../bot/tenancy';
import type { LoadedPack } from '../../rules';
import { isCommunicationsUnit } from './access';
import { publicBaseUrl } from './public-url';
import { sendMyAccounts } from './list';

const exportSchema = z.object({ from: z.string().trim().max(20).default(''), to: z.string().trim().max(20).default('') });

function reportingText(pack: LoadedPack): string {
  const months = [...(pack.settings.reportingMonths ?? [])].sort((a, b) => a - b).map(monthName);
  if (months.length === 0) return `Välj perioden som rapporten ska gälla.`;
  return `${pack.name} rapporterar nystartade, befintliga och avslutade konton i ${swedishList(months)}. Perioden nedan gäller den senaste rapporten – ändra den om du behöver.`;
}

/** Stockholm time for the "valid until" line; the server may run in UTC. */
function clockTime(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('sv-SE', { hour: '2-digit', minute: '2-digit', timeZone }).format(date);
}

async function allowed(context: TurnContext, services: BotServices): Promise<boolean> {
  if (isCommunicationsUnit(services, actorOf(context))) return true;
  services.logger.warn({ event: 'register_export_refused', reason: 'not_communications_unit' }, 'export refused');
  await sendNotice(context, 'Rapporten är för kommunikationsenheten', 'Här är i stället de konton du själv ansvarar för eller är ersättare för.', 'Warning');
  await sendMyAccounts(context, services);
  return false;
}

export async function sendExportForm(context: TurnContext, services: BotServices, values?: { from: string; to: string }, error = ''): Promise<void> {
  if (!(await allowed(context, services))) return;
  const pack = packFor(services, tenancyOf(context));
  const period = currentReportPeriod(pack.settings.reportingMonths ?? [], services.clock.now());
  await sendCard(context, 'my-accounts.export', {
    ready: false,
    reportingText: reportingText(pack),
    from: values?.from ?? period.from,
    to: values?.to ?? period.to,
    error,
  });
}

export async function createExport(context: TurnContext, services: BotServices, data: unknown): Promise<void> {
  if (!(await allowed(context, services))) return;
  const parsed = exportSchema.safeParse(data);
  const values = parsed.success ? parsed.data : { from: '', to: '' };
  const fromOk = isoDateSchema.safeParse(values.from).success;
  const toOk = isoDateSchema.safeParse(values.to).success;
  if (!fromOk || !toOk) return sendExportForm(context, services, values, 'Välj både ett start- och ett slutdatum.');
  if (values.from > values.to) return sendExportForm(context, services, values, 'Startdatumet ligger efter slutdatumet. Byt plats på dem.');

  const pack = packFor(services, tenancyOf(context));
  const now = services.clock.now();
  const report = await new AccountRegister(services.database.db).report(pack.id, values.from, values.to);
  const tokens = await exportTokensFor(services.database.db);
  const base = publicBaseUrl(services);
  const link = (format: 'xlsx' | 'csv') => `${base}/exports/${tokens.issue({ pack: pack.id, from: values.from, to: values.to, format }, now)}`;
  const counts = { opened: report.opened.length, existing: report.existing.length, closed: report.closed.length };
  await sendCard(context, 'my-accounts.export', {
    ready: true,
    reportingText: `Konton i sociala medier – ${pack.name}`,
    periodText: `${swedishDate(values.from)} – ${swedishDate(values.to)}`,
    // FactSet values must be strings; a number is dropped by the renderer.
    counts: { opened: String(counts.opened), existing: String(counts.existing), closed: String(counts.closed) },
    xlsxUrl: link('xlsx'),
    csvUrl: link('csv'),
    validUntil: clockTime(new Date(now.getTime() + 15 * 60_000), pack.settings.timeZone || 'Europe/Stockholm'),
  });
  services.logger.info({ event: 'register_export_created', pack: pack.id, from: values.from, to: values.to, counts }, 'register export links created');
}
