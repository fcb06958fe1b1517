// The server and CLI processes on one state file at the same time: each sees the other's changes,
// and a burst of concurrent requests while CLI processes write loses no update.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cleanEnv, json } from '../helpers/cli.ts';
import { call, type Served, serve } from './harness.ts';

let srv: Served;
let sf: string[];

beforeAll(async () => {
  srv = await serve();
  sf = ['--state-file', srv.stateFile];
});
afterAll(async () => {
  expect(await srv.stop()).toBe(0);
});

function cliAsync(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args, ...sf], {
      env: cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (c: Buffer) => {
      stdout += c;
    });
    p.stderr.on('data', (c: Buffer) => {
      stderr += c;
    });
    p.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('one state file, a server and the CLI', () => {
  it('a pool made over the wire is seen by the CLI, a user made by the CLI is seen over the wire', async () => {
    const pool = (await call(srv.port, 'CreateUserPool', { PoolName: 'shared' })).UserPool.Id;
    const listed = json(['list-user-pools', '--max-results', '60', ...sf]);
    expect(listed.UserPools.map((p: { Id: string }) => p.Id)).toContain(pool);
    json(['admin-create-user', '--user-pool-id', pool, '--username', 'carol', ...sf]);
    const got = await call(srv.port, 'AdminGetUser', { UserPoolId: pool, Username: 'carol' });
    expect(got.Username).toBe('carol');
    json(['admin-delete-user', '--user-pool-id', pool, '--username', 'carol', ...sf]);
    const gone = await fetch(srv.url, {
      method: 'POST',
      headers: { 'X-Amz-Target': 'AWSCognitoIdentityProviderService.AdminGetUser' },
      body: JSON.stringify({ UserPoolId: pool, Username: 'carol' }),
    });
    expect(gone.status).toBe(400);
    expect(await gone.json()).toMatchObject({ __type: 'UserNotFoundException' });
  });

  it('a burst of concurrent SDK requests while CLI processes write: every change is kept', async () => {
    const pool = (await call(srv.port, 'CreateUserPool', { PoolName: 'burst' })).UserPool.Id;
    const sdk = new CognitoIdentityProviderClient({
      endpoint: srv.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      maxAttempts: 1,
    });
    const SDK_USERS = 120;
    const CLI_USERS = 8;
    try {
      const viaCli = Array.from({ length: CLI_USERS }, (_, i) =>
        cliAsync(['admin-create-user', '--user-pool-id', pool, '--username', `cli-${i}`]),
      );
      const viaSdk = Array.from({ length: SDK_USERS }, (_, i) =>
        sdk.send(
          new AdminCreateUserCommand({ UserPoolId: pool, Username: `sdk-${i}`, MessageAction: 'SUPPRESS' }),
        ),
      );
      const sdkResults = await Promise.allSettled(viaSdk);
      const cliResults = await Promise.all(viaCli);
      expect(sdkResults.filter((r) => r.status === 'rejected')).toEqual([]);
      for (const r of cliResults) expect(r.status, r.stderr).toBe(0);
    } finally {
      sdk.destroy();
    }
    // The state as any cognito-totp process reads it (the file and the server's journal)...
    const listed = json(['list-users', '--user-pool-id', pool, ...sf]);
    expect(listed.Users).toHaveLength(SDK_USERS + CLI_USERS);
    // ...and the server, reading the files again, counts the same.
    const described = await call(srv.port, 'DescribeUserPool', { UserPoolId: pool });
    expect(described.UserPool.EstimatedNumberOfUsers).toBe(SDK_USERS + CLI_USERS);
    // Once the server is quiet, the journal is folded: the file alone, plain JSON, holds it all.
    for (let i = 0; i < 100 && existsSync(`${srv.stateFile}.journal`); i++) await sleep(50);
    expect(existsSync(`${srv.stateFile}.journal`)).toBe(false);
    const state = JSON.parse(readFileSync(srv.stateFile, 'utf8'));
    const names = (state.users as [string, string, object][]).filter((u) => u[0] === pool);
    expect(names).toHaveLength(SDK_USERS + CLI_USERS);
  });
});
