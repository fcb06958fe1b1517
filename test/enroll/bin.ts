// Runs the built program (bin/cognito-totp.js) in a clean environment: its own HOME, settings
// folder and state file, no AWS_* or colour variables from the machine running the tests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalBackend } from '../../src/backend/local/index.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'cognito-totp.js');

/** Builds once when dist/ is missing (npm test builds before vitest runs). */
export function ensureBuilt(): void {
  if (existsSync(join(ROOT, 'dist', 'boot.cjs')) || existsSync(join(ROOT, 'dist', 'main.js'))) return;
  const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout}\n${r.stderr}`);
}

export interface Sandbox {
  dir: string;
  stateFile: string;
  env: NodeJS.ProcessEnv;
}

export function sandbox(extra: NodeJS.ProcessEnv = {}): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), 'ct-enroll-'));
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(AWS_|NO_COLOR$|FORCE_COLOR$|COGNITO_TOTP_|XDG_)/.test(k)) continue;
    env[k] = v;
  }
  Object.assign(env, {
    HOME: dir,
    COGNITO_TOTP_CONFIG_DIR: join(dir, 'config'),
    AWS_CONFIG_FILE: join(dir, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws-credentials'),
    ...extra,
  });
  return { dir, stateFile: join(dir, 'state.json'), env };
}

export interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runBin(
  args: string[],
  opts: { env: NodeJS.ProcessEnv; input?: string; cwd?: string; timeout?: number },
): Result {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: opts.env,
    cwd: opts.cwd ?? ROOT,
    input: opts.input ?? '',
    encoding: 'utf8',
    timeout: opts.timeout ?? 30_000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * A pool with TOTP on (MFA `mfa`), a client for USER_PASSWORD_AUTH and a user with a permanent
 * password, made in-process on the state file the program will use (real clock).
 */
export function seedPool(
  stateFile: string,
  opts: { mfa?: 'OFF' | 'ON' | 'OPTIONAL'; username?: string; password?: string; poolName?: string } = {},
) {
  const b = new LocalBackend({ stateFile });
  const call = (op: Parameters<LocalBackend['callSync']>[0], req: Record<string, unknown>) =>
    b.callSync(op, req) as Record<string, any>;
  const username = opts.username ?? 'alice';
  const password = opts.password ?? 'Passw0rd!x';
  const pool = call('CreateUserPool', { PoolName: opts.poolName ?? 'shop' }).UserPool;
  call('SetUserPoolMfaConfig', {
    UserPoolId: pool.Id,
    SoftwareTokenMfaConfiguration: { Enabled: true },
    MfaConfiguration: opts.mfa ?? 'OPTIONAL',
  });
  const client = call('CreateUserPoolClient', {
    UserPoolId: pool.Id,
    ClientName: 'app',
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  }).UserPoolClient;
  call('AdminCreateUser', { UserPoolId: pool.Id, Username: username, MessageAction: 'SUPPRESS' });
  call('AdminSetUserPassword', {
    UserPoolId: pool.Id,
    Username: username,
    Password: password,
    Permanent: true,
  });
  const signIn = () =>
    call('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: client.ClientId,
      AuthParameters: { USERNAME: username, PASSWORD: password },
    });
  return {
    backend: b,
    call,
    poolId: pool.Id as string,
    poolName: pool.Name as string,
    clientId: client.ClientId as string,
    username,
    password,
    signIn,
  };
}
