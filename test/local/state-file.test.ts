// The state file is a database: bad files are reported (exit 253 in the CLI) and never touched,
// concurrent changes are serialised by the lock, and a stale lock of a dead process is broken.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalBackend } from '../../src/backend/local/index.ts';
import { StateFile } from '../../src/backend/local/state-file.ts';
import { ConfigError, GeneralError } from '../../src/errors.ts';
import { harness, seed } from '../helpers/local.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'ct-state-'));

describe('bad state files', () => {
  const cases: [string, string | null, RegExp][] = [
    ['empty', '', /is empty/],
    ['truncated', '{"schemaVersion":1,"pools":{', /not valid JSON/],
    ['not JSON', 'hello', /not valid JSON/],
    ['wrong shape', '[1,2,3]', /not a JSON object/],
    ['no pools', '{"schemaVersion":1}', /"pools" is not an object/],
    ['newer schema', '{"schemaVersion":99,"pools":{},"sessions":{}}', /schemaVersion 99, written by a newer/],
    [
      'malformed user',
      '{"schemaVersion":1,"sessions":{},"pools":{"p_1":{"id":"p_1","name":"x","key":{"kid":"k","pem":"p"},"clients":{},"revoked":{},"extra":{},"users":{"bob":{"sub":1}}}}}',
      /user "bob" of pool p_1 is malformed/,
    ],
  ];
  for (const [name, content, message] of cases) {
    it(`${name}: clear error naming the file, file untouched`, () => {
      const file = join(tmp(), 'state.json');
      writeFileSync(file, content ?? '');
      const before = readFileSync(file);
      const backend = new LocalBackend({ stateFile: file });
      for (const op of ['ListUserPools', 'CreateUserPool'] as const) {
        let err: unknown;
        try {
          backend.callSync(op, op === 'ListUserPools' ? { MaxResults: 5 } : { PoolName: 'x' });
        } catch (e) {
          err = e;
        }
        expect(err).toBeInstanceOf(ConfigError);
        expect((err as Error).message).toContain(file);
        expect((err as Error).message).toMatch(message);
      }
      expect(readFileSync(file).equals(before)).toBe(true);
    });
  }

  it('a folder in place of the file', () => {
    const file = join(tmp(), 'state.json');
    mkdirSync(file);
    expect(() => new LocalBackend({ stateFile: file }).callSync('ListUserPools', { MaxResults: 1 })).toThrow(
      /is a folder/,
    );
  });

  it('a file without read permission', () => {
    if (process.getuid?.() === 0) {
      // root reads anything; the CLI test covers this case as a normal user where possible.
      const file = join(tmp(), 'state.json');
      writeFileSync(file, '{"schemaVersion":1,"pools":{},"sessions":{}}');
      chmodSync(file, 0o000);
      expect(new LocalBackend({ stateFile: file }).callSync('ListUserPools', { MaxResults: 1 })).toEqual({
        UserPools: [],
      });
      return;
    }
    const file = join(tmp(), 'state.json');
    writeFileSync(file, '{"schemaVersion":1,"pools":{},"sessions":{}}');
    chmodSync(file, 0o000);
    expect(() => new LocalBackend({ stateFile: file }).callSync('ListUserPools', { MaxResults: 1 })).toThrow(
      /permission denied/,
    );
  });
});

describe('schema versions', () => {
  it('stores each user as a JSON string (2), reports a damaged one when touched, migrates 1', () => {
    const h = harness();
    const { poolId } = seed(h);
    const doc = JSON.parse(readFileSync(h.stateFile, 'utf8'));
    expect(doc.schemaVersion).toBe(2);
    expect(typeof doc.pools[poolId].users.alice).toBe('string');

    // A damaged user record: named in the error when an operation reads it, file untouched.
    doc.pools[poolId].users.alice = '{"sub":';
    writeFileSync(h.stateFile, JSON.stringify(doc));
    const before = readFileSync(h.stateFile);
    let err: unknown;
    try {
      h.call('AdminGetUser', { UserPoolId: poolId, Username: 'alice' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(/user "alice" of pool .* is not valid JSON/);
    expect(readFileSync(h.stateFile).equals(before)).toBe(true);

    // Version 1 (users as objects) is read and written back as version 2.
    const v1 = JSON.parse(readFileSync(h.stateFile, 'utf8'));
    v1.schemaVersion = 1;
    v1.pools[poolId].users.alice = {
      sub: 's-1',
      attrs: {},
      created: 1,
      modified: 1,
      enabled: true,
      status: 'CONFIRMED',
      totpMfa: false,
      lastStep: 0,
      mfaFailures: 0,
      mfaLockUntil: 0,
      pwFailures: 0,
      pwLockUntil: 0,
      signedOutAt: 0,
    };
    writeFileSync(h.stateFile, JSON.stringify(v1));
    expect(h.call('AdminGetUser', { UserPoolId: poolId, Username: 'alice' }).UserStatus).toBe('CONFIRMED');
    h.call('AdminCreateUser', { UserPoolId: poolId, Username: 'bob' });
    const after = JSON.parse(readFileSync(h.stateFile, 'utf8'));
    expect(after.schemaVersion).toBe(2);
    expect(JSON.parse(after.pools[poolId].users.alice).sub).toBe('s-1');
    expect(Object.keys(after.pools[poolId].users)).toEqual(['alice', 'bob']);
  });
});

describe('the lock', () => {
  it('is broken when its holder is dead, and left alone when alive', () => {
    const file = join(tmp(), 'state.json');
    // A pid that certainly does not run: a child that has exited.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(`${file}.lock`, String(dead));
    const store = new StateFile(file, { lockTimeoutMs: 2000 });
    store.update((s) => {
      s.sessions.x = {
        pool: 'p',
        client: 'c',
        user: 'u',
        step: 'MFA_SETUP',
        admin: false,
        exp: 1,
        used: false,
      };
    });
    expect(existsSync(`${file}.lock`)).toBe(false);

    writeFileSync(`${file}.lock`, String(process.pid));
    const waiting = new StateFile(file, { lockTimeoutMs: 200 });
    let err: unknown;
    try {
      waiting.update(() => {});
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GeneralError);
    expect((err as Error).message).toMatch(/Timed out .* waiting for the lock .*held by process/);
    expect(readFileSync(`${file}.lock`, 'utf8')).toBe(String(process.pid));
  });

  it('keeps a failing change out of the file unless it must persist', () => {
    const file = join(tmp(), 'state.json');
    const store = new StateFile(file);
    store.update(() => {});
    const before = readFileSync(file, 'utf8');
    expect(() =>
      store.update((s) => {
        s.sessions.y = {
          pool: 'p',
          client: 'c',
          user: 'u',
          step: 'MFA_SETUP',
          admin: false,
          exp: 1,
          used: false,
        };
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(readFileSync(file, 'utf8')).toBe(before);
  });
});
