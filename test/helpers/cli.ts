// Runs the built binary as a user would: a real process, real files, exit codes and both streams.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const BIN = join(import.meta.dirname, '..', '..', 'bin', 'cognito-totp.js');

export interface Result {
  status: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  env?: Record<string, string>;
  input?: string;
  /** Seconds to move this process's clock by (libfaketime), e.g. 7200. */
  clockOffset?: number;
}

/** An isolated environment: its own HOME, no AWS settings leaking in from the machine. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const home = mkdtempSync(join(tmpdir(), 'ct-home-'));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    AWS_CONFIG_FILE: join(home, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
    COGNITO_TOTP_CONFIG_DIR: join(home, 'config'),
    LANG: 'C.UTF-8',
    ...extra,
  };
  return env;
}

export function run(args: string[], opts: CliOptions = {}): Result {
  const env = { ...cleanEnv(), ...opts.env };
  if (opts.clockOffset !== undefined) {
    env.LD_PRELOAD = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';
    env.FAKETIME = `${opts.clockOffset >= 0 ? '+' : ''}${opts.clockOffset}s`;
    env.FAKETIME_DONT_RESET = '1';
  }
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env,
    encoding: 'utf8',
    input: opts.input ?? '',
    timeout: 60_000,
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Runs and parses stdout as JSON; fails loudly with stderr when the command fails. */
export function json(args: string[], opts: CliOptions = {}): any {
  const r = run(args, opts);
  if (r.status !== 0) throw new Error(`cognito-totp ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return r.stdout ? JSON.parse(r.stdout) : undefined;
}

/** The current code of a secret from an independent implementation (Debian's oathtool). */
export function oathtool(secret: string, offsetSeconds = 0): string {
  const args = ['--totp', '-b'];
  if (offsetSeconds)
    args.push(
      '--now',
      new Date(Date.now() + offsetSeconds * 1000).toISOString().replace('T', ' ').replace(/\..*/, ' UTC'),
    );
  return execFileSync('oathtool', [...args, secret], { encoding: 'utf8' }).trim();
}

/**
 * Through the CLI, in the state file that `sf` (`['--state-file', PATH]`) names: a pool with TOTP
 * enabled and MFA `mfa`, a client allowing USER_PASSWORD_AUTH and refresh, and `user` with the
 * permanent password `password`.
 */
export function cliPoolWithUser(
  sf: string[],
  opts: { mfa: 'ON' | 'OPTIONAL'; user: string; password: string; poolName: string; clientName: string },
): { pool: string; client: string } {
  const pool = json(['create-user-pool', '--pool-name', opts.poolName, ...sf]).UserPool.Id as string;
  const mfa = ['--software-token-mfa-configuration', 'Enabled=true', '--mfa-configuration', opts.mfa];
  json(['set-user-pool-mfa-config', '--user-pool-id', pool, ...mfa, ...sf]);
  const flows = ['--explicit-auth-flows', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
  const client = json([
    'create-user-pool-client',
    '--user-pool-id',
    pool,
    '--client-name',
    opts.clientName,
    ...flows,
    ...sf,
  ]).UserPoolClient.ClientId as string;
  const who = ['--user-pool-id', pool, '--username', opts.user];
  json(['admin-create-user', ...who, '--message-action', 'SUPPRESS', ...sf]);
  json(['admin-set-user-password', ...who, '--password', opts.password, '--permanent', ...sf]);
  return { pool, client };
}

export function tempStateFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'ct-e2e-')), 'state.json');
}
