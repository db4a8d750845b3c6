import { AccountRegister, monthName, swedishDate, type Account } from '../../accounts';
import type { BotServices } from '../../bot/services';
import { renderCard, type AdaptiveCard } from '../../cards/render';
import type { ProactiveActivity, ReminderJob, ReminderRenderer } from '../../reminders';
import { accountView } from '../my-accounts/account-view';
import { outboxRenderers } from '../approvals/outbox';
import { CLOSING_NOTICE_KIND, closingReminderRenderer, CLOSING_REMINDER_KIND } from '../close-account/reminder';
import { GOAL_FOLLOW_UP_KIND, HOLIDAY_PACE_KIND, MISSING_STAND_IN_KIND, PEDAGOGICAL_END_KIND } from './planners';
import { REPORTING_KIND } from './reporting';

function activity(card: AdaptiveCard, summary: string): ProactiveActivity {
  return { type: 'message', summary, attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] };
}

function periodLabel(period: string): string {
  const [year, month] = period.split('-').map(Number);
  return year && month ? `${monthName(month)} ${year}` : period;
}

/** The reporting reminder as the person sees it now: their open accounts in the pack, read at send time. */
export async function reportingCard(services: BotServices, job: Pick<ReminderJob, 'idempotencyKey' | 'payload' | 'target'>): Promise<AdaptiveCard> {
  const person = job.target.type === 'user' ? job.target.aadObjectId : '';
  const pack = String(job.payload.pack ?? '');
  const period = String(job.payload.period ?? '');
  const round = Number(job.payload.round ?? 1);
  const loaded = services.packs.get(pack);
  const packName = loaded?.name ?? '';
  // The pack's own rule that an account no longer used is closed; the reporting round asks about each account.
  const stillUsed = loaded?.settings.reminders.stillUsedQuestion || undefined;
  const accounts = (await new AccountRegister(services.database.db).forPerson(person)).filter((a) => a.pack === pack && a.status !== 'closed');
  const reporting = packName ? `Enligt ${packName} rapporteras kontona till kommunikationsenheten varje rapporteringsmånad.` : '';
  return renderCard('reminder.reporting', {
    title: round > 1 ? 'Påminnelse: bekräfta dina konton' : 'Dags att se över dina konton',
    intro: stillUsed
      ? `Det är rapporteringsmånad (${periodLabel(period)}). Används kontona nedan fortfarande, och stämmer uppgifterna? Används ett konto inte längre trycker du på "Nej – avsluta kontot" vid det, så börjar vi avsluta det. Ska något ändras gör du det här.`
      : `Det är rapporteringsmånad (${periodLabel(period)}). Kontrollera att kontona nedan fortfarande används och att uppgifterna stämmer.` +
        ' Stämmer allt trycker du på "Stämmer – bekräfta". Ska något ändras eller ett konto avslutas gör du det här.',
    accounts: accounts.map((a) => ({ ...accountView(a, person, true), canClose: a.status === 'active', askStillUsed: Boolean(stillUsed) && a.status === 'active' })),
    confirmTitle: stillUsed ? 'Ja, de används och stämmer – bekräfta' : 'Stämmer – bekräfta',
    reminderKey: job.idempotencyKey,
    footnote: stillUsed ? `${reporting} ${stillUsed.section}: ”${stillUsed.quote}”`.trim() : reporting,
  });
}

interface AccountCardData {
  title: string;
  color: string;
  text: string;
  facts: { title: string; value: string }[];
  steps: string[];
  confirmKey: string;
  confirmTitle: string;
  editFor: string;
  closeFor: string;
}

function accountFacts(account: Account) {
  return [
    { title: 'Konto', value: `${account.platform} – ${account.accountName}` },
    { title: 'Verksamhet', value: account.unit },
  ];
}

function accountCardData(kind: string, account: Account, key: string): AccountCardData {
  const base = { facts: accountFacts(account), steps: [] as string[], confirmKey: '', confirmTitle: '', editFor: '', closeFor: '', color: 'Default' };
  const name = `${account.platform} – ${account.accountName}`;
  if (account.status !== 'active') {
    return { ...base, title: 'Inget mer att göra', color: 'Good', text: `${name} är inte längre ett aktivt konto, så påminnelsen gäller inte längre.` };
  }
  if (kind === MISSING_STAND_IN_KIND) {
    const missing = [!account.standIn ? 'en ersättare' : '', account.goals.length === 0 ? 'mätbara mål' : ''].filter(Boolean);
    if (missing.length === 0) return { ...base, title: 'Kontot är komplett', color: 'Good', text: `${name} har nu både ersättare och mål. Tack!` };
    return {
      ...base,
      title: `Kontot saknar ${missing.join(' och ')}`,
      color: 'Warning',
      text: `${name} saknar ${missing.join(' och ')} i kontoregistret. Policyn kräver att varje konto har en ersättare och mål som går att följa upp.`,
      facts: [...base.facts, { title: 'Ersättare', value: account.standIn?.name ?? 'Ingen' }, { title: 'Mål', value: account.goals.join('; ') || 'Inga angivna' }],
      steps: account.standIn ? ['Kontakta kommunikationsenheten för att lägga till mål för kontot.'] : ['Tryck på "Ändra ansvariga" och välj en ersättare.'],
      editFor: account.standIn ? '' : account.id,
    };
  }
  if (kind === PEDAGOGICAL_END_KIND) {
    return {
      ...base,
      title: 'Det pedagogiska kontot når sitt slutdatum',
      color: 'Warning',
      text: `${name} är ett tidsbegränsat pedagogiskt konto med slutdatum ${swedishDate(account.endDate)}. Avsluta det nu, eller berätta att det ska vara kvar längre.`,
      facts: [...base.facts, { title: 'Slutdatum', value: swedishDate(account.endDate) }],
      steps: ['Ska kontot vara kvar? Tryck på "Kontot ska vara kvar" så får kommunikationsenheten veta att slutdatumet behöver flyttas.'],
      confirmKey: key,
      confirmTitle: 'Kontot ska vara kvar',
      closeFor: account.id,
    };
  }
  return {
    ...base,
    title: 'Dags att följa upp kontots mål',
    text: `Det har gått ett år till sedan ${name} startades (${swedishDate(account.openedOn)}). Gå igenom om kontot når sina mål och om det fortfarande behövs.`,
    facts: [...base.facts, { title: 'Mål', value: account.goals.join('; ') || 'Inga angivna' }],
    steps: ['Når kontot inte sina mål? Fundera på om det ska avslutas.'],
    confirmKey: key,
    confirmTitle: 'Målen är uppföljda',
    editFor: '',
    closeFor: account.id,
  };
}

export async function accountReminderCard(services: BotServices, job: Pick<ReminderJob, 'idempotencyKey' | 'payload' | 'kind'>): Promise<AdaptiveCard> {
  const account = await new AccountRegister(services.database.db).get(String(job.payload.accountId ?? ''));
  if (!account) throw new Error('account of the reminder no longer exists');
  return renderCard('reminder.account', accountCardData(job.kind, account, job.idempotencyKey));
}

const SEASON = {
  summer: { title: 'Sommaren närmar sig', period: 'sommaren' },
  christmas: { title: 'Julen närmar sig', period: 'jul och nyår' },
} as const;

/** Before summer and Christmas: announce a lower posting pace on each of the owner's active accounts, as the pack says. */
export async function holidayPaceCard(services: BotServices, job: Pick<ReminderJob, 'idempotencyKey' | 'payload' | 'target'>): Promise<AdaptiveCard> {
  const person = job.target.type === 'user' ? job.target.aadObjectId : '';
  const pack = services.packs.get(String(job.payload.pack ?? ''));
  const season = SEASON[job.payload.season === 'christmas' ? 'christmas' : 'summer'];
  const setting = pack?.settings.reminders.holidayPace || undefined;
  const accounts = (await new AccountRegister(services.database.db).forPerson(person)).filter((a) => a.pack === pack?.id && a.status === 'active' && a.owner.aadObjectId === person);
  const base = { facts: accounts.map((a) => ({ title: 'Konto', value: `${a.platform} – ${a.accountName}` })), editFor: '', closeFor: '' };
  if (accounts.length === 0) {
    return renderCard('reminder.account', { ...base, title: 'Inget mer att göra', color: 'Good', text: 'Du är inte längre ansvarig för något aktivt konto, så påminnelsen gäller inte längre.', steps: [], confirmKey: '', confirmTitle: '' });
  }
  const cited = setting && pack ? ` ${pack.name}, ${setting.source.section}: ”${setting.source.quote}”` : '';
  return renderCard('reminder.account', {
    ...base,
    title: season.title,
    color: 'Accent',
    text: `Ska ${accounts.length > 1 ? 'kontona' : 'kontot'} uppdateras mer sällan under ${season.period}? Det går bra, men det ska meddelas via ett inlägg.${cited}`,
    steps: [
      `Publicera ett inlägg på ${accounts.length > 1 ? 'varje konto' : 'kontot'} om att det uppdateras mer sällan under ${season.period} och när det blir som vanligt igen.`,
      'Skriv gärna var man kan få svar på frågor under tiden.',
    ],
    confirmKey: job.idempotencyKey,
    confirmTitle: 'Inlägget är publicerat',
  });
}

/** One renderer per reminder kind; Swedish text is made here, at send time, from the ids in the job. */
export function reminderRenderers(services: BotServices): Record<string, ReminderRenderer> {
  const account: ReminderRenderer = async (job) => activity(await accountReminderCard(services, job), 'Påminnelse om ett av dina konton');
  return {
    [REPORTING_KIND]: async (job) => activity(await reportingCard(services, job), 'Dags att se över dina konton'),
    [CLOSING_REMINDER_KIND]: closingReminderRenderer(services),
    [CLOSING_NOTICE_KIND]: closingReminderRenderer(services),
    [MISSING_STAND_IN_KIND]: account,
    [PEDAGOGICAL_END_KIND]: account,
    [GOAL_FOLLOW_UP_KIND]: account,
    [HOLIDAY_PACE_KIND]: async (job) => activity(await holidayPaceCard(services, job), 'Berätta om lägre publiceringstakt under ledigheterna'),
    ...outboxRenderers(services),
  };
}
