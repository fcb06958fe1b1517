// The emulator's tokens: RS256 JWTs signed with the user pool's own key, carrying Cognito's claims
// (token_use, scope, client_id, username, origin_jti, event_id...), and refresh tokens sealed with
// a key derived from it (refreshClaims). Checked on every use: signature, pool, expiry,
// revocation, scope.
import type { KeyObject } from 'node:crypto';
import { ServiceError } from '../../errors.ts';
import { nodeCrypto, nodeCryptoLoaded } from '../../shared/node-crypto.ts';
import { type RsaPublicKey, rsaPublicOfPkcs8, verifyRs256 } from '../../shared/rs256.ts';
import { StateDamage } from './state/checks.ts';
import type { Group, Pool, User } from './state/document.ts';

/** Issuer of locally minted tokens. The server (serve) mints with its own URL instead. */
export const LOCAL_ISSUER_PREFIX = 'https://cognito-totp.local/';

export const ADMIN_SCOPE = 'aws.cognito.signin.user.admin';

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export function newSigningKey(): { kid: string; pem: string } {
  const { generateKeyPairSync, createHash } = nodeCrypto();
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const kid = createHash('sha256').update(pem).digest('base64url').slice(0, 43);
  return { kid, pem };
}

/**
 * A pool's key, each form parsed on first use and once per process: a CLI sign-in only signs, and
 * a verify only checks a signature, in JavaScript when node:crypto is not loaded (rs256.ts). A key
 * the state file holds but that cannot be read (a damaged file) is the file's fault: StateDamage,
 * which the backend reports as exit 253.
 */
class PoolKeys {
  private priv: KeyObject | undefined;
  private pub: KeyObject | undefined;
  private numbers: RsaPublicKey | undefined;
  constructor(
    private readonly poolId: string,
    private readonly pem: string,
  ) {}

  private damaged(): StateDamage {
    return new StateDamage(`the signing key of pool ${this.poolId} is damaged`);
  }

  get privateKey(): KeyObject {
    if (this.priv === undefined) {
      let key: KeyObject;
      try {
        key = nodeCrypto().createPrivateKey(this.pem);
      } catch {
        throw this.damaged();
      }
      if (key.asymmetricKeyType !== 'rsa') throw this.damaged();
      this.priv = key;
    }
    return this.priv;
  }

  get publicKey(): KeyObject {
    this.pub ??= nodeCrypto().createPublicKey(this.privateKey);
    return this.pub;
  }

  /** n and e, read from the PEM without node:crypto. */
  get rsaPublic(): RsaPublicKey {
    if (this.numbers === undefined) {
      try {
        this.numbers = rsaPublicOfPkcs8(this.pem);
      } catch {
        throw this.damaged();
      }
    }
    return this.numbers;
  }
}

const parsedKeys = new Map<string, PoolKeys>();

function keysOf(pool: Pool): PoolKeys {
  let keys = parsedKeys.get(pool.key.pem);
  if (keys === undefined) {
    keys = new PoolKeys(pool.id, pool.key.pem);
    parsedKeys.set(pool.key.pem, keys);
  }
  return keys;
}

/** The public half of a pool's key as a JWK, for a JWKS document. */
export function publicJwk(pool: Pool): Record<string, string> {
  const jwk = keysOf(pool).publicKey.export({ format: 'jwk' }) as Record<string, string>;
  return { alg: 'RS256', e: jwk.e ?? '', kid: pool.key.kid, kty: 'RSA', n: jwk.n ?? '', use: 'sig' };
}

export function signJwt(pool: Pool, claims: Record<string, unknown>): string {
  const header = b64url(JSON.stringify({ kid: pool.key.kid, alg: 'RS256' }));
  const body = b64url(JSON.stringify(claims));
  const signature = nodeCrypto().sign('sha256', Buffer.from(`${header}.${body}`), keysOf(pool).privateKey);
  return `${header}.${body}.${b64url(signature)}`;
}

export interface DecodedJwt {
  /** The token as it came (what a verified signature is remembered by). */
  token: string;
  header: Readonly<Record<string, unknown>>;
  claims: Readonly<Record<string, unknown>>;
  signed: string;
  signature: Buffer;
}

/**
 * The longest token text looked at. No token this emulator mints comes near it (an access or
 * refresh token is under 2 KB: fixed claims, a username of at most 128 characters), and Cognito's
 * model gives TokenModelType only a pattern, no maximum; so anything longer is junk, refused as
 * an invalid token without being decoded (a 1 MB body could otherwise make every call decode 1 MB).
 */
export const MAX_TOKEN_CHARS = 64 * 1024;

/** Splits and decodes a JWT without trusting it. Undefined when it is not a JWT at all. */
export function decodeJwt(token: string): DecodedJwt | undefined {
  if (token.length > MAX_TOKEN_CHARS) return undefined;
  return verified.get(token)?.jwt ?? decodeAnew(token);
}

function decodeAnew(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8'));
    const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
    if (typeof header !== 'object' || header === null || typeof claims !== 'object' || claims === null)
      return undefined;
    return Object.freeze({
      token,
      header: Object.freeze(header),
      claims: Object.freeze(claims),
      signed: `${parts[0]}.${parts[1]}`,
      signature: Buffer.from(parts[2]!, 'base64url'),
    });
  } catch {
    return undefined;
  }
}

/**
 * Tokens whose signature verified, with the key that verified them and their decoding, by the
 * token's exact text: an answer that depends only on the key and that text, so a hit is as good
 * as verifying (and decoding) again. The server sees one token on every call of a session, and an
 * RSA verification is most of a call's CPU. Only verified tokens are kept: a forged or junk token
 * is decoded and refused every time and never stays in memory, so no one without a key can fill
 * this (issue 17 item 4: junk tokens kept by their text ran the server out of memory). It is
 * bounded in bytes, oldest first out (not least recently used: moving a hit to the end would cost
 * every call, and a token pushed out is only verified once more). Expiry, revocation and scope are
 * checked by the caller on every use regardless.
 */
class VerifiedTokens {
  private readonly entries = new Map<string, { jwt: DecodedJwt; key: PoolKeys; bytes: number }>();
  private bytes = 0;
  constructor(private readonly maxBytes: number) {}

  get(token: string): { jwt: DecodedJwt; key: PoolKeys } | undefined {
    return this.entries.get(token);
  }

  add(jwt: DecodedJwt, key: PoolKeys): void {
    if (this.entries.has(jwt.token)) return;
    // The token text, its signed part, the signature and the parsed claims: about four times the
    // text, plus the entry itself.
    const bytes = jwt.token.length * 4 + 512;
    this.entries.set(jwt.token, { jwt, key, bytes });
    this.bytes += bytes;
    for (const [token, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(token);
      this.bytes -= e.bytes;
    }
  }
}
/** 16 MiB: some 4,000 sessions' access tokens, far more than a test suite or a bench keeps alive. */
const verified = new VerifiedTokens(16 * 1024 * 1024);

export function verifySignature(pool: Pool, jwt: DecodedJwt): boolean {
  if (jwt.header.alg !== 'RS256' || jwt.header.kid !== pool.key.kid) return false;
  const keys = keysOf(pool);
  if (verified.get(jwt.token)?.key === keys) return true;
  let ok: boolean;
  if (nodeCryptoLoaded()) {
    const { publicKey } = keys;
    try {
      ok = nodeCrypto().verify('sha256', Buffer.from(jwt.signed), publicKey, jwt.signature);
    } catch {
      return false;
    }
  } else ok = verifyRs256(keys.rsaPublic, Buffer.from(jwt.signed), jwt.signature);
  if (ok) verified.add(jwt, keys);
  return ok;
}

/**
 * Refresh tokens are sealed, not signed. Cognito's are opaque: "Amazon Cognito refresh tokens are
 * encrypted, opaque to user pools users and administrators, and can only be read by your user
 * pool" (Cognito developer guide, "Understanding user pool JSON web tokens"; a real one is a
 * five-part JWE, enc A256GCM), so no client reads or verifies one. Ours are a JWE too (RFC 7516
 * compact form; "dir": the key is the pool's own, so the encrypted-key part is empty, RFC 7518
 * §4.5), sealed with AES-256-GCM under a key derived from the pool's private key, the protected
 * header as additional data. Sealing costs microseconds where an RS256 signature costs about
 * 0.37 ms, a tenth of the server's CPU for an SRP sign-in; a sealed token is as unforgeable as a
 * signed one, and readable by no one but the emulator.
 */
const REFRESH_HEADER = (kid: string) => b64url(JSON.stringify({ alg: 'dir', enc: 'A256GCM', kid }));
const IV_BYTES = 12;
const TAG_BYTES = 16;
const refreshKeys = new Map<string, Buffer>();

function refreshKey(pool: Pool): Buffer {
  let key = refreshKeys.get(pool.key.pem);
  if (key === undefined) {
    key = nodeCrypto()
      .createHash('sha256')
      .update('cognito-totp refresh token key\n')
      .update(pool.key.pem)
      .digest();
    refreshKeys.set(pool.key.pem, key);
  }
  return key;
}

function sealRefreshToken(pool: Pool, claims: Record<string, unknown>): string {
  const header = REFRESH_HEADER(pool.key.kid);
  const { randomBytes, createCipheriv } = nodeCrypto();
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', refreshKey(pool), iv).setAAD(Buffer.from(header));
  const sealed = Buffer.concat([cipher.update(JSON.stringify(claims)), cipher.final()]);
  return `${header}..${b64url(iv)}.${b64url(sealed)}.${b64url(cipher.getAuthTag())}`;
}

/**
 * The claims of a token this pool issued as a refresh token (sealed, or an RS256 JWT as earlier
 * versions minted them, checked as before), or undefined for anything else: another pool's, altered,
 * junk. The caller still checks token_use, client, expiry and revocation.
 */
export function refreshClaims(pool: Pool, token: string): Readonly<Record<string, unknown>> | undefined {
  if (token.length > MAX_TOKEN_CHARS) return undefined;
  const parts = token.split('.');
  if (parts.length === 3) {
    const jwt = decodeJwt(token);
    return jwt && poolIdOfIssuer(jwt.claims.iss) === pool.id && verifySignature(pool, jwt)
      ? jwt.claims
      : undefined;
  }
  if (parts.length !== 5 || parts[0] !== REFRESH_HEADER(pool.key.kid) || parts[1] !== '') return undefined;
  const iv = Buffer.from(parts[2]!, 'base64url');
  const tag = Buffer.from(parts[4]!, 'base64url');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) return undefined;
  try {
    const decipher = nodeCrypto()
      .createDecipheriv('aes-256-gcm', refreshKey(pool), iv, { authTagLength: TAG_BYTES })
      .setAAD(Buffer.from(parts[0]))
      .setAuthTag(tag);
    const text = Buffer.concat([decipher.update(Buffer.from(parts[3]!, 'base64url')), decipher.final()]);
    const claims = JSON.parse(text.toString('utf8'));
    if (typeof claims !== 'object' || claims === null || poolIdOfIssuer(claims.iss) !== pool.id)
      return undefined;
    return Object.freeze(claims);
  } catch {
    return undefined; // not sealed with this pool's key, or altered
  }
}

/** The pool id named by a token's issuer (`.../{poolId}`), whoever the issuer is. */
export function poolIdOfIssuer(iss: unknown): string | undefined {
  if (typeof iss !== 'string') return undefined;
  const id = iss.slice(iss.lastIndexOf('/') + 1);
  return /^[\w-]+_[0-9a-zA-Z]+$/.test(id) ? id : undefined;
}

/** True for the issuer of a real Amazon Cognito user pool. */
export function isAwsIssuer(iss: unknown): boolean {
  return typeof iss === 'string' && /^https:\/\/cognito-idp\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\//.test(iss);
}

export interface TokenSet {
  AccessToken: string;
  IdToken: string;
  RefreshToken?: string;
  ExpiresIn: number;
  TokenType: 'Bearer';
}

export const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

/**
 * The groups of a user, as Cognito orders them in cognito:groups: by precedence, lowest first,
 * groups without one last ("Groups with lower Precedence values take precedence over groups with
 * higher or null Precedence values", the Precedence member's documentation); ties by name, so the
 * order is stable. A name whose group is gone is skipped.
 */
export function userGroups(pool: Pool, user: User): { name: string; group: Group }[] {
  const out: { name: string; group: Group }[] = [];
  for (const name of user.groups ?? []) {
    const g = pool.groups?.[name];
    if (g) out.push({ name, group: g });
  }
  const rank = (g: Group) => g.precedence ?? Number.POSITIVE_INFINITY;
  return out.sort(
    (a, b) => rank(a.group) - rank(b.group) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
}

/**
 * cognito:groups for both tokens; cognito:roles and cognito:preferred_role for the ID token, the
 * latter only when one group with a role ranks strictly first (equal precedence: no preferred role,
 * as the Precedence documentation says). No claim at all for a user in no group, as in Cognito.
 */
function groupClaims(
  pool: Pool,
  user: User,
): { access: Record<string, unknown>; id: Record<string, unknown> } {
  const groups = userGroups(pool, user);
  if (groups.length === 0) return { access: {}, id: {} };
  const names = groups.map((g) => g.name);
  const withRole = groups.filter((g) => g.group.roleArn !== undefined);
  const id: Record<string, unknown> = { 'cognito:groups': names };
  if (withRole.length) {
    id['cognito:roles'] = [...new Set(withRole.map((g) => g.group.roleArn))];
    const [first, second] = withRole;
    const p = (g: (typeof withRole)[number] | undefined) => g?.group.precedence;
    if (second === undefined || p(second) !== p(first)) id['cognito:preferred_role'] = first!.group.roleArn;
  }
  return { access: { 'cognito:groups': names }, id };
}

export function issueTokens(
  pool: Pool,
  clientId: string,
  username: string,
  user: User,
  nowSec: number,
  issuer: string,
  /**
   * refreshJti: the jti of a rotated refresh token (tokens of a sign-in have none). deviceKey: the
   * device the sign-in was bound to (known, or just handed out in NewDeviceMetadata): Cognito's
   * access token then carries it as `device_key` (its sample payload, "Understanding the access
   * token", developer guide), and the refresh token is bound to it (refresh.ts).
   */
  opts: { originJti?: string; withRefresh: boolean; refreshJti?: string; deviceKey?: string | undefined },
): TokenSet {
  const client = pool.clients[clientId]!;
  const accessTtl = client.accessValidity * (UNIT_SECONDS[client.units.AccessToken] ?? 3600);
  const idTtl = client.idValidity * (UNIT_SECONDS[client.units.IdToken] ?? 3600);
  const refreshTtl = client.refreshValidity * (UNIT_SECONDS[client.units.RefreshToken] ?? 86400);
  const originJti = opts.originJti ?? nodeCrypto().randomUUID();
  const eventId = nodeCrypto().randomUUID();
  const common = {
    sub: user.sub,
    iss: issuer,
    origin_jti: originJti,
    event_id: eventId,
    auth_time: nowSec,
    iat: nowSec,
  };
  const claims = groupClaims(pool, user);
  const device = opts.deviceKey !== undefined ? { device_key: opts.deviceKey } : {};
  const access = signJwt(pool, {
    ...claims.access,
    ...common,
    ...device,
    token_use: 'access',
    scope: ADMIN_SCOPE,
    client_id: clientId,
    username,
    exp: nowSec + accessTtl,
    jti: nodeCrypto().randomUUID(),
  });
  const attrs: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(user.attrs)) {
    attrs[k] = k === 'email_verified' || k === 'phone_number_verified' ? v === 'true' : v;
  }
  const id = signJwt(pool, {
    ...claims.id,
    ...attrs,
    ...common,
    aud: clientId,
    token_use: 'id',
    'cognito:username': username,
    exp: nowSec + idTtl,
    jti: nodeCrypto().randomUUID(),
  });
  const set: TokenSet = { AccessToken: access, ExpiresIn: accessTtl, TokenType: 'Bearer', IdToken: id };
  if (opts.withRefresh) {
    set.RefreshToken = sealRefreshToken(pool, {
      token_use: 'refresh',
      sub: user.sub,
      iss: issuer,
      client_id: clientId,
      username,
      origin_jti: originJti,
      ...device,
      ...(opts.refreshJti !== undefined ? { jti: opts.refreshJti } : {}),
      iat: nowSec,
      exp: nowSec + refreshTtl,
    });
  }
  return set;
}

export function notAuthorized(message: string): ServiceError {
  return new ServiceError('NotAuthorizedException', message);
}
