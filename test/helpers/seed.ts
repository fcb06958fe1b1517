// The one way tests seed a pool: TOTP enabled (MFA optional unless told), a client allowing
// USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH and refresh, and a confirmed user with a known
// password. In-process tests call it on a harness's backend; process tests on the state file the
// program will then use.
import type { OperationName } from '../../src/model/index.ts';

export type Call = (op: OperationName, req: Record<string, unknown>) => Record<string, any>;

export const PASSWORD = 'Passw0rd!';
export const TEMPORARY_PASSWORD = 'Temp0rary!';

export interface SeedOptions {
  mfa?: 'OFF' | 'ON' | 'OPTIONAL';
  /** TOTP enabled on the pool (default true). */
  totp?: boolean;
  authSessionValidity?: number;
  /** Set the permanent password (default true); otherwise the user keeps the temporary one. */
  permanent?: boolean;
  poolName?: string;
  username?: string;
  password?: string;
  /** The client's ExplicitAuthFlows (default: user password, admin password, refresh). */
  flows?: string[];
  /** Give the client a secret (returned as clientSecret). */
  generateSecret?: boolean;
}

export function seedPool(call: Call, opts: SeedOptions = {}) {
  const username = opts.username ?? 'alice';
  const password = opts.password ?? PASSWORD;
  const pool = call('CreateUserPool', { PoolName: opts.poolName ?? 'demo' }).UserPool;
  if (opts.totp !== false || opts.mfa) {
    call('SetUserPoolMfaConfig', {
      UserPoolId: pool.Id,
      SoftwareTokenMfaConfiguration: { Enabled: opts.totp ?? true },
      MfaConfiguration: opts.mfa ?? 'OPTIONAL',
    });
  }
  const client = call('CreateUserPoolClient', {
    UserPoolId: pool.Id,
    ClientName: 'app',
    ExplicitAuthFlows: opts.flows ?? [
      'ALLOW_USER_PASSWORD_AUTH',
      'ALLOW_ADMIN_USER_PASSWORD_AUTH',
      'ALLOW_REFRESH_TOKEN_AUTH',
    ],
    ...(opts.generateSecret ? { GenerateSecret: true } : {}),
    ...(opts.authSessionValidity ? { AuthSessionValidity: opts.authSessionValidity } : {}),
  }).UserPoolClient;
  call('AdminCreateUser', {
    UserPoolId: pool.Id,
    Username: username,
    TemporaryPassword: TEMPORARY_PASSWORD,
    UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
  });
  if (opts.permanent !== false) {
    call('AdminSetUserPassword', {
      UserPoolId: pool.Id,
      Username: username,
      Password: password,
      Permanent: true,
    });
  }
  const signIn = () =>
    call('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: client.ClientId,
      AuthParameters: { USERNAME: username, PASSWORD: password },
    });
  return {
    poolId: pool.Id as string,
    poolName: pool.Name as string,
    clientId: client.ClientId as string,
    clientSecret: client.ClientSecret as string | undefined,
    username,
    password,
    signIn,
  };
}
