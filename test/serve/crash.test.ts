// SIGKILL of a busy server: every change it acknowledged is in the journal, CLI processes read it
// there (and write into it) before anyone folds it, and the next server picks the journal up and
// folds it into one plain state file.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { json } from '../helpers/cli.ts';
import { call, serve } from './harness.ts';

it('a server killed under load loses no acknowledged change', { timeout: 60_000 }, async () => {
  const srv = await serve();
  const sf = ['--state-file', srv.stateFile];
  const pool = (await call(srv.port, 'CreateUserPool', { PoolName: 'crash' })).UserPool.Id as string;
  const acknowledged: string[] = [];
  let stop = false;
  // Eight clients create users as fast as the server answers; the kill comes mid-stream.
  const clients = Array.from({ length: 8 }, async (_, c) => {
    for (let i = 0; !stop; i++) {
      const Username = `c${c}-${i}`;
      try {
        await call(srv.port, 'AdminCreateUser', { UserPoolId: pool, Username, MessageAction: 'SUPPRESS' });
        acknowledged.push(Username);
      } catch {
        return; // the connection died with the server: not acknowledged
      }
    }
  });
  // The kill comes once enough changes are acknowledged (not after a fixed time: a loaded machine
  // acknowledges fewer in a given time, and how many is not what this test is about).
  for (let waited = 0; acknowledged.length < 60 && waited < 30_000; waited += 20) await sleep(20);
  srv.proc.kill('SIGKILL');
  stop = true;
  await Promise.all(clients);
  await srv.exited;
  expect(acknowledged.length).toBeGreaterThan(50);
  expect(existsSync(`${srv.stateFile}.journal`)).toBe(true);

  // A CLI process reads the file and the journal: every acknowledged user is there.
  const listed = (json(['list-users', '--user-pool-id', pool, ...sf]).Users as { Username: string }[]).map(
    (u) => u.Username,
  );
  for (const name of acknowledged) expect(listed).toContain(name);
  // Nothing that was not asked for; at most the calls in flight at the kill beyond the acknowledged.
  for (const name of listed) expect(name).toMatch(/^c[0-7]-\d+$/);
  expect(listed.length - acknowledged.length).toBeLessThanOrEqual(8);
  // The CLI writes into the journal while it exists; the next server finds both and folds them.
  json([
    'admin-create-user',
    '--user-pool-id',
    pool,
    '--username',
    'after',
    '--message-action',
    'SUPPRESS',
    ...sf,
  ]);
  const next = await serve(srv.stateFile);
  const described = await call(next.port, 'DescribeUserPool', { UserPoolId: pool });
  expect(described.UserPool.EstimatedNumberOfUsers).toBe(listed.length + 1);
  expect(await next.stop()).toBe(0);
  expect(existsSync(`${srv.stateFile}.journal`)).toBe(false);
  const doc = JSON.parse(readFileSync(srv.stateFile, 'utf8'));
  expect((doc.users as unknown[]).length).toBe(listed.length + 1);
  // The killed server's copy of the lock was swept by the next one, which removed its own.
  expect(readdirSync(dirname(srv.stateFile)).filter((n) => n !== 'state.json')).toEqual([]);
});
