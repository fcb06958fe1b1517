// The one-line-per-user store, and the file's layout around it (decodeState, encodeState).
// It reads only the lines an operation asks for and writes the untouched ones back as bytes.
import { asDict, badState, checkHeader, checkUser, isObj, isStr, parseJson } from './checks.ts';
import { dict, SCHEMA_VERSION, type State, USER_DEFAULTS, type User } from './document.ts';

export function emptyState(): State {
  const state: State = { schemaVersion: SCHEMA_VERSION, pools: dict(), sessions: dict() };
  stores.set(state, new UserStore(undefined, 0, 0, ''));
  return state;
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

function encodeUser(user: User): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(user)) {
    if (v !== undefined && (USER_DEFAULTS as Record<string, unknown>)[k] !== v) out[k] = v;
  }
  return out;
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
export class UserStore {
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
        // The copy leaves out the fields at their defaults, as the file does (encodeUser).
        const user =
          before.json === undefined
            ? undefined
            : reviveUser({ ...USER_DEFAULTS, ...JSON.parse(before.json) });
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

  private track(key: string, pool: string, name: string, user: User | undefined, json: () => string): void {
    if (this.txn === undefined || this.txn.has(key)) return;
    this.txn.set(key, { pool, name, before: user ? json() : null });
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

  private remember(
    key: string,
    pool: string,
    name: string,
    known: Entry | undefined,
    json: () => string,
  ): void {
    if (this.undo === undefined || this.undoSeen.has(key)) return;
    this.undoSeen.add(key);
    this.undo.push({
      pool,
      name,
      before: known
        ? {
            ...(known.user ? { json: json() } : {}),
            ...(known.span ? { span: known.span } : {}),
          }
        : 'untouched',
    });
  }

  get(pool: string, name: string): User | undefined {
    const names = this.touchedOf(pool);
    const known = names.get(name);
    // One key and one JSON copy of the user for both the undo of this operation and the
    // transaction's record (each is taken on the first look only): the server makes them for every
    // call, and a second JSON.stringify of the user was a few per cent of its time.
    const key = this.undo !== undefined || this.txn !== undefined ? JSON.stringify([pool, name]) : '';
    let copy: string | undefined;
    const json = () => {
      copy ??= JSON.stringify(encodeUser(known!.user!));
      return copy;
    };
    this.remember(key, pool, name, known, json);
    if (known) {
      this.track(key, pool, name, known.user, json);
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
    this.track(key, pool, name, entry?.user, () => JSON.stringify(encodeUser(entry!.user!)));
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
   * The names of the users of `pool` whose attribute `attr` is `value` (sign-in by email, phone
   * number or preferred_username). The file's lines are searched as bytes for `"attr":"value"`, as
   * encodeUser writes an attribute, so that only the lines that may match are parsed; each is then
   * checked on its parsed value. Users already read in this transaction are checked as they are now.
   */
  withAttribute(pool: string, attr: string, value: string): string[] {
    const found = new Set<string>();
    const touched = this.touched.get(pool);
    const consider = (name: string) => {
      if (!found.has(name) && this.get(pool, name)?.attrs[attr] === value) found.add(name);
    };
    for (const [name, e] of touched ?? []) if (e.user?.attrs[attr] === value) found.add(name);
    for (const name of this.loose.get(pool)?.keys() ?? []) if (!touched?.has(name)) consider(name);
    const buf = this.buf;
    if (buf === undefined || this.start >= this.end) return [...found];
    const needle = Buffer.from(`${JSON.stringify(attr)}:${JSON.stringify(value)}`);
    let at = buf.indexOf(needle, this.start);
    while (at >= 0 && at < this.end) {
      const lineStart = buf.lastIndexOf(10, at) + 1;
      const [p, afterPool] = readString(buf, lineStart + 1, this.file);
      if (p === pool) {
        const [name] = readString(buf, afterPool + 1, this.file);
        if (!touched?.has(name)) consider(name);
      }
      const nl = buf.indexOf(10, at);
      if (nl < 0) break;
      at = buf.indexOf(needle, nl);
    }
    return [...found];
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
export function reviveUser(u: User): User {
  asDict(u.attrs);
  if (u.codes) asDict(u.codes);
  return u;
}

export const stores = new WeakMap<State, UserStore>();
/** Each users view and the pool it shows. */
export const views = new WeakMap<object, string>();

/** Gives each pool a `users` record backed by the store. */
function attach(state: State, store: UserStore): State {
  state.schemaVersion = SCHEMA_VERSION;
  for (const pool of Object.values(state.pools)) pool.users = usersView(store, pool.id);
  stores.set(state, store);
  return state;
}

/** The users of one pool as an ordinary-looking record: `pool.users[name]` reads and writes. */
export function usersView(store: UserStore, poolId: string): Record<string, User> {
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
