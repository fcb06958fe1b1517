// A journal write whose fdatasync (or, for a new journal, fsync) fails: the call fails with a clear
// message, and the line that may already be in the page cache is taken back, so no reader after
// the failure sees a change that was reported as not made (one reading without the lock in that
// very instant may have, as with any write-ahead log before its sync). And a fold that fails after
// the change is durable in the journal does not fail the change. Failures are injected into node:fs.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { LocalBackend } from '../../src/backend/local/index.ts';
import { StateFile } from '../../src/backend/local/state/file.ts';
import { ConfigError } from '../../src/errors.ts';

const faults = vi.hoisted(() => ({ fdatasync: 0, fsync: 0, tmpFull: false }));

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const eio = (call: string) => Object.assign(new Error(`EIO: i/o error, ${call}`), { code: 'EIO' });
  const patched = {
    ...fs,
    fdatasyncSync: (fd: number) => {
      if (faults.fdatasync > 0) {
        faults.fdatasync--;
        throw eio('fdatasync');
      }
      return fs.fdatasyncSync(fd);
    },
    // The fold's temporary file, on a full disk.
    openSync: (path: import('node:fs').PathLike, ...rest: unknown[]) => {
      if (faults.tmpFull && String(path).endsWith('.tmp'))
        throw Object.assign(new Error(`ENOSPC: no space left on device, open '${path}'`), { code: 'ENOSPC' });
      return (fs.openSync as (...a: unknown[]) => number)(path, ...rest);
    },
    fsyncSync: (fd: number) => {
      if (faults.fsync > 0) {
        faults.fsync--;
        throw eio('fsync');
      }
      return fs.fsyncSync(fd);
    },
  };
  return { ...patched, default: patched };
});

const now = Date.UTC(2026, 10, 29, 12, 0, 0);

function setup() {
  const stateFile = join(mkdtempSync(join(tmpdir(), 'ct-journal-faults-')), 'state.json');
  const server = new LocalBackend({ stateFile, journal: true, env: { now: () => now } });
  const cli = new LocalBackend({ stateFile, env: { now: () => now } });
  return { stateFile, server, cli };
}

const users = (b: LocalBackend, pool: string) =>
  ((b.callSync('ListUsers', { UserPoolId: pool }) as any).Users as { Username: string }[]).map(
    (u) => u.Username,
  );

describe('journal write failures', () => {
  it('a failed fdatasync: the call fails, the line is taken back, the next change works', () => {
    const { server, cli } = setup();
    const pool = (server.callSync('CreateUserPool', { PoolName: 'p' }) as any).UserPool.Id as string;
    faults.fdatasync = 1;
    let err: unknown;
    try {
      server.callSync('AdminCreateUser', { UserPoolId: pool, Username: 'lost', MessageAction: 'SUPPRESS' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as Error).message).toMatch(
      /Cannot write the state journal .*state\.json\.journal: EIO\. The change was not made\./,
    );
    expect(users(cli, pool)).toEqual([]); // another process never sees it
    expect(users(server, pool)).toEqual([]); // nor the server, which read the state again
    server.callSync('AdminCreateUser', { UserPoolId: pool, Username: 'kept', MessageAction: 'SUPPRESS' });
    expect(users(cli, pool)).toEqual(['kept']);
  });

  it('a fold that fails (a full disk) after the change is in the journal: the change stands', () => {
    const { stateFile, server, cli } = setup();
    const pool = (server.callSync('CreateUserPool', { PoolName: 'p' }) as any).UserPool.Id as string;
    faults.tmpFull = true;
    const made: string[] = [];
    // Well past FOLD_BYTES: every change that should have folded the journal could not.
    for (let i = 0; i < 160; i++) {
      const Username = `u${i}`;
      server.callSync('AdminCreateUser', {
        UserPoolId: pool,
        Username,
        MessageAction: 'SUPPRESS',
        UserAttributes: [{ Name: 'name', Value: 'x'.repeat(2000) }],
      });
      made.push(Username);
    }
    expect(existsSync(`${stateFile}.journal`)).toBe(true);
    const everyone = () => Object.keys(new StateFile(stateFile).read().pools[pool]?.users ?? {}).sort();
    expect(everyone()).toEqual(made.sort());
    expect(users(cli, pool)).toHaveLength(60); // and the CLI reads them too (a first page)
    expect(() => server.file.fold()).toThrow(/ENOSPC/); // the server's own fold says so (and logs it)
    faults.tmpFull = false;
    server.file.fold();
    expect(existsSync(`${stateFile}.journal`)).toBe(false);
    expect(everyone()).toEqual(made);
  });

  it('a failed fsync of a new journal: it is removed, and the state is as before', () => {
    const { stateFile, server, cli } = setup();
    faults.fsync = 1;
    expect(() => server.callSync('CreateUserPool', { PoolName: 'p' })).toThrow(
      /EIO\. The change was not made/,
    );
    expect(existsSync(`${stateFile}.journal`)).toBe(false);
    expect((cli.callSync('ListUserPools', { MaxResults: 10 }) as any).UserPools).toEqual([]);
    server.callSync('CreateUserPool', { PoolName: 'q' });
    expect(
      ((cli.callSync('ListUserPools', { MaxResults: 10 }) as any).UserPools as { Name: string }[]).map(
        (p) => p.Name,
      ),
    ).toEqual(['q']);
  });
});
