import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardActions, cardText, createTestBot, submit, type TestBot } from '../../../tests/helpers/test-bot';
import { AccountRequests, ApproverDirectory } from '../../requests';
import { as, CHANNEL, people, UNIT } from '../approvals/testing';

const CHIEF = 'Verksamhetschef';

describe('admin commands in a channel', () => {
  let testBot: TestBot;

  beforeAll(async () => {
    testBot = await createTestBot({ ADMIN_USERS: people.admin.aadObjectId, ORG_UNITS: `${UNIT},Socialförvaltningen`, DEFAULT_PACK: 'nykoping' });
  });
  afterAll(() => testBot.close());

  it('asks for the unit on a card when none is named, and saves the choice', async () => {
    const admin = as(testBot.conversation, people.admin, { channel: true });
    await admin
      .send('godkännandekanal')
      .assertReply((reply) => {
        expect(cardText(reply)).toContain('Välj vilken verksamhets ansökningar');
        expect(JSON.stringify(reply.attachments?.[0]?.content)).toContain(`"value":"${UNIT}"`);
        expect(cardActions(reply)['Spara']).toEqual({ verb: 'admin.setChannel' });
      })
      .startTest();
    await admin
      .send(submit({ verb: 'admin.setChannel', unit: 'Socialförvaltningen' }))
      .assertReply((reply) => expect(cardText(reply)).toContain('för Socialförvaltningen visas nu i den här kanalen'))
      .startTest();
  });

  it('explains an unknown unit and that the command belongs in a channel', async () => {
    await as(testBot.conversation, people.admin, { channel: true })
      .send('godkännandekanal Månförvaltningen')
      .assertReply((reply) => expect(cardText(reply)).toContain('Jag känner inte till verksamheten "Månförvaltningen"'))
      .startTest();
    await as(testBot.conversation, people.admin)
      .send('godkännandekanal Socialförvaltningen')
      .assertReply((reply) => expect(cardText(reply)).toContain('Det här görs i en kanal'))
      .startTest();
  });

  it('posts the requests that were waiting for an approval channel when one is set', async () => {
    const requests = new AccountRequests(testBot.bot.services.database.db);
    await requests.create(
      { kind: 'open', pack: 'nykoping', unit: UNIT, requester: { aadObjectId: people.alex.aadObjectId, name: people.alex.name }, requiredRoles: [CHIEF, 'Kommunikatör'], facts: {}, details: { platform: 'Instagram', accountName: 'Väntande' } },
      people.alex.aadObjectId,
    );
    await as(testBot.conversation, people.admin, { channel: true })
      .send(`godkännandekanal ${UNIT}`)
      .assertReply((reply) => expect(cardText(reply)).toContain('Inga godkännare är valda ännu'))
      .startTest();
    const posted = testBot.notifications.filter((n) => n.to.conversation === CHANNEL);
    expect(posted).toHaveLength(1);
    expect(cardText(posted[0].activity)).toContain('Ansökan om nytt konto: Instagram – Väntande');
  });

  it('names approvers by their Azure AD id when Teams cannot list the channel members', async () => {
    const admin = as(testBot.conversation, people.admin, { channel: true });
    await admin
      .send('godkännare')
      .assertReply((reply) => expect(cardText(reply)).toContain('Vilken verksamhet?'))
      .startTest();
    await admin
      .send(`godkännare ${UNIT}`)
      .assertReply((reply) => {
        const text = cardText(reply);
        expect(text).toContain(`Godkännare för ${UNIT}`);
        expect(text).toContain('Jag kan inte läsa kanalens medlemmar här');
        expect(text).toContain('Verksamhetschef och Kommunikatör');
      })
      .startTest();
    await admin
      .send(submit({ verb: 'admin.saveApprovers', unit: UNIT, manualName: 'Megan Bowen', manualAad: 'not an id', manualRole: CHIEF }))
      .assertReply((reply) => expect(cardText(reply)).toContain('Fyll i namn, ett giltigt Azure AD-objekt-id och en roll.'))
      .startTest();
    const aad = '00000000-0000-4000-8000-000000000021';
    await admin
      .send(submit({ verb: 'admin.saveApprovers', unit: UNIT, manualName: 'Megan Bowen', manualAad: aad, manualRole: CHIEF }))
      .assertReply((reply) => {
        const text = cardText(reply);
        expect(text).toContain('Godkännare sparade');
        expect(text).toContain('Megan Bowen');
        expect(text).toContain('Ingen har rollen Kommunikatör ännu');
      })
      .startTest();
    expect(await new ApproverDirectory(testBot.bot.services.database.db).rolesOf('nykoping', UNIT, aad)).toEqual([CHIEF]);
  });

  it('refuses the approver card to someone who is not an admin', async () => {
    await as(testBot.conversation, people.lee, { channel: true })
      .send(submit({ verb: 'admin.saveApprovers', unit: UNIT, manualName: 'Lee Gu', manualAad: '00000000-0000-4000-8000-000000000023', manualRole: CHIEF }))
      .assertReply((reply) => expect(cardText(reply)).toContain('Bara administratörer kan göra det här'))
      .startTest();
    expect(await new ApproverDirectory(testBot.bot.services.database.db).rolesOf('nykoping', UNIT, '00000000-0000-4000-8000-000000000023')).toEqual([]);
  });
});
