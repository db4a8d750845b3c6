import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
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

/** The id of every Input.Text on every card template. */
function textInputIds(): string[] {
  const dir = path.resolve('adaptive-cards');
  const ids = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; id?: string };
    if (n.type === 'Input.Text' && n.id) ids.add(n.id.replace(/\$\{.*\}/u, 'x'));
    Object.values(node).forEach(walk);
  };
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) walk(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
  return [...ids].sort();
}

describe('every text input of every card', () => {
  it.each(textInputIds())('is screened: a password typed into %s never reaches a flow', (id) => {
    const context = contextOf({ type: 'message', value: { verb: 'any.verb', [id]: 'kulturskolan / Sommar2024' } });
    expect([...screenCardSubmit(context)]).toEqual([id]);
    expect((context.activity.value as Record<string, unknown>)[id]).toBe('');
  });
});
