// The state document's shape: its types (pools, clients, users, sessions), schema version and layout.
/**
 * 3: one JSON document whose first line holds everything but the users (pools, clients, keys,
 *    sessions) and whose users follow, one per line, as `["poolId","username",{...}]`:
 *
 *      {"schemaVersion":3,"pools":{...},"sessions":{...},"users":[
 *      ["us-east-1_abc","alice",{...}],
 *      ["us-east-1_abc","bob",{...}]
 *      ]}
 *
 *    Still plain JSON (jq reads it), but an operation on one user parses the first line and that
 *    user's line only (found with a byte search for `\n["pool","name",`), and the write copies the
 *    untouched lines as bytes. With 100,000 users, parsing and re-serialising the whole document
 *    cost about 0.8 s on the reference machine; this layout costs a read, a search and a write.
 *    A file in any other shape (pretty-printed by hand, versions 1 and 2) is parsed whole and
 *    written back in this layout.
 * 2: users as JSON strings inside each pool. 1: users as objects inside each pool.
 */
export const SCHEMA_VERSION = 3;

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
  /**
   * The latest expiry purged from `revoked`: a token expiring at or before it counts as revoked. A
   * process whose clock runs ahead purges entries of tokens that are still valid on the real clock;
   * this keeps them refused (a revocation is never undone by a clock), at worst refusing, after such
   * a jump back, a token that was not revoked (signing in again gives a new one).
   */
  revokedThrough?: number;
  /** Groups by name (absent in files written before groups existed). Members are on each user. */
  groups?: Record<string, Group>;
  /** The codes the pool would have sent by email or SMS, oldest first (the latest OUTBOX_MAX). */
  outbox?: OutboxMessage[];
}

export interface OutboxMessage {
  at: number; // epoch seconds
  user: string;
  kind: 'CONFIRM_SIGN_UP' | 'RESET_PASSWORD' | 'VERIFY_ATTRIBUTE';
  medium: 'EMAIL' | 'SMS';
  attribute: string;
  /** The attribute's value, unmasked: the developer reading the outbox is its owner. */
  destination: string;
  code: string;
}

/** A pending code of a user: its SHA-256, expiry, wrong tries, and the attribute it went to. */
export interface PendingCode {
  hash: string;
  exp: number;
  failures: number;
  attribute?: string;
}

export interface Group {
  description?: string;
  roleArn?: string;
  precedence?: number;
  created: number;
  modified: number;
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
  /** Refresh token rotation: present when enabled, the RetryGracePeriodSeconds. */
  rotation?: number;
  /** PreventUserExistenceErrors ENABLED (absent: LEGACY). */
  preventUserExistenceErrors?: 'ENABLED';
}

export interface User {
  sub: string;
  attrs: Record<string, string>;
  created: number;
  modified: number;
  enabled: boolean;
  status: 'FORCE_CHANGE_PASSWORD' | 'CONFIRMED' | 'RESET_REQUIRED' | 'UNCONFIRMED';
  /** scrypt10$<salt b64>$<hash b64> (N = 2^10), or scrypt$... (N = 2^14, older files): context.ts */
  pw?: string;
  /** When a temporary password stops working (epoch seconds). */
  tempExp?: number;
  /**
   * SRP's salt (hex) and verifier v = g^x (base64) for the password whose scrypt salt is `pw`: set
   * with the password; absent in a state made before SRP, or stale when `pw` no longer matches.
   */
  srp?: { salt: string; v: string; pw: string };
  /**
   * Rotated refresh tokens, by origin_jti: the jti of the current one, of the one it replaced (''
   * for the first, which has none) and until when that one still works, and when the family expires.
   */
  rt?: Record<string, { cur: string; prev: string; until: number; exp: number }>;
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
  /** Names of the groups the user belongs to, in the order joined. */
  groups?: string[];
  /** Codes waiting to be entered, by purpose: CONFIRM_SIGN_UP, RESET_PASSWORD, VERIFY:<attribute>. */
  codes?: Record<string, PendingCode>;
  /**
   * When the user last asked for a code, by purpose (epoch seconds, the latest SENDS_PER_WINDOW
   * within the hour): resend-confirmation-code and the like are refused past the limit (codes.ts).
   */
  sends?: Record<string, number[]>;
  /** Devices by DeviceKey: issued at sign-in (NewDeviceMetadata), then confirmed by confirm-device. */
  devices?: Record<string, Device>;
}

/**
 * A device of a user (remembered devices). A key issued in NewDeviceMetadata is kept unconfirmed
 * (no verifier) so that confirm-device can tell it was issued to this user; confirm-device adds
 * the device's SRP salt (hex) and verifier v_d (base64) and its name.
 */
export interface Device {
  /** DeviceGroupKey: the "pool name" of the device's SRP maths. */
  group: string;
  created: number; // epoch seconds
  modified: number;
  lastAuth?: number;
  salt?: string;
  v?: string;
  name?: string;
  remembered: boolean;
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
    | 'SELECT_MFA_TYPE'
    | 'PASSWORD_VERIFIER'
    | 'DEVICE_SRP_AUTH'
    | 'DEVICE_PASSWORD_VERIFIER';
  /** The DeviceKey the sign-in goes on with (a remembered device's SRP, or none). */
  device?: string;
  /** True when the chain began with admin-initiate-auth (its answer must be admin-respond). */
  admin: boolean;
  exp: number; // epoch seconds
  used: boolean;
}

/**
 * A record keyed by user-chosen names (pool ids, client ids, usernames, attribute names) without a
 * prototype: `users.constructor` or `users.__proto__` is then a missing entry or an ordinary one,
 * never a member of Object.prototype (a user named "constructor" could not be created otherwise).
 */
export function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** Counters and flags at their usual value are left out of the file (a smaller file to copy). */
export const USER_DEFAULTS = {
  enabled: true,
  totpMfa: false,
  lastStep: 0,
  mfaFailures: 0,
  mfaLockUntil: 0,
  pwFailures: 0,
  pwLockUntil: 0,
  signedOutAt: 0,
} as const;
