import { describe, expect, it } from 'vitest';
import { createLogger } from '../log/logger';
import { TurnBusyError, TurnRunner, conversationKey } from './turn-runner';

/** Leases in memory, with a switch that makes another instance hold a key. */
function memoryLeases() {
  const holders = new Map<string, string>();
  return {
    holders,
    claims: 0,
    async claim(key: string, owner: string) {
      this.claims++;
      const holder = holders.get(key);
      if (holder && holder !== owner) return false;
      holders.set(key, owner);
      return true;
    },
    async release(key: string, owner: string) {
      if (holders.get(key) === owner) holders.delete(key);
    },
  };
}

const logger = createLogger('silent');
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('turn runner', () => {
  it('runs the turns of one conversation one at a time, and other conversations alongside', async () => {
    const runner = new TurnRunner({ leases: memoryLeases(), logger });
    const events: string[] = [];
    const turn = (name: string) => async () => {
      events.push(`start ${name}`);
      await tick();
      events.push(`end ${name}`);
    };
    await Promise.all([runner.run('msteams/a', turn('a1')), runner.run('msteams/a', turn('a2')), runner.run('msteams/b', turn('b1'))]);
    expect(events.indexOf('end a1')).toBeLessThan(events.indexOf('start a2'));
    expect(events.indexOf('start b1')).toBeLessThan(events.indexOf('end a1'));
  });

  it('goes on with the next turn after one fails', async () => {
    const runner = new TurnRunner({ leases: memoryLeases(), logger });
    const failed = runner.run('msteams/a', async () => {
      throw new Error('boom');
    });
    const next = runner.run('msteams/a', async () => 'answered');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('answered');
  });

  it('waits while another instance holds the conversation, then runs', async () => {
    const leases = memoryLeases();
    leases.holders.set('msteams/a', 'other-instance');
    const runner = new TurnRunner({ leases, logger });
    let ran = false;
    const turn = runner.run('msteams/a', async () => {
      ran = true;
    });
    await tick();
    expect(ran).toBe(false);
    leases.holders.delete('msteams/a');
    await turn;
    expect(ran).toBe(true);
    expect(leases.holders.size).toBe(0);
  });

  it('gives up with TurnBusyError, before the turn does anything, when the conversation stays held', async () => {
    const leases = memoryLeases();
    leases.holders.set('msteams/a', 'other-instance');
    const runner = new TurnRunner({ leases, logger, maxWaitMs: 50 });
    let ran = false;
    await expect(
      runner.run('msteams/a', async () => {
        ran = true;
      }),
    ).rejects.toBeInstanceOf(TurnBusyError);
    expect(ran).toBe(false);
  });

  it('renews the lease while a long turn runs', async () => {
    const leases = memoryLeases();
    const runner = new TurnRunner({ leases, logger, leaseMs: 30 });
    await runner.run('msteams/a', () => new Promise((resolve) => setTimeout(resolve, 60)));
    expect(leases.claims).toBeGreaterThan(1);
  });

  it('names a conversation by channel and conversation id', () => {
    expect(conversationKey({ channelId: 'msteams', conversation: { id: '19:x@thread.tacv2' } })).toBe('msteams/19:x@thread.tacv2');
  });
});
