// A local backend on a fresh temporary state file with a clock the test moves by hand.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalBackend } from '../../src/backend/local/index.ts';
import { codeAt, stepAt } from '../../src/backend/local/totp.ts';
import { ServiceError } from '../../src/errors.ts';
import type { OperationName } from '../../src/model/index.ts';

export interface Harness {
  backend: LocalBackend;
  stateFile: string;
  clock: { t: number };
  /** Moves the clock forward by seconds. */
  advance(seconds: number): void;
  call(op: OperationName, req: Record<string, unknown>): Record<string, any>;
  /** The ServiceError a call fails with (fails the test if it succeeds). */
  fail(op: OperationName, req: Record<string, unknown>): ServiceError;
  /** The code of `secret` at the current time, shifted by `steps` time steps. */
  code(secret: string, steps?: number): string;
}

export function harness(start = Date.UTC(2026, 10, 22, 12, 0, 0)): Harness {
  const dir = mkdtempSync(join(tmpdir(), 'ct-local-'));
  const stateFile = join(dir, 'state', 'state.json');
  const clock = { t: start };
  const backend = new LocalBackend({ stateFile, env: { now: () => clock.t } });
  const h: Harness = {
    backend,
    stateFile,
    clock,
    advance: (s) => {
      clock.t += s * 1000;
    },
    call: (op, req) => backend.callSync(op, req) as Record<string, any>,
    fail: (op, req) => {
      try {
        backend.callSync(op, req);
      } catch (e) {
        if (e instanceof ServiceError) return e;
        throw e;
      }
      throw new Error(`${op} succeeded but was expected to fail`);
    },
    code: (secret, steps = 0) => codeAt(secret, stepAt(clock.t) + steps),
  };
  return h;
}

export const PASSWORD = 'Passw0rd!';

/** A pool with TOTP enabled, a client allowing USER_PASSWORD_AUTH, and a confirmed user alice. */
export function seed(
  h: Harness,
  opts: {
    mfa?: 'OFF' | 'ON' | 'OPTIONAL';
    totp?: boolean;
    authSessionValidity?: number;
    permanent?: boolean;
  } = {},
) {
  const pool = h.call('CreateUserPool', { PoolName: 'demo' }).UserPool;
  if (opts.totp !== false || opts.mfa) {
    h.call('SetUserPoolMfaConfig', {
      UserPoolId: pool.Id,
      SoftwareTokenMfaConfiguration: { Enabled: opts.totp ?? true },
      MfaConfiguration: opts.mfa ?? 'OPTIONAL',
    });
  }
  const client = h.call('CreateUserPoolClient', {
    UserPoolId: pool.Id,
    ClientName: 'app',
    ExplicitAuthFlows: [
      'ALLOW_USER_PASSWORD_AUTH',
      'ALLOW_ADMIN_USER_PASSWORD_AUTH',
      'ALLOW_REFRESH_TOKEN_AUTH',
    ],
    ...(opts.authSessionValidity ? { AuthSessionValidity: opts.authSessionValidity } : {}),
  }).UserPoolClient;
  h.call('AdminCreateUser', {
    UserPoolId: pool.Id,
    Username: 'alice',
    TemporaryPassword: 'Temp0rary!',
    UserAttributes: [{ Name: 'email', Value: 'alice@example.com' }],
  });
  if (opts.permanent !== false) {
    h.call('AdminSetUserPassword', {
      UserPoolId: pool.Id,
      Username: 'alice',
      Password: PASSWORD,
      Permanent: true,
    });
  }
  const signIn = () =>
    h.call('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: client.ClientId,
      AuthParameters: { USERNAME: 'alice', PASSWORD },
    });
  return { poolId: pool.Id as string, clientId: client.ClientId as string, signIn };
}
