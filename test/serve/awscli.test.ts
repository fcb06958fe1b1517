// The AWS CLI on the machine (`aws`, v1) and cognito-totp's own remote backend against
// `cognito-totp serve`: associate and verify, exit codes and output.
import { execFileSync, spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeAt, stepAt } from '../../src/backend/local/totp.ts';
import { BIN, cleanEnv } from '../helpers/cli.ts';
import { call, type Served, serve } from './harness.ts';

const AWS = execFileSync('sh', ['-c', 'command -v aws'], { encoding: 'utf8' }).trim();

function awsEnv(): Record<string, string> {
  const env = cleanEnv({
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_DEFAULT_REGION: 'us-east-1',
  });
  // A pyenv shim finds its interpreters under PYENV_ROOT, which defaults to $HOME/.pyenv.
  if (AWS.includes('/shims/')) env.PYENV_ROOT = process.env.PYENV_ROOT ?? dirname(dirname(AWS));
  return env;
}

let srv: Served;
const aws = (args: string[]) => {
  const r = spawnSync(AWS, ['--endpoint-url', srv.url, 'cognito-idp', ...args], {
    env: awsEnv(),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};
const ct = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, '--endpoint-url', srv.url, ...args], {
    env: awsEnv(),
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

/** A pool (MFA optional), a client and a signed-in user; returns an access token. */
async function signedInUser(name: string): Promise<string> {
  const pool = (await call(srv.port, 'CreateUserPool', { PoolName: name })).UserPool.Id;
  await call(srv.port, 'SetUserPoolMfaConfig', {
    UserPoolId: pool,
    SoftwareTokenMfaConfiguration: { Enabled: true },
    MfaConfiguration: 'OPTIONAL',
  });
  const client = (
    await call(srv.port, 'CreateUserPoolClient', {
      UserPoolId: pool,
      ClientName: 'app',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    })
  ).UserPoolClient.ClientId;
  await call(srv.port, 'AdminCreateUser', { UserPoolId: pool, Username: 'bob', MessageAction: 'SUPPRESS' });
  await call(srv.port, 'AdminSetUserPassword', {
    UserPoolId: pool,
    Username: 'bob',
    Password: 'Passw0rd!',
    Permanent: true,
  });
  const auth = await call(srv.port, 'InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: client,
    AuthParameters: { USERNAME: 'bob', PASSWORD: 'Passw0rd!' },
  });
  return auth.AuthenticationResult.AccessToken;
}

beforeAll(async () => {
  srv = await serve();
});
afterAll(async () => {
  expect(await srv.stop()).toBe(0);
});

describe('aws (v1) --endpoint-url', () => {
  let token: string;
  let secret: string;
  beforeAll(async () => {
    token = await signedInUser('awscli');
  });

  it('associate-software-token prints the secret, exit 0', () => {
    const r = aws(['associate-software-token', '--access-token', token]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['SecretCode']);
    secret = out.SecretCode;
    expect(secret).toMatch(/^[A-Z2-7]{52}$/);
  });

  it('verify-software-token with a wrong code: the service error, exit 255', () => {
    const wrong = codeAt(secret, stepAt(Date.now()) + 40);
    const r = aws(['verify-software-token', '--access-token', token, '--user-code', wrong]);
    expect(r.status).toBe(255);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^\nAn error occurred \((EnableSoftwareTokenMFAException|CodeMismatchException)\) when calling the VerifySoftwareToken operation: /,
    );
  });

  it('verify-software-token with the current code: SUCCESS, exit 0', () => {
    const r = aws([
      'verify-software-token',
      '--access-token',
      token,
      '--user-code',
      codeAt(secret, stepAt(Date.now())),
    ]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ Status: 'SUCCESS' });
  });

  it('an unknown access token: NotAuthorizedException, exit 255', () => {
    const r = aws(['associate-software-token', '--access-token', 'nope']);
    expect(r.status).toBe(255);
    expect(r.stderr).toContain(
      'An error occurred (NotAuthorizedException) when calling the AssociateSoftwareToken operation',
    );
  });
});

describe('cognito-totp --endpoint-url (its remote backend) against the server', () => {
  it('associates and verifies; the output is the same as the local backend prints', async () => {
    const token = await signedInUser('ct-remote');
    const a = ct(['associate-software-token', '--access-token', token]);
    expect(a.stderr).toBe('');
    expect(a.status).toBe(0);
    const secret = JSON.parse(a.stdout).SecretCode as string;
    expect(a.stdout).toBe(`{\n    "SecretCode": "${secret}"\n}\n`);
    const v = ct([
      'verify-software-token',
      '--access-token',
      token,
      '--user-code',
      codeAt(secret, stepAt(Date.now())),
    ]);
    expect(v.status).toBe(0);
    expect(v.stdout).toBe('{\n    "Status": "SUCCESS"\n}\n');
    const bad = ct(['verify-software-token', '--access-token', 'nope', '--user-code', '123456']);
    expect(bad.status).toBe(254);
    expect(bad.stderr).toContain('(NotAuthorizedException) when calling the VerifySoftwareToken operation');
  });
});
