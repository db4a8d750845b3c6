import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationReferences, type ConversationReferenceData } from './conversation-references';
import { testDatabases } from '../../tests/helpers/databases';

function personal(n: number, extra: Partial<ConversationReferenceData> = {}): ConversationReferenceData {
  return {
    conversation: { id: `a:personal-${n}`, conversationType: 'personal', tenantId: 'tenant-1' },
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    channelId: 'msteams',
    bot: { id: '28:bot', name: 'Sociala medier-assistenten' },
    user: { id: `29:user-${n}`, aadObjectId: `aad-${n}` },
    ...extra,
  };
}

describe.each(testDatabases())('conversation references on $name', ({ open }) => {
  let close: () => Promise<void>;
  let refs: ConversationReferences;

  beforeAll(async () => {
    const database = await open();
    close = () => database.close();
    refs = new ConversationReferences(database.db);
  });
  afterAll(() => close());

  it('finds the personal chat of a user after it was saved', async () => {
    const saved = await refs.save(personal(1));
    const found = await refs.personalFor('aad-1');
    expect(found?.id).toBe(saved.id);
    expect(found?.reference.conversation.id).toBe('a:personal-1');
    expect(found?.tenantId).toBe('tenant-1');
  });

  it('keeps ids only and drops display names and the activity id', async () => {
    const input = personal(2, { activityId: 'act-1' });
    (input.user as Record<string, unknown>).name = 'Alex Wilber';
    (input.conversation as Record<string, unknown>).name = 'Privat';
    const saved = await refs.save(input);
    expect(JSON.stringify(saved.reference)).not.toContain('Alex');
    expect(JSON.stringify(saved.reference)).not.toContain('Privat');
    expect(saved.reference.activityId).toBeUndefined();
    expect(saved.reference.user).toEqual({ id: '29:user-2', aadObjectId: 'aad-2' });
  });

  it('upserts by conversation id instead of adding a second row', async () => {
    const first = await refs.save(personal(3));
    const second = await refs.save(personal(3, { serviceUrl: 'https://smba.trafficmanager.net/new/' }));
    expect(second.id).toBe(first.id);
    expect((await refs.byConversationId('a:personal-3'))?.serviceUrl).toBe('https://smba.trafficmanager.net/new/');
  });

  it('stops returning a reference marked dead until it is saved again', async () => {
    const saved = await refs.save(personal(4));
    await refs.markDead(saved.id, '403');
    expect(await refs.personalFor('aad-4')).toBeUndefined();
    const dead = await refs.byConversationId('a:personal-4');
    expect(dead?.deadReason).toBe('403');
    expect(dead?.deadAt).toBeInstanceOf(Date);
    await refs.save(personal(4));
    expect((await refs.personalFor('aad-4'))?.deadAt).toBeNull();
  });

  it('looks a channel up by its Teams channel id and posts to the channel, not to an old thread', async () => {
    const channelId = '19:abc@thread.tacv2';
    await refs.save(
      {
        conversation: { id: `${channelId};messageid=1700000000000`, conversationType: 'channel', tenantId: 'tenant-1' },
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        channelId: 'msteams',
        bot: { id: '28:bot' },
        user: { id: '29:user-9', aadObjectId: 'aad-9' },
        activityId: '1700000000000',
      },
      { teamId: '19:team@thread.tacv2', teamsChannelId: channelId },
    );
    const found = await refs.channel(channelId);
    expect(found?.conversationId).toBe(channelId);
    expect(found?.teamId).toBe('19:team@thread.tacv2');
    expect(found?.reference.activityId).toBeUndefined();
    // A channel conversation is never anybody's personal chat.
    expect(await refs.personalFor('aad-9')).toBeUndefined();
  });

  it('looks many users and conversations up in one go, leaving out the unknown and the dead', async () => {
    await refs.save(personal(10));
    await refs.save(personal(11));
    const dead = await refs.save(personal(12));
    await refs.markDead(dead.id, '404');
    const users = await refs.personalForMany(['aad-10', 'aad-11', 'aad-12', 'nobody']);
    expect([...users.keys()].sort()).toEqual(['aad-10', 'aad-11']);
    expect(users.get('aad-10')?.conversationId).toBe('a:personal-10');
    const conversations = await refs.byConversationIds(['a:personal-10', 'a:personal-12', 'nothing']);
    expect([...conversations.keys()].sort()).toEqual(['a:personal-10', 'a:personal-12']);
    expect(conversations.get('a:personal-12')?.deadReason).toBe('404');
    expect((await refs.personalForMany([])).size).toBe(0);
  });

  it('returns nothing for unknown users, conversations and channels', async () => {
    expect(await refs.personalFor('nobody')).toBeUndefined();
    expect(await refs.byConversationId('nothing')).toBeUndefined();
    expect(await refs.channel('19:none@thread.tacv2')).toBeUndefined();
  });
});
