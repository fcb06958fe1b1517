// The trust boundary of the state file (issue 17): files and folders the program did not make, links,
// another user's lock, locks across PID namespaces, root on another user's state, long names, a full
// disk, a clock run ahead, and `serve` while another process holds the lock. Each case was
// reproduced against the build before the fix; each runs the built binary on real files.
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/backend/local/context.ts';
import { journalLine } from '../../src/backend/local/state/journal.ts';
import { BIN } from '../helpers/cli.ts';
import { type AsyncResult, dirtyLines, readState, seedState, spawnCli } from '../helpers/robust.ts';
import { call, serve } from '../serve/harness.ts';

const isRoot = process.getuid?.() === 0;
const NOT_ROOT = 'needs root (chown to other users, setpriv, unshare, mount)';
const NOBODY = 65534;

/** A folder in /tmp with `mode` (made 0700 first, so nobody sees it half set up). */
function folder(mode = 0o700): string {
  const dir = mkdtempSync(join(tmpdir(), 'ct-trust-'));
  chmodSync(dir, mode);
  return dir;
}

const newPool = (file: string) => spawnCli(['create-user-pool', '--pool-name', 'p', '--state-file', file]);
const poolsOf = (file: string) => Object.keys(readState(file).pools);
/** The pools in the file itself (a journal beside it left out). */
const poolsInFile = (file: string) => Object.keys(JSON.parse(readFileSync(file, 'utf8')).pools);

function expectRefused(r: AsyncResult, status: number, named: string): void {
  expect(r.timedOut, r.stderr).toBe(false);
  expect(r.status, r.stderr).toBe(status);
  expect(r.stderr).toContain(named);
  expect(dirtyLines(r.stderr)).toEqual([]);
}

let binCopy: string | undefined;
/**
 * The built program where any user can run it: the checkout may sit in a folder only its owner can
 * enter (a fresh clone in a 0700 temporary folder), which another user cannot reach.
 */
function binForOthers(): string {
  if (binCopy) return binCopy;
  const root = dirname(dirname(BIN));
  const dir = mkdtempSync(join(tmpdir(), 'ct-bin-'));
  chmodSync(dir, 0o755);
  for (const part of ['bin', 'dist', 'package.json'])
    cpSync(join(root, part), join(dir, part), { recursive: true });
  binCopy = join(dir, 'bin', basename(BIN));
  return binCopy;
}

/** Runs the binary as another user (setpriv), with a HOME that user can use. */
function asUser(uid: number, args: string[], timeoutMs = 60_000): Promise<AsyncResult> {
  const home = folder(0o700);
  chownSync(home, uid, uid);
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(
      'setpriv',
      [`--reuid=${uid}`, `--regid=${uid}`, '--clear-groups', process.execPath, binForOthers(), ...args],
      {
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: home,
          AWS_CONFIG_FILE: join(home, 'no-config'),
          AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
          COGNITO_TOTP_CONFIG_DIR: join(home, 'config'),
        },
      },
    );
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr, timedOut, ms: Date.now() - started });
    });
  });
}

describe('files the program did not make (item 2)', () => {
  it('a symbolic link at the journal is not followed: 253 naming it, its target untouched', async () => {
    const file = join(folder(), 'state.json');
    expect((await newPool(file)).status).toBe(0);
    const elsewhere = join(folder(), 'victim');
    writeFileSync(elsewhere, '', { mode: 0o600 });
    symlinkSync(elsewhere, `${file}.journal`);
    const r = await newPool(file);
    expectRefused(r, 253, `${file}.journal`);
    expect(r.stderr).toMatch(/symbolic link/);
    expect(statSync(elsewhere).size).toBe(0);
    expect(poolsInFile(file)).toHaveLength(1);
  });

  it.skipIf(!isRoot)(
    'a journal planted by another user, with lines that check out, is never applied',
    async () => {
      const s = seedState(join(folder(0o1777), 'state.json'), []);
      const mallory = {
        sub: '00000000-0000-4000-8000-000000000000',
        attrs: { sub: '00000000-0000-4000-8000-000000000000' },
        created: 1,
        modified: 1,
        status: 'CONFIRMED',
        pw: hashPassword('Planted1!', Buffer.alloc(16, 7)),
      };
      const journal = `${s.stateFile}.journal`;
      writeFileSync(journal, journalLine(JSON.stringify({ u: [[s.poolId, 'mallory', mallory]] })), {
        mode: 0o600,
      });
      chownSync(journal, NOBODY, NOBODY);
      const r = await spawnCli([
        'admin-get-user',
        '--user-pool-id',
        s.poolId,
        '--username',
        'mallory',
        '--state-file',
        s.stateFile,
      ]);
      expectRefused(r, 253, journal);
      expect(r.stderr).toMatch(/belongs to user 65534/);
    },
  );

  it.skipIf(!isRoot)('an empty 0666 journal made by another user receives nothing', async () => {
    const dir = folder(0o1777);
    const file = join(dir, 'state.json');
    expect((await newPool(file)).status).toBe(0);
    const journal = `${file}.journal`;
    writeFileSync(journal, '');
    chownSync(journal, NOBODY, NOBODY);
    chmodSync(journal, 0o666);
    const r = await newPool(file);
    expectRefused(r, 253, journal);
    expect(statSync(journal).size).toBe(0);
    expect(poolsInFile(file)).toHaveLength(1);
  });

  it('a state file others can read is refused, naming it and what to do', async () => {
    const file = join(folder(), 'state.json');
    expect((await newPool(file)).status).toBe(0);
    chmodSync(file, 0o644);
    const before = readFileSync(file);
    const r = await spawnCli(['list-user-pools', '--max-results', '5', '--state-file', file]);
    expectRefused(r, 253, file);
    expect(r.stderr).toContain(`chmod 600 ${file}`);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('a folder others can write is reported, not used and not silently changed; a sticky one is fine', async () => {
    const open = folder(0o777);
    const r = await newPool(join(open, 'state.json'));
    expectRefused(r, 253, open);
    expect(r.stderr).toMatch(/can be written by other users \(mode 0777\)/);
    expect(statSync(open).mode & 0o7777).toBe(0o777);
    expect(existsSync(join(open, 'state.json'))).toBe(false);

    const sticky = folder(0o1777);
    const ok = await newPool(join(sticky, 'state.json'));
    expect(ok.status, ok.stderr).toBe(0);
    expect(statSync(join(sticky, 'state.json')).mode & 0o777).toBe(0o600);
  });

  it('a folder the program makes is 0700', async () => {
    const base = folder();
    const file = join(base, 'a', 'b', 'state.json');
    expect((await newPool(file)).status).toBe(0);
    expect(statSync(join(base, 'a')).mode & 0o777).toBe(0o700);
    expect(statSync(join(base, 'a', 'b')).mode & 0o777).toBe(0o700);
  });
});

describe('root and links (item 13)', () => {
  it.skipIf(!isRoot)("root changing another user's state keeps its owner, group and mode", async () => {
    const dir = folder(0o755);
    const file = join(dir, 'state.json');
    expect((await newPool(file)).status).toBe(0);
    chownSync(file, 4242, 4343);
    const r = await newPool(file);
    expect(r.status, r.stderr).toBe(0);
    const st = statSync(file);
    expect([st.uid, st.gid, st.mode & 0o777]).toEqual([4242, 4343, 0o600]);
    expect(poolsOf(file)).toHaveLength(2);
    // And the owner can go on using it.
    chownSync(dir, 4242, 4343);
    const own = await asUser(4242, ['create-user-pool', '--pool-name', 'q', '--state-file', file]);
    expect(own.status, own.stderr).toBe(0);
    expect(poolsOf(file)).toHaveLength(3);
  });

  it('a state path that is a symbolic link keeps working: changes go to its target, the link stays', async () => {
    const real = join(folder(), 'real.json');
    const linkDir = folder();
    const link = join(linkDir, 'state.json');
    symlinkSync(real, link);
    for (let i = 0; i < 2; i++) {
      const r = await newPool(link);
      expect(r.status, r.stderr).toBe(0);
    }
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(real);
    expect(poolsOf(real)).toHaveLength(2);
    expect(readdirSync(linkDir)).toEqual(['state.json']); // no lock, journal or temporary file beside the link
  });
});

describe('names and space (item 14)', () => {
  it('a state file name of 240 bytes can be created and changed (the names beside it fit NAME_MAX)', async () => {
    const dir = folder();
    const file = join(dir, `${'s'.repeat(235)}.json`);
    for (let i = 0; i < 2; i++) {
      const r = await newPool(file);
      expect(r.status, r.stderr).toBe(0);
    }
    expect(poolsOf(file)).toHaveLength(2);
    // Beside it only the state before the last rewrite, under a name shortened with a hash.
    const names = readdirSync(dir).sort();
    expect(names).toHaveLength(2);
    expect(names[0]).toMatch(/^\.s{160}~[0-9a-f]{16}\.previous$/);
    expect(names[1]).toBe(`${'s'.repeat(235)}.json`);
  });

  const mounts: string[] = [];
  afterAll(() => {
    for (const m of mounts) {
      spawnSync('umount', [m]);
      rmSync(m, { recursive: true, force: true });
    }
  });

  it.skipIf(!isRoot)(
    'a full disk: the change fails cleanly and leaves no lock copy or temporary file',
    async (ctx) => {
      const dir = folder();
      const m = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m,mode=0700', 'tmpfs', dir], {
        encoding: 'utf8',
      });
      if (m.status !== 0) ctx.skip(`cannot mount a tmpfs here: ${m.stderr.trim()}`);
      mounts.push(dir);
      const file = join(dir, 'state.json');
      expect((await newPool(file)).status).toBe(0);
      const before = readFileSync(file);
      // Fill what is left, page by page, until the file system says it is full.
      const filler = join(dir, 'filler');
      const page = Buffer.alloc(4096, 1);
      try {
        for (;;) writeFileSync(filler, page, { flag: 'a' });
      } catch (e) {
        expect((e as NodeJS.ErrnoException).code).toBe('ENOSPC');
      }
      const r = await newPool(file);
      expect(r.status, r.stderr).toBe(253);
      expect(r.stderr).toMatch(/ENOSPC/);
      expect(readdirSync(dir).sort()).toEqual(['filler', 'state.json']);
      expect(readFileSync(file).equals(before)).toBe(true);
      unlinkSync(filler);
      const after = await newPool(file);
      expect(after.status, after.stderr).toBe(0);
      expect(readdirSync(dir).sort()).toEqual(['.state.json.previous', 'state.json']);

      // Full again, with the state before kept: a change is written over that file, which is too
      // small for the grown state. It fails cleanly too, and the file cut short is not kept as if
      // it were the state before.
      const now = readFileSync(file);
      try {
        for (;;) writeFileSync(filler, page, { flag: 'a' });
      } catch (e) {
        expect((e as NodeJS.ErrnoException).code).toBe('ENOSPC');
      }
      // One page back, for the lock: the write itself is what meets the full disk.
      truncateSync(filler, statSync(filler).size - 4096);
      expect(statSync(join(dir, '.state.json.previous')).size).toBeLessThan(now.length);
      const grown = await newPool(file);
      expect(grown.status, grown.stderr).toBe(253);
      expect(grown.stderr).toMatch(/ENOSPC/);
      expect(readFileSync(file).equals(now)).toBe(true);
      expect(readdirSync(dir).sort()).toEqual(['filler', 'state.json']);
    },
  );
});

describe('the lock (items 3 and 7)', () => {
  it.skipIf(!isRoot)(
    "another user's stale lock in a sticky folder: a bounded wait, then 255 naming the lock and what to do",
    async () => {
      const dir = folder(0o1777);
      const file = join(dir, 'state.json');
      const made = await asUser(NOBODY, ['create-user-pool', '--pool-name', 'p', '--state-file', file]);
      expect(made.status, made.stderr).toBe(0);
      const lock = `${file}.lock`;
      const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
      writeFileSync(lock, String(dead)); // root's: nobody cannot move it aside in a sticky folder
      const r = await asUser(NOBODY, ['create-user-pool', '--pool-name', 'q', '--state-file', file], 45_000);
      expectRefused(r, 255, lock);
      expect(r.stderr).toMatch(/could not be moved aside: permission denied/);
      expect(r.stderr).toMatch(/Remove .*state\.json\.lock/);
      expect(readFileSync(lock, 'utf8')).toBe(String(dead));
      expect(poolsOf(file)).toHaveLength(1);
    },
    60_000,
  );

  const UNSHARE_REASON = (() => {
    if (!isRoot) return NOT_ROOT;
    const probe = spawnSync('unshare', ['--pid', '--fork', 'true'], { encoding: 'utf8' });
    return probe.status === 0 ? undefined : `unshare --pid is not permitted here: ${probe.stderr.trim()}`;
  })();

  it('changes from two PID namespaces sharing a state folder: none is lost', async (ctx) => {
    if (UNSHARE_REASON) ctx.skip(UNSHARE_REASON);
    const s = seedState(join(folder(), 'state.json'), []);
    const client = (name: string) => [
      'create-user-pool-client',
      '--user-pool-id',
      s.poolId,
      '--client-name',
      name,
      '--state-file',
      s.stateFile,
    ];
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
    const inNamespace = (name: string): Promise<AsyncResult> =>
      new Promise((resolve) => {
        const child = spawn('unshare', ['--pid', '--fork', process.execPath, BIN, ...client(name)], {
          env: { ...env, HOME: tmpdir(), COGNITO_TOTP_CONFIG_DIR: join(folder(), 'c') },
        });
        let stderr = '';
        child.stderr.setEncoding('utf8').on('data', (d: string) => {
          stderr += d;
        });
        child.stdout.resume();
        child.on('close', (status, signal) =>
          resolve({ status, signal, stdout: '', stderr, timedOut: false, ms: 0 }),
        );
      });
    const names: string[] = [];
    const runs: Promise<AsyncResult>[] = [];
    for (let i = 0; i < 12; i++) {
      names.push(`host-${i}`, `ns-${i}`);
      runs.push(spawnCli(client(`host-${i}`)), inNamespace(`ns-${i}`));
    }
    const results = await Promise.all(runs);
    for (const r of results) expect(r.status, r.stderr).toBe(0);
    const clients = Object.values(readState(s.stateFile).pools[s.poolId]!.clients).map((c) => c.name);
    expect(clients.sort()).toEqual([...names, 'app'].sort()); // every acknowledged change is there
  }, 120_000);
});

describe('serve and the lock (items 8 and 10)', () => {
  /** GET of a path on the server: its status. */
  const get = (port: number, path: string) =>
    new Promise<number>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
        .on('error', reject)
        .end();
    });

  it('answers what needs no lock while another process holds it, and the waiting change then goes through', async () => {
    const file = join(folder(), 'state.json');
    const srv = await serve(file);
    try {
      const pool = (await call(srv.port, 'CreateUserPool', { PoolName: 'p' })).UserPool.Id as string;
      const lock = `${file}.lock`;
      writeFileSync(lock, String(process.pid)); // this test process: alive, so never broken
      const order: string[] = [];
      const change = call(srv.port, 'CreateUserPoolClient', { UserPoolId: pool, ClientName: 'late' }).then(
        (r) => {
          order.push('change');
          return r;
        },
      );
      // Long enough for the change to be waiting for the lock (no assertion on time).
      await new Promise((r) => setTimeout(r, 300));
      const jwks = await get(srv.port, `/${pool}/.well-known/jwks.json`);
      order.push('jwks');
      expect(jwks).toBe(200);
      unlinkSync(lock);
      const made = await change;
      expect(made.UserPoolClient.ClientName).toBe('late');
      expect(order).toEqual(['jwks', 'change']);
    } finally {
      await srv.stop();
    }
  }, 60_000);

  it('makes its kept copy of the lock again when it disappears (a tmp cleaner), and changes go on', async () => {
    const dir = folder();
    const file = join(dir, 'state.json');
    const srv = await serve(file);
    try {
      await call(srv.port, 'CreateUserPool', { PoolName: 'p' });
      const copies = readdirSync(dir).filter((n) => n.endsWith('.new'));
      expect(copies).toHaveLength(1);
      for (const c of copies) unlinkSync(join(dir, c));
      const again = await call(srv.port, 'CreateUserPool', { PoolName: 'q' });
      expect(again.UserPool.Name).toBe('q');
      expect(readdirSync(dir).filter((n) => n.endsWith('.new'))).toHaveLength(1);
    } finally {
      await srv.stop();
    }
    expect(poolsOf(file)).toHaveLength(2);
  }, 60_000);
});

describe('a clock run ahead (item 9)', () => {
  it('does not bring a revoked refresh token back', async () => {
    const s = seedState(join(folder(), 'state.json'), ['alice']);
    const sf = ['--state-file', s.stateFile];
    const auth = await spawnCli([
      'initiate-auth',
      '--auth-flow',
      'USER_PASSWORD_AUTH',
      '--client-id',
      s.clientId,
      '--auth-parameters',
      'USERNAME=alice,PASSWORD=Passw0rd!',
      ...sf,
    ]);
    expect(auth.status, auth.stderr).toBe(0);
    const refresh = JSON.parse(auth.stdout).AuthenticationResult.RefreshToken as string;
    const revoked = await spawnCli(['revoke-token', '--token', refresh, '--client-id', s.clientId, ...sf]);
    expect(revoked.status, revoked.stderr).toBe(0);
    // Any change under a clock 31 days ahead (past the token's expiry: 30 days) purges what expired.
    const ahead = await spawnCli(['create-user-pool', '--pool-name', 'later', ...sf], {
      env: {
        LD_PRELOAD: '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1',
        FAKETIME: `+${31 * 86400}s`,
        FAKETIME_DONT_RESET: '1',
      },
    });
    expect(ahead.status, ahead.stderr).toBe(0);
    const back = await spawnCli([
      'initiate-auth',
      '--auth-flow',
      'REFRESH_TOKEN_AUTH',
      '--client-id',
      s.clientId,
      '--auth-parameters',
      `REFRESH_TOKEN=${refresh}`,
      ...sf,
    ]);
    expect(back.status, back.stdout).toBe(254);
    expect(back.stderr).toMatch(/NotAuthorizedException.*revoked/);
  });
});
