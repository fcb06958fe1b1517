// The records of a change: a batch operation's checkpoint (undo) and a transaction's journal record.
// The checkpoint is undone when the operation fails; the record is written by the server, applied by every reader.
import { asDict, type Bad, badState, checkHeader, checkUser, isObj, isStr } from './checks.ts';
import { dict, SCHEMA_VERSION, type State } from './document.ts';
import { reviveUser, stores, usersView, views } from './user-store.ts';

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
