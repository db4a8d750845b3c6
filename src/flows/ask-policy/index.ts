import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { VERBS } from '../../cards/verbs';
import { sendCard } from '../../bot/send';
import { packFor, type BotServices } from '../../bot/services';
import { askPolicy, splitSilenceNote } from '../../nlu';
import { tenancyOf } from '../../bot/tenancy';
import type { FlowDefinition } from '../types';
import { refusedFields, SECRET_REFUSED } from '../../cards/submit-guard';

const MAX_QUESTION = 500;

const submitSchema = z.object({
  verb: z.literal(VERBS.askPolicy),
  question: z.string().trim().min(3).max(MAX_QUESTION),
});

async function answer(context: TurnContext, services: BotServices, question: string): Promise<void> {
  const pack = packFor(services, tenancyOf(context));
  const result = askPolicy(services.policySearch, pack.id, question);
  const answers = result.answers.map((answer) => ({ ...answer, url: answer.url ?? '' }));
  const { statement, more } = splitSilenceNote(result.note ?? '');
  await sendCard(context, 'ask-policy.answer', { packName: pack.name, confident: result.confident, silent: result.silent, statement, more, answers });
  services.logger.info(
    { event: 'policy_question', pack: pack.id, confident: result.confident, silent: result.silent, hits: answers.length },
    'policy question answered',
  );
}

async function askForQuestion(context: TurnContext, services: BotServices, question = '', error = ''): Promise<void> {
  const pack = packFor(services, tenancyOf(context));
  await sendCard(context, 'ask-policy.question', { packName: pack.name, question, error });
}

export const askPolicyFlow: FlowDefinition = {
  id: 'ask-policy',
  intent: 'ask_policy',
  title: 'Fråga om policyn',
  description: 'Ställ en egen fråga och få svar med citat ur policyn.',
  button: 'Fråga',
  scope: 'everywhere',
  async start(context, _state, services, input) {
    const question = input.text?.trim();
    if (question) await answer(context, services, question.slice(0, MAX_QUESTION));
    else await askForQuestion(context, services);
  },
  register(app, services) {
    app.adaptiveCards.actionSubmit(VERBS.askPolicy, async (context, _state, data) => {
      const parsed = submitSchema.safeParse(data);
      if (refusedFields(context).has('question')) return askForQuestion(context, services, '', SECRET_REFUSED);
      if (!parsed.success) {
        const raw = typeof (data as { question?: unknown }).question === 'string' ? (data as { question: string }).question : '';
        const error = raw.trim().length > MAX_QUESTION ? `Frågan får vara högst ${MAX_QUESTION} tecken.` : 'Skriv en fråga på minst några ord.';
        await askForQuestion(context, services, raw.slice(0, MAX_QUESTION), error);
        return;
      }
      await answer(context, services, parsed.data.question);
    });
  },
};
