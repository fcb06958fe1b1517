// The state file is a database: bad files are reported (exit 253 in the CLI) and never touched,
// concurrent changes are serialised by the lock, and a stale lock of a dead process is broken.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  statSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalBackend } from '../../src/backend/local/index.ts';
import { StateFile } from '../../src/backend/local/state/file.ts';
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
      'malformed user (version 1)',
      '{"schemaVersion":1,"sessions":{},"pools":{"p_1":{"id":"p_1","name":"x","created":1,"modified":1,"mfa":"OFF","totpEnabled":false,"deletionProtection":"INACTIVE","key":{"kid":"k","pem":"-----BEGIN PRIVATE KEY-----"},"clients":{},"revoked":{},"extra":{},"users":{"bob":{"sub":1}}}}}',
      /user "bob" of pool p_1 is malformed/,
    ],
  ];
  for (const [name, content, message] of cases) {
    it(`${name}: clear error naming the file, file untouched`, () => {
      const file = join(tmp(), 'state.json');
      writeFileSync(file, content ?? '', { mode: 0o600 });
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
      writeFileSync(file, '{"schemaVersion":1,"pools":{},"sessions":{}}', { mode: 0o600 });
      chmodSync(file, 0o000);
      expect(new LocalBackend({ stateFile: file }).callSync('ListUserPools', { MaxResults: 1 })).toEqual({
        UserPools: [],
      });
      return;
    }
    const file = join(tmp(), 'state.json');
    writeFileSync(file, '{"schemaVersion":1,"pools":{},"sessions":{}}', { mode: 0o600 });
    chmodSync(file, 0o000);
    expect(() => new LocalBackend({ stateFile: file }).callSync('ListUserPools', { MaxResults: 1 })).toThrow(
      /permission denied/,
    );
  });
});

describe('schema versions', () => {
  /** The file as text, its header line parsed, and its user lines. */
  const layout = (file: string) => {
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    return { text, header: lines[0]!, users: lines.slice(1, -2), tail: lines.slice(-2) };
  };

  it('3: a header line, then one line per user; still one JSON document', () => {
    const h = harness();
    const { poolId } = seed(h);
    h.call('AdminCreateUser', { UserPoolId: poolId, Username: 'bob' });
    const { text, header, users, tail } = layout(h.stateFile);
    expect(header.startsWith('{"schemaVersion":3,')).toBe(true);
    expect(header.endsWith(',"users":[')).toBe(true);
    expect(tail).toEqual([']}', '']);
    expect(users.map((l) => JSON.parse(l.replace(/,$/, '')).slice(0, 2))).toEqual([
      [poolId, 'alice'],
      [poolId, 'bob'],
    ]);
    const doc = JSON.parse(text);
    expect(doc.users).toHaveLength(2);
    // Counters at their usual value are left out of the line, and read back as that value.
    expect(JSON.parse(users[1]!)[2].mfaFailures).toBeUndefined();
    expect(h.call('AdminGetUser', { UserPoolId: poolId, Username: 'bob' }).Enabled).toBe(true);
  });

  it('3: untouched lines are copied byte for byte; a deleted pool takes its users with it', () => {
    const h = harness();
    const { poolId } = seed(h);
    for (const u of ['bob', 'carol', 'dave']) h.call('AdminCreateUser', { UserPoolId: poolId, Username: u });
    const other = h.call('CreateUserPool', { PoolName: 'other' }).UserPool.Id;
    h.call('AdminCreateUser', { UserPoolId: other, Username: 'erin' });
    const before = layout(h.stateFile).users;
    h.call('AdminDeleteUser', { UserPoolId: poolId, Username: 'carol' });
    h.call('AdminSetUserPassword', {
      UserPoolId: poolId,
      Username: 'bob',
      Password: 'N3w-Passw0rd!',
      Permanent: true,
    });
    const after = layout(h.stateFile).users;
    expect(after).toHaveLength(4);
    expect(after[0]).toBe(before[0]); // alice
    expect(after[2]).toBe(before[3]); // dave
    expect(after[3]!.replace(/,$/, '')).toBe(before[4]); // erin, now the last line
    expect(after[1]).not.toBe(before[1]); // bob's new password
    expect(h.call('ListUsers', { UserPoolId: poolId }).Users.map((u: any) => u.Username)).toEqual([
      'alice',
      'bob',
      'dave',
    ]);
    h.call('DeleteUserPool', { UserPoolId: poolId });
    expect(layout(h.stateFile).users.map((l) => JSON.parse(l.replace(/,$/, ''))[1])).toEqual(['erin']);
    h.call('AdminDeleteUser', { UserPoolId: other, Username: 'erin' });
    expect(layout(h.stateFile).text.endsWith('"users":[\n]}\n')).toBe(true);
  });

  it('3: a damaged user line is named when touched, and the file is left untouched', () => {
    const h = harness();
    const { poolId } = seed(h);
    h.call('AdminCreateUser', { UserPoolId: poolId, Username: 'bob' });
    const { text } = layout(h.stateFile);
    const damaged = text.replace(/\n(\["[^"]+","alice",)[^\n]*,\n/, '\n$1{"sub":,\n');
    expect(damaged).not.toBe(text);
    writeFileSync(h.stateFile, damaged, { mode: 0o600 });
    const fail = (op: 'AdminGetUser' | 'AdminDeleteUser') => {
      try {
        h.call(op, { UserPoolId: poolId, Username: 'alice' });
      } catch (e) {
        return e;
      }
      return undefined;
    };
    for (const op of ['AdminGetUser', 'AdminDeleteUser'] as const) {
      const err = fail(op);
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toMatch(/user "alice" of pool .* is not valid JSON/);
      expect(readFileSync(h.stateFile, 'utf8')).toBe(damaged);
    }
  });

  it('a hand-formatted file and versions 1 and 2 are read and written back in layout 3', () => {
    const h = harness();
    const { poolId } = seed(h);
    const doc = JSON.parse(readFileSync(h.stateFile, 'utf8'));
    // Pretty-printed (as jq or an editor would leave it).
    writeFileSync(h.stateFile, JSON.stringify(doc, null, 2), { mode: 0o600 });
    expect(h.call('AdminGetUser', { UserPoolId: poolId, Username: 'alice' }).UserStatus).toBe('CONFIRMED');
    h.call('AdminCreateUser', { UserPoolId: poolId, Username: 'bob' });
    expect(layout(h.stateFile).users).toHaveLength(2);

    const alice = {
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
    const { users: _, ...headerOnly } = JSON.parse(readFileSync(h.stateFile, 'utf8'));
    for (const [version, encode] of [
      [1, (u: object) => u],
      [2, (u: object) => JSON.stringify(u)],
    ] as const) {
      const old = structuredClone(headerOnly);
      old.schemaVersion = version;
      old.pools[poolId].users = { alice: encode(alice), bob: encode({ ...alice, sub: 's-2' }) };
      writeFileSync(h.stateFile, JSON.stringify(old), { mode: 0o600 });
      expect(h.call('AdminGetUser', { UserPoolId: poolId, Username: 'alice' }).UserStatus).toBe('CONFIRMED');
      h.call('AdminCreateUser', { UserPoolId: poolId, Username: 'carol' });
      const after = JSON.parse(readFileSync(h.stateFile, 'utf8'));
      expect(after.schemaVersion).toBe(3);
      expect(after.pools[poolId].users).toBeUndefined();
      expect(after.users.map((u: [string, string, { sub: string }]) => [u[1], u[2].sub])).toEqual([
        ['alice', 's-1'],
        ['bob', 's-2'],
        ['carol', expect.any(String)],
      ]);
    }

    // Version 2 with a damaged user string: named when touched, file untouched.
    const v2 = structuredClone(headerOnly);
    v2.schemaVersion = 2;
    v2.pools[poolId].users = { alice: '{"sub":' };
    writeFileSync(h.stateFile, JSON.stringify(v2), { mode: 0o600 });
    const before = readFileSync(h.stateFile);
    expect(() => h.call('AdminGetUser', { UserPoolId: poolId, Username: 'alice' })).toThrow(
      /user "alice" of pool .* is not valid JSON/,
    );
    expect(readFileSync(h.stateFile).equals(before)).toBe(true);
  });

  it('damage deep in the state (a key crypto cannot read, a bad secret, missing units) is exit-253 material', () => {
    const h = harness();
    const { poolId, clientId } = seed(h);
    const good = readFileSync(h.stateFile, 'utf8');
    const doc = JSON.parse(good);
    const damage: [string, (d: any) => void, () => unknown, RegExp][] = [
      [
        'garbage key',
        (d) => {
          d.pools[poolId].key.pem = '-----BEGIN PRIVATE KEY-----\ngarbage\n-----END PRIVATE KEY-----\n';
        },
        () =>
          h.call('InitiateAuth', {
            AuthFlow: 'USER_PASSWORD_AUTH',
            ClientId: clientId,
            AuthParameters: { USERNAME: 'alice', PASSWORD: 'Passw0rd!' },
          }),
        /signing key of pool .* is damaged/,
      ],
      [
        'units null',
        (d) => {
          d.pools[poolId].clients[clientId].units = null;
        },
        () => h.call('DescribeUserPoolClient', { UserPoolId: poolId, ClientId: clientId }),
        /client .* is malformed/,
      ],
      [
        'invalid secret',
        (d) => {
          d.users[0][2].pending = { secret: 'not base32!', created: 1, failures: 0, lockUntil: 0 };
        },
        () => h.call('AdminGetUser', { UserPoolId: poolId, Username: 'alice' }),
        /malformed pending authenticator/,
      ],
    ];
    for (const [name, change, act, message] of damage) {
      const d = structuredClone(doc);
      change(d);
      writeFileSync(h.stateFile, JSON.stringify(d), { mode: 0o600 });
      const before = readFileSync(h.stateFile);
      let err: unknown;
      try {
        act();
      } catch (e) {
        err = e;
      }
      expect(err, name).toBeInstanceOf(ConfigError);
      expect((err as Error).message, name).toMatch(message);
      expect((err as Error).message, name).toContain(h.stateFile);
      expect(readFileSync(h.stateFile).equals(before), name).toBe(true);
    }
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

  it('judges a lock without a pid by when it was linked into place, not by its mtime', () => {
    // A server takes the lock by linking a copy it made when it started: the lock's mtime is then
    // as old as the server, its ctime (set by link) is now. A lock seen without a pid for a moment
    // (read just as it was replaced) must not be broken for looking old.
    const file = join(tmp(), 'state.json');
    const copy = `${file}.lock.1.kept.new`;
    writeFileSync(copy, '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(copy, old, old);
    linkSync(copy, `${file}.lock`);
    const waiting = new StateFile(file, { lockTimeoutMs: 500 });
    expect(() => waiting.update(() => {})).toThrow(/Timed out .* waiting for the lock/);
    expect(existsSync(`${file}.lock`)).toBe(true);
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

describe('the state before the last rewrite (.state.json.previous)', () => {
  const setup = () => {
    const dir = tmp();
    const file = join(dir, 'state.json');
    const previous = join(dir, '.state.json.previous');
    const backend = new LocalBackend({ stateFile: file });
    const create = (name: string) => backend.callSync('CreateUserPool', { PoolName: name });
    return { dir, file, previous, backend, create };
  };

  it('is the file as it was before each rewrite: its own inode, 0600, one name each', () => {
    const { file, previous, create } = setup();
    create('one');
    expect(existsSync(previous)).toBe(false); // nothing before the first state
    const versions = [readFileSync(file)];
    for (const name of ['two', 'three', 'four']) {
      create(name);
      expect(readFileSync(previous).equals(versions.at(-1)!)).toBe(true);
      versions.push(readFileSync(file));
      const [st, sp] = [statSync(file), statSync(previous)];
      expect([st.nlink, sp.nlink, st.mode & 0o777, sp.mode & 0o777]).toEqual([1, 1, 0o600, 0o600]);
      expect(st.ino).not.toBe(sp.ino);
    }
    // Written over from the third rewrite on: the inodes alternate between the two names.
    expect(statSync(previous).ino).not.toBe(statSync(file).ino);
  });

  it('a shorter state written over a longer one is cut to its length (no tail of the old one)', () => {
    const { file, previous, backend, create } = setup();
    for (const name of ['a', 'b', 'c']) create(name);
    const ids = (backend.callSync('ListUserPools', { MaxResults: 10 }) as { UserPools: { Id: string }[] })
      .UserPools;
    for (const { Id } of ids) backend.callSync('DeleteUserPool', { UserPoolId: Id });
    expect(JSON.parse(readFileSync(file, 'utf8')).pools).toEqual({});
    expect(Object.keys(JSON.parse(readFileSync(previous, 'utf8')).pools)).toHaveLength(1);
  });

  for (const [what, plant] of [
    ['a symbolic link to a file elsewhere', (p: string, target: string) => symlinkSync(target, p)],
    ['a file others can read (0644)', (p: string) => writeFileSync(p, 'theirs', { mode: 0o644 })],
    ['a second name of another file', (p: string, target: string) => linkSync(target, p)],
    ['a named pipe', (p: string) => spawnSync('mkfifo', [p])],
  ] as const) {
    it(`${what} in its place is never written into, and the state is written as usual`, () => {
      const { dir, file, previous, create } = setup();
      create('one');
      const target = join(dir, 'target');
      writeFileSync(target, 'not yours to write', { mode: 0o600 });
      plant(previous, target);
      const planted = lstatSync(previous);
      create('two');
      create('three');
      expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).pools)).toHaveLength(3);
      expect(readFileSync(target, 'utf8')).toBe('not yours to write');
      const now = lstatSync(previous);
      expect([now.ino, now.mode, now.size]).toEqual([planted.ino, planted.mode, planted.size]);
      expect(statSync(file).nlink).toBe(1);
    });
  }

  it('a reader accepts the state file with a second name only when it is the previous state', () => {
    const { dir, file, previous, create } = setup();
    create('one');
    // As for the moment of a rewrite, between the link and the rename.
    linkSync(file, previous);
    const reader = () => new StateFile(file).read();
    expect(Object.keys(reader().pools)).toHaveLength(1);
    unlinkSync(previous);
    linkSync(file, join(dir, 'elsewhere'));
    expect(reader).toThrow(/has 2 names/);
  });
});
