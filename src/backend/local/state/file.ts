// The state file as a small database: read and validated, changed under an exclusive cross-process
// lock, written atomically (temporary file, fsync, rename, fsync of the folder), mode 0600 in 0700.
// While `serve` runs, changes go to a journal beside the file instead (see journal.ts).
// node:fs by name, here and in the modules beside: the bundle turns a namespace import into a copy
// of the module's hundred-odd properties (esbuild's __toESM), made at every start.
import {
  closeSync,
  constants,
  fchownSync,
  fdatasyncSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readlinkSync,
  readSync,
  realpathSync,
  renameSync,
  type Stats,
  statSync,
  writeSync,
  writevSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ConfigError, GeneralError } from '../../../errors.ts';
import type { State } from './document.ts';
import { errnoOf, randomName, reason, removeFile } from './io.ts';
import { JOURNAL_CHUNK, journalLine, parseJournal, zeros } from './journal.ts';
import { Lock } from './lock.ts';
import { applyRecord, beginTxn, txnRecord } from './records.ts';
import { checkFile, checkFolder, euid, linkRefused, NOFOLLOW } from './trust.ts';
import { decodeState, emptyState, encodeState } from './user-store.ts';

export interface StateFileOptions {
  /** How long to wait for another process's lock before giving up (ms). */
  lockTimeoutMs?: number;
  /**
   * Write each change to the journal rather than rewriting the file, and keep the state read
   * between transactions while nobody else changes the files (the server).
   */
  journal?: boolean;
  /**
   * A transaction that changed nothing writes nothing (changes tracked as for a journal line): for
   * a process whose calls often change nothing, `sign-in` keeping its SRP challenges in memory.
   */
  skipUnchanged?: boolean;
}

/** The journal is folded into the file once it is larger than this and than the file. */
export const FOLD_BYTES = 256 * 1024;
const FOLD_RETRY_MS = 5_000;

/**
 * What identifies one version of a file: a replaced file is another inode, or the inode of the
 * state two rewrites back written over (see write), with another size or modification time; an
 * appended one grows.
 */
interface FileId {
  ino: number;
  size: number;
  mtimeMs: number;
}

/** A state as read: from which version of the file, and how much of which journal. */
interface Loaded {
  state: State;
  file: FileId | undefined;
  /**
   * `end`: where its last whole line ends (the next append goes there); `dirtyEnd`: where the
   * non-zero bytes after it end (past `end` only after a torn append); `size`: its length.
   */
  journal: { ino: number; end: number; dirtyEnd: number; size: number; fd?: number | undefined } | undefined;
}

const idOf = (st: Stats): FileId => ({ ino: st.ino, size: st.size, mtimeMs: st.mtimeMs });
const sameId = (a: FileId | undefined, b: FileId | undefined): boolean =>
  a === b ||
  (a !== undefined && b !== undefined && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs);

/** Longest name beside the state file, less its suffixes (".lock.stale.<pid>.<rand>": 30 bytes), in NAME_MAX (255). */
const SIDE_MAX = 224;

/**
 * The base of the names made beside a state file named `base`: the name itself, or, when the longest
 * of them would not fit in NAME_MAX, its beginning and a hash of it (so that every process agrees).
 */
function sidecarBase(base: string): string {
  if (Buffer.byteLength(base) <= SIDE_MAX) return base;
  const hash = process.getBuiltinModule('node:crypto').createHash('sha256').update(base).digest('hex');
  const head = Buffer.from(base)
    .subarray(0, 160)
    .toString('utf8')
    .replace(/\uFFFD+$/, '');
  return `${head}~${hash.slice(0, 16)}`;
}

const RDONLY = constants.O_RDONLY | NOFOLLOW | constants.O_NONBLOCK;
/** A new file: never an existing one, nor a link planted under its name. */
const CREATE = constants.O_CREAT | constants.O_EXCL | NOFOLLOW;

export class StateFile {
  /** The state file: the path given, or the target of the link it is (resolved once, on first use). */
  path: string;
  lockPath!: string;
  journalPath!: string;
  /** Where temporary files go: `.` + the (shortened) name, beside the file. */
  private tmpBase!: string;
  /** The state as it was before the last rewrite (`.` + name + `.previous`): see write. */
  previousPath!: string;
  private readonly journaling: boolean;
  private readonly skipUnchanged: boolean;
  private readonly lockTimeoutMs: number;
  private resolved = false;
  private folderChecked = false;
  /** The state file's owner, as last read (root keeps it when it rewrites another user's file). */
  private owner: { uid: number; gid: number } | undefined;
  /** Journal mode: the state after the last transaction, reused while the files are as it left them. */
  private cache: Loaded | undefined;
  private lock!: Lock;
  /** After a fold failed, no fold by a change before this time (ms since the epoch). */
  private foldRetryAt = 0;
  /** Transactions made durable by this process (a journal line or a whole file), for the server's commit delay. */
  durableWrites = 0;

  constructor(path: string, opts: StateFileOptions = {}) {
    this.path = path;
    this.journaling = opts.journal === true;
    this.skipUnchanged = opts.skipUnchanged === true;
    this.lockTimeoutMs = opts.lockTimeoutMs ?? 15_000;
    this.place(path);
  }

  /** The names beside the state file at `path`. */
  private place(path: string): void {
    this.path = path;
    const dir = dirname(path);
    const side = sidecarBase(basename(path));
    this.lockPath = join(dir, `${side}.lock`);
    this.journalPath = join(dir, `${side}.journal`);
    this.tmpBase = join(dir, `.${side}`);
    this.previousPath = `${this.tmpBase}.previous`;
    this.lock = new Lock(this.lockPath, path, this.lockTimeoutMs, this.journaling);
  }

  /**
   * A state path that is a symbolic link (a dotfiles manager's) is resolved once: the lock, the
   * journal and the rewritten file then go beside its target, which keeps getting the changes. The
   * link must be the running user's or root's (as the kernel's protected_symlinks has it in /tmp),
   * and the target passes the same checks as any state file. No other link is ever followed.
   */
  private resolve(): void {
    if (this.resolved) return;
    let st: Stats | undefined;
    try {
      st = lstatSync(this.path);
    } catch {
      // missing (a new state) or unreadable: said by the read that follows
    }
    if (st?.isSymbolicLink()) {
      const me = euid();
      if (me !== 0 && st.uid !== me && st.uid !== 0) {
        throw new ConfigError(
          `The state file ${this.path} is a symbolic link made by user ${st.uid}, not by you; it is not followed. Remove it, or pass --state-file to use another file.`,
        );
      }
      let real: string;
      try {
        real = realpathSync.native(this.path);
      } catch (e) {
        if (errnoOf(e) !== 'ENOENT')
          throw new ConfigError(`The state file ${this.path} cannot be resolved: ${reason(e)}.`);
        // A link to a file not made yet: the file is made where it points.
        const target = readlinkSync(this.path);
        real = target.startsWith('/') ? target : join(dirname(this.path), target);
      }
      this.place(real);
    }
    this.resolved = true;
  }

  /** Reads the current state; a missing file is an empty state (nothing is created by reading). */
  read(): State {
    this.resolve();
    // The server says at start (253) that it cannot keep secrets in an untrusted folder.
    if (this.journaling) this.ensureFolder();
    return this.load(false).state;
  }

  /**
   * The file, then the journal on top of it. Without the lock, a fold (the file replaced, then the
   * journal removed) may run between the two reads and leave the journal's changes out: the file is
   * looked at again afterwards and, if it was replaced, everything is read again.
   */
  private load(locked: boolean): Loaded {
    for (let attempt = 0; ; attempt++) {
      const file = this.readFile();
      const journal = this.readJournal();
      if (!locked && !sameId(file?.id, this.statOf(this.path))) {
        if (attempt < 20) continue;
        throw new GeneralError(
          `The state file ${this.path} was replaced 20 times while it was being read (folds of its journal by a busy server?). Try again.`,
        );
      }
      const state = file ? this.decode(file.bytes) : emptyState();
      let j: Loaded['journal'];
      if (journal) {
        const { records, end, dirtyEnd } = parseJournal(journal.bytes, this.journalPath);
        for (const r of records) applyRecord(state, r, this.journalPath);
        j = { ino: journal.ino, end, dirtyEnd, size: journal.bytes.length };
      }
      return { state, file: file?.id, journal: j };
    }
  }

  private decode(bytes: Buffer): State {
    if (isBlank(bytes)) {
      throw new ConfigError(
        `The state file ${this.path} is empty, so it is not a valid cognito-totp state. It was left untouched; move it away or pass --state-file to use another file.`,
      );
    }
    return decodeState(bytes, this.path);
  }

  private readFile(): { bytes: Buffer; id: FileId } | undefined {
    let fd: number | undefined;
    try {
      fd = openSync(this.path, RDONLY);
      const st = fstatSync(fd);
      if (st.isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
      checkFile(st, 'state file', this.path, undefined, this.previousPath);
      this.owner = { uid: st.uid, gid: st.gid };
      return { bytes: readAll(fd, st.size), id: idOf(st) };
    } catch (e) {
      if (e instanceof ConfigError) throw e;
      const code = errnoOf(e);
      if (code === 'ENOENT') {
        this.owner = undefined;
        return undefined;
      }
      if (code === 'ELOOP') throw linkRefused('state file', this.path);
      if (code === 'EISDIR') throw new ConfigError(`The state file ${this.path} is a folder, not a file.`);
      if (code === 'EACCES' || code === 'EPERM')
        throw new ConfigError(`The state file ${this.path} cannot be read: permission denied.`);
      throw new ConfigError(`The state file ${this.path} cannot be read: ${code ?? String(e)}.`);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  /** The journal's bytes and its inode; undefined when there is none. */
  private readJournal(): { bytes: Buffer; ino: number } | undefined {
    let fd: number | undefined;
    try {
      fd = openSync(this.journalPath, RDONLY);
      const st = fstatSync(fd);
      // Made by the state file's owner (a new state: ours), like the file: a journal someone else
      // planted, even with lines that check out, is never applied.
      checkFile(st, 'state journal', this.journalPath, this.owner?.uid ?? euid());
      return { bytes: readAll(fd, st.size), ino: st.ino };
    } catch (e) {
      if (e instanceof ConfigError) throw e;
      const code = errnoOf(e);
      if (code === 'ENOENT') return undefined;
      if (code === 'ELOOP') throw linkRefused('state journal', this.journalPath);
      throw new ConfigError(`The state journal ${this.journalPath} cannot be read: ${reason(e)}.`);
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  private statOf(path: string): FileId | undefined {
    try {
      return idOf(lstatSync(path));
    } catch {
      return undefined;
    }
  }

  /**
   * Runs `change` on a fresh copy of the state while holding the lock, then writes the result
   * atomically. If `change` throws, nothing is written unless the error is marked persist (a
   * wrong code still counts towards the lockout, for instance).
   */
  update<T>(change: (state: State) => T): T {
    this.resolve();
    this.ensureFolder();
    return this.locked(() => {
      const loaded = this.current();
      // What changed is only needed for a journal line, or to skip a write that would change
      // nothing; otherwise a whole-file write encodes the state as it is.
      const journaled = loaded.journal !== undefined || this.journaling;
      if (journaled || this.skipUnchanged) beginTxn(loaded.state);
      let result: T;
      try {
        result = change(loaded.state);
      } catch (e) {
        if (isPersisting(e)) this.save(loaded);
        throw e;
      }
      this.save(loaded);
      return result;
    });
  }

  /**
   * Folds the journal into the file, if there is one: the server does so when it goes idle and when
   * it stops, so that the state is one plain JSON file again whenever it is not busy.
   */
  fold(): void {
    this.resolve();
    if (this.statOf(this.journalPath) === undefined) return;
    this.ensureFolder();
    this.locked(() => {
      const loaded = this.current();
      if (loaded.journal) this.foldInto(loaded);
      else if (this.journaling) this.cache = loaded;
    });
  }

  /**
   * The server: runs `work` (calls to update and fold) holding the lock, taken without blocking the
   * event loop, so that what needs no lock (JWKS, the answers already made) goes on while another
   * process holds it.
   */
  whenLocked<T>(work: () => T): Promise<T> {
    try {
      this.resolve();
      this.ensureFolder();
    } catch (e) {
      return Promise.reject(e);
    }
    return this.lock.withLock(work);
  }

  /** Runs `work` holding the lock. After a failure the state kept in memory is not trusted again. */
  private locked<T>(work: () => T): T {
    this.lock.acquire();
    try {
      return work();
    } catch (e) {
      this.dropCache(); // half changed by an operation, or not what is on disk
      throw e;
    } finally {
      this.lock.release();
    }
  }

  /** Forgets the state kept in memory and removes the server's copy of the lock (when it stops). */
  close(): void {
    this.dropCache();
    this.lock.close();
  }

  private dropCache(): void {
    closeJournal(this.cache);
    this.cache = undefined;
  }

  /**
   * Under the lock: the cached state if neither file changed since this process left them (or the
   * journal only by lines appended after ours, which are read and applied), else the state read
   * afresh. A replaced state file is a new inode; whether anyone appended to the journal is read
   * at the place of the next line (zeros until somebody writes one): its size does not change
   * when a line goes into space made ahead, and its mtime is too coarse (one clock tick).
   */
  private current(): Loaded {
    const c = this.cache;
    this.cache = undefined;
    if (c && sameId(this.statOf(this.path), c.file)) {
      if (!c.journal) {
        if (this.statOf(this.journalPath) === undefined) return c;
      } else if (c.journal.fd !== undefined) {
        try {
          const reused = this.appendedTo(c);
          if (reused) return reused;
        } catch (e) {
          closeJournal(c);
          throw e;
        }
      }
    }
    closeJournal(c);
    return this.load(true);
  }

  /**
   * The cached state with what others appended to the journal since, or undefined if the journal
   * it holds open is no longer the journal: removed by a fold (nlink 0; checked as well as the
   * file's identity, in case a reused inode number made a replaced file look the same).
   */
  private appendedTo(c: Loaded): Loaded | undefined {
    const j = c.journal!;
    const fd = j.fd!;
    const st = fstatSync(fd);
    if (st.nlink === 0) return undefined;
    const next = Buffer.alloc(1);
    if (readSync(fd, next, 0, 1, j.end) === 0 || next[0] === 0) return j.dirtyEnd === j.end ? c : undefined;
    const { records, end, dirtyEnd } = parseJournal(readAll(fd, st.size - j.end, j.end), this.journalPath);
    for (const r of records) applyRecord(c.state, r, this.journalPath);
    j.dirtyEnd = j.end + dirtyEnd;
    j.end += end;
    j.size = st.size;
    return c;
  }

  /**
   * Makes the transaction durable: a line appended to the journal when there is one (or this is the
   * server), else the whole file rewritten. A journal grown past FOLD_BYTES is then folded.
   */
  private save(l: Loaded): void {
    if (!l.journal && !this.journaling) {
      if (this.skipUnchanged && txnRecord(l.state) === undefined) return;
      this.write(l.state);
      this.durableWrites++;
      return;
    }
    const record = txnRecord(l.state);
    if (record !== undefined) {
      this.append(l, record);
      this.durableWrites++;
    }
    if (
      l.journal &&
      l.journal.end > Math.max(FOLD_BYTES, l.file?.size ?? 0) &&
      Date.now() >= this.foldRetryAt
    ) {
      try {
        this.foldInto(l);
      } catch {
        // The change is durable in the journal already: the call succeeded. The fold (the only
        // write that needs new space, so the first to meet a full disk) is tried again later, by
        // the server when idle or by the first change after FOLD_RETRY_MS.
        this.foldRetryAt = Date.now() + FOLD_RETRY_MS;
      }
      return; // folded or not, the state is read afresh next time
    }
    if (this.journaling) this.cache = l;
    else closeJournal(l);
  }

  private append(l: Loaded, record: string): void {
    const line = journalLine(record);
    let fd: number | undefined;
    let created = false;
    let wroteAt: number | undefined;
    try {
      if (!l.journal) {
        // Created 0600 from the first byte, like the file, with its space made ahead; its name is
        // on disk before any change in it is acknowledged.
        fd = openSync(this.journalPath, CREATE | constants.O_RDWR, 0o600);
        created = true;
        this.keepOwner(fd);
        const size = roomFor(line.length);
        writeAll(fd, [line, ...zeroPieces(size - line.length)]);
        fsyncSync(fd);
        const ino = fstatSync(fd).ino;
        this.syncFolder();
        l.journal = { ino, end: line.length, dirtyEnd: line.length, size, fd };
        return;
      }
      const j = l.journal;
      if (j.fd === undefined) {
        fd = openSync(this.journalPath, constants.O_RDWR | NOFOLLOW | constants.O_NONBLOCK);
        // The journal read and checked under this lock, not a file put in its place since.
        if (fstatSync(fd).ino !== j.ino)
          throw Object.assign(new Error('replaced'), { code: 'replaced since read' });
        j.fd = fd;
      }
      fd = j.fd;
      // What a crash cut short was never acknowledged: zeroed, so that the journal is whole lines.
      if (j.dirtyEnd > j.end) writeAt(fd, zeroPieces(j.dirtyEnd - j.end), j.end);
      // Out of space made ahead: more, in the same write (its fdatasync then also records the size).
      const needed = j.end + line.length;
      const size = needed > j.size ? roomFor(needed) : j.size;
      wroteAt = j.end;
      writeAt(fd, [line, ...(size > j.size ? zeroPieces(size - needed) : [])], j.end);
      fdatasyncSync(fd);
      j.end += line.length;
      j.dirtyEnd = j.end;
      j.size = Math.max(j.size, size);
    } catch (e) {
      // A line that may be in the page cache but was not made durable must not be read as a
      // change by anyone: it is taken back (the new journal removed, or the line zeroed).
      try {
        if (created) removeFile(this.journalPath);
        else if (fd !== undefined && wroteAt !== undefined) writeAt(fd, zeroPieces(line.length), wroteAt);
      } catch {
        // the failure being reported is the one that matters
      }
      if (fd !== undefined) closeSync(fd);
      if (l.journal) l.journal.fd = undefined;
      throw new ConfigError(
        `Cannot write the state journal ${this.journalPath}: ${reason(e)}. The change was not made.`,
      );
    }
  }

  /**
   * The whole state, journal included, into the file (durably), then the journal removed. A crash
   * between the two leaves a journal that holds exactly what the file already has: replayed over
   * it, it changes nothing. Nobody writes the file while a journal exists without folding it.
   */
  private foldInto(l: Loaded): void {
    closeJournal(l);
    this.write(l.state);
    try {
      removeFile(this.journalPath);
    } catch (e) {
      throw new ConfigError(
        `Cannot remove the state journal ${this.journalPath}: ${errnoOf(e) ?? String(e)}.`,
      );
    }
    this.syncFolder();
  }

  /**
   * The folder is made (0700) if missing, then checked once per process (trust.ts): one others can
   * write is refused, never silently tightened nor used for secrets.
   */
  private ensureFolder(): void {
    if (this.folderChecked) return;
    const dir = dirname(this.path);
    let st: Stats | undefined;
    try {
      st = statSync(dir, { throwIfNoEntry: false });
      if (st === undefined) {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        st = statSync(dir);
      }
    } catch (e) {
      throw new ConfigError(`Cannot create the folder ${dir} for the state file: ${reason(e)}.`);
    }
    if (!st.isDirectory())
      throw new ConfigError(`Cannot create the folder ${dir} for the state file: a file has its name.`);
    checkFolder(st, dir);
    this.folderChecked = true;
  }

  /** Root rewriting another user's state: the new file (or journal) gets the old file's owner and group. */
  private keepOwner(fd: number): void {
    const o = this.owner;
    if (o === undefined || euid() !== 0) return;
    if (o.uid !== 0 || o.gid !== (process.getegid?.() ?? o.gid)) fchownSync(fd, o.uid, o.gid);
  }

  /**
   * The whole state into the file, atomically: written in full and made durable under another
   * name, then renamed onto the file, then the folder's entry made durable.
   *
   * It is written into the state as it was before the last rewrite (`.<name>.previous`, kept
   * beside the file as a backup of the step before, as terraform keeps terraform.tfstate.backup),
   * and the state it replaces is kept under that name in turn, rather than a new file made and the
   * old one freed at each write: on the reference machine a 10 MB state is then rewritten in 9.9
   * ms instead of 15.5 (writing over blocks a file already has needs no new ones, and its ext4,
   * mounted with `discard`, trims every freed block there and then). The previous file is only
   * written into when it is ours as the state file must be (trust.ts: a regular file, ours, 0600,
   * one name); otherwise, and for the first rewrite, a new 0600 file is made with O_EXCL.
   * A reader without the lock that opened that file two rewrites ago and is still reading it sees
   * it change under it: such a read checks afterwards that the path still names the version it
   * opened, and reads again otherwise (load), as it does when a rewrite replaces the file.
   */
  private write(state: State): void {
    const pieces = encodeState(state);
    const tmp = `${this.tmpBase}.${process.pid}.${randomName()}.tmp`;
    const reused = this.reusablePrevious();
    let fd: number | undefined = reused;
    let ours = false; // a file named `tmp` that this call made (or moved there): removed on failure
    try {
      if (fd === undefined) {
        // Created 0600 from the first byte: there is no moment where the secrets are readable by others.
        fd = openSync(tmp, CREATE | constants.O_WRONLY, 0o600);
        ours = true;
      }
      this.keepOwner(fd);
      const size = writeAll(fd, pieces);
      if (reused !== undefined) ftruncateSync(fd, size);
      fsyncSync(fd);
      closeSync(fd);
      fd = undefined;
      if (reused !== undefined) {
        renameSync(this.previousPath, tmp);
        ours = true;
      }
      this.keepAsPrevious();
      renameSync(tmp, this.path);
    } catch (e) {
      if (fd !== undefined) closeSync(fd);
      try {
        if (ours) removeFile(tmp);
        // Cut short while being written over: no longer the state before, so not kept as if it were.
        else if (reused !== undefined) removeFile(this.previousPath);
      } catch {
        // the write's own failure is the one to report
      }
      throw new ConfigError(`Cannot write the state file ${this.path}: ${reason(e)}. It was left as it was.`);
    }
    // The rename is durable only once the folder's entry is on disk.
    this.syncFolder();
  }

  /** The previous state, opened for writing over, if it may be: else undefined (left as it is). */
  private reusablePrevious(): number | undefined {
    let fd: number;
    try {
      fd = openSync(this.previousPath, constants.O_RDWR | NOFOLLOW | constants.O_NONBLOCK);
    } catch {
      return undefined; // none yet, a link (ELOOP), or not ours to open
    }
    try {
      const st = fstatSync(fd);
      const owner = this.owner?.uid ?? euid();
      if (st.isFile() && st.nlink === 1 && (euid() === -1 || (st.uid === owner && (st.mode & 0o077) === 0)))
        return fd;
    } catch {
      // not usable: a new file is made instead
    }
    closeSync(fd);
    return undefined;
  }

  /**
   * Gives the state file about to be replaced the name of the previous state, so that the rename
   * keeps it instead of freeing it. Best effort: where that name is taken (by a file not ours to
   * write over, which is left alone), or there is no state file yet, or the file system has no hard
   * links, the replaced file is freed as before. For the moment until the rename the state file has
   * two names, which a reader accepts for this one (readFile).
   */
  private keepAsPrevious(): void {
    try {
      linkSync(this.path, this.previousPath);
    } catch {
      // see above: nothing is lost, the old state is only not kept
    }
  }

  private syncFolder(): void {
    try {
      const dfd = openSync(dirname(this.path), 'r');
      fsyncSync(dfd);
      closeSync(dfd);
    } catch {
      // Some file systems refuse fsync on a folder; the rename itself is still atomic.
    }
  }
}

/** Only JSON whitespace (or nothing): an emptied file, reported as such. */
function isBlank(bytes: Buffer): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return false;
  return true;
}

/** Closes the journal a state read holds open (the server keeps it open between transactions). */
function closeJournal(l: Loaded | undefined): void {
  const fd = l?.journal?.fd;
  if (fd === undefined) return;
  l!.journal!.fd = undefined;
  try {
    closeSync(fd);
  } catch {
    // closing cannot lose anything: every line was fdatasync'd before it was acknowledged
  }
}

/** A journal size with room for `bytes`: whole chunks of JOURNAL_CHUNK. */
function roomFor(bytes: number): number {
  return Math.ceil((bytes + 1) / JOURNAL_CHUNK) * JOURNAL_CHUNK;
}

/** `n` zero bytes as pieces of the shared zero chunk. */
function zeroPieces(n: number): Buffer[] {
  const out: Buffer[] = [];
  for (let left = n; left > 0; left -= JOURNAL_CHUNK)
    out.push(zeros().subarray(0, Math.min(left, JOURNAL_CHUNK)));
  return out;
}

/** Writes the pieces one after another from `position`. */
function writeAt(fd: number, pieces: Buffer[], position: number): void {
  let at = position;
  for (const p of pieces) {
    let done = 0;
    while (done < p.length) done += writeSync(fd, p, done, p.length - done, at + done);
    at += p.length;
  }
}

/** `size` bytes from `from` (a file read whole, or a journal's tail). */
function readAll(fd: number, size: number, from = 0): Buffer {
  const buf = Buffer.allocUnsafe(Math.max(0, size));
  let at = 0;
  while (at < buf.length) {
    const n = readSync(fd, buf, at, buf.length - at, from + at);
    if (n === 0) break; // shorter than fstat said (changed while read): what was there
    at += n;
  }
  return at === buf.length ? buf : buf.subarray(0, at);
}

/**
 * Writes every piece from the start of the file (the untouched user lines are slices of the file
 * read: no copy in JS); returns how many bytes.
 */
function writeAll(fd: number, pieces: Buffer[]): number {
  let rest = pieces.filter((p) => p.length > 0);
  const size = rest.reduce((n, p) => n + p.length, 0);
  let at = 0;
  while (rest.length) {
    // writev takes at most IOV_MAX (1024) buffers at a time on Linux.
    let written = writevSync(fd, rest.slice(0, 1024), at);
    at += written;
    let i = 0;
    while (i < rest.length && written >= rest[i]!.length) written -= rest[i++]!.length;
    rest = rest.slice(i);
    if (written > 0) rest[0] = rest[0]!.subarray(written);
  }
  return size;
}

const PERSIST = Symbol('persist');

/** Marks an error whose state change (a failure counter, a lockout) must be saved all the same. */
export function persisting<E extends Error>(e: E): E {
  (e as E & { [PERSIST]?: true })[PERSIST] = true;
  return e;
}

export function isPersisting(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { [PERSIST]?: true })[PERSIST] === true;
}
