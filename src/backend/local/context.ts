// What every local operation works with: the state being changed, the injected clock and
// randomness, and the lookups and checks that several operations share (access tokens, sessions,
// pools, clients, users), each failing with Cognito's error code and message.
import { ServiceError } from '../../errors.ts';
import { nodeCrypto } from '../../shared/node-crypto.ts';
import { fromBytes, poolNameOf, toBytes, verifier } from '../../srp/math.ts';
import type { Client, Pool, SessionRecord, State, User } from './state/document.ts';
import { stores, views } from './state/user-store.ts';
import {
  ADMIN_SCOPE,
  decodeJwt,
  isAwsIssuer,
  LOCAL_ISSUER_PREFIX,
  poolIdOfIssuer,
  verifySignature,
} from './tokens.ts';

export interface Env {
  /** Milliseconds since the epoch. */
  now: () => number;
  randomBytes: (n: number) => Uint8Array;
  /** Region used in new user pool ids and ARNs. */
  region: string;
  /** Issuer URL prefix of minted tokens; the pool id is appended. */
  issuerPrefix: string;
  /** Where a long-running process (serve) keeps its SRP challenges; undefined: the state file. */
  srpChallenges?: SrpChallenges;
}

/** The steps keyed on an SRP SECRET_BLOCK: answered once, within minutes, by the same client. */
const SRP_STEPS: readonly SessionRecord['step'][] = ['PASSWORD_VERIFIER', 'DEVICE_PASSWORD_VERIFIER'];

/**
 * The SRP challenges (SECRET_BLOCKs) that `serve` has issued and not yet seen answered, in this
 * process's memory only. Writing each one into the state file made every USER_SRP_AUTH
 * InitiateAuth a durable transaction (a journal line holding the whole header, and an
 * fdatasync), and its answer a second one to remove it again, for a record that is worthless after
 * a restart anyway: a client whose challenge is lost starts the sign-in again, as it would after
 * AuthSessionValidity. The guarantees are the state file's: a block is found only by the hash of
 * its exact text (one altered bit is unknown), is removed at its first answer whatever the outcome
 * (a replay is unknown), expires with the client's AuthSessionValidity, and blocks issued before a
 * restart are unknown. Blocks issued by a one-shot CLI process are still in the state file, and
 * still answer here. Bounded: past MAX entries the expired go first, then the oldest (whose
 * sign-in then fails as after a restart), so a flood of InitiateAuth cannot exhaust memory.
 */
export class SrpChallenges {
  /** About 300 bytes each: at most some 15 MiB, far beyond 8 minutes of sign-ins at 300/s. */
  static readonly MAX = 50_000;
  private readonly byKey = new Map<string, SessionRecord>();

  get(key: string): SessionRecord | undefined {
    return this.byKey.get(key);
  }

  set(key: string, rec: SessionRecord, nowSec: number): void {
    if (this.byKey.size >= SrpChallenges.MAX) {
      for (const [k, r] of this.byKey) if (r.exp <= nowSec) this.byKey.delete(k);
      // Still full of live ones: the oldest go (Map iterates in insertion order).
      for (const k of this.byKey.keys()) {
        if (this.byKey.size < SrpChallenges.MAX) break;
        this.byKey.delete(k);
      }
    }
    this.byKey.set(key, rec);
  }

  delete(key: string): void {
    this.byKey.delete(key);
  }

  get size(): number {
    return this.byKey.size;
  }
}

export function defaultEnv(region = 'us-east-1'): Env {
  return {
    now: Date.now,
    randomBytes: (n) => nodeCrypto().randomBytes(n),
    region,
    issuerPrefix: LOCAL_ISSUER_PREFIX,
  };
}

export class Ctx {
  /**
   * The id a seed file fixes for the next pool or app client it creates (seed.ts); undefined for
   * every call, which draws a random one as Cognito does.
   */
  /** What this call put in the outbox: announced once its transaction is durable (serve logs it). */
  readonly sent: { pool: string; user: string; kind: string; destination: string; code: string }[] = [];
  seedId: string | undefined = undefined;
  /** How to undo this call's changes to the SRP challenges in memory (see undoChallenges). */
  private readonly challengeUndo: (() => void)[] = [];
  readonly nowMs: number;
  readonly nowSec: number;
  constructor(
    readonly state: State,
    readonly env: Env,
  ) {
    this.nowMs = env.now();
    this.nowSec = Math.floor(this.nowMs / 1000);
  }

  issuer(poolId: string): string {
    return this.env.issuerPrefix + poolId;
  }

  randomString(length: number, alphabet: string): string {
    const bytes = this.env.randomBytes(length);
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[bytes[i]! % alphabet.length];
    return out;
  }

  pool(id: string): Pool {
    const pool = this.state.pools[id];
    if (!pool) throw new ServiceError('ResourceNotFoundException', `User pool ${id} does not exist.`);
    return pool;
  }

  /** Client ids are unique across pools, as in Cognito. */
  clientAnywhere(clientId: string): { pool: Pool; client: Client } {
    for (const pool of Object.values(this.state.pools)) {
      const client = pool.clients[clientId];
      if (client) return { pool, client };
    }
    throw new ServiceError('ResourceNotFoundException', `User pool client ${clientId} does not exist.`);
  }

  client(pool: Pool, clientId: string): Client {
    const client = pool.clients[clientId];
    if (!client)
      throw new ServiceError('ResourceNotFoundException', `User pool client ${clientId} does not exist.`);
    return client;
  }

  user(pool: Pool, username: string): User {
    const user = pool.users[username];
    if (!user) throw new ServiceError('UserNotFoundException', 'User does not exist.');
    return user;
  }

  /** The users of `pool` whose attribute `attr` is `value`, by name (sign-in aliases: ops/aliases.ts). */
  usersWith(pool: Pool, attr: string, value: string): [string, User][] {
    const store = stores.get(this.state);
    // A pool made in this transaction holds its users in a plain record, not a view of the store.
    const names =
      store && views.get(pool.users) === pool.id
        ? store.withAttribute(pool.id, attr, value)
        : Object.keys(pool.users).filter((n) => pool.users[n]?.attrs[attr] === value);
    return names.map((n) => [n, pool.users[n]!]);
  }

  /**
   * The user an access token belongs to, after every check Cognito makes: signature by the pool's
   * key, token_use, expiry, revocation and the aws.cognito.signin.user.admin scope.
   */
  authenticate(accessToken: string): { pool: Pool; user: User; username: string; clientId: string } {
    const invalid = () => new ServiceError('NotAuthorizedException', 'Invalid Access Token');
    const jwt = decodeJwt(accessToken);
    if (!jwt) throw invalid();
    const iss = jwt.claims.iss;
    const poolId = poolIdOfIssuer(iss);
    if (isAwsIssuer(iss) && (!poolId || !this.state.pools[poolId])) {
      // A real Cognito token sent to the local emulator: say so, and how to forward instead.
      const region = String(iss).split('.')[1];
      throw new ServiceError(
        'NotAuthorizedException',
        `Invalid Access Token: it was issued by the Amazon Cognito user pool ${poolId ?? '(unknown)'}, not by the local emulator. ` +
          `To send this call to Cognito, add --remote --region ${region} (or --endpoint-url URL).`,
      );
    }
    const pool = poolId ? this.state.pools[poolId] : undefined;
    if (!pool || !verifySignature(pool, jwt) || jwt.claims.token_use !== 'access') throw invalid();
    const exp = jwt.claims.exp;
    if (typeof exp !== 'number' || exp <= this.nowSec) {
      throw new ServiceError('NotAuthorizedException', 'Access Token has expired');
    }
    const scopes = typeof jwt.claims.scope === 'string' ? jwt.claims.scope.split(' ') : [];
    if (!scopes.includes(ADMIN_SCOPE)) {
      throw new ServiceError('NotAuthorizedException', 'Access Token does not have required scopes');
    }
    const username = String(jwt.claims.username);
    const user = pool.users[username];
    if (!user || user.sub !== jwt.claims.sub)
      throw new ServiceError('UserNotFoundException', 'User does not exist.');
    const origin = String(jwt.claims.origin_jti);
    const iat = typeof jwt.claims.iat === 'number' ? jwt.claims.iat : 0;
    if (isRevoked(pool, origin, exp) || iat <= user.signedOutAt) {
      throw new ServiceError('NotAuthorizedException', 'Access Token has been revoked');
    }
    if (!user.enabled) throw new ServiceError('NotAuthorizedException', 'User is disabled.');
    return { pool, user, username, clientId: String(jwt.claims.client_id) };
  }

  private sessionKey(session: string): string {
    return nodeCrypto().createHash('sha256').update(session).digest('base64url');
  }

  /**
   * Finds a session and checks it may be used for one of `steps`, without using it up: a wrong
   * code leaves the session usable for another try (Amplify's retry tests, docs/emulator-semantics.md §1.4).
   */
  peekSession(session: string, steps: readonly SessionRecord['step'][]): SessionRecord & { key: string } {
    const key = this.sessionKey(session);
    const rec = this.state.sessions[key] ?? this.env.srpChallenges?.get(key);
    if (!rec) throw new ServiceError('NotAuthorizedException', 'Invalid session for the user.');
    if (rec.used) {
      throw new ServiceError(
        'NotAuthorizedException',
        'Invalid session for the user, session can only be used once.',
      );
    }
    if (rec.exp <= this.nowSec) {
      throw new ServiceError('NotAuthorizedException', 'Invalid session for the user, session is expired.');
    }
    if (!steps.includes(rec.step))
      throw new ServiceError('NotAuthorizedException', 'Invalid session for the user.');
    return { ...rec, key };
  }

  /** Best-effort, check-free lookup of whose token or session this is (for labels only). */
  subjectOf(req: Record<string, unknown>): { username?: string; poolName?: string } {
    if (typeof req.Session === 'string') {
      const rec = this.state.sessions[this.sessionKey(req.Session)];
      const pool = rec ? this.state.pools[rec.pool] : undefined;
      return rec && pool ? { username: rec.user, poolName: pool.name } : {};
    }
    if (typeof req.AccessToken === 'string') {
      const claims = decodeJwt(req.AccessToken)?.claims;
      const pool = this.state.pools[poolIdOfIssuer(claims?.iss) ?? ''];
      return {
        ...(typeof claims?.username === 'string' ? { username: claims.username } : {}),
        ...(pool ? { poolName: pool.name } : {}),
      };
    }
    return {};
  }

  /** The record of a session just made (to note what the next step goes on with, as its device). */
  sessionRecord(session: string): SessionRecord | undefined {
    const key = this.sessionKey(session);
    return this.state.sessions[key] ?? this.env.srpChallenges?.get(key);
  }

  useSession(key: string): void {
    const rec = this.state.sessions[key];
    if (rec) rec.used = true;
  }

  /** A new single-use session, valid for the client's AuthSessionValidity minutes. */
  newSession(
    pool: Pool,
    clientId: string,
    username: string,
    step: SessionRecord['step'],
    admin: boolean,
  ): string {
    // base64url, but never starting with '-': a value like "-abc" reads as an option to argparse
    // (and to our argv check), so the AWS CLI could not pass it on the command line.
    const session = `A${Buffer.from(this.env.randomBytes(96)).toString('base64url')}`;
    this.keepSession(session, pool, clientId, username, step, admin);
    return session;
  }

  /** Records `session` (a Session, or an SRP SECRET_BLOCK) as a single-use session of `step`. */
  keepSession(
    session: string,
    pool: Pool,
    clientId: string,
    username: string,
    step: SessionRecord['step'],
    admin: boolean,
  ): string {
    const minutes = pool.clients[clientId]?.authSessionValidity ?? 3;
    const key = this.sessionKey(session);
    const rec: SessionRecord = {
      pool: pool.id,
      client: clientId,
      user: username,
      step,
      admin,
      exp: this.nowSec + minutes * 60,
      used: false,
    };
    const memory = this.env.srpChallenges;
    if (memory && SRP_STEPS.includes(step)) {
      memory.set(key, rec, this.nowSec);
      this.challengeUndo.push(() => memory.delete(key));
    } else this.state.sessions[key] = rec;
    return key;
  }

  /** Forgets a session at once (an SRP secret block, used once, need not wait for the purge). */
  dropSession(key: string): void {
    delete this.state.sessions[key];
    const memory = this.env.srpChallenges;
    const rec = memory?.get(key);
    if (memory && rec) {
      memory.delete(key);
      this.challengeUndo.push(() => memory.set(key, rec, this.nowSec));
    }
  }

  /**
   * Undoes what this call did to the SRP challenges in memory, when its change to the state is
   * rolled back too: a PASSWORD_VERIFIER answer refused with "Device does not exist." leaves its
   * block usable, as in the state file, for the same answer without the DEVICE_KEY
   * (amazon-cognito-identity-js resends it so).
   */
  undoChallenges(): void {
    for (const undo of this.challengeUndo.splice(0).reverse()) undo();
  }

  /** Forgets sessions that expired over an hour ago, so the file does not grow without end. */
  purge(): void {
    for (const [k, s] of Object.entries(this.state.sessions)) {
      if (s.exp < this.nowSec - 3600) delete this.state.sessions[k];
    }
    for (const pool of Object.values(this.state.pools)) {
      for (const [jti, exp] of Object.entries(pool.revoked)) {
        if (exp >= this.nowSec) continue;
        // Remembered as a bound (see Pool.revokedThrough): a later process on an earlier clock still refuses it.
        if (exp > (pool.revokedThrough ?? 0)) pool.revokedThrough = exp;
        delete pool.revoked[jti];
      }
    }
  }
}

/**
 * Sets a user's password: its scrypt hash for USER_PASSWORD_AUTH and its SRP salt and verifier
 * for USER_SRP_AUTH (x is bound to the pool name and the real username, as Cognito's clients
 * compute it).
 */
export function setPassword(ctx: Ctx, poolId: string, username: string, user: User, password: string): void {
  user.pw = hashPassword(password, ctx.env.randomBytes(16));
  setSrpVerifier(ctx, poolId, username, user, password);
}

/** The SRP salt and verifier for the password just checked or set (user.pw already holds it). */
export function setSrpVerifier(
  ctx: Ctx,
  poolId: string,
  username: string,
  user: User,
  password: string,
): void {
  const salt = fromBytes(ctx.env.randomBytes(16));
  const v = verifier(salt, poolNameOf(poolId), username, password);
  user.srp = { salt: salt.toString(16), v: toBytes(v).toString('base64'), pw: pwTag(user.pw) };
}

/** The scrypt salt of a stored password: it changes at every password set. */
function pwTag(pw: string | undefined): string {
  return pw?.split('$')[1] ?? '';
}

/**
 * The user's SRP salt and verifier, or undefined if there is none for the current password (a
 * state made before SRP, or a password set by a path that did not compute one).
 */
export function srpOf(user: User): { salt: bigint; v: bigint } | undefined {
  const srp = user.srp;
  if (!srp || !user.pw || srp.pw !== pwTag(user.pw)) return undefined;
  return { salt: BigInt(`0x${srp.salt}`), v: fromBytes(Buffer.from(srp.v, 'base64')) };
}

/** A token of `origin` expiring at `exp` was revoked: listed, or purged from the list (see Pool.revokedThrough). */
export function isRevoked(pool: Pool, origin: string, exp: number): boolean {
  return pool.revoked[origin] !== undefined || exp <= (pool.revokedThrough ?? 0);
}

/**
 * scrypt's cost (N) by the tag a stored password starts with. New passwords get N = 2^10 (1 MiB,
 * about 1 ms of CPU on a free core, 5 ms on a loaded one); files made before 2026-12-06 hold
 * `scrypt$` hashes of Node's default N = 2^14 (16 MiB, 50 to 100 ms), which still verify. Why
 * lower: the same user record holds the password's SRP verifier (user.srp), against which a reader
 * of the state file tests a guess with two SHA-256 and one modular exponentiation (about 1 ms), so
 * a costlier hash beside it protected nothing, and it made every sign-up, password sign-in and
 * password change wait 50 to 100 ms of CPU, during which `serve` answers nobody (bench/journey.mjs:
 * sign-up journeys through serve at a seventh of cognito-local's rate). The state file itself is
 * private to its owner (0600) and holds the TOTP secrets in clear.
 */
const NEW_HASH = 'scrypt10';
const NEW_COST = 1024;
const scryptCost = (tag: string | undefined): number | undefined =>
  tag === NEW_HASH ? NEW_COST : tag === 'scrypt' ? 16384 : undefined;

export function hashPassword(password: string, salt: Uint8Array): string {
  const hash = nodeCrypto().scryptSync(password, salt, 32, { N: NEW_COST });
  return `${NEW_HASH}$${Buffer.from(salt).toString('base64')}$${hash.toString('base64')}`;
}

export function checkPassword(password: string, stored: string | undefined): boolean {
  if (!stored) return false;
  const [tag, salt, hash] = stored.split('$');
  const N = scryptCost(tag);
  if (N === undefined || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  if (expected.length !== 32) return false;
  const { scryptSync, timingSafeEqual } = nodeCrypto();
  const actual = scryptSync(password, Buffer.from(salt, 'base64'), expected.length, { N });
  return timingSafeEqual(expected, actual);
}

/** SECRET_HASH = Base64(HMAC-SHA256(client secret, username + client id)), as Cognito defines it. */
export function secretHash(secret: string, username: string, clientId: string): string {
  return nodeCrypto()
    .createHmac('sha256', secret)
    .update(username + clientId)
    .digest('base64');
}

/** Cognito's exponential lockout: 2^(n-5) seconds after the fifth failure, at most 15 minutes. */
export function lockoutSeconds(failures: number): number {
  return failures < 5 ? 0 : Math.min(2 ** (failures - 5), 900);
}

/**
 * When the lockout that `failures` wrong answers in a row cause ends (0: none), as stored in the
 * state: epoch seconds with the milliseconds as a fraction. A lock lasts its full length: in whole
 * seconds a 1 s lock set at 12:00:00.999 ended 1 ms later, and a sixth guess right after the fifth
 * sometimes passed (issue 17, item 5). Same fields and unit as before, so the files of earlier
 * versions (whole seconds: locked until that second) read the same, and an earlier version reading
 * a fraction keeps the lock until the next whole second: no schema change either way.
 */
export function lockoutEnd(failures: number, nowMs: number): number {
  const seconds = lockoutSeconds(failures);
  return seconds > 0 ? (nowMs + seconds * 1000) / 1000 : 0;
}

/** Whether a lockout ending at `end` (see lockoutEnd) still holds at `nowMs`. */
export function isLockedOut(end: number, nowMs: number): boolean {
  // Rounded back to whole milliseconds: (ms / 1000) * 1000 is not always ms again in floating point.
  return Math.round(end * 1000) > nowMs;
}

export function invalidParameter(message: string): ServiceError {
  return new ServiceError('InvalidParameterException', message);
}
