import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardActions, cardText, createTestBot, submit, type TestBot } from '../../../tests/helpers/test-bot';
import { AccountRegister } from '../../accounts';
import { ApproverDirectory } from '../../requests';
import { as, people, stockholmForm, UNIT } from '../approvals/testing';

describe('registering an account that already exists', () => {
  let testBot: TestBot;

  beforeAll(async () => {
    testBot = await createTestBot({ ORG_UNITS: UNIT });
    await new ApproverDirectory(testBot.bot.services.database.db).add('stockholm', UNIT, { ...people.megan, role: 'Förvaltnings- eller bolagsdirektör (eller delegerad beslutsnivå)' }, 'test');
  });
  afterAll(() => testBot.close());

  it('uses the same form with the start date and registers after the completeness check, without approval', async () => {
    const alex = as(testBot.conversation, people.alex);
    await alex
      .send(submit({ verb: 'menu.openFlow', flow: 'register-account' }))
      .assertReply((reply) => {
        expect(cardText(reply)).toContain('Registrera befintligt konto');
        expect(cardText(reply)).toContain('När startades kontot?');
        expect(cardActions(reply)['Förhandsgranska']).toEqual({ verb: 'account.preview', mode: 'existing' });
      })
      .startTest();
    await alex
      .send(submit({ verb: 'account.preview', mode: 'existing', ...stockholmForm(people.alex.aadObjectId, ''), openedOn: '2018-03-01' }))
      .assertReply((reply) => expect(cardText(reply)).toContain('Utse en ersättare'))
      .startTest();
    let submitData: Record<string, unknown> = {};
    await alex
      .send(submit({ verb: 'account.preview', mode: 'existing', ...stockholmForm(people.alex.aadObjectId, people.megan.aadObjectId), openedOn: '2018-03-01' }))
      .assertReply((reply) => {
        expect(cardText(reply)).toContain('Befintliga konton registreras direkt, utan nytt beslut.');
        submitData = cardActions(reply)['Registrera kontot'];
      })
      .startTest();
    await alex.send(submit(submitData)).assertReply((reply) => expect(cardText(reply)).toContain('Kontot är registrerat')).startTest();
    await alex.send(submit(submitData)).assertReply((reply) => expect(cardText(reply)).toContain('redan')).startTest();

    const accounts = await new AccountRegister(testBot.bot.services.database.db).forPerson(people.alex.aadObjectId);
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ registeredVia: 'existing', openedOn: '2018-03-01', standIn: { name: 'Megan Bowen' } });
    expect(testBot.notifications.filter((n) => n.to.conversation)).toHaveLength(0);
  });

  it('says so when a preview is no longer current', async () => {
    await as(testBot.conversation, { ...people.lee })
      .send(submit({ verb: 'account.submit', mode: 'existing', submissionId: 'not-a-real-one' }))
      .assertReply((reply) => expect(cardText(reply)).toContain('Förhandsgranskningen är inte längre aktuell'))
      .startTest();
  });
});
