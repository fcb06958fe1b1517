// The programmatic API, for test suites: the emulator served in-process from a vitest or jest
// global setup, seeded from data or a file, and TOTP codes computed at a chosen time. Typed, ESM:
//   import { startServer, totpCode } from 'cognito-totp';
//   const server = await startServer({ stateFile, seed: { pools: [...] } });  // { url, stop() }
//   const code = totpCode(secret, { at: Date.now() });
// See README, "For app test suites".
import { LocalBackend } from './backend/local/index.ts';
import type { SeedDocument, SeedResult } from './backend/local/seed-types.ts';
import { codeAt, stepAt } from './backend/local/totp.ts';
import { startServer as startHttpServer } from './server/server.ts';

export type { SeedClient, SeedDocument, SeedPool, SeedResult, SeedUser } from './backend/local/seed-types.ts';

export interface EmulatorOptions {
  /** The state file (created 0600 in a 0700 folder when missing). */
  stateFile: string;
  /** TCP port on 127.0.0.1 (default 0: any free port; read it from `url` or `port`). */
  port?: number;
  /** The address to bind (default 127.0.0.1). */
  host?: string;
  /** The region of new pool ids (default us-east-1). */
  region?: string;
  /** Pools, clients and users applied before the first request (see `seed`). */
  seed?: SeedDocument;
  /** Where the server's notices go (default: nowhere). */
  log?: (line: string) => void;
}

export interface Emulator {
  /** http://127.0.0.1:PORT: the endpoint for the SDKs (`endpoint`, `userPoolEndpoint`). */
  readonly url: string;
  readonly port: number;
  readonly stateFile: string;
  /** What the seed made, with the ids (when `seed` was given). */
  readonly seeded: SeedResult | undefined;
  /** Stops accepting connections, finishes requests in flight, folds the journal. */
  stop(): Promise<void>;
}

/** Starts `cognito-totp serve` in this process. */
export async function startServer(opts: EmulatorOptions): Promise<Emulator> {
  const region = opts.region ?? 'us-east-1';
  const seeded = opts.seed === undefined ? undefined : seed(opts.stateFile, opts.seed, { region });
  const server = await startHttpServer({
    stateFile: opts.stateFile,
    host: opts.host ?? '127.0.0.1',
    port: opts.port ?? 0,
    region,
    log: opts.log ?? (() => {}),
  });
  return {
    url: server.url,
    port: server.port,
    stateFile: opts.stateFile,
    seeded,
    stop: () => server.close(),
  };
}

/** Applies a seed document to a state file (idempotent); throws on a bad document. */
export function seed(stateFile: string, doc: SeedDocument, opts: { region?: string } = {}): SeedResult {
  return new LocalBackend({ stateFile, env: { region: opts.region ?? 'us-east-1' } }).seed(doc);
}

export interface TotpOptions {
  /** The time: epoch milliseconds or a Date (default: now). */
  at?: number | Date;
  /** Digits (default 6) and period in seconds (default 30), as Cognito. */
  digits?: number;
  period?: number;
}

/** The TOTP code (RFC 6238, SHA-1, as Cognito) of a base32 secret at a time. */
export function totpCode(secret: string, opts: TotpOptions = {}): string {
  const at = opts.at === undefined ? Date.now() : typeof opts.at === 'number' ? opts.at : opts.at.getTime();
  const period = opts.period ?? 30;
  return codeAt(secret.replace(/[\s=]/g, '').toUpperCase(), stepAt(at, period), {
    period,
    ...(opts.digits !== undefined ? { digits: opts.digits } : {}),
  });
}

/** A code the emulator put in its outbox (it sends no email or SMS). */
export interface OutboxCode {
  kind: 'CONFIRM_SIGN_UP' | 'RESET_PASSWORD' | 'VERIFY_ATTRIBUTE';
  code: string;
  destination: string;
  /** When it was sent, epoch seconds. */
  at: number;
}

/**
 * The latest code sent to a user (of one kind, if given): how a test confirms a sign-up or a
 * password reset without a mail server. Undefined when none was sent.
 */
export function latestCode(
  stateFile: string,
  where: { userPoolId: string; username: string; kind?: OutboxCode['kind'] },
): OutboxCode | undefined {
  const sent = new LocalBackend({ stateFile })
    .messages({ poolId: where.userPoolId, username: where.username })
    .filter((m) => where.kind === undefined || m.kind === where.kind);
  const last = sent.at(-1);
  return last && { kind: last.kind, code: last.code, destination: last.destination, at: last.at };
}
