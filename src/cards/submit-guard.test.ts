import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { refusedFields, screenCardSubmit } from './submit-guard';

function contextOf(activity: Partial<Activity>): TurnContext {
  return new TurnContext(new TestAdapter(), { channelId: 'msteams', conversation: { id: 'c' } as Activity['conversation'], ...activity } as Activity);
}

describe('the card submit guard', () => {
  it('blanks password-like texts of an Action.Submit and names their fields', () => {
    const context = contextOf({ type: 'message', value: { verb: 'account.preview', accountName: '@nykoping2024', purpose: 'kulturskolan / Sommar2024', goals: 'Fler följare\nHösten2023!' } });
    expect([...screenCardSubmit(context)]).toEqual(['purpose', 'goals']);
    expect(context.activity.value).toEqual({ verb: 'account.preview', accountName: '@nykoping2024', purpose: '', goals: '' });
    expect([...refusedFields(context)]).toEqual(['purpose', 'goals']);
  });

  it('blanks them in the data of an Action.Execute', () => {
    const context = contextOf({ type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: 'approval.approve', data: { requestId: '8f2c41aa-1b2c-4d5e-9f00-aabbccddeeff', round: 1, comment: 'Lösenordet är Kulturhuset2024' } } } });
    expect([...screenCardSubmit(context)]).toEqual(['comment']);
    expect((context.activity.value as { action: { data: unknown } }).action.data).toEqual({ requestId: '8f2c41aa-1b2c-4d5e-9f00-aabbccddeeff', round: 1, comment: '' });
  });

  it('leaves ordinary submits and typed messages alone', () => {
    const value = { verb: 'askPolicy.submit', question: 'Får jag publicera en bild från Sommarlovet 2024?' };
    const submitted = contextOf({ type: 'message', value });
    expect(screenCardSubmit(submitted).size).toBe(0);
    expect(submitted.activity.value).toBe(value);
    expect(screenCardSubmit(contextOf({ type: 'message', text: 'hej' })).size).toBe(0);
    expect(refusedFields(contextOf({ type: 'message', text: 'hej' })).size).toBe(0);
  });
});
