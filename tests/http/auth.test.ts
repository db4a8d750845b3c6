import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { messageActivity, startHttpBot, type HttpBot } from '../helpers/http-bot';
import { LocalTokenIssuer, otherPrivateKey } from '../helpers/local-token-issuer';

const BOT_ID = '00000000-0000-0000-0000-0000000000b1';
const TEAMS_SERVICE_URL = 'https://smba.trafficmanager.net/emea/';

/** A card button with a verb nobody knows: answered in the HTTP response, so nothing goes out to Teams. */
function unknownButton(overrides: Record<string, unknown> = {}) {
  return messageActivity(TEAMS_SERVICE_URL, {
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb: 'nope', data: {} } },
    ...overrides,
  });
}

describe('Bot Framework authentication against a local key set', () => {
  const issuer = new LocalTokenIssuer();
  const logLines: Record<string, unknown>[] = [];
  const consoleCalls = { error: vi.fn(), warn: vi.fn(), log: vi.fn(), info: vi.fn() };
  let http: HttpBot;

  const token = (claims: Record<string, unknown> = {}, key?: Parameters<LocalTokenIssuer['sign']>[1]) =>
    issuer.sign({ aud: BOT_ID, serviceurl: TEAMS_SERVICE_URL, ...claims }, key);
  const post = (activity: Record<string, unknown>, bearer?: string) => http.post(activity, bearer ? { authorization: `Bearer ${bearer}` } : {});

  beforeAll(async () => {
    // Before the bot first authenticates, so anything the token libraries print would land here.
    for (const method of Object.keys(consoleCalls) as (keyof typeof consoleCalls)[]) vi.spyOn(console, method).mockImplementation(consoleCalls[method]);
    await issuer.start();
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) logLines.push(JSON.parse(line));
        done();
      },
    });
    http = await startHttpBot({ BOT_ID, BOT_PASSWORD: 'test-secret' }, { logger: pino({ level: 'info' }, sink), botFrameworkAuth: issuer.authSettings() });
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await http.close();
    await issuer.stop();
  });

  it('answers no token, a forged token, a wrong issuer and a valid token with 401, 401, 401, 200', async () => {
    const forged = token({}, otherPrivateKey());
    const wrongIssuer = token({ iss: 'https://sts.example.org/' });
    const statuses = [
      (await post(unknownButton())).status,
      (await post(unknownButton(), forged)).status,
      (await post(unknownButton(), wrongIssuer)).status,
    ];
    const valid = await post(unknownButton(), token());
    expect([...statuses, valid.status]).toEqual([401, 401, 401, 200]);
    expect(JSON.stringify(await valid.json())).toContain('Jag känner inte igen den knappen');
  });

  it('refuses a badly signed token that claims the real issuer with one structured log line and nothing on the console', async () => {
    const before = logLines.length;
    const res = await post(unknownButton(), token({}, otherPrivateKey()));
    expect(res.status).toBe(401);
    const body = await res.text();
    expect(body).not.toMatch(/signature|jsonwebtoken|at .*\.js:\d+/i);
    const lines = logLines.slice(before);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ event: 'auth_refused', status: 401, reason: 'JsonWebTokenError' });
    for (const spy of Object.values(consoleCalls)) expect(spy).not.toHaveBeenCalled();
  });

  it('refuses an expired token and one for another bot with 401', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await post(unknownButton(), token({ exp: now - 3600, nbf: now - 7200, iat: now - 7200 }))).status).toBe(401);
    expect((await post(unknownButton(), token({ aud: '00000000-0000-0000-0000-00000000ffff' }))).status).toBe(401);
  });

  it('refuses a valid token for an activity outside Teams: another channel, another reply service, or no AAD object id', async () => {
    const elsewhere = 'https://attacker.example.org/';
    expect((await post(unknownButton({ channelId: 'webchat' }), token())).status).toBe(403);
    expect((await post(unknownButton({ serviceUrl: elsewhere }), token({ serviceurl: elsewhere }))).status).toBe(403);
    expect((await post(unknownButton({ from: { id: '29:someone' } }), token())).status).toBe(403);
    expect(logLines.filter((line) => line.event === 'activity_refused').map((line) => line.reason)).toEqual(['channel', 'service_url', 'identity']);
  });
});
