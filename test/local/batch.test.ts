// Group commit (what serve uses): several calls in one transaction. Each sees the ones before it,
// a failing call leaves no trace unless its error is meant to persist, and all share one write.
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkpoint, rollback } from '../../src/backend/local/state/records.ts';
import { decodeState } from '../../src/backend/local/state/user-store.ts';
import type { ServiceError } from '../../src/errors.ts';
import { harness, seed } from '../helpers/local.ts';

const errorOf = (o: { ok: unknown } | { error: unknown }) => ('error' in o ? o.error : undefined);

describe('LocalBackend.callBatch', () => {
  it('runs calls in order in one transaction; failures are isolated, a wrong code still counts', () => {
    const h = harness();
    const { poolId, signIn } = seed(h);
    const token = signIn().AuthenticationResult.AccessToken;
    h.call('AssociateSoftwareToken', { AccessToken: token });
    const before = statSync(h.stateFile).ino;
    const out = h.backend.callBatch([
      { op: 'AdminCreateUser', request: { UserPoolId: poolId, Username: 'bob' } },
      { op: 'AdminCreateUser', request: { UserPoolId: poolId, Username: 'bob' } },
      { op: 'VerifySoftwareToken', request: { AccessToken: token, UserCode: '000000' } },
      { op: 'AdminGetUser', request: { UserPoolId: poolId, Username: 'bob' } },
      { op: 'DescribeUserPool', request: { UserPoolId: 'us-east-1_nothere' } },
      { op: 'CreateUserPool', request: { PoolName: 'second' } },
    ]);
    expect(out.map((o) => ('ok' in o ? 'ok' : (errorOf(o) as ServiceError).code))).toEqual([
      'ok',
      'UsernameExistsException',
      'EnableSoftwareTokenMFAException',
      'ok',
      'ResourceNotFoundException',
      'ok',
    ]);
    // One atomic replacement of the file for the whole batch.
    expect(statSync(h.stateFile).ino).not.toBe(before);
    const doc = JSON.parse(readFileSync(h.stateFile, 'utf8'));
    expect(doc.users.filter((u: [string, string]) => u[1] === 'bob')).toHaveLength(1);
    expect(Object.keys(doc.pools)).toHaveLength(2);
    const alice = doc.users.find((u: [string, string]) => u[1] === 'alice')[2];
    expect(alice.pending.failures).toBe(1); // the wrong code persisted although the call failed
  });

  it('a write that fails fails every call of the batch, and nothing is acknowledged', () => {
    const h = harness();
    const { poolId } = seed(h);
    const file = h.backend.file as unknown as { write: (s: unknown) => void };
    const write = file.write;
    file.write = () => {
      throw new Error('disk full');
    };
    try {
      const out = h.backend.callBatch([
        { op: 'AdminCreateUser', request: { UserPoolId: poolId, Username: 'bob' } },
        { op: 'AdminCreateUser', request: { UserPoolId: poolId, Username: 'carol' } },
      ]);
      expect(out.map((o) => (errorOf(o) as Error).message)).toEqual(['disk full', 'disk full']);
    } finally {
      file.write = write;
    }
    expect(h.fail('AdminGetUser', { UserPoolId: poolId, Username: 'bob' }).code).toBe(
      'UserNotFoundException',
    );
  });

  it('rollback undoes changes in place to users and to the header', () => {
    const h = harness();
    const { poolId } = seed(h);
    const state = decodeState(readFileSync(h.stateFile), h.stateFile);
    const pool = state.pools[poolId]!;
    const cp = checkpoint(state);
    pool.users.alice!.attrs.email = 'changed@example.com';
    pool.users.alice!.lastStep = 42;
    pool.users.zed = { ...pool.users.alice!, sub: 'z' };
    delete pool.users.alice;
    pool.mfa = 'ON';
    state.sessions.k = {
      pool: poolId,
      client: 'c',
      user: 'u',
      step: 'MFA_SETUP',
      admin: false,
      exp: 1,
      used: false,
    };
    rollback(state, cp);
    const back = state.pools[poolId]!;
    expect(back.mfa).toBe('OPTIONAL');
    expect(Object.keys(state.sessions)).toEqual([]);
    expect(back.users.zed).toBeUndefined();
    expect(back.users.alice?.attrs.email).toBe('alice@example.com');
    expect(back.users.alice?.lastStep).toBe(0);
    expect(Object.keys(back.users)).toEqual(['alice']);
  });

  it('rollback puts back a user already changed earlier in the transaction, fields at their defaults too', () => {
    const h = harness();
    const { poolId } = seed(h);
    const state = decodeState(readFileSync(h.stateFile), h.stateFile);
    // Changed by an earlier call of the batch: the store holds the user, not the file's line.
    const earlier = state.pools[poolId]!.users.alice!;
    earlier.lastStep = 7;
    earlier.totpMfa = true;
    earlier.attrs.email_verified = 'true';
    const before = structuredClone(earlier);
    const cp = checkpoint(state);
    const u = state.pools[poolId]!.users.alice!;
    u.lastStep = 0; // back to a default: left out of the JSON copies
    u.totpMfa = false;
    u.enabled = false;
    u.pwFailures = 3;
    u.attrs.email = 'changed@example.com';
    delete u.attrs.email_verified;
    rollback(state, cp);
    expect(state.pools[poolId]!.users.alice).toEqual(before);
    expect(state.pools[poolId]!.users.alice!.enabled).toBe(true);
  });
});
