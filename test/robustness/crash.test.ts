// SIGKILL at random moments during writes (200+ trials, a few state files in parallel, half of them
// with a server's journal beside them, which the CLI then appends to). After each kill the state
// parses, validates and holds the state before or after the interrupted change, and whatever the
// killed process left behind (a lock, a temporary file, a torn journal line) does not block the
// next command.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { State } from '../../src/backend/local/state/document.ts';
import { tempStateFile } from '../helpers/cli.ts';
import {
  addJournal,
  dirtyLines,
  pool,
  readState,
  type Seeded,
  seedState,
  spawnCli,
} from '../helpers/robust.ts';

const TRIALS = 220;
const FILES = 4;

type Kind = 'client' | 'user' | 'associate';

function counts(state: State, poolId: string) {
  const p = state.pools[poolId];
  return {
    clients: Object.keys(p?.clients ?? {}).length,
    users: Object.keys(p?.users ?? {}).length,
  };
}

describe('SIGKILL during writes', () => {
  it(`keeps the state file whole over ${TRIALS} killed writes`, async () => {
    const files: Seeded[] = Array.from({ length: FILES }, () => seedState(tempStateFile(), ['alice']));
    // Files 2 and 3 get a journal: their changes go there, and the file itself is never rewritten
    // (the journal stays far below the size at which it is folded).
    const journaled = files.slice(2);
    for (const s of journaled) addJournal(s);
    const fileBytes = journaled.map((s) => readFileSync(s.stateFile));
    // How long an unkilled write takes here, so the kills spread over the whole run of the process.
    const probe = await spawnCli([
      'create-user-pool-client',
      '--user-pool-id',
      files[0]?.poolId as string,
      '--client-name',
      'probe',
      '--state-file',
      files[0]?.stateFile as string,
    ]);
    expect(probe.status, probe.stderr).toBe(0);
    // Adapted as the trials go (the machine is busier with several at once): a kill that came too
    // early pushes the next ones later, a run that finished first pulls them earlier.
    let typical = Math.max(probe.ms, 150);
    let killedAfterWrite = 0;

    let finished = 0;
    let killed = 0;
    let serial = 0;
    const perFile = Array.from({ length: FILES }, (_, f) =>
      Array.from({ length: Math.ceil(TRIALS / FILES) }, (_, i) => ({ f, i })),
    );
    await pool(perFile, FILES, async (trials) => {
      for (const { f, i } of trials) {
        const s = files[f] as Seeded;
        const sf = ['--state-file', s.stateFile];
        const before = readState(s.stateFile);
        const kind: Kind = (['client', 'user', 'associate'] as const)[i % 3] as Kind;
        const name = `n${serial++}`;
        const args =
          kind === 'client'
            ? ['create-user-pool-client', '--user-pool-id', s.poolId, '--client-name', name, ...sf]
            : kind === 'user'
              ? [
                  'admin-create-user',
                  '--user-pool-id',
                  s.poolId,
                  '--username',
                  name,
                  '--message-action',
                  'SUPPRESS',
                  ...sf,
                ]
              : ['associate-software-token', '--access-token', s.tokens.get('alice') as string, ...sf];
        // Mostly within the part of the run where the state is read and written (the end).
        const delay = Math.random() < 0.25 ? Math.random() * typical : typical * (0.5 + Math.random() * 0.7);
        const r = await spawnCli(args, { killAfterMs: delay, timeoutMs: 30_000 });
        expect(r.timedOut).toBe(false);
        if (r.signal === 'SIGKILL') killed++;
        else {
          finished++;
          expect(r.status, r.stderr).toBe(0);
        }

        const after = readState(s.stateFile); // parses and validates, or throws
        const b = counts(before, s.poolId);
        const a = counts(after, s.poolId);
        const alice = {
          before: before.pools[s.poolId]?.users.alice,
          after: after.pools[s.poolId]?.users.alice,
        };
        if (kind === 'client') {
          expect(a.users).toBe(b.users);
          expect([b.clients, b.clients + 1]).toContain(a.clients);
          if (r.status === 0) expect(a.clients).toBe(b.clients + 1);
        } else if (kind === 'user') {
          expect(a.clients).toBe(b.clients);
          expect([b.users, b.users + 1]).toContain(a.users);
          if (r.status === 0) expect(after.pools[s.poolId]?.users[name]).toBeDefined();
        } else {
          expect(a).toEqual(b);
          const secret = alice.after?.pending?.secret;
          if (r.status === 0) expect(secret).toBe(JSON.parse(r.stdout).SecretCode);
          else if (secret !== alice.before?.pending?.secret) expect(secret).toMatch(/^[A-Z2-7]{52}$/);
        }
        const changed = JSON.stringify(after) !== JSON.stringify(before);
        if (r.signal === 'SIGKILL' && changed) killedAfterWrite++;
        if (r.signal !== 'SIGKILL') typical *= 0.9;
        else if (!changed) typical *= 1.04;

        // Everything about alice other than the pending association is untouched.
        expect({ ...alice.after, pending: undefined, modified: 0 }).toEqual({
          ...alice.before,
          pending: undefined,
          modified: 0,
        });

        // Now and then, a normal command right after the kill: a leftover lock must not stop it.
        if (i % 10 === 9) {
          const write = await spawnCli(
            ['create-user-pool-client', '--user-pool-id', s.poolId, '--client-name', `after${i}`, ...sf],
            { timeoutMs: 30_000 },
          );
          expect(write.status, write.stderr).toBe(0);
          expect(write.ms, 'a leftover lock delayed the next write').toBeLessThan(5_000);
          expect(dirtyLines(write.stderr)).toEqual([]);
        }
      }
    });
    console.log(
      `${killed} killed (${killedAfterWrite} after the change reached the file), ${finished} finished first; kill time now ~${Math.round(typical)} ms`,
    );
    expect(killed + finished).toBeGreaterThanOrEqual(200);
    expect(killed).toBeGreaterThanOrEqual(100);
    for (const [i, s] of journaled.entries()) {
      expect(readFileSync(s.stateFile).equals(fileBytes[i] as Buffer)).toBe(true);
      expect(existsSync(`${s.stateFile}.journal`)).toBe(true);
    }

    // Last word: every file still takes a write, and no lock is left once nothing runs.
    for (const s of files) {
      const r = await spawnCli([
        'create-user-pool-client',
        '--user-pool-id',
        s.poolId,
        '--client-name',
        'final',
        '--state-file',
        s.stateFile,
      ]);
      expect(r.status, r.stderr).toBe(0);
      expect(existsSync(`${s.stateFile}.lock`)).toBe(false);
      readState(s.stateFile);
    }
  }, 170_000);

  it('is not blocked by a lock of a dead process, an empty lock or stray temporary files', async () => {
    const s = seedState(tempStateFile(), []);
    const create = (name: string) =>
      spawnCli(
        [
          'create-user-pool-client',
          '--user-pool-id',
          s.poolId,
          '--client-name',
          name,
          '--state-file',
          s.stateFile,
        ],
        {
          timeoutMs: 30_000,
        },
      );
    const lock = `${s.stateFile}.lock`;
    writeFileSync(lock, '4194303'); // above the default pid_max: no such process
    writeFileSync(join(dirname(s.stateFile), `.state.json.999999.${Date.now()}.tmp`), '{"partial');
    writeFileSync(`${lock}.999999.abc.new`, '999999');
    let r = await create('after-dead-lock');
    expect(r.status, r.stderr).toBe(0);
    expect(r.ms).toBeLessThan(5_000);
    expect(existsSync(lock)).toBe(false);

    // An empty lock file (a holder killed between creating and writing it, before the lock was
    // created whole): broken once it is a few seconds old instead of blocking every later command.
    // Its age is its ctime's (set when it was made or linked into place; utimes cannot move it).
    writeFileSync(lock, '');
    r = await create('after-empty-lock');
    expect(r.status, r.stderr).toBe(0);
    expect(r.ms).toBeGreaterThanOrEqual(1_900);
    expect(r.ms).toBeLessThan(5_000);
    expect(existsSync(lock)).toBe(false);
    expect(Object.keys(readState(s.stateFile).pools[s.poolId]?.clients ?? {})).toHaveLength(3);
  });

  it('waits a bounded time for a live holder, then fails with a clear message (no hang)', async () => {
    const s = seedState(tempStateFile(), []);
    const lock = `${s.stateFile}.lock`;
    writeFileSync(lock, String(process.pid)); // this test process: alive for the whole wait
    const before = readFileSync(s.stateFile, 'utf8');
    const r = await spawnCli(
      [
        'create-user-pool-client',
        '--user-pool-id',
        s.poolId,
        '--client-name',
        'x',
        '--state-file',
        s.stateFile,
      ],
      { timeoutMs: 40_000 },
    );
    expect(r.timedOut).toBe(false);
    expect(r.status).toBe(255);
    expect(r.ms).toBeLessThan(30_000);
    expect(r.stderr).toContain(`held by process ${process.pid}`);
    expect(r.stderr).toContain(lock);
    expect(dirtyLines(r.stderr)).toEqual([]);
    expect(readFileSync(s.stateFile, 'utf8')).toBe(before);
    expect(readFileSync(lock, 'utf8')).toBe(String(process.pid)); // a live lock is never broken
  }, 60_000);
});
