// What the real-client tests (clients-*.test.ts, browser.test.ts) share: a pool of their own made
// over raw HTTP through a running `serve`, and TOTP codes from the wall clock.
import { execFileSync } from 'node:child_process';
import { dirname } from 'node:path';
import { codeAt, stepAt } from '../../src/backend/local/totp.ts';
import { cleanEnv } from '../helpers/cli.ts';
import { call } from './harness.ts';

export const PASSWORD = 'Passw0rd-client!';
export const TEMP_PASSWORD = 'Temp0rary-client!';

export interface ClientPool {
  pool: string;
  client: string;
  clientSecret?: string;
}

/**
 * A pool with TOTP enabled and MFA `mfa`, a client allowing the flows the libraries use by default
 * (SRP and refresh), and `username` with `PASSWORD` set permanently (or, with `temporary`, created
 * with TEMP_PASSWORD and left FORCE_CHANGE_PASSWORD).
 */
export async function clientPool(
  port: number,
  opts: {
    username: string;
    mfa: 'ON' | 'OPTIONAL';
    secret?: boolean;
    temporary?: boolean;
    /** Extra flows besides SRP and refresh (e.g. ALLOW_USER_PASSWORD_AUTH). */
    flows?: string[];
    /** Refresh token rotation on the client, with no grace period (the old token stops at once). */
    rotation?: boolean;
  },
): Promise<ClientPool> {
  const pool = (await call(port, 'CreateUserPool', { PoolName: `clients-${opts.username}` })).UserPool
    .Id as string;
  await call(port, 'SetUserPoolMfaConfig', {
    UserPoolId: pool,
    SoftwareTokenMfaConfiguration: { Enabled: true },
    MfaConfiguration: opts.mfa,
  });
  const c = (
    await call(port, 'CreateUserPoolClient', {
      UserPoolId: pool,
      ClientName: 'app',
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', ...(opts.flows ?? [])],
      GenerateSecret: opts.secret ?? false,
      ...(opts.rotation ? { RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 } } : {}),
    })
  ).UserPoolClient;
  await call(port, 'AdminCreateUser', {
    UserPoolId: pool,
    Username: opts.username,
    TemporaryPassword: TEMP_PASSWORD,
    MessageAction: 'SUPPRESS',
  });
  if (!opts.temporary)
    await call(port, 'AdminSetUserPassword', {
      UserPoolId: pool,
      Username: opts.username,
      Password: PASSWORD,
      Permanent: true,
    });
  return { pool, client: c.ClientId as string, ...(c.ClientSecret ? { clientSecret: c.ClientSecret } : {}) };
}

/**
 * The code of `secret` now, or `ahead` steps later: the emulator refuses a step already used, so a
 * second code within one window is the next step's (accepted within its tolerance), never a sleep.
 */
export const totpCode = (secret: string, ahead = 0): string => codeAt(secret, stepAt(Date.now()) + ahead);

/** The payload of a JWT. */
export const claimsOf = (jwt: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString());

/** The user's MFA settings as the service reports them (AdminGetUser). */
export async function mfaOf(
  port: number,
  pool: string,
  username: string,
): Promise<{ UserMFASettingList?: string[]; PreferredMfaSetting?: string }> {
  const u = await call(port, 'AdminGetUser', { UserPoolId: pool, Username: username });
  return { UserMFASettingList: u.UserMFASettingList, PreferredMfaSetting: u.PreferredMfaSetting };
}

/**
 * The environment python3 runs in (as boto3.test.ts has it): no AWS settings from the machine; a
 * pyenv shim still finds its Python.
 */
export function pythonEnv(): Record<string, string> {
  const env = cleanEnv({ AWS_EC2_METADATA_DISABLED: 'true' });
  const python = execFileSync('sh', ['-c', 'command -v python3 || true'], { encoding: 'utf8' }).trim();
  if (python.includes('/shims/')) env.PYENV_ROOT = process.env.PYENV_ROOT ?? dirname(dirname(python));
  return env;
}
