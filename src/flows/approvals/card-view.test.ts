import { describe, expect, it } from 'vitest';
import type { AccountRequest, Approver, ApprovalAnswer } from '../../requests';
import { approvalCard, pendingApprovers } from './card-view';

const request: AccountRequest = {
  id: 'req-12345678',
  kind: 'open',
  pack: 'nykoping',
  unit: 'Kulturförvaltningen',
  requester: { aadObjectId: 'aad-alex', name: 'Alex Wilber' },
  status: 'pending',
  round: 1,
  requiredRoles: ['Verksamhetschef', 'Kommunikatör'],
  facts: { linkedToPlan: true, goalsMeasurable: true, monitoringDaily: true, basicInfo: ['contact_details'], credentialsLocation: 'Valvet' },
  details: { platform: 'Instagram', accountName: 'Kulturskolan', accountType: 'official', purpose: 'Visa elevkonserter', goals: ['500 följare'], audiences: ['elever'], owner: { aadObjectId: 'aad-alex', name: 'Alex Wilber' }, standIn: null },
  accountId: null,
  decisionId: 'dec-abcdef12-3456',
  closingOn: null,
  channelConversationId: null,
  cardActivityId: null,
  version: 1,
  createdAt: '2026-02-02T09:00:00.000Z',
  updatedAt: '2026-02-02T09:00:00.000Z',
  decidedAt: null,
};

const approver = (n: number, role = 'Verksamhetschef'): Approver => ({
  pack: 'nykoping',
  unit: 'Kulturförvaltningen',
  role,
  aadObjectId: `aad-${n}`,
  name: `Person ${n}`,
  teamsUserId: `29:${n}`,
  source: 'admin',
});

function texts(card: unknown): string {
  return JSON.stringify(card);
}

function actionTitles(card: { actions?: unknown[] }): string[] {
  return (card.actions ?? []).map((a) => (a as { title: string }).title);
}

describe('the approval card', () => {
  it('shows everyone the request, each role waiting and a refresh for the approvers', () => {
    const card = approvalCard(request, [], { refreshFor: [approver(1), approver(2, 'Kommunikatör')] });
    expect(texts(card)).toContain('Ansökan om nytt konto: Instagram – Kulturskolan');
    expect(texts(card)).toContain('Väntar på beslut: Verksamhetschef och Kommunikatör');
    expect(texts(card)).toContain('Beslutsreferens: dec-abcd');
    expect(texts(card)).not.toContain('Valvet');
    expect(actionTitles(card)).toEqual(['Uppdatera']);
    expect(card.refresh).toEqual({
      action: { type: 'Action.Execute', title: 'Uppdatera', verb: 'approval.refresh', data: { requestId: 'req-12345678', round: 1 } },
      userIds: ['29:1', '29:2'],
    });
  });

  it('gives an approver who may answer the comment field and the three buttons', () => {
    const card = approvalCard(request, [], { approverRole: 'Kommunikatör' });
    expect(actionTitles(card)).toEqual(['Godkänn', 'Avslå', 'Skicka tillbaka med kommentar']);
    expect(texts(card)).toContain('Du svarar som Kommunikatör.');
    const approve = (card.actions as { verb: string; data: unknown }[])[0];
    expect(approve).toMatchObject({ verb: 'approval.approve', data: { requestId: 'req-12345678', round: 1 } });
  });

  it('keeps at most 60 Teams user ids in refresh.userIds', () => {
    const many = Array.from({ length: 75 }, (_, i) => approver(i));
    const card = approvalCard(request, [], { refreshFor: many });
    expect((card.refresh as { userIds: string[] }).userIds).toHaveLength(60);
  });

  it('shows who answered for each role, when and with what comment', () => {
    const answers: ApprovalAnswer[] = [
      { round: 1, role: 'Verksamhetschef', approver: { aadObjectId: 'aad-megan', name: 'Megan Bowen' }, answer: 'approved', comment: 'Bra', decisionId: null, at: '2026-02-02T10:15:00.000Z' },
    ];
    const card = approvalCard({ ...request }, answers, {});
    const json = texts(card);
    expect(json).toContain('Verksamhetschef: Godkänt');
    expect(json).toContain('Megan Bowen, 2026-02-02 kl. 11.15');
    expect(json).toContain('Bra');
    expect(json).toContain('Kommunikatör: Väntar');
    expect(json).toContain('Väntar på beslut: Kommunikatör');
  });

  it('has no buttons and no refresh once the request is decided', () => {
    const card = approvalCard({ ...request, status: 'rejected' }, [], { approverRole: 'Verksamhetschef', refreshFor: [approver(1)] });
    expect(actionTitles(card)).toEqual([]);
    expect(card.refresh).toBeUndefined();
    expect(texts(card)).toContain('Avslagen');
  });

  it('marks a card of an older round as replaced and offers nothing to press', () => {
    const card = approvalCard({ ...request, round: 2 }, [], { round: 1, approverRole: 'Verksamhetschef' });
    expect(texts(card)).toContain('Den här versionen är ersatt');
    expect(actionTitles(card)).toEqual([]);
  });

  it('lists as pending only approvers of open roles who have not answered', () => {
    const answers: ApprovalAnswer[] = [
      { round: 1, role: 'Verksamhetschef', approver: { aadObjectId: 'aad-1', name: 'Person 1' }, answer: 'approved', comment: null, decisionId: null, at: '2026-02-02T10:15:00.000Z' },
    ];
    const pending = pendingApprovers(request, answers, [approver(1), approver(3), approver(2, 'Kommunikatör')]);
    expect(pending.map((a) => a.aadObjectId)).toEqual(['aad-2']);
  });

  it('shows links and markdown a requester typed as text', () => {
    const typed: AccountRequest = {
      ...request,
      details: { ...request.details, accountName: '**Officiellt** konto', url: 'https://evil.example/login', purpose: '[Logga in här](https://evil.example/login) _nu_', audiences: ['- alla'] },
    };
    const card = texts(approvalCard(typed, []));
    expect(card).toContain('Ansökan om nytt konto: Instagram – \\\\*\\\\*Officiellt\\\\*\\\\* konto');
    expect(card).toContain('\\\\[Logga in här\\\\](https:\u200b//evil.example/login) \\\\_nu\\\\_');
    expect(card).toContain('"value":"https:\u200b//evil.example/login"');
    expect(card).toContain('"value":"\\\\- alla"');
    expect(card).not.toMatch(/https:\/\//);
  });
});
