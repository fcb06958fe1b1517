// Helpers for the robustness tests: the built binary run asynchronously (many at once, killable,
// with a hard time limit), a bounded-concurrency pool, a state seeded directly through the
// LocalBackend (much faster than one process per step), and the "clean error" check.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { LocalBackend } from '../../src/backend/local/index.ts';
import type { Pool, State, User } from '../../src/backend/local/state/document.ts';
import { StateFile } from '../../src/backend/local/state/file.ts';
import { checkState, decodeState } from '../../src/backend/local/state/user-store.ts';
import { decodeJwt, signJwt } from '../../src/backend/local/tokens.ts';
import { newSecret } from '../../src/backend/local/totp.ts';
import { BIN, cleanEnv } from './cli.ts';

export interface AsyncResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  ms: number;
}

export interface SpawnOptions {
  env?: Record<string, string>;
  input?: string;
  timeoutMs?: number;
  /** Sends SIGKILL after this many ms (the crash tests). */
  killAfterMs?: number;
}

// One clean environment shared by every process of a test file (a fresh one per call is slow).
let sharedEnv: Record<string, string> | undefined;
export function robustEnv(): Record<string, string> {
  sharedEnv ??= cleanEnv();
  return sharedEnv;
}

/** Runs the built binary without blocking the test's event loop. */
export function spawnCli(args: string[], opts: SpawnOptions = {}): Promise<AsyncResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...robustEnv(), ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.stdin.on('error', () => {});
    child.stdin.end(opts.input ?? '');
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? 60_000);
    const killer =
      opts.killAfterMs !== undefined ? setTimeout(() => child.kill('SIGKILL'), opts.killAfterMs) : undefined;
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      if (killer) clearTimeout(killer);
      resolve({ status, signal, stdout, stderr, timedOut, ms: Date.now() - started });
    });
  });
}

/** Maps `items` through `fn` with at most `limit` running at once, keeping the order. */
export async function pool<T, R>(
  items: T[],
  limit: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * Reads the state file and validates it with the emulator's own schema check; with a journal
 * beside it (left by a server), the state is the file's with the journal applied, as every
 * cognito-totp process reads it.
 */
export function readState(file: string): State {
  const bytes = readFileSync(file);
  decodeState(bytes, file); // as the program reads it: the header line, user lines found by search
  const whole = checkState(JSON.parse(bytes.toString('utf8')), file); // and the whole document, parsed
  return existsSync(`${file}.journal`) ? new StateFile(file).read() : whole;
}

/** Gives a seeded state a journal, as a server that was killed leaves it: later CLI changes go there. */
export function addJournal(s: Seeded): void {
  const server = new LocalBackend({ stateFile: s.stateFile, journal: true });
  server.callSync('CreateUserPoolClient', { UserPoolId: s.poolId, ClientName: 'made-by-a-server' });
  server.file.close();
}

/**
 * A "clean" failure: no JavaScript stack frame, no Node internals, no uncaught-exception banner.
 * Returns the offending lines (empty when clean).
 */
export function dirtyLines(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter(
      (l) =>
        /^\s+at\s/.test(l) ||
        l.includes('node:internal') ||
        /^(Uncaught|Unhandled|(Type|Reference|Range|Syntax|Assertion)Error\b|Error \[ERR_)/.test(l) ||
        l.includes('triggerUncaughtException'),
    );
}

export const PASSWORD = 'Passw0rd!';

export interface Seeded {
  stateFile: string;
  poolId: string;
  clientId: string;
  backend: LocalBackend;
  /** username -> access token (valid for an hour from now). */
  tokens: Map<string, string>;
  /** username -> the pending (associated, unverified) secret, for those asked for. */
  pending: Map<string, string>;
}

/** 32 random bytes in RFC 4648 base32 without padding: 52 characters, like Cognito's SecretCode. */
export function randomSecret(): string {
  return newSecret(randomBytes);
}

/**
 * A pool with TOTP on (OPTIONAL), a client allowing USER_PASSWORD_AUTH and confirmed users with
 * permanent passwords and access tokens, at the real current time (the binary runs on it).
 * One template user goes through the real operations (password, sign-in); the others are copies
 * of its record with their own sub and tokens signed with the pool's key, written in one go:
 * scrypt and a state write per user would take most of a minute for a hundred users.
 */
export function seedState(stateFile: string, users: string[], pendingFor: string[] = []): Seeded {
  const backend = new LocalBackend({ stateFile });
  const call = (op: string, req: Record<string, unknown>) =>
    backend.callSync(op as never, req as never) as Record<string, any>;
  const poolId = call('CreateUserPool', { PoolName: 'robust' }).UserPool.Id as string;
  call('SetUserPoolMfaConfig', {
    UserPoolId: poolId,
    SoftwareTokenMfaConfiguration: { Enabled: true },
    MfaConfiguration: 'OPTIONAL',
  });
  const clientId = call('CreateUserPoolClient', {
    UserPoolId: poolId,
    ClientName: 'app',
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  }).UserPoolClient.ClientId as string;
  const template = 'template-user';
  call('AdminCreateUser', { UserPoolId: poolId, Username: template, MessageAction: 'SUPPRESS' });
  call('AdminSetUserPassword', {
    UserPoolId: poolId,
    Username: template,
    Password: PASSWORD,
    Permanent: true,
  });
  const auth = call('InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: clientId,
    AuthParameters: { USERNAME: template, PASSWORD },
  });
  const templateClaims = decodeJwt(auth.AuthenticationResult.AccessToken as string)?.claims ?? {};
  const tokens = new Map<string, string>();
  const pending = new Map<string, string>();
  backend.file.update((state) => {
    const pool = state.pools[poolId] as Pool;
    const base = pool.users[template] as User;
    const now = Math.floor(Date.now() / 1000);
    for (const u of users) {
      const sub = randomUUID();
      const user: User = structuredClone(base);
      user.sub = sub;
      if (pendingFor.includes(u)) {
        const secret = randomSecret();
        user.pending = { secret, created: now, failures: 0, lockUntil: 0 };
        pending.set(u, secret);
      }
      pool.users[u] = user;
      const jti = randomUUID();
      tokens.set(
        u,
        signJwt(pool, {
          ...templateClaims,
          sub,
          username: u,
          jti,
          origin_jti: randomUUID(),
          event_id: randomUUID(),
        }),
      );
    }
  });
  return { stateFile, poolId, clientId, backend, tokens, pending };
}
