import { AsyncLocalStorage } from 'node:async_hooks';
import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { AuthenticateRequestResult } from 'botframework-connector';

export type AuthOutcome = { ok: true; result: AuthenticateRequestResult } | { ok: false; status: 401 | 503; reason: string; detail: string };

/**
 * The bot's CloudAdapter, with authentication split from running the turn so the HTTP edge can answer a refused
 * token itself: `CloudAdapter.process` answers 500 (with the library's error text) for a badly signed token and
 * prints the error and its stack with `console.error`, outside the structured log.
 */
export class EdgeAdapter extends TeamsAdapter {
  async authenticate(activity: Activity, authHeader: string): Promise<AuthOutcome> {
    try {
      return { ok: true, result: await quietConsole(() => this.botFrameworkAuthentication.authenticateRequest(activity, authHeader)) };
    } catch (error) {
      return refusalOf(error);
    }
  }

  /** Runs the turn on an already authenticated request; the invoke response, if any, is the HTTP answer. */
  processAuthenticated(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

function refusalOf(error: unknown): AuthOutcome & { ok: false } {
  const e = (error ?? {}) as { name?: string; message?: string; statusCode?: number; type?: string };
  const detail = String(e.message ?? error).replace(/\s+/g, ' ').slice(0, 160);
  // The OpenID metadata or key set could not be fetched: the caller may be genuine, so ask it to try again.
  const unavailable = (e.name === 'AuthenticationError' && (e.statusCode ?? 0) >= 500) || e.name === 'FetchError' || e.type === 'system';
  return { ok: false, status: unavailable ? 503 : 401, reason: e.name ?? 'Error', detail };
}

const quiet = new AsyncLocalStorage<true>();
const PATCHED = Symbol('quietConsole');

/**
 * Runs `task` with console output from the libraries it calls suppressed (only for this async context; other
 * requests keep their console). The caller logs the outcome once, structured.
 */
export function quietConsole<T>(task: () => Promise<T>): Promise<T> {
  const target = console as unknown as Record<string | symbol, unknown>;
  if (!target[PATCHED]) {
    for (const method of ['error', 'warn', 'log', 'info', 'debug'] as const) {
      const original = console[method].bind(console);
      console[method] = (...args: unknown[]) => {
        if (!quiet.getStore()) original(...args);
      };
    }
    target[PATCHED] = true;
  }
  return quiet.run(true, task);
}
