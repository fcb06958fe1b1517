// cognito-totp sign-in as a real process against real endpoints: `serve` (which checks the SRP
// proof) and moto_server (which answers PASSWORD_VERIFIER without checking it), with and without
// a client secret; then associate-software-token with the access token it printed.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, cleanEnv } from '../helpers/cli.ts';
import { type Moto, startMoto } from '../helpers/moto.ts';
import { type Served, serve } from './harness.ts';

const env = () =>
  cleanEnv({
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_DEFAULT_REGION: 'us-east-1',
  });

function ct(endpoint: string, args: string[], input = '') {
  const r = spawnSync(process.execPath, [BIN, '--endpoint-url', endpoint, ...args], {
    env: env(),
    encoding: 'utf8',
    input,
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function ok(endpoint: string, args: string[], input = ''): string {
  const r = ct(endpoint, args, input);
  if (r.status !== 0) throw new Error(`${args[0]} exited ${r.status}: ${r.stderr}`);
  return r.stdout.trim();
}

/** A pool, an SRP-only client (with a secret when asked) and a user with a permanent password. */
function provision(endpoint: string, secret: boolean) {
  const pool = ok(endpoint, [
    'create-user-pool',
    '--pool-name',
    'srp',
    '--query',
    'UserPool.Id',
    '--output',
    'text',
  ]);
  const [clientId, clientSecret] = ok(endpoint, [
    'create-user-pool-client',
    '--user-pool-id',
    pool,
    '--client-name',
    'amplify-made',
    '--explicit-auth-flows',
    'ALLOW_USER_SRP_AUTH',
    'ALLOW_REFRESH_TOKEN_AUTH',
    ...(secret ? ['--generate-secret'] : []),
    '--query',
    '[UserPoolClient.ClientId, UserPoolClient.ClientSecret]',
    '--output',
    'text',
  ]).split('\t');
  ok(endpoint, [
    'set-user-pool-mfa-config',
    '--user-pool-id',
    pool,
    '--software-token-mfa-configuration',
    'Enabled=true',
    '--mfa-configuration',
    'OPTIONAL',
  ]);
  ok(endpoint, [
    'admin-create-user',
    '--user-pool-id',
    pool,
    '--username',
    'alice',
    '--message-action',
    'SUPPRESS',
  ]);
  ok(endpoint, [
    'admin-set-user-password',
    '--user-pool-id',
    pool,
    '--username',
    'alice',
    '--password',
    'Passw0rd!x',
    '--permanent',
  ]);
  return { pool, clientId: clientId!, clientSecret: secret ? clientSecret! : undefined };
}

function signInThenAssociate(endpoint: string, secret: boolean, checksProof: boolean) {
  const p = provision(endpoint, secret);
  const base = [
    'sign-in',
    '--user-pool-id',
    p.pool,
    '--client-id',
    p.clientId,
    '--username',
    'alice',
    '--password-stdin',
  ];
  const withSecret = p.clientSecret ? ['--client-secret', p.clientSecret] : [];
  const token = ok(
    endpoint,
    [...base, ...withSecret, '--query', 'AuthenticationResult.AccessToken', '--output', 'text'],
    'Passw0rd!x\n',
  );
  expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  const secretCode = ok(endpoint, [
    'associate-software-token',
    '--access-token',
    token,
    '--query',
    'SecretCode',
    '--output',
    'text',
  ]);
  // moto answers a fixed placeholder; serve a real base32 secret.
  expect(secretCode).toMatch(checksProof ? /^[A-Z2-7]{52}$/ : /^\S+$/);
  const wrong = ct(endpoint, [...base, ...withSecret], 'Wrong-Passw0rd!\n');
  if (checksProof) {
    expect(wrong.status).toBe(254);
    expect(wrong.stderr).toContain(
      '(NotAuthorizedException) when calling the RespondToAuthChallenge operation',
    );
  }
  if (p.clientSecret) {
    const noSecret = ct(endpoint, base, 'Passw0rd!x\n');
    expect(noSecret.status).toBe(254);
  }
}

describe('sign-in against serve (the SRP proof checked)', () => {
  let srv: Served;
  beforeAll(async () => {
    srv = await serve();
  });
  afterAll(async () => {
    expect(await srv.stop()).toBe(0);
  });
  it('without a client secret', () => signInThenAssociate(srv.url, false, true));
  it('with a client secret', () => signInThenAssociate(srv.url, true, true));
});

describe('sign-in against moto_server (PASSWORD_VERIFIER answered without a check)', () => {
  let moto: Moto;
  beforeAll(async () => {
    moto = await startMoto();
  }, 60_000);
  afterAll(() => moto?.stop());
  it('without a client secret', () => signInThenAssociate(moto.endpoint, false, false));
  it('with a client secret', () => signInThenAssociate(moto.endpoint, true, false));
  it('--remember-device: moto (5.2.1) has no devices, so no NewDeviceMetadata even with DeviceConfiguration: a clear error, no device file', async () => {
    const { existsSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const pool = ok(moto.endpoint, [
      'create-user-pool',
      '--pool-name',
      'devices',
      '--device-configuration',
      'ChallengeRequiredOnNewDevice=true,DeviceOnlyRememberedOnUserPrompt=false',
      '--query',
      'UserPool.Id',
      '--output',
      'text',
    ]);
    const clientId = ok(moto.endpoint, [
      'create-user-pool-client',
      '--user-pool-id',
      pool,
      '--client-name',
      'app',
      '--explicit-auth-flows',
      'ALLOW_USER_SRP_AUTH',
      'ALLOW_REFRESH_TOKEN_AUTH',
      '--query',
      'UserPoolClient.ClientId',
      '--output',
      'text',
    ]);
    ok(moto.endpoint, [
      'admin-create-user',
      '--user-pool-id',
      pool,
      '--username',
      'alice',
      '--message-action',
      'SUPPRESS',
    ]);
    ok(moto.endpoint, [
      'admin-set-user-password',
      '--user-pool-id',
      pool,
      '--username',
      'alice',
      '--password',
      'Passw0rd!x',
      '--permanent',
    ]);
    const p = { pool, clientId };
    const file = join(mkdtempSync(join(tmpdir(), 'ct-moto-dev-')), 'alice.device');
    const r = ct(
      moto.endpoint,
      [
        'sign-in',
        '--user-pool-id',
        p.pool,
        '--client-id',
        p.clientId,
        '--username',
        'alice',
        '--password-stdin',
        '--device-file',
        file,
        '--remember-device',
      ],
      'Passw0rd!x\n',
    );
    expect(r.status).toBe(255);
    expect(r.stderr).toContain('cannot remember this device: the sign-in gave no NewDeviceMetadata');
    expect(r.stdout).toBe('');
    expect(existsSync(file)).toBe(false);
  });
});
