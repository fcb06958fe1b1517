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
