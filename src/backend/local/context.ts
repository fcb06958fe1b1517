// What every local operation works with: the state being changed, the injected clock and
// randomness, and the lookups and checks that several operations share (access tokens, sessions,
// pools, clients, users), each failing with Cognito's error code and message.
import {
  createHash,
  createHmac,
  randomBytes as nodeRandomBytes,
  scryptSync,
  timingSafeEqual,
} from 'node:crypto';
import { ServiceError } from '../../errors.ts';
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
}

export function defaultEnv(region = 'us-east-1'): Env {
  return { now: Date.now, randomBytes: (n) => nodeRandomBytes(n), region, issuerPrefix: LOCAL_ISSUER_PREFIX };
}

export class Ctx {
  /**
   * The id a seed file fixes for the next pool or app client it creates (seed.ts); undefined for
   * every call, which draws a random one as Cognito does.
   */
  /** What this call put in the outbox: announced once its transaction is durable (serve logs it). */
  readonly sent: { pool: string; user: string; kind: string; destination: string; code: string }[] = [];
  seedId: string | undefined = undefined;
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
    return createHash('sha256').update(session).digest('base64url');
  }

  /**
   * Finds a session and checks it may be used for one of `steps`, without using it up: a wrong
   * code leaves the session usable for another try (Amplify's retry tests, docs/emulator-semantics.md §1.4).
   */
  peekSession(session: string, steps: readonly SessionRecord['step'][]): SessionRecord & { key: string } {
    const key = this.sessionKey(session);
    const rec = this.state.sessions[key];
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
    return this.state.sessions[this.sessionKey(session)];
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
    this.state.sessions[key] = {
      pool: pool.id,
      client: clientId,
      user: username,
      step,
      admin,
      exp: this.nowSec + minutes * 60,
      used: false,
    };
    return key;
  }

  /** Forgets a session at once (an SRP secret block, used once, need not wait for the purge). */
  dropSession(key: string): void {
    delete this.state.sessions[key];
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

export function hashPassword(password: string, salt: Uint8Array): string {
  const hash = scryptSync(password, salt, 32);
  return `scrypt$${Buffer.from(salt).toString('base64')}$${hash.toString('base64')}`;
}

export function checkPassword(password: string, stored: string | undefined): boolean {
  if (!stored) return false;
  const [, salt, hash] = stored.split('$');
  if (!salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(password, Buffer.from(salt, 'base64'), expected.length);
  return timingSafeEqual(expected, actual);
}

/** SECRET_HASH = Base64(HMAC-SHA256(client secret, username + client id)), as Cognito defines it. */
export function secretHash(secret: string, username: string, clientId: string): string {
  return createHmac('sha256', secret)
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
