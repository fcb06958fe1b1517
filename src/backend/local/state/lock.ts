// The state file's cross-process lock (`<state>.lock`): taken whole, waited for with sleeps, broken only when provably dead.
//
// The lock file names its holder: `pid LF host LF pid-namespace LF` (only the pid in older versions,
// which read it with parseInt and so still read the new one). A pid means something only in the PID
// namespace and on the host that made it: two containers (or `unshare --pid`) sharing a folder see
// each other's pids as dead, and breaking a live lock loses a change. So a lock made elsewhere is
// never judged by its pid: it is waited for (bounded), then reported with what to do. A lock made
// by another user (other than root) is not trusted either: it is never broken, only waited for.
import {
  closeSync,
  constants,
  fstatSync,
  linkSync,
  lstatSync,
  openSync,
  readdirSync,
  readlinkSync,
  readSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { ConfigError, GeneralError } from '../../../errors.ts';
import { errnoOf, randomName, reason, removeFile } from './io.ts';
import { euid, NOFOLLOW } from './trust.ts';

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errnoOf(e) === 'EPERM';
  }
}

let here: { host: string; ns: string } | undefined;
/** This process's host and PID namespace (the namespace's inode, as /proc shows it; '' without /proc). */
function whereWeRun(): { host: string; ns: string } {
  if (here === undefined) {
    let ns = '';
    try {
      ns = readlinkSync('/proc/self/ns/pid');
    } catch {
      // not Linux: the host alone
    }
    here = { host: hostname(), ns };
  }
  return here;
}

/** What a lock file says about its holder. */
interface Holder {
  pid: number | undefined;
  /** Made by a process whose pids are ours: on this host, in this PID namespace (or by an older version). */
  local: boolean;
  /** Where it was made, for a message. */
  host?: string;
  /** Made by us, root, or (when we are root) anyone: a lock whose holder may be judged and broken. */
  trusted: boolean;
  /** The user who made it. */
  uid: number;
}

function parseHolder(text: string, uid: number): Holder {
  const [first, host, ns] = text.split('\n');
  const pid = Number.parseInt(first ?? '', 10);
  const at = whereWeRun();
  const me = euid();
  return {
    pid: Number.isInteger(pid) && pid > 0 ? pid : undefined,
    local: host === undefined || (host === at.host && ns === at.ns),
    ...(host !== undefined ? { host } : {}),
    trusted: me === 0 || uid === me || uid === 0,
    uid,
  };
}

/** What one look at the lock found: taken, or how long to wait before the next look. */
type Attempt = { taken: true } | { taken: false; waitMs: number };

export class Lock {
  /** Kept mode (the server): this process's named copy of the lock file, linked into place each time. */
  private keptPending: string | undefined;
  /** How many times this process holds the lock (an async take by the server, then its transaction). */
  private depth = 0;
  /** The server stopped: an async wait still running gives up rather than make a new copy. */
  private closed = false;

  constructor(
    /** The lock file. */
    readonly path: string,
    /** The state file it locks (named in messages; its folder holds the copies). */
    private readonly statePath: string,
    /** How long to wait for another process's lock before giving up (ms). */
    private readonly timeoutMs: number,
    /** Keep this process's copy of the lock between transactions (the server). */
    private readonly keep: boolean,
  ) {}

  /** Takes the lock, waiting for it (sleeping, bounded); exit 255 naming the lock when it stays held. */
  acquire(): void {
    if (this.depth > 0) {
      this.depth++;
      return;
    }
    const wait = this.waiter();
    for (;;) {
      const a = wait();
      if (a.taken) break;
      if (a.waitMs > 0) sleepSync(a.waitMs);
    }
    this.depth = 1;
  }

  /**
   * Takes the lock without blocking the event loop (the server: JWKS and other answers go on while
   * another process holds it), runs `work` holding it, and releases it. Polled with timers.
   */
  withLock<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const run = (): void => {
        try {
          resolve(work());
        } catch (e) {
          reject(e);
        } finally {
          this.release();
        }
      };
      if (this.depth > 0) {
        this.depth++;
        run();
        return;
      }
      let wait: () => Attempt;
      const look = (): void => {
        if (this.closed) {
          reject(
            new GeneralError(`Stopped waiting for the lock on ${this.statePath}: the server is stopping.`),
          );
          return;
        }
        let a: Attempt;
        try {
          wait ??= this.waiter();
          a = wait();
        } catch (e) {
          reject(e);
          return;
        }
        if (!a.taken) {
          setTimeout(look, a.waitMs);
          return;
        }
        this.depth = 1;
        run();
      };
      look();
    });
  }

  release(): void {
    if (this.depth === 0) return;
    if (--this.depth > 0) return;
    removeFile(this.path);
  }

  /** One waiting for the lock: each call looks once; throws at the deadline. */
  private waiter(): () => Attempt {
    const deadline = Date.now() + this.timeoutMs;
    let delay = 1;
    return () => {
      if (this.tryLock()) return { taken: true };
      const holder = this.holder();
      // Released between the two looks: try again at once (its age would be the next holder's; and
      // a waiter that slept now would lose the lock to newcomers). Others are making progress then,
      // so this is no spin; the deadline still holds.
      if (holder === 'gone') {
        if (Date.now() >= deadline) throw this.timedOut(holder, undefined);
        return { taken: false, waitMs: 0 };
      }
      let stuck: string | undefined;
      if (holder.trusted && holder.local) {
        // A lock without a pid is never live (tryLock creates it whole): one left by a process killed
        // while an older version wrote it, or damaged. Broken once it is clearly not being written.
        const dead = holder.pid !== undefined ? !isAlive(holder.pid) : this.lockAgeMs() > 2_000;
        if (dead) {
          stuck = this.breakStaleLock(holder.pid);
          if (stuck === undefined) return { taken: false, waitMs: 0 };
        }
      }
      if (Date.now() >= deadline) throw this.timedOut(holder, stuck);
      const waitMs = delay + Math.random() * delay;
      delay = Math.min(delay * 2, 25);
      return { taken: false, waitMs: Math.min(waitMs, Math.max(1, deadline - Date.now())) };
    };
  }

  private timedOut(holder: Holder | 'gone', stuck: string | undefined): GeneralError {
    const secs = Math.round(this.timeoutMs / 1000);
    let who = '';
    let todo = `If no cognito-totp process is running, remove ${this.path}.`;
    if (holder !== 'gone') {
      if (holder.pid !== undefined) {
        who = holder.local
          ? ` (held by process ${holder.pid}`
          : ` (held by process ${holder.pid} on host ${holder.host} in another PID namespace, a container?, whose pids cannot be checked from here`;
        if (!holder.local)
          todo = `If no cognito-totp process is running there (or it was killed), remove ${this.path}.`;
      } else who = ' (a lock naming no process';
      if (!holder.trusted) {
        who += `; made by user ${holder.uid}, so it is not broken`;
        todo = `Ask user ${holder.uid} (or root) to remove ${this.path} if no cognito-totp process is running, or pass --state-file to use another file.`;
      }
      if (stuck !== undefined) {
        who += `; its process is not running, but the lock could not be moved aside: ${stuck}`;
        todo = `Remove ${this.path} (as its owner, user ${holder.uid}, or root), or pass --state-file to use another file.`;
      }
      who += ')';
    }
    return new GeneralError(
      `Timed out after ${secs} s waiting for the lock on ${this.statePath}${who}. ${todo}`,
    );
  }

  /**
   * Creates the lock file with the pid already in it: written under a unique name, then hard-linked
   * into place (atomic, fails if it exists). A plain open-then-write leaves an empty lock file, which
   * names no holder and so could never be broken, if the process is killed between the two.
   */
  private tryLock(): boolean {
    // The server keeps its named copy for as long as it runs: making and removing a file on each
    // transaction cost more than the transaction's own fdatasync (an inode made and freed each time).
    const keep = this.keep;
    for (let again = keep; ; again = false) {
      let pending = keep ? this.keptPending : undefined;
      if (pending === undefined) {
        if (keep) this.sweepPending();
        pending = this.makePending();
        if (keep) this.keptPending = pending;
      }
      try {
        linkSync(pending, this.path);
        return true;
      } catch (e) {
        const code = errnoOf(e);
        if (code === 'EEXIST') return false;
        // The server's kept copy is gone (removed by hand, or by a cleaner of old files in /tmp):
        // made again, once, rather than failing every change until a restart.
        if (code === 'ENOENT' && again) {
          this.keptPending = undefined;
          continue;
        }
        if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') {
          return this.tryLockWithoutLink(); // a file system without hard links
        }
        throw new ConfigError(`Cannot create the lock file ${this.path}: ${reason(e)}.`);
      } finally {
        if (!keep) removeFile(pending);
      }
    }
  }

  /** The holder's identity, under a unique name; removed again if it cannot be written whole. */
  private makePending(): string {
    const pending = `${this.path}.${process.pid}.${randomName()}.new`;
    let fd: number | undefined;
    try {
      // O_EXCL: never an existing file or a link planted under the name.
      fd = openSync(pending, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
      try {
        const me = whereWeRun();
        writeSync(fd, `${process.pid}\n${me.host}\n${me.ns}\n`);
      } finally {
        closeSync(fd);
      }
      return pending;
    } catch (e) {
      // A full disk makes the file but not its bytes: an empty copy is not left behind.
      if (fd !== undefined) {
        try {
          removeFile(pending);
        } catch {
          // the failure to create it is the one to report
        }
      }
      throw new ConfigError(`Cannot create the lock file ${this.path}: ${reason(e)}.`);
    }
  }

  /** Removes the server's copy of the lock (when it stops). */
  close(): void {
    this.closed = true;
    if (this.keptPending === undefined) return;
    removeFile(this.keptPending);
    this.keptPending = undefined;
  }

  /**
   * Copies of the lock kept by servers that were killed (their pid is gone): removed. Only copies
   * made here (this host, this PID namespace): a server in another container is alive for all we know.
   */
  private sweepPending(): void {
    const prefix = `${basename(this.path)}.`;
    const dir = dirname(this.path);
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const m = name.startsWith(prefix) ? /^(\d+)\.[0-9a-z]+\.new$/.exec(name.slice(prefix.length)) : null;
      if (!m || isAlive(Number(m[1]))) continue;
      const copy = join(dir, name);
      const h = readHolder(copy);
      if (h === 'gone' || !h.local || !h.trusted) continue;
      try {
        removeFile(copy);
      } catch {
        // not ours to insist on
      }
    }
  }

  private tryLockWithoutLink(): boolean {
    try {
      const fd = openSync(this.path, 'wx', 0o600);
      const me = whereWeRun();
      writeSync(fd, `${process.pid}\n${me.host}\n${me.ns}\n`);
      closeSync(fd);
      return true;
    } catch (e) {
      const code = errnoOf(e);
      if (code === 'EEXIST') return false;
      throw new ConfigError(`Cannot create the lock file ${this.path}: ${reason(e)}.`);
    }
  }

  /**
   * Since the lock file was last linked into place: its ctime, which link(2) sets. Not its mtime:
   * a server links the same copy each time, and that copy's mtime is as old as the server.
   */
  private lockAgeMs(): number {
    try {
      return Date.now() - lstatSync(this.path).ctimeMs;
    } catch {
      return 0;
    }
  }

  private holder(): Holder | 'gone' {
    return readHolder(this.path);
  }

  /**
   * A process killed while holding the lock leaves the file behind. Move it aside under a unique
   * name and look at what was moved: if it is not the dead holder's (another process took the lock
   * in between), put it back, so a live lock is never broken. Returns why it could not be moved
   * (another user's lock in a sticky folder), or undefined when it was moved (or already gone).
   */
  private breakStaleLock(deadPid: number | undefined): string | undefined {
    const aside = `${this.path}.stale.${process.pid}.${randomName()}`;
    try {
      renameSync(this.path, aside);
    } catch (e) {
      return errnoOf(e) === 'ENOENT' ? undefined : reason(e); // ENOENT: someone else broke it first
    }
    const moved = readHolder(aside);
    const owner = moved === 'gone' ? undefined : moved.pid;
    if (owner !== deadPid) {
      try {
        linkSync(aside, this.path);
      } catch {
        // A new lock exists already; the one we moved belonged to a process that has since finished.
      }
    }
    removeFile(aside);
    return undefined;
  }
}

/** What a lock file (or a kept copy) says, read without following a link; 'gone' if it is not there. */
function readHolder(path: string): Holder | 'gone' {
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | NOFOLLOW | constants.O_NONBLOCK);
    const st = fstatSync(fd);
    if (!st.isFile()) return { pid: undefined, local: false, trusted: false, uid: st.uid };
    const buf = Buffer.alloc(256);
    const n = readSync(fd, buf, 0, buf.length, 0);
    return parseHolder(buf.toString('utf8', 0, n), st.uid);
  } catch (e) {
    if (errnoOf(e) === 'ENOENT') return 'gone';
    // A link (ELOOP) or anything else unreadable: someone's, not to be judged or broken.
    let uid = -1;
    try {
      uid = lstatSync(path).uid;
    } catch {
      return 'gone';
    }
    return { pid: undefined, local: false, trusted: false, uid };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
