import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Person } from '../../requests';

export interface Member extends Person {
  /** The Teams user id (29:…), needed for cards' refresh.userIds. */
  teamsUserId: string;
}

const MAX_MEMBERS = 200;

/** The members of the conversation (channel or team), or undefined when Teams (or the emulator) cannot list them. */
export async function conversationMembers(context: TurnContext): Promise<Member[] | undefined> {
  try {
    const members: Member[] = [];
    let token: string | undefined;
    do {
      const page = await TeamsInfo.getPagedMembers(context, 100, token);
      for (const m of page.members) if (m.aadObjectId && m.name) members.push({ aadObjectId: m.aadObjectId, name: m.name, teamsUserId: m.id });
      token = page.continuationToken;
    } while (token && members.length < MAX_MEMBERS);
    return members.sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  } catch {
    return undefined;
  }
}
