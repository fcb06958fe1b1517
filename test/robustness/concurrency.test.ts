// More than 100 processes of the built binary at once on one state file: associate and verify for
// distinct users, several processes racing on the same user, readers in between. Afterwards every
// acknowledged change is in the file, the file validates, and every process either got its answer
// or a clean service error (exit 254), none hung.
import { existsSync, readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeAt, stepAt } from '../../src/backend/local/totp.ts';
import { tempStateFile } from '../helpers/cli.ts';
import {
  type AsyncResult,
  dirtyLines,
  readState,
  type Seeded,
  seedState,
  spawnCli,
} from '../helpers/robust.ts';

const VERIFIERS = 50; // distinct users, each verifying its own pending secret
const ASSOCIATORS = 10; // users with 3 associate processes racing each
const RACE = 15; // processes verifying the same user's same code
const READERS = 15; // admin-get-user on the verifying users

describe('100+ processes at once on one state file', () => {
  let seeded: Seeded;
  const pendingSecrets = new Map<string, string>();
  beforeAll(() => {
    const users = [
      ...Array.from({ length: VERIFIERS }, (_, i) => `v${i}`),
      ...Array.from({ length: ASSOCIATORS }, (_, i) => `a${i}`),
      'racer',
    ];
    const t = Date.now();
    seeded = seedState(
      tempStateFile(),
      users,
      users.filter((u) => u.startsWith('v') || u === 'racer'),
    );
    for (const [u, secret] of seeded.pending) pendingSecrets.set(u, secret);
    console.log(`seeded ${users.length} users in ${Date.now() - t} ms`);
  });

  it('loses no acknowledged change and ends every process cleanly', async () => {
    const sf = ['--state-file', seeded.stateFile];
    type Job = { kind: 'verify' | 'associate' | 'race' | 'read'; user: string; args: string[] };
    const jobs: Job[] = [];
    // Codes from the step in the middle of what is left of the current 30 s window (or the next one).
    const now = Date.now();
    const step = stepAt(now) + ((now / 1000) % 30 > 20 ? 1 : 0);
    for (let i = 0; i < VERIFIERS; i++) {
      const u = `v${i}`;
      const code = codeAt(pendingSecrets.get(u) as string, step);
      jobs.push({
        kind: 'verify',
        user: u,
        args: [
          'verify-software-token',
          '--access-token',
          seeded.tokens.get(u) as string,
          '--user-code',
          code,
          ...sf,
        ],
      });
    }
    for (let i = 0; i < ASSOCIATORS; i++) {
      for (let k = 0; k < 3; k++) {
        const u = `a${i}`;
        jobs.push({
          kind: 'associate',
          user: u,
          args: ['associate-software-token', '--access-token', seeded.tokens.get(u) as string, ...sf],
        });
      }
    }
    const raceCode = codeAt(pendingSecrets.get('racer') as string, step);
    for (let k = 0; k < RACE; k++) {
      jobs.push({
        kind: 'race',
        user: 'racer',
        args: [
          'verify-software-token',
          '--access-token',
          seeded.tokens.get('racer') as string,
          '--user-code',
          raceCode,
          ...sf,
        ],
      });
    }
    for (let k = 0; k < READERS; k++) {
      jobs.push({
        kind: 'read',
        user: `v${k}`,
        args: ['admin-get-user', '--user-pool-id', seeded.poolId, '--username', `v${k}`, ...sf],
      });
    }
    expect(jobs.length).toBeGreaterThanOrEqual(100);
    // Shuffled, then all started at once.
    jobs.sort(() => Math.random() - 0.5);
    const t0 = Date.now();
    const results: AsyncResult[] = await Promise.all(
      jobs.map((j) => spawnCli(j.args, { timeoutMs: 90_000 })),
    );
    const wall = Date.now() - t0;
    console.log(
      `${jobs.length} processes at once: ${wall} ms wall, slowest ${Math.max(...results.map((r) => r.ms))} ms`,
    );

    // Every process ended by itself, with 0 or a clean service error.
    for (const [i, r] of results.entries()) {
      const job = jobs[i] as Job;
      expect(r.timedOut, `${job.kind} ${job.user} hung`).toBe(false);
      expect([0, 254], `${job.kind} ${job.user}: ${r.stderr}`).toContain(r.status);
      expect(dirtyLines(r.stderr), r.stderr).toEqual([]);
      if (r.status !== 0)
        expect(r.stderr).toMatch(/^\nAn error occurred \(\w+\) when calling the \w+ operation: .+\n$/);
    }

    const state = readState(seeded.stateFile);
    const users = state.pools[seeded.poolId]?.users ?? {};

    // Distinct verifiers: each acknowledged verify is in the file.
    for (const [i, r] of results.entries()) {
      const job = jobs[i] as Job;
      if (job.kind !== 'verify') continue;
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).Status).toBe('SUCCESS');
      const user = users[job.user];
      expect(user?.totp?.secret).toBe(pendingSecrets.get(job.user));
      expect(user?.pending).toBeUndefined();
    }

    // Racing associates: all acknowledged; the survivor is one of the returned secrets.
    for (let i = 0; i < ASSOCIATORS; i++) {
      const u = `a${i}`;
      const returned = results
        .filter((_, k) => (jobs[k] as Job).kind === 'associate' && (jobs[k] as Job).user === u)
        .map((r) => {
          expect(r.status, r.stderr).toBe(0);
          return JSON.parse(r.stdout).SecretCode as string;
        });
      expect(returned).toHaveLength(3);
      expect(new Set(returned).size).toBe(3);
      expect(returned).toContain(users[u]?.pending?.secret);
    }

    // Same code, same user: exactly one SUCCESS, every other one a replay.
    const race = results.filter((_, k) => (jobs[k] as Job).kind === 'race');
    expect(race.filter((r) => r.status === 0)).toHaveLength(1);
    for (const r of race.filter((r) => r.status !== 0)) {
      expect(r.status).toBe(254);
      expect(r.stderr).toContain('(ExpiredCodeException)');
    }
    expect(users.racer?.totp?.secret).toBe(pendingSecrets.get('racer'));

    // Readers saw a consistent user.
    for (const r of results.filter((_, k) => (jobs[k] as Job).kind === 'read')) {
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout).UserStatus).toBe('CONFIRMED');
    }

    // Nothing left behind: no lock, no temporary file.
    expect(existsSync(`${seeded.stateFile}.lock`)).toBe(false);
    expect(readdirSync(dirname(seeded.stateFile)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 120_000);
});
