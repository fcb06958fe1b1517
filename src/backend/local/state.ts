// The local emulator's state: its types, its schema version, and the check that a document read
// from disk really is one (so a damaged or foreign file is reported, never overwritten).
import { ConfigError } from '../../errors.ts';

export const SCHEMA_VERSION = 1;

export interface State {
  schemaVersion: number;
  pools: Record<string, Pool>;
  /** Keyed by the SHA-256 of the session string: the file never holds a usable session. */
  sessions: Record<string, SessionRecord>;
}

export interface Pool {
  id: string;
  name: string;
  created: number; // epoch seconds
  modified: number;
  mfa: 'OFF' | 'ON' | 'OPTIONAL';
  totpEnabled: boolean;
  deletionProtection: 'ACTIVE' | 'INACTIVE';
  /** Everything else create-user-pool accepted, kept as the API shaped it. */
  extra: Record<string, unknown>;
  /** RS256 signing key for the pool's tokens (PKCS#8 PEM) and its key id. */
  key: { kid: string; pem: string };
  clients: Record<string, Client>;
  users: Record<string, User>;
  /** origin_jti of revoked refresh tokens -> expiry (epoch seconds), purged once expired. */
  revoked: Record<string, number>;
}

export interface Client {
  name: string;
  secret?: string;
  created: number;
  modified: number;
  accessValidity: number;
  idValidity: number;
  refreshValidity: number;
  units: { AccessToken: string; IdToken: string; RefreshToken: string };
  flows: string[];
  revocation: boolean;
  authSessionValidity: number;
}

export interface User {
  sub: string;
  attrs: Record<string, string>;
  created: number;
  modified: number;
  enabled: boolean;
  status: 'FORCE_CHANGE_PASSWORD' | 'CONFIRMED' | 'RESET_REQUIRED' | 'UNCONFIRMED';
  /** scrypt$<salt b64>$<hash b64> */
  pw?: string;
  /** When a temporary password stops working (epoch seconds). */
  tempExp?: number;
  /** The verified authenticator, if any. */
  totp?: { secret: string; device?: string; verifiedAt: number };
  /** An association waiting for verify-software-token; replaces any earlier pending one. */
  pending?: { secret: string; created: number; failures: number; lockUntil: number };
  /** TOTP turned on for sign-in (set-user-mfa-preference, or completing MFA_SETUP). */
  totpMfa: boolean;
  preferred?: 'SOFTWARE_TOKEN_MFA';
  /** Highest TOTP time step accepted so far: a code from this step or earlier is a replay. */
  lastStep: number;
  /** Failed MFA codes at sign-in, and the lockout they caused. */
  mfaFailures: number;
  mfaLockUntil: number;
  /** Failed passwords at sign-in, and the lockout they caused. */
  pwFailures: number;
  pwLockUntil: number;
  /** Tokens issued at or before this instant (epoch seconds) are revoked (global-sign-out). */
  signedOutAt: number;
}

export interface SessionRecord {
  pool: string;
  client: string;
  user: string;
  /** What the session may be used for next. */
  step:
    | 'NEW_PASSWORD_REQUIRED'
    | 'MFA_SETUP'
    | 'ASSOCIATED'
    | 'VERIFIED'
    | 'SOFTWARE_TOKEN_MFA'
    | 'SELECT_MFA_TYPE';
  /** True when the chain began with admin-initiate-auth (its answer must be admin-respond). */
  admin: boolean;
  exp: number; // epoch seconds
  used: boolean;
}

export function emptyState(): State {
  return { schemaVersion: SCHEMA_VERSION, pools: {}, sessions: {} };
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks a parsed document against the schema. Cheap enough for 100,000 users: a few type checks
 * per record, no allocation. Throws ConfigError naming the file and the first problem found.
 */
export function checkState(doc: unknown, file: string): State {
  const bad = (what: string): never => {
    throw new ConfigError(
      `The state file ${file} is not a valid cognito-totp state (${what}). It was left untouched; move it away or pass --state-file to use another file.`,
    );
  };
  if (!isObj(doc)) return bad('not a JSON object');
  const v = doc.schemaVersion;
  if (typeof v !== 'number' || !Number.isInteger(v)) return bad('no schemaVersion');
  if (v > SCHEMA_VERSION) {
    throw new ConfigError(
      `The state file ${file} has schemaVersion ${v}, written by a newer cognito-totp (this one reads up to ${SCHEMA_VERSION}). It was left untouched; upgrade cognito-totp to use it.`,
    );
  }
  if (v < 1) return bad(`unknown schemaVersion ${v}`);
  if (!isObj(doc.pools)) return bad('"pools" is not an object');
  if (!isObj(doc.sessions)) return bad('"sessions" is not an object');
  for (const [id, p] of Object.entries(doc.pools)) {
    if (!isObj(p) || p.id !== id || typeof p.name !== 'string')
      return bad(`pool ${JSON.stringify(id)} is malformed`);
    if (!isObj(p.key) || typeof p.key.pem !== 'string' || typeof p.key.kid !== 'string')
      return bad(`pool ${id} has no signing key`);
    if (!isObj(p.clients) || !isObj(p.users) || !isObj(p.revoked) || !isObj(p.extra))
      return bad(`pool ${id} is malformed`);
    for (const [cid, c] of Object.entries(p.clients)) {
      if (
        !isObj(c) ||
        typeof c.name !== 'string' ||
        !Array.isArray(c.flows) ||
        typeof c.authSessionValidity !== 'number'
      )
        return bad(`client ${cid} of pool ${id} is malformed`);
    }
    for (const [name, u] of Object.entries(p.users)) {
      if (
        !isObj(u) ||
        typeof u.sub !== 'string' ||
        typeof u.status !== 'string' ||
        typeof u.lastStep !== 'number' ||
        !isObj(u.attrs)
      )
        return bad(`user ${JSON.stringify(name)} of pool ${id} is malformed`);
      if (u.totp !== undefined && (!isObj(u.totp) || typeof u.totp.secret !== 'string'))
        return bad(`user ${JSON.stringify(name)} of pool ${id} has a malformed authenticator`);
      if (u.pending !== undefined && (!isObj(u.pending) || typeof u.pending.secret !== 'string'))
        return bad(`user ${JSON.stringify(name)} of pool ${id} has a malformed pending authenticator`);
    }
  }
  for (const s of Object.values(doc.sessions)) {
    if (!isObj(s) || typeof s.pool !== 'string' || typeof s.exp !== 'number')
      return bad('a session is malformed');
  }
  return doc as unknown as State;
}
