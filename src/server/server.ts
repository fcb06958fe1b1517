// The local emulator over Cognito's wire protocol (AWS JSON 1.1): one route `POST /` dispatching on
// X-Amz-Target, plus each pool's JWKS and OpenID configuration under `/{poolId}/.well-known/`.
// Requests share locked transactions on the state file (group commit, below), each made durable
// in the state journal (src/backend/local/state/journal.ts), so the server and CLI processes can change
// the same file at the same time.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SrpChallenges } from '../backend/local/context.ts';
import { LocalBackend } from '../backend/local/index.ts';
import { publicJwk } from '../backend/local/tokens.ts';
import { GeneralError, ServiceError } from '../errors.ts';
import { type OperationName, operations } from '../model/index.ts';
import type { StructureShape } from '../model/types.ts';
import { validateClientSide } from '../params/validate.ts';
import { CONTENT_TYPE, decodeRequest, encodeError, encodeSuccess } from '../protocol/json11.ts';
import { nodeCrypto } from '../shared/node-crypto.ts';
import { faultAnswer } from './faults.ts';
import { Connections, Cors, defaultMaxConnections, HostCheck, hostRefusal } from './guard.ts';
import { stripNulls } from './nulls.ts';

/**
 * Bodies over this many bytes are refused with 413. Cognito documents no request-size quota (its
 * quotas page, docs.aws.amazon.com/cognito/latest/developerguide/quotas.html, lists request rates
 * and resource sizes only), and the largest requests its model allows are a few tens of KiB; AWS
 * WAF inspects at most 16 KiB of a Cognito request body by default
 * (docs.aws.amazon.com/waf/latest/APIReference/API_RequestBodyAssociatedResourceTypeConfig.html).
 * 1 MiB leaves room for anything real while bounding what one request can make the server hold.
 */
export const MAX_BODY_BYTES = 1024 * 1024;
/** A client must send its request's headers within this (slowloris), and the whole request within REQUEST_TIMEOUT_MS. */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 30_000;
/** An idle kept-alive connection is closed after this (the AWS SDKs reuse theirs within it). */
export const KEEP_ALIVE_TIMEOUT_MS = 5_000;

export interface ServeOptions {
  stateFile: string;
  host: string;
  port: number;
  /** Where faults and start/stop notices go (stderr). */
  log: (line: string) => void;
  /** Region used in new user pool ids. */
  region?: string;
  maxBodyBytes?: number;
  /** Host names answered besides the loopback names and the bound address (--allowed-host). */
  allowedHosts?: readonly string[];
  /** Origins whose pages may read the answers (--cors-origin); none given: every origin. */
  corsOrigins?: readonly string[];
  /** At most this many open connections (default: defaultMaxConnections()). */
  maxConnections?: number;
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
}

export interface RunningServer {
  readonly host: string;
  readonly port: number;
  readonly url: string;
  readonly backend: LocalBackend;
  /** Stops accepting connections, lets in-flight requests finish, then resolves. */
  close(): Promise<void>;
}

function isOperation(name: string): name is OperationName {
  return Object.hasOwn(operations, name);
}

/** `::1` → `[::1]` in a URL. */
export function urlHost(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

interface Answer {
  status: number;
  body: string;
  contentType?: string;
  /** An error's code, also sent as x-amzn-ErrorType (read by the JS SDK before the body). */
  code?: string;
}

function serviceAnswer(code: string, message: string, status = 400): Answer {
  return { status, body: encodeError(code, message), code };
}

type Prepared = { answer: Answer } | { call: { op: OperationName; request: Record<string, unknown> } };

/** Decodes and type-checks one JSON 1.1 call: an answer already (an error), or the call to make. */
function prepareCall(headers: IncomingMessage['headers'], body: string): Prepared {
  const decoded = decodeRequest({ headers, body }, isOperation);
  if (!decoded.ok) return { answer: serviceAnswer(decoded.code, decoded.message, decoded.status) };
  const op = decoded.operation as OperationName;
  const shape = operations[op].input as StructureShape;
  stripNulls(shape, decoded.input);
  let problems: string[];
  try {
    problems = validateClientSide(shape, decoded.input);
  } catch (e) {
    // Validation that cannot finish (a value nested past what it can walk) refuses the request:
    // a check that threw is never a check passed (issue 17 item 1).
    return {
      answer: serviceAnswer(
        'SerializationException',
        `The request could not be read: ${e instanceof Error ? e.message : String(e)}`,
      ),
    };
  }
  // Missing members, unknown keys and minima are the service's to judge (InvalidParameterException
  // from validateServiceSide); a value of the wrong JSON type fails deserialization, as in Cognito.
  const typeProblems = problems.filter((p) => p.startsWith('Invalid type for parameter'));
  if (typeProblems.length > 0)
    return { answer: serviceAnswer('SerializationException', typeProblems.join('\n')) };
  return { call: { op, request: decoded.input } };
}

/** The answer to a call's outcome; only a real fault throws. */
function answerOf(outcome: { ok: unknown } | { error: unknown }): Answer {
  if ('ok' in outcome) return { status: 200, body: encodeSuccess(outcome.ok as Record<string, unknown>) };
  const e = outcome.error;
  if (e instanceof ServiceError) return serviceAnswer(e.code, e.message, e.status);
  throw e;
}

/** Handles one JSON 1.1 call on its own transaction; only a real fault throws. */
export function handleCall(backend: LocalBackend, headers: IncomingMessage['headers'], body: string): Answer {
  const prepared = prepareCall(headers, body);
  if ('answer' in prepared) return prepared.answer;
  return answerOf(backend.callBatch([prepared.call])[0]!);
}

/**
 * Group commit: calls that arrive while a transaction is being written wait for the next one, and
 * go together, in arrival order, into one locked transaction with one fdatasync. Each is answered only
 * once its change is on disk. At 8 connections a transaction holds about 7.9 calls (bench/serve.mjs,
 * answers written per fdatasync counted with strace).
 */
class Committer {
  private queue: {
    call: { op: OperationName; request: Record<string, unknown> };
    done: (o: Outcome) => void;
  }[] = [];
  private scheduled = false;
  private timer: NodeJS.Timeout | undefined;
  /** Whether the last transaction wrote anything (an fdatasync the next calls could have shared). */
  private lastDurable = true;
  /** Connections answered within the last COMMIT_DELAY_MS that have not sent their next call yet. */
  private readonly returning = new Map<object, number>();
  constructor(
    private readonly backend: () => LocalBackend,
    /** After each transaction (the server folds the journal once it goes quiet). */
    private readonly committed: () => void,
    /** At most this many calls in one transaction, so one slow batch does not grow without end. */
    private readonly max = 256,
  ) {}

  /** A call from `connection`, answered through `done` once its transaction is durable. */
  submit(
    connection: object,
    call: { op: OperationName; request: Record<string, unknown> },
    done: (o: Outcome) => void,
  ): void {
    this.returning.delete(connection);
    this.queue.push({
      call,
      done: (o) => {
        this.returning.set(connection, performance.now());
        done(o);
      },
    });
    if (this.timer !== undefined && this.expected() === 0) {
      clearTimeout(this.timer);
      this.timer = undefined;
      setImmediate(() => this.flush());
    } else if (!this.scheduled) {
      this.scheduled = true;
      this.schedule();
    }
  }

  forget(connection: object): void {
    this.returning.delete(connection);
  }

  /**
   * Commit delay, as PostgreSQL's commit_delay: a client of a busy server sends its next call
   * within a millisecond or so of its answer, and a batch written just before those arrive holds
   * only part of them (then the next, the rest: twice the fsyncs). So while connections answered
   * less than COMMIT_DELAY_MS ago have not come back, wait for them, that long at most. A lone
   * client, or one that went quiet, is never waited for; nor anyone after a transaction that wrote
   * nothing (an SRP InitiateAuth, a sign-in that changes nothing): there was no fdatasync to share,
   * and the wait only left the server idle (an SRP client computes for milliseconds before its
   * next call, so at 8 connections nearly every call waited the whole delay).
   */
  private schedule(): void {
    if (!this.lastDurable || this.expected() === 0) setImmediate(() => this.flush());
    else
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.flush();
      }, COMMIT_DELAY_MS);
  }

  private expected(): number {
    const since = performance.now() - COMMIT_DELAY_MS;
    for (const [c, t] of this.returning) if (t < since) this.returning.delete(c);
    return this.returning.size;
  }

  private flush(): void {
    const batch = this.queue.splice(0, this.max);
    const backend = this.backend();
    // The lock is waited for with timers, not by blocking: other requests are answered meanwhile.
    backend.file
      .whenLocked(() => {
        const writes = backend.file.durableWrites;
        const outcomes = backend.callBatch(batch.map((b) => b.call));
        this.lastDurable = backend.file.durableWrites !== writes;
        return outcomes;
      })
      .catch((error: unknown) => batch.map((): Outcome => ({ error })))
      .then((outcomes) => {
        for (const [i, b] of batch.entries()) b.done(outcomes[i]!);
        this.committed();
        if (this.queue.length) this.schedule();
        else this.scheduled = false;
      });
  }
}
const COMMIT_DELAY_MS = 1;
/**
 * The journal is folded into the state file once no transaction came for this long: a quiet
 * server's state is one plain JSON file (for jq, for a copy), and a busy one folds when the
 * journal outgrows FOLD_BYTES.
 */
const IDLE_FOLD_MS = 200;
type Outcome = { ok: unknown } | { error: unknown };

/** GET /{poolId}/.well-known/jwks.json and /{poolId}/.well-known/openid-configuration. */
function handleWellKnown(backend: LocalBackend, issuerPrefix: string, path: string): Answer | undefined {
  const m = /^\/([^/]+)\/\.well-known\/(jwks\.json|openid-configuration)$/.exec(path);
  if (!m) return undefined;
  let poolId: string;
  try {
    poolId = decodeURIComponent(m[1]!);
  } catch {
    return serviceAnswer('BadRequest', `The path ${path} is not valid percent-encoding.`);
  }
  const pools = backend.file.read().pools;
  const pool = Object.hasOwn(pools, poolId) ? pools[poolId] : undefined;
  if (!pool) {
    return serviceAnswer('ResourceNotFoundException', `User pool ${poolId} does not exist.`, 404);
  }
  if (m[2] === 'jwks.json') {
    return {
      status: 200,
      body: JSON.stringify({ keys: [publicJwk(pool)] }),
      contentType: 'application/json',
    };
  }
  const issuer = issuerPrefix + poolId;
  // Only what this server answers: there is no hosted UI here (no authorize, token, userInfo or
  // logout endpoint), so none is advertised and no response type or OAuth scope either. A JWT
  // library needs issuer and jwks_uri; a client that wants the OAuth endpoints learns at once that
  // they are missing rather than from a 404 later (issue 15).
  return {
    status: 200,
    contentType: 'application/json',
    body: JSON.stringify({
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
    }),
  };
}

function send(res: ServerResponse, requestId: string, a: Answer): void {
  const body = Buffer.from(a.body, 'utf8');
  if (a.code !== undefined) res.setHeader('x-amzn-ErrorType', a.code);
  res.writeHead(a.status, {
    'x-amzn-RequestId': requestId,
    'Content-Type': a.contentType ?? CONTENT_TYPE,
    'Content-Length': body.length,
  });
  res.end(body);
}

/** Starts listening; the backend is made once the port is known, so tokens name the real issuer. */
export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  // Loaded once, now: a long-running server checks every new token's signature with OpenSSL,
  // faster per call than the JavaScript a one-shot command uses to avoid loading it (tokens.ts).
  nodeCrypto();
  const maxBody = opts.maxBodyBytes ?? MAX_BODY_BYTES;
  let backend: LocalBackend | undefined;
  let issuerPrefix = '';
  let closing = false;
  const foldFailed = (e: unknown): void =>
    opts.log(
      `cognito-totp serve: could not fold the journal into the state file (${(e as Error).message}); every change is in the journal, and the next fold will try again.`,
    );
  let port = opts.port;
  const fold = (): void => {
    try {
      backend?.file.fold();
    } catch (e) {
      foldFailed(e);
    }
  };
  // When idle, the lock is waited for without blocking (another process may hold it for a while).
  const idleFold = setTimeout(
    () => backend?.file.whenLocked(fold).catch((e: unknown) => closing || foldFailed(e)),
    IDLE_FOLD_MS,
  );
  idleFold.unref();
  const committer = new Committer(
    () => backend!,
    () => idleFold.refresh(),
  );

  const hosts = new HostCheck(opts.host, opts.allowedHosts ?? []);
  const cors = new Cors(opts.corsOrigins ?? []);
  const connections = new Connections(opts.maxConnections ?? defaultMaxConnections());

  const server: Server = createServer({ connectionsCheckingInterval: 1_000 }, (req, res) => {
    const requestId = nodeCrypto().randomUUID();
    // A failure that is not the client's: one line in the log, a clean 500 (src/server/faults.ts).
    const fail = (e: unknown): void => {
      const f = faultAnswer(e);
      opts.log(`cognito-totp serve: request ${requestId}: ${f.log}`);
      if (!res.headersSent) send(res, requestId, f.answer);
      else res.destroy();
    };
    try {
      handle(req, res, requestId, fail);
    } catch (e) {
      fail(e);
    }
  });
  const handle = (
    req: IncomingMessage,
    res: ServerResponse,
    requestId: string,
    fail: (e: unknown) => void,
  ): void => {
    if (closing) res.setHeader('Connection', 'close');
    if (!hosts.allows(req.headers.host)) {
      req.resume();
      send(
        res,
        requestId,
        serviceAnswer('AccessDeniedException', hostRefusal(String(req.headers.host), port), 403),
      );
      return;
    }
    cors.decorate(req, res);
    if (req.method === 'OPTIONS') {
      req.resume();
      cors.preflight(req, res, requestId);
      return;
    }
    const path = (req.url ?? '/').split('?', 1)[0]!;
    if (req.method === 'GET' || req.method === 'HEAD') {
      try {
        const a = backend && handleWellKnown(backend, issuerPrefix, path);
        send(res, requestId, a ?? serviceAnswer('NotFound', `No route for GET ${path}.`, 404));
      } catch (e) {
        fail(e);
      }
      req.resume();
      return;
    }
    if (req.method !== 'POST' || path !== '/') {
      req.resume();
      send(
        res,
        requestId,
        serviceAnswer(
          'UnknownOperationException',
          req.method === 'POST'
            ? `No operation at ${path}: Cognito's API is POST / with an X-Amz-Target header.`
            : `Method ${req.method} is not allowed: Cognito's API is POST / with an X-Amz-Target header.`,
          req.method === 'POST' ? 404 : 405,
        ),
      );
      return;
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBody) {
      refuseBody(req, res, 0, () => send(res, requestId, tooLarge(maxBody)));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (c: Buffer) => {
      if (refused) return;
      size += c.length;
      if (size > maxBody) {
        refused = true;
        refuseBody(req, res, size, () => send(res, requestId, tooLarge(maxBody)));
        return;
      }
      chunks.push(c);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (refused) return;
      try {
        connections.answering(req.socket, res);
        const prepared = prepareCall(req.headers, Buffer.concat(chunks).toString('utf8'));
        if ('answer' in prepared) {
          send(res, requestId, prepared.answer);
          return;
        }
        committer.submit(req.socket, prepared.call, (outcome) => {
          try {
            send(res, requestId, answerOf(outcome));
          } catch (e) {
            fail(e);
          }
        });
      } catch (e) {
        fail(e);
      }
    });
  };
  // Slow or silent clients are let go (408, then the connection closes), and connections are
  // capped (src/server/guard.ts): together they keep a flood of half-sent requests from starving
  // everyone else (issue 17 item 14). Timeouts are checked every second rather than Node's 30 s.
  server.headersTimeout = opts.headersTimeoutMs ?? HEADERS_TIMEOUT_MS;
  server.requestTimeout = Math.max(server.headersTimeout, opts.requestTimeoutMs ?? REQUEST_TIMEOUT_MS);
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  server.on('connection', (socket) => {
    connections.accept(socket);
    socket.once('close', () => committer.forget(socket));
  });

  await new Promise<void>((resolve, reject) => {
    const refused = (e: NodeJS.ErrnoException): void => {
      const why =
        e.code === 'EADDRINUSE'
          ? 'the address is already in use (another server? try --port 0)'
          : e.code === 'EACCES'
            ? 'permission denied'
            : e.code === 'EADDRNOTAVAIL'
              ? 'no such local address'
              : (e.code ?? e.message);
      reject(new GeneralError(`Cannot listen on ${urlHost(opts.host)}:${opts.port}: ${why}.`));
    };
    server.once('error', refused);
    server.listen(opts.port, opts.host, () => {
      server.off('error', refused);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${urlHost(opts.host)}:${port}`;
  issuerPrefix = `${url}/`;
  backend = new LocalBackend({
    stateFile: opts.stateFile,
    journal: true,
    env: {
      issuerPrefix,
      // SRP challenges live as long as this server, not in the state file (see SrpChallenges).
      srpChallenges: new SrpChallenges(),
      ...(opts.region !== undefined ? { region: opts.region } : {}),
    },
    // The emulator sends no email or SMS: each code it would have sent is one line here (and in
    // `cognito-totp messages`), so a developer or a test can finish a sign-up without a mail server.
    onMessage: (m) =>
      opts.log(
        `cognito-totp serve: message ${m.kind} for ${JSON.stringify(m.user)} in ${m.pool} to ${m.destination}: code ${m.code}`,
      ),
  });
  const made = backend;
  // A state that cannot be read (a folder, damaged, unreadable) is said now, with its exit code,
  // rather than as an internal error on every request.
  try {
    made.file.read();
  } catch (e) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw e;
  }
  return {
    host: opts.host,
    port,
    url,
    backend: made,
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        // Idle keep-alive sockets go now; a socket with a request in progress closes after its answer.
        // Then the journal is folded: a stopped server leaves one plain state file.
        server.close(() => {
          clearTimeout(idleFold);
          fold();
          backend?.file.close();
          resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

/** Past this many bytes of one refused body, the 413 goes out at once and the connection closes. */
const DISCARD_LIMIT = 64 * 1024 * 1024;

/**
 * Reads and drops the rest of a refused body, then answers. Answering first would let the server
 * close the connection (as it does for a client that asked for Connection: close) while the client
 * is still sending, which then fails with EPIPE or ECONNRESET instead of reading the 413. A body
 * that goes on past DISCARD_LIMIT is answered there and the connection closed.
 */
function refuseBody(req: IncomingMessage, res: ServerResponse, already: number, answer: () => void): void {
  let size = already;
  req.removeAllListeners('data');
  req.removeAllListeners('end');
  const cut = (): void => {
    req.removeAllListeners('data');
    req.removeAllListeners('end');
    res.setHeader('Connection', 'close');
    answer();
  };
  if (Number(req.headers['content-length']) > DISCARD_LIMIT) {
    cut();
    return;
  }
  req.on('data', (c: Buffer) => {
    size += c.length;
    if (size > DISCARD_LIMIT) cut();
  });
  req.on('end', answer);
  req.resume();
}

function tooLarge(max: number): Answer {
  return serviceAnswer('SerializationException', `Request body is larger than ${max} bytes.`, 413);
}
