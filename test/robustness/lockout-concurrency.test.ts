// Issue 17, item 5 under concurrency: parallel requests to `serve` and parallel CLI processes
// guessing the code of an already verified authenticator do not each get five tries. The count is
// kept under the state lock, so the whole burst gets five counted guesses, plus one more for each
// lockout that has run out meanwhile (1 s, then 2 s, 4 s, ...): the bound is computed from how long
// the burst took, so a slow machine cannot make the test fail, while the old build counted none.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { codeAt, stepAt } from '../../src/backend/local/totp.ts';
import { BIN, cleanEnv, cliPoolWithUser, json, tempStateFile } from '../helpers/cli.ts';
import { raw, serve, target } from '../serve/harness.ts';

const PASSWORD = 'Passw0rd!';

/** Counted guesses a burst lasting `ms` may get: 5, plus one per lockout that can have run out. */
function allowedGuesses(ms: number): number {
  let extra = 0;
  let locked = 1000; // the lockouts so far, 1 + 2 + 4 + ... seconds
  while (locked <= ms) {
    extra += 1;
    locked += 1000 * 2 ** extra;
  }
  return 5 + extra;
}

/** A code of none of the steps around now (the verified one was used at its step). */
function wrongCode(secret: string): string {
  const now = stepAt(Date.now());
  const near = [-2, -1, 0, 1, 2, 3].map((d) => codeAt(secret, now + d));
  return ['000000', '111111', '222222', '333333', '444444'].find((c) => !near.includes(c))!;
}

/** Through the CLI: alice signed in with a verified authenticator; her access token and secret. */
function verifiedUser(stateFile: string): { token: string; secret: string } {
  const sf = ['--state-file', stateFile];
  const { client } = cliPoolWithUser(sf, {
    mfa: 'OPTIONAL',
    user: 'alice',
    password: PASSWORD,
    poolName: 'p',
    clientName: 'c',
  });
  const auth = json([
    'initiate-auth',
    '--client-id',
    client,
    '--auth-flow',
    'USER_PASSWORD_AUTH',
    '--auth-parameters',
    `USERNAME=alice,PASSWORD=${PASSWORD}`,
    ...sf,
  ]);
  const token = auth.AuthenticationResult.AccessToken as string;
  const secret = json(['associate-software-token', '--access-token', token, ...sf]).SecretCode as string;
  const code = codeAt(secret, stepAt(Date.now()));
  json(['verify-software-token', '--access-token', token, '--user-code', code, ...sf]);
  return { token, secret };
}

describe('the code lockout under concurrency', () => {
  it('parallel HTTP requests to serve: five counted guesses for the whole burst, the rest refused', async () => {
    const stateFile = tempStateFile();
    const { token, secret } = verifiedUser(stateFile);
    const srv = await serve(stateFile);
    try {
      const body = JSON.stringify({ AccessToken: token, UserCode: wrongCode(secret) });
      const started = Date.now();
      const answers = await Promise.all(
        Array.from({ length: 40 }, () => raw(srv.port, { target: target('VerifySoftwareToken'), body })),
      );
      const elapsed = Date.now() - started;
      const types = answers.map((a) => JSON.parse(a.body).__type as string);
      const counted = types.filter((t) => t === 'EnableSoftwareTokenMFAException').length;
      expect(
        types.filter((t) => t !== 'EnableSoftwareTokenMFAException' && t !== 'TooManyRequestsException'),
      ).toEqual([]);
      expect(counted).toBeGreaterThanOrEqual(5);
      expect(counted).toBeLessThanOrEqual(allowedGuesses(elapsed));
    } finally {
      expect(await srv.stop()).toBe(0);
    }
  });

  it('parallel CLI processes: the same, the count is changed under the state lock', async () => {
    const stateFile = tempStateFile();
    const { token, secret } = verifiedUser(stateFile);
    const args = ['verify-software-token', '--access-token', token, '--user-code', wrongCode(secret)];
    const once = () =>
      new Promise<{ status: number | null; stderr: string }>((resolve) => {
        const p = spawn(process.execPath, [BIN, ...args, '--state-file', stateFile], {
          env: cleanEnv(),
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        p.stderr.on('data', (c: Buffer) => {
          stderr += c.toString();
        });
        p.on('close', (status) => resolve({ status, stderr }));
      });
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 10 }, once));
    const elapsed = Date.now() - started;
    for (const r of results) {
      expect(r.status, r.stderr).toBe(254);
      expect(r.stderr).toMatch(/\((EnableSoftwareTokenMFAException|TooManyRequestsException)\)/);
    }
    const counted = results.filter((r) => r.stderr.includes('(EnableSoftwareTokenMFAException)')).length;
    expect(counted).toBeGreaterThanOrEqual(5);
    expect(counted).toBeLessThanOrEqual(allowedGuesses(elapsed));
  });
});
