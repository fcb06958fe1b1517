// The local emulator's state: its types, its schema version, its layout on disk, and the check
// that a document read from disk really is one (so a damaged or foreign file is reported, never
// overwritten).
import { ConfigError } from '../../../errors.ts';

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
    | 'PASSWORD_VERIFIER';
  /** True when the chain began with admin-initiate-auth (its answer must be admin-respond). */
  admin: boolean;
  exp: number; // epoch seconds
  used: boolean;
}

export function emptyState(): State {
  const state: State = { schemaVersion: SCHEMA_VERSION, pools: dict(), sessions: dict() };
  stores.set(state, new UserStore(undefined, 0, 0, ''));
  return state;
}

/**
 * A record keyed by user-chosen names (pool ids, client ids, usernames, attribute names) without a
 * prototype: `users.constructor` or `users.__proto__` is then a missing entry or an ordinary one,
 * never a member of Object.prototype (a user named "constructor" could not be created otherwise).
 */
export function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

function asDict(o: Record<string, unknown>): void {
  Object.setPrototypeOf(o, null);
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
/** RFC 4648 base32, as the secrets are stored; otpauth would throw on anything else. */
const BASE32 = /^[A-Z2-7]+=*$/;
const USER_STATUSES = ['FORCE_CHANGE_PASSWORD', 'CONFIRMED', 'RESET_REQUIRED', 'UNCONFIRMED'];
const SESSION_STEPS = [
  'NEW_PASSWORD_REQUIRED',
  'MFA_SETUP',
  'ASSOCIATED',
  'VERIFIED',
  'SOFTWARE_TOKEN_MFA',
  'SELECT_MFA_TYPE',
  'PASSWORD_VERIFIER',
];

type Bad = (what: string) => never;

/**
 * Damage found deep in the state by an operation (a signing key crypto cannot read): the backend
 * reports it like any other damaged file, naming the file, exit 253.
 */
export class StateDamage extends Error {}

function badState(file: string): Bad {
  return (what) => {
    throw new ConfigError(
      `The state file ${file} is not a valid cognito-totp state (${what}). It was left untouched; move it away or pass --state-file to use another file.`,
    );
  };
}

/**
 * Checks a parsed document of any version and returns it as the state. Every value an operation
 * relies on is checked for its type (a damaged file must give 253 naming it, never a crash in an
 * operation); users are checked when an operation first touches them.
 */
export function checkState(doc: unknown, file: string): State {
  const bad = badState(file);
  const v = checkHeader(doc, file, bad);
  const store = new UserStore(undefined, 0, 0, file);
  const pools = (doc as { pools: Record<string, Record<string, unknown>> }).pools;
  if (v < 3) {
    for (const [id, p] of Object.entries(pools)) {
      if (!isObj(p.users)) return bad(`pool ${id} is malformed`);
      for (const [name, u] of Object.entries(p.users)) {
        if (v === 2 && typeof u !== 'string')
          return bad(`user ${JSON.stringify(name)} of pool ${id} is malformed`);
        store.load(id, name, u);
      }
    }
  } else {
    const users = (doc as { users?: unknown }).users;
    if (!Array.isArray(users)) return bad('"users" is not an array');
    for (const entry of users) {
      if (!Array.isArray(entry) || entry.length !== 3 || !isStr(entry[0]) || !isStr(entry[1]))
        return bad('a user entry is malformed');
      store.load(entry[0], entry[1], entry[2]);
    }
    delete (doc as { users?: unknown }).users;
  }
  return attach(doc as unknown as State, store);
}

/** The header: everything but the users. Returns the document's schema version. */
function checkHeader(doc: unknown, file: string, bad: Bad): number {
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
  asDict(doc.pools);
  asDict(doc.sessions);
  for (const [id, p] of Object.entries(doc.pools)) checkPool(id, p, bad);
  for (const s of Object.values(doc.sessions)) {
    if (
      !isObj(s) ||
      !isStr(s.pool) ||
      !isStr(s.client) ||
      !isStr(s.user) ||
      !SESSION_STEPS.includes(s.step as string) ||
      typeof s.admin !== 'boolean' ||
      !isNum(s.exp) ||
      typeof s.used !== 'boolean'
    )
      return bad('a session is malformed');
  }
  return v;
}

function checkPool(id: string, p: unknown, bad: Bad): undefined {
  if (!isObj(p) || p.id !== id || !isStr(p.name)) return bad(`pool ${JSON.stringify(id)} is malformed`);
  if (!isObj(p.key) || !isStr(p.key.kid) || !isStr(p.key.pem) || !p.key.pem.startsWith('-----BEGIN '))
    return bad(`pool ${id} has no signing key`);
  if (
    !isNum(p.created) ||
    !isNum(p.modified) ||
    !['OFF', 'ON', 'OPTIONAL'].includes(p.mfa as string) ||
    typeof p.totpEnabled !== 'boolean' ||
    !isStr(p.deletionProtection) ||
    !isObj(p.clients) ||
    !isObj(p.revoked) ||
    !isObj(p.extra)
  )
    return bad(`pool ${id} is malformed`);
  asDict(p.clients);
  asDict(p.revoked);
  for (const [cid, c] of Object.entries(p.clients)) {
    if (
      !isObj(c) ||
      !isStr(c.name) ||
      (c.secret !== undefined && !isStr(c.secret)) ||
      !isNum(c.created) ||
      !isNum(c.modified) ||
      !isNum(c.accessValidity) ||
      !isNum(c.idValidity) ||
      !isNum(c.refreshValidity) ||
      !isObj(c.units) ||
      !isStr(c.units.AccessToken) ||
      !isStr(c.units.IdToken) ||
      !isStr(c.units.RefreshToken) ||
      !Array.isArray(c.flows) ||
      !c.flows.every(isStr) ||
      typeof c.revocation !== 'boolean' ||
      !isNum(c.authSessionValidity) ||
      (c.rotation !== undefined && !isNum(c.rotation))
    )
      return bad(`client ${cid} of pool ${id} is malformed`);
  }
  for (const exp of Object.values(p.revoked)) if (!isNum(exp)) return bad(`pool ${id} is malformed`);
}

/** Counters and flags at their usual value are left out of the file (a smaller file to copy). */
const USER_DEFAULTS = {
  enabled: true,
  totpMfa: false,
  lastStep: 0,
  mfaFailures: 0,
  mfaLockUntil: 0,
  pwFailures: 0,
  pwLockUntil: 0,
  signedOutAt: 0,
} as const;

function encodeUser(user: User): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(user)) {
    if (v !== undefined && (USER_DEFAULTS as Record<string, unknown>)[k] !== v) out[k] = v;
  }
  return out;
}

function checkUser(raw: unknown, name: string, pool: string, bad: Bad): User {
  const malformed = (what = 'is malformed') => bad(`user ${JSON.stringify(name)} of pool ${pool} ${what}`);
  if (!isObj(raw)) return malformed();
  const u: Record<string, unknown> = { ...USER_DEFAULTS, ...raw };
  if (
    !isStr(u.sub) ||
    !isObj(u.attrs) ||
    !Object.values(u.attrs).every(isStr) ||
    !isNum(u.created) ||
    !isNum(u.modified) ||
    typeof u.enabled !== 'boolean' ||
    !USER_STATUSES.includes(u.status as string) ||
    (u.pw !== undefined && !isStr(u.pw)) ||
    (u.tempExp !== undefined && !isNum(u.tempExp)) ||
    typeof u.totpMfa !== 'boolean' ||
    (u.preferred !== undefined && u.preferred !== 'SOFTWARE_TOKEN_MFA') ||
    !isNum(u.lastStep) ||
    !isNum(u.mfaFailures) ||
    !isNum(u.mfaLockUntil) ||
    !isNum(u.pwFailures) ||
    !isNum(u.pwLockUntil) ||
    !isNum(u.signedOutAt)
  )
    return malformed();
  asDict(u.attrs);
  const t = u.totp;
  if (
    t !== undefined &&
    (!isObj(t) ||
      !isStr(t.secret) ||
      !BASE32.test(t.secret) ||
      !isNum(t.verifiedAt) ||
      (t.device !== undefined && !isStr(t.device)))
  )
    return malformed('has a malformed authenticator');
  const p = u.pending;
  if (
    p !== undefined &&
    (!isObj(p) ||
      !isStr(p.secret) ||
      !BASE32.test(p.secret) ||
      !isNum(p.created) ||
      !isNum(p.failures) ||
      !isNum(p.lockUntil))
  )
    return malformed('has a malformed pending authenticator');
  const srp = u.srp;
  if (
    srp !== undefined &&
    (!isObj(srp) ||
      !isStr(srp.salt) ||
      !/^[0-9a-f]{1,64}$/.test(srp.salt) ||
      !isStr(srp.v) ||
      !/^[A-Za-z0-9+/]{1,600}={0,2}$/.test(srp.v) ||
      !isStr(srp.pw))
  )
    return malformed('has a malformed SRP verifier');
  const rt = u.rt;
  if (
    rt !== undefined &&
    (!isObj(rt) ||
      !Object.values(rt).every(
        (r) => isObj(r) && isStr(r.cur) && isStr(r.prev) && isNum(r.until) && isNum(r.exp),
      ))
  )
    return malformed('has malformed refresh token rotation records');
  if (rt) asDict(rt);
  return u as unknown as User;
}

/** A user line of the file: where it is (without its separator) and whose it is. */
interface Span {
  start: number;
  end: number;
}
interface Entry {
  /** undefined once deleted. */
  user: User | undefined;
  /** Its line in the file it was read from, if it came from there. */
  span?: Span;
}

const SEPARATOR = Buffer.from(',\n');
const FOOTER = Buffer.from('\n]}\n');
const USERS_OPEN = ',"users":[';

/**
 * The users of every pool. In the canonical layout they stay as bytes of the file read, and only
 * the lines an operation asks for are parsed (and then re-encoded on write); otherwise (an older
 * version, a hand-formatted file) they were parsed whole and are held as values, decoded lazily.
 */
class UserStore {
  /** Users touched in this transaction (read, set or deleted), by pool then name. */
  private readonly touched = new Map<string, Map<string, Entry>>();
  /** Users of a file not in the canonical layout: the parsed value, checked on first access. */
  private readonly loose = new Map<string, Map<string, unknown>>();
  /**
   * While an operation of a batch runs: how each user it touched was before (as JSON, so that a
   * change in place is undone too), or that it was not yet touched. See beginUndo.
   */
  private undo:
    | { pool: string; name: string; before: { json?: string; span?: Span } | 'untouched' }[]
    | undefined;
  private undoSeen = new Set<string>();
  /**
   * The users read in the current transaction and each one's JSON when first read (null: absent),
   * so that the journal gets the users that changed (operations change users in place). See beginTxn.
   */
  private txn: Map<string, { pool: string; name: string; before: string | null }> | undefined;
  constructor(
    private readonly buf: Buffer | undefined,
    /** The lines region: from the first line's first byte to the last line's end. */
    private readonly start: number,
    private readonly end: number,
    private readonly file: string,
    /** The pools of the file's header: their users are the lines (any other line is carried as is). */
    private readonly filePools: readonly string[] = [],
  ) {}

  load(pool: string, name: string, raw: unknown): void {
    // Parsed already (version 1, or a hand-formatted file): checked now, with the rest of the file.
    if (typeof raw !== 'string') checkUser(raw, name, pool, badState(this.file));
    let names = this.loose.get(pool);
    if (!names) {
      names = new Map();
      this.loose.set(pool, names);
    }
    names.set(name, raw);
  }

  private touchedOf(pool: string): Map<string, Entry> {
    let names = this.touched.get(pool);
    if (!names) {
      names = new Map();
      this.touched.set(pool, names);
    }
    return names;
  }

  /** Starts recording how the users an operation touches were, so that it can be undone. */
  beginUndo(): void {
    this.undo = [];
    this.undoSeen.clear();
  }

  /** Puts every user the operation touched back as it was at beginUndo. */
  rollback(): void {
    for (const { pool, name, before } of (this.undo ?? []).reverse()) {
      const names = this.touchedOf(pool);
      if (before === 'untouched') names.delete(name);
      else {
        const user = before.json === undefined ? undefined : reviveUser(JSON.parse(before.json));
        names.set(name, { user, ...(before.span ? { span: before.span } : {}) });
      }
    }
    this.undo = undefined;
  }

  endUndo(): void {
    this.undo = undefined;
  }

  /** Between beginTxn and endTxn only: a read-only command listing many users pays nothing. */
  beginTxn(): void {
    this.txn = new Map();
  }

  endTxn(): void {
    this.txn = undefined;
  }

  private track(pool: string, name: string, user: User | undefined): void {
    if (this.txn === undefined) return;
    const key = JSON.stringify([pool, name]);
    if (this.txn.has(key)) return;
    this.txn.set(key, { pool, name, before: user ? JSON.stringify(encodeUser(user)) : null });
  }

  /** Each user whose value differs from the one it had when the transaction first read it. */
  changed(): [pool: string, name: string, json: string | null][] {
    const out: [string, string, string | null][] = [];
    for (const { pool, name, before } of this.txn?.values() ?? []) {
      const entry = this.touched.get(pool)?.get(name);
      // No entry: an operation that failed was rolled back to before its first look at the user,
      // who is then as the file has it (not deleted).
      if (entry === undefined) continue;
      const now = entry.user ? JSON.stringify(encodeUser(entry.user)) : null;
      if (now !== before) out.push([pool, name, now]);
    }
    return out;
  }

  private remember(pool: string, name: string, known: Entry | undefined): void {
    if (this.undo === undefined) return;
    const key = JSON.stringify([pool, name]);
    if (this.undoSeen.has(key)) return;
    this.undoSeen.add(key);
    this.undo.push({
      pool,
      name,
      before: known
        ? {
            ...(known.user ? { json: JSON.stringify(known.user) } : {}),
            ...(known.span ? { span: known.span } : {}),
          }
        : 'untouched',
    });
  }

  get(pool: string, name: string): User | undefined {
    const names = this.touchedOf(pool);
    const known = names.get(name);
    this.remember(pool, name, known);
    if (known) {
      this.track(pool, name, known.user);
      return known.user;
    }
    const bad = badState(this.file);
    let entry: Entry | undefined;
    const loose = this.loose.get(pool);
    if (loose?.has(name)) {
      let raw = loose.get(name);
      if (typeof raw === 'string') {
        try {
          raw = JSON.parse(raw);
        } catch {
          return bad(`user ${JSON.stringify(name)} of pool ${pool} is not valid JSON`);
        }
      }
      entry = { user: checkUser(raw, name, pool, bad) };
    } else if (this.buf !== undefined && this.start < this.end) {
      const span = this.find(pool, name);
      if (span) {
        let line: unknown;
        try {
          line = JSON.parse(this.buf.toString('utf8', span.start, span.end));
        } catch {
          return bad(`user ${JSON.stringify(name)} of pool ${pool} is not valid JSON`);
        }
        if (!Array.isArray(line) || line[0] !== pool || line[1] !== name)
          return bad(`user ${JSON.stringify(name)} of pool ${pool} is malformed`);
        entry = { user: checkUser(line[2], name, pool, bad), span };
      }
    }
    this.track(pool, name, entry?.user);
    if (!entry) return undefined;
    names.set(name, entry);
    return entry.user;
  }

  set(pool: string, name: string, user: User | undefined): void {
    // Looked up first, so that a user already in the file is replaced in its line, not repeated.
    const existing = this.get(pool, name);
    if (user === undefined && existing === undefined) return;
    const names = this.touchedOf(pool);
    const known = names.get(name);
    if (known) known.user = user;
    else names.set(name, { user });
  }

  /** The line of `name` in the file's lines region: a byte search for its opening. */
  private find(pool: string, name: string): Span | undefined {
    const buf = this.buf!;
    // Every line starts right after a newline, and a newline never occurs inside a JSON line, so
    // the match is a line start and unambiguous.
    const needle = Buffer.from(`\n[${JSON.stringify(pool)},${JSON.stringify(name)},`);
    const at = buf.indexOf(needle, this.start - 1);
    if (at < 0 || at >= this.end) return undefined;
    const start = at + 1;
    const nl = buf.indexOf(10, start);
    const end = nl < 0 || nl >= this.end ? this.end : nl - 1; // before the ',' of ",\n"
    return { start, end };
  }

  /** Every line of the region as (pool, name, span), reading only each line's opening. */
  private *lines(): Generator<[string, string, Span]> {
    const buf = this.buf;
    if (buf === undefined || this.start >= this.end) return;
    let s = this.start;
    while (s < this.end) {
      const nl = buf.indexOf(10, s);
      const e = nl < 0 || nl >= this.end ? this.end : nl - 1;
      const [pool, afterPool] = readString(buf, s + 1, this.file);
      const [name] = readString(buf, afterPool + 1, this.file);
      yield [pool, name, { start: s, end: e }];
      s = e + 2;
    }
  }

  names(pool: string): string[] {
    const out: string[] = [];
    const seen = new Set<string>();
    const touched = this.touched.get(pool);
    const push = (name: string) => {
      if (seen.has(name)) return;
      seen.add(name);
      const t = touched?.get(name);
      if (t === undefined || t.user !== undefined) out.push(name);
    };
    for (const [p, name] of this.lines()) if (p === pool) push(name);
    for (const name of this.loose.get(pool)?.keys() ?? []) push(name);
    for (const name of touched?.keys() ?? []) push(name);
    return out;
  }

  /**
   * The bytes of the users section: untouched lines copied as they are, touched ones re-encoded in
   * place, new ones at the end, and none of a pool that no longer exists.
   */
  encode(livePools: Set<string>): Buffer[] {
    const pieces: Buffer[] = [];
    const line = (pool: string, name: string, user: User) =>
      Buffer.from(JSON.stringify([pool, name, encodeUser(user)]));
    const emitted = new Set<Entry>();
    if (this.buf !== undefined && this.start < this.end) {
      const buf = this.buf;
      const replaced: [Span, string, string, Entry][] = [];
      for (const [pool, names] of this.touched)
        for (const [name, e] of names) if (e.span) replaced.push([e.span, pool, name, e]);
      replaced.sort((a, b) => a[0].start - b[0].start);
      const poolsGone = this.filePools.some((p) => !livePools.has(p));
      if (!poolsGone) {
        let cur = this.start;
        for (const [span, pool, name, e] of replaced) {
          if (span.start > cur) pieces.push(buf.subarray(cur, span.start - 2));
          if (e.user) pieces.push(line(pool, name, e.user));
          emitted.add(e);
          cur = span.end + 2;
        }
        if (cur < this.end) pieces.push(buf.subarray(cur, this.end));
      } else {
        // A pool was deleted: walk every line and leave its users out.
        for (const [pool, name, span] of this.lines()) {
          if (!livePools.has(pool)) continue;
          const e = this.touched.get(pool)?.get(name);
          if (e?.span?.start === span.start) {
            if (e.user) pieces.push(line(pool, name, e.user));
            emitted.add(e);
          } else pieces.push(buf.subarray(span.start, span.end));
        }
      }
    }
    for (const [pool, names] of this.loose) {
      if (!livePools.has(pool)) continue;
      for (const [name] of names) {
        this.get(pool, name); // decoded and checked before it is written in the new layout
        const e = this.touched.get(pool)!.get(name)!;
        if (e.user) pieces.push(line(pool, name, e.user));
        emitted.add(e);
      }
    }
    for (const [pool, names] of this.touched) {
      if (!livePools.has(pool)) continue;
      for (const [name, e] of names) if (!emitted.has(e) && e.user) pieces.push(line(pool, name, e.user));
    }
    const out: Buffer[] = [];
    for (const p of pieces) {
      if (out.length) out.push(SEPARATOR);
      out.push(p);
    }
    return out;
  }
}

/** Reads the JSON string starting at buf[at] (a '"'); returns it and the index after it. */
function readString(buf: Buffer, at: number, file: string): [string, number] {
  if (buf[at] !== 0x22) return badState(file)('a user line is malformed');
  let i = at + 1;
  for (;;) {
    const q = buf.indexOf(0x22, i);
    if (q < 0) return badState(file)('a user line is malformed');
    let backslashes = 0;
    for (let j = q - 1; buf[j] === 0x5c; j--) backslashes++;
    if (backslashes % 2 === 0) {
      try {
        return [JSON.parse(buf.toString('utf8', at, q + 1)) as string, q + 1];
      } catch {
        return badState(file)('a user line is malformed');
      }
    }
    i = q + 1;
  }
}

/** A user back from its JSON copy: records keyed by user-chosen names have no prototype. */
function reviveUser(u: User): User {
  asDict(u.attrs);
  return u;
}

const stores = new WeakMap<State, UserStore>();
/** Each users view and the pool it shows. */
const views = new WeakMap<object, string>();

/** Gives each pool a `users` record backed by the store. */
function attach(state: State, store: UserStore): State {
  state.schemaVersion = SCHEMA_VERSION;
  for (const pool of Object.values(state.pools)) pool.users = usersView(store, pool.id);
  stores.set(state, store);
  return state;
}

/** The users of one pool as an ordinary-looking record: `pool.users[name]` reads and writes. */
function usersView(store: UserStore, poolId: string): Record<string, User> {
  const target = dict<User>();
  const view = new Proxy(target, {
    get: (_t, key) => (typeof key === 'string' ? store.get(poolId, key) : undefined),
    set: (_t, key, value) => {
      if (typeof key !== 'string') return false;
      store.set(poolId, key, value as User);
      return true;
    },
    deleteProperty: (_t, key) => {
      if (typeof key === 'string') store.set(poolId, key, undefined);
      return true;
    },
    has: (_t, key) => typeof key === 'string' && store.get(poolId, key) !== undefined,
    ownKeys: () => store.names(poolId),
    getOwnPropertyDescriptor: (_t, key) => {
      if (typeof key !== 'string') return undefined;
      const value = store.get(poolId, key);
      return value === undefined
        ? undefined
        : { value, writable: true, enumerable: true, configurable: true };
    },
  });
  views.set(view, poolId);
  return view;
}

/** What an operation of a batch may change, saved before it runs (see LocalBackend.callBatch). */
export interface Checkpoint {
  header: string;
}

/**
 * Saves the state before one operation of a batch, so that an operation that fails without
 * meaning to change anything leaves no trace while the others' changes are kept. The header is
 * small (pools, clients, sessions) and copied as JSON; users are copied when touched.
 */
export function checkpoint(state: State): Checkpoint {
  const pools = dict<unknown>();
  for (const [id, pool] of Object.entries(state.pools)) {
    // Users of a pool created earlier in the batch are a plain record: saved with it.
    const { users, ...rest } = pool;
    pools[id] = views.get(users) === id ? rest : pool;
  }
  stores.get(state)?.beginUndo();
  return { header: JSON.stringify({ pools, sessions: state.sessions }) };
}

export function rollback(state: State, cp: Checkpoint): void {
  const store = stores.get(state)!;
  store.rollback();
  const saved = JSON.parse(cp.header) as Pick<State, 'pools' | 'sessions'>;
  asDict(saved.pools);
  asDict(saved.sessions);
  for (const [id, pool] of Object.entries(saved.pools)) {
    asDict(pool.clients);
    asDict(pool.revoked);
    if (pool.users === undefined) pool.users = usersView(store, id);
    else {
      asDict(pool.users);
      for (const u of Object.values(pool.users)) reviveUser(u);
    }
  }
  state.pools = saved.pools;
  state.sessions = saved.sessions;
}

export function commit(state: State): void {
  stores.get(state)?.endUndo();
}

const txnHeaders = new WeakMap<State, string>();

/** Everything but the users, as JSON: the file's header line, and a journal record's "h". */
function headerJson(state: State): string {
  const pools = dict<unknown>();
  for (const [id, pool] of Object.entries(state.pools)) {
    const { users: _users, ...rest } = pool;
    pools[id] = rest;
  }
  return JSON.stringify({ pools, sessions: state.sessions });
}

/** Starts a transaction whose changes txnRecord will return. */
export function beginTxn(state: State): void {
  stores.get(state)!.beginTxn();
  txnHeaders.set(state, headerJson(state));
}

/** Ends the transaction begun by beginTxn without a record (its change is written whole). */
export function endTxn(state: State): void {
  stores.get(state)!.endTxn();
}

/**
 * What the transaction begun by beginTxn changed, as one journal record's JSON (undefined: nothing):
 * `{"u":[[pool,name,user or null],...],"h":{"pools":...,"sessions":...}}`, "h" only when the header
 * changed. Values are whole, not differences, so replaying a record twice changes nothing more.
 */
export function txnRecord(state: State): string | undefined {
  const store = stores.get(state)!;
  // The users of a pool created in this transaction are a plain record: into the store with them.
  for (const [id, pool] of Object.entries(state.pools)) {
    if (views.get(pool.users) === id) continue;
    const users = pool.users;
    pool.users = usersView(store, id);
    for (const [name, u] of Object.entries(users)) store.set(id, name, u);
  }
  const header = headerJson(state);
  const users = store.changed();
  endTxn(state);
  const headerChanged = header !== txnHeaders.get(state);
  if (!headerChanged && users.length === 0) return undefined;
  const lines = users.map(([p, n, u]) => `[${JSON.stringify(p)},${JSON.stringify(n)},${u ?? 'null'}]`);
  return `{"u":[${lines.join(',')}]${headerChanged ? `,"h":${header}` : ''}}`;
}

/** Applies one journal record (checked as the file's own contents are) to a state read. */
export function applyRecord(state: State, json: string, journal: string): void {
  const bad: Bad = badState(journal);
  let rec: unknown;
  try {
    rec = JSON.parse(json);
  } catch {
    bad('a journal record is not valid JSON');
  }
  if (!isObj(rec) || !Array.isArray(rec.u) || (rec.h !== undefined && !isObj(rec.h)))
    bad('a journal record is malformed');
  const store = stores.get(state)!;
  if (rec.h !== undefined) {
    const doc = { ...rec.h, schemaVersion: SCHEMA_VERSION } as Record<string, unknown>;
    checkHeader(doc, journal, bad);
    state.pools = doc.pools as State['pools'];
    state.sessions = doc.sessions as State['sessions'];
    for (const pool of Object.values(state.pools)) pool.users = usersView(store, pool.id);
  }
  for (const e of rec.u as unknown[]) {
    if (!Array.isArray(e) || e.length !== 3 || !isStr(e[0]) || !isStr(e[1]))
      bad('a journal record is malformed');
    store.set(e[0], e[1], e[2] === null ? undefined : checkUser(e[2], e[1], e[0], bad));
  }
}

/**
 * Parses a state file's bytes. The canonical layout is read without parsing the users; anything
 * else is parsed whole (and so fully checked for JSON syntax).
 */
export function decodeState(buf: Buffer, file: string): State {
  const PREFIX = '{"schemaVersion":3,';
  const nl = buf.indexOf(10);
  const canonical =
    nl > 0 &&
    buf.length >= nl + FOOTER.length &&
    buf.toString('latin1', 0, PREFIX.length) === PREFIX &&
    buf.toString('latin1', nl - USERS_OPEN.length, nl) === USERS_OPEN &&
    buf.subarray(buf.length - FOOTER.length).equals(FOOTER);
  if (!canonical) return checkState(parseJson(buf.toString('utf8'), file), file);
  const header = parseJson(`${buf.toString('utf8', 0, nl - USERS_OPEN.length)}}`, file);
  checkHeader(header, file, badState(file));
  // Lines run from after the header's newline to the footer's newline (none when they meet).
  const start = nl + 1;
  const end = buf.length - FOOTER.length;
  const store = new UserStore(
    buf,
    start,
    Math.max(start, end),
    file,
    Object.keys((header as { pools: object }).pools),
  );
  return attach(header as unknown as State, store);
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ConfigError(
      `The state file ${file} is not valid JSON (truncated or damaged?). It was left untouched; move it away or pass --state-file to use another file.`,
    );
  }
}

/** The file's bytes, as pieces for one writev: the header line, the user lines, the footer. */
export function encodeState(state: State): Buffer[] {
  const pools = dict<unknown>();
  const extraUsers: [string, string, User][] = [];
  for (const [id, pool] of Object.entries(state.pools)) {
    const { users, ...rest } = pool;
    pools[id] = rest;
    // A pool created in this transaction has a plain record of users, not a view of the store.
    if (views.get(users) !== id)
      for (const [name, u] of Object.entries(users)) extraUsers.push([id, name, u]);
  }
  const store = stores.get(state) ?? new UserStore(undefined, 0, 0, '');
  for (const [pool, name, user] of extraUsers) store.set(pool, name, user);
  const header = JSON.stringify({ schemaVersion: SCHEMA_VERSION, pools, sessions: state.sessions });
  const users = store.encode(new Set(Object.keys(state.pools)));
  return [
    Buffer.from(`${header.slice(0, -1)}${USERS_OPEN}\n`),
    ...users,
    users.length ? FOOTER : FOOTER.subarray(1),
  ];
}
