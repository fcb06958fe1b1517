// Differential check of the journal: random batches of calls, some failing (so rolled back inside a
// batch), run by a server that keeps its state between transactions, interleaved with CLI changes
// and folds. After every step, what the server holds in memory and what a fresh process reads (the
// file, then the journal) must be the same, and after a last fold, so must the plain file.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { LocalBackend } from '../../src/backend/local/index.ts';
import type { OperationName } from '../../src/model/index.ts';

const now = Date.UTC(2026, 10, 29, 12, 0, 0);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const RUNS = 8;
const STEPS = 25;

/** A small deterministic generator (the run is replayed from its seed). */
function rng(seed: number): () => number {
  let s = seed || 1;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

type Call = { op: OperationName; request: Record<string, unknown> };

/** Every pool and its users, as ListUserPools and ListUsers (all pages) give them. */
function view(call: (c: Call) => any): string {
  const out: Record<string, unknown> = {};
  const pools = (call({ op: 'ListUserPools', request: { MaxResults: 60 } }).UserPools as { Id: string }[])
    .map((p) => p.Id)
    .sort();
  for (const id of pools) {
    const users: unknown[] = [];
    let token: string | undefined;
    do {
      const page = call({
        op: 'ListUsers',
        request: { UserPoolId: id, ...(token ? { PaginationToken: token } : {}) },
      });
      for (const u of page.Users) users.push([u.Username, u.UserStatus, u.Enabled, u.Attributes]);
      token = page.PaginationToken;
    } while (token);
    out[id] = users.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  }
  return JSON.stringify(out);
}

it(`server memory and file+journal agree over random batches (FUZZ_SEED=${SEED})`, () => {
  for (let run = 0; run < RUNS; run++) {
    const r = rng(SEED + run);
    const stateFile = join(mkdtempSync(join(tmpdir(), 'ct-journal-diff-')), 'state.json');
    const env = { now: () => now };
    const server = new LocalBackend({ stateFile, journal: true, env });
    const cli = new LocalBackend({ stateFile, env });
    const pools: string[] = [];
    const names = ['alice', 'bob', 'carol', 'constructor', '__proto__'];
    const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)] as T;
    const next = (step: number): Call => {
      const x = r();
      if (pools.length === 0 || (x < 0.05 && pools.length < 3))
        return { op: 'CreateUserPool', request: { PoolName: `p${step}` } };
      const UserPoolId = pick(pools);
      const Username = pick(names);
      if (x < 0.09) return { op: 'DeleteUserPool', request: { UserPoolId } };
      if (x < 0.45)
        return {
          op: 'AdminCreateUser',
          request: {
            UserPoolId,
            Username,
            MessageAction: 'SUPPRESS',
            UserAttributes: [{ Name: 'email', Value: `${step}@example.com` }],
          },
        };
      if (x < 0.6) return { op: 'AdminDeleteUser', request: { UserPoolId, Username } };
      if (x < 0.75)
        return {
          op: 'AdminSetUserPassword',
          // Half of them too short: the call looks at the user, fails, and is rolled back.
          request: { UserPoolId, Username, Password: r() < 0.5 ? 'short' : 'Passw0rd!', Permanent: true },
        };
      if (x < 0.85) return { op: 'CreateUserPoolClient', request: { UserPoolId, ClientName: `c${step}` } };
      return { op: 'AdminGetUser', request: { UserPoolId, Username } };
    };
    const viaServer = (c: Call) => {
      const o = server.callBatch([c])[0]!;
      if ('error' in o) throw o.error;
      return o.ok;
    };
    const viaFresh = (c: Call) => new LocalBackend({ stateFile, env }).callSync(c.op, c.request);
    for (let step = 0; step < STEPS; step++) {
      if (r() < 0.1) server.file.fold();
      const byCli = r() < 0.3;
      const batch = Array.from({ length: 1 + Math.floor(r() * 5) }, (_, i) => next(step * 10 + i));
      const outcomes = byCli
        ? batch.map((c) => {
            try {
              return { ok: cli.callSync(c.op, c.request) };
            } catch (error) {
              return { error };
            }
          })
        : server.callBatch(batch);
      for (const [i, o] of outcomes.entries()) {
        if (!('ok' in o)) continue;
        const c = batch[i]!;
        if (c.op === 'CreateUserPool') pools.push((o.ok as any).UserPool.Id);
        if (c.op === 'DeleteUserPool') pools.splice(pools.indexOf(c.request.UserPoolId as string), 1);
      }
      const replay = `FUZZ_SEED=${SEED} run ${run} step ${step} (${byCli ? 'CLI' : 'server'}: ${batch.map((c) => c.op).join(', ')})`;
      expect(view(viaServer), replay).toBe(view(viaFresh));
    }
    server.file.fold();
    server.file.close();
    const doc = JSON.parse(readFileSync(stateFile, 'utf8'));
    expect(Object.keys(doc.pools).sort()).toEqual([...pools].sort());
  }
}, 300_000);
