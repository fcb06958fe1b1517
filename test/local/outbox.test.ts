// The local outbox (issue 16): the codes the emulator would have sent, listed by pool and user
// (LocalBackend.messages, for the `messages` command), bounded per pool, and masked as Cognito
// masks a CodeDeliveryDetails destination.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LocalBackend } from '../../src/backend/local/index.ts';
import {
  maskDestination,
  OUTBOX_MAX,
  SEND_WINDOW,
  SENDS_PER_WINDOW,
} from '../../src/backend/local/ops/codes.ts';
import { ConfigError } from '../../src/errors.ts';
import { harness, PASSWORD } from '../helpers/local.ts';

describe('maskDestination', () => {
  it.each([
    ['EMAIL', 'alice@example.com', 'a***@e***'],
    ['EMAIL', 'x@y.z', 'x***@y***'],
    ['EMAIL', 'no-at-sign', 'n***'],
    ['SMS', '+15555550123', '+*******0123'],
    ['SMS', '+4930123', '+***0123'],
  ] as const)('%s %s -> %s', (medium, value, masked) => {
    expect(maskDestination(medium, value)).toBe(masked);
  });
});

function twoPools() {
  const h = harness();
  const pools = ['one', 'two'].map((name) => {
    const poolId = h.call('CreateUserPool', { PoolName: name, AutoVerifiedAttributes: ['email'] }).UserPool
      .Id;
    const clientId = h.call('CreateUserPoolClient', { UserPoolId: poolId, ClientName: 'c' }).UserPoolClient
      .ClientId;
    return { poolId: poolId as string, clientId: clientId as string };
  });
  const signUp = (i: number, Username: string) =>
    h.call('SignUp', {
      ClientId: pools[i]!.clientId,
      Username,
      Password: PASSWORD,
      UserAttributes: [{ Name: 'email', Value: `${Username}@example.com` }],
    });
  return { h, pools, signUp };
}

describe('LocalBackend.messages', () => {
  it('lists every message oldest first, or those of one pool, or of one user of a pool', () => {
    const { h, pools, signUp } = twoPools();
    signUp(0, 'ann');
    h.advance(5);
    signUp(1, 'ben');
    h.advance(5);
    h.call('ResendConfirmationCode', { ClientId: pools[0]!.clientId, Username: 'ann' });
    const all = h.backend.messages();
    expect(all.map((m) => [m.pool, m.user, m.kind, m.destination])).toEqual([
      [pools[0]!.poolId, 'ann', 'CONFIRM_SIGN_UP', 'ann@example.com'],
      [pools[1]!.poolId, 'ben', 'CONFIRM_SIGN_UP', 'ben@example.com'],
      [pools[0]!.poolId, 'ann', 'CONFIRM_SIGN_UP', 'ann@example.com'],
    ]);
    expect(all.map((m) => m.at - all[0]!.at)).toEqual([0, 5, 10]);
    expect(h.backend.messages({ poolId: pools[1]!.poolId }).map((m) => m.user)).toEqual(['ben']);
    expect(h.backend.messages({ poolId: pools[0]!.poolId, username: 'ben' })).toEqual([]);
    expect(h.backend.latestCode(pools[0]!.poolId, 'ann')).toBe(all[2]!.code);
    expect(h.backend.latestCode(pools[0]!.poolId, 'nobody')).toBeUndefined();
  });

  it(`keeps the latest ${OUTBOX_MAX} messages of a pool`, () => {
    const { h, pools, signUp } = twoPools();
    signUp(0, 'ann');
    for (let i = 0; i < OUTBOX_MAX + 5; i++) {
      // Spaced out so that the limit on code requests (SENDS_PER_WINDOW an hour) never applies.
      h.advance(SEND_WINDOW / SENDS_PER_WINDOW + 1);
      h.call('ResendConfirmationCode', { ClientId: pools[0]!.clientId, Username: 'ann' });
    }
    const kept = h.backend.messages({ poolId: pools[0]!.poolId });
    expect(kept.length).toBe(OUTBOX_MAX);
    // The last one is still the code that works.
    h.call('ConfirmSignUp', {
      ClientId: pools[0]!.clientId,
      Username: 'ann',
      ConfirmationCode: kept.at(-1)!.code,
    });
  });

  it('a damaged outbox in the state file is reported (ConfigError, exit 253), the file left as it was', () => {
    const { h, signUp } = twoPools();
    signUp(0, 'ann');
    const text = readFileSync(h.stateFile, 'utf8');
    const damaged = text.replace('"kind":"CONFIRM_SIGN_UP"', '"kind":"SPAM"');
    expect(damaged).not.toBe(text);
    writeFileSync(h.stateFile, damaged);
    expect(() => new LocalBackend({ stateFile: h.stateFile }).messages()).toThrow(ConfigError);
    expect(readFileSync(h.stateFile, 'utf8')).toBe(damaged);
  });

  it('the state file holds the code for the outbox, but only a hash of it on the user', () => {
    const { h, pools, signUp } = twoPools();
    signUp(0, 'ann');
    const code = h.backend.latestCode(pools[0]!.poolId, 'ann')!;
    const text = readFileSync(h.stateFile, 'utf8');
    const userLine = text.split('\n').find((l) => l.startsWith(`["${pools[0]!.poolId}","ann",`))!;
    expect(userLine).toContain('"CONFIRM_SIGN_UP"');
    expect(userLine).not.toContain(`"${code}"`);
  });
});
