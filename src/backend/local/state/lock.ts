// The state file's cross-process lock (`<state>.lock`): taken by linking a file that already names
// its holder into place, waited for with a bounded sleep, broken only when its holder is gone.
import * as fs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ConfigError, GeneralError } from '../../../errors.ts';
import { errnoOf, removeFile } from './io.ts';

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

export class Lock {
  /** Kept mode (the server): this process's named copy of the lock file, linked into place each time. */
  private keptPending: string | undefined;

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

  acquire(): void {
    const deadline = Date.now() + this.timeoutMs;
    let delay = 1;
    for (;;) {
      if (this.tryLock()) return;
      const holder = this.lockHolder();
      // Released between the two looks: try again at once (its age would be the next holder's).
      if (holder === undefined && !fs.existsSync(this.path)) continue;
      if (holder !== undefined && !isAlive(holder)) {
        this.breakStaleLock(holder);
        continue;
      }
      // A lock without a pid is never live (tryLock creates it whole): one left by a process killed
      // while an older version wrote it, or damaged. Broken once it is clearly not being written.
      if (holder === undefined && this.lockAgeMs() > 2_000) {
        this.breakStaleLock(undefined);
        continue;
      }
      if (Date.now() >= deadline) {
        throw new GeneralError(
          `Timed out after ${Math.round(this.timeoutMs / 1000)} s waiting for the lock on ${this.statePath}` +
            (holder !== undefined ? ` (held by process ${holder})` : '') +
            `. If no cognito-totp process is running, remove ${this.path}.`,
        );
      }
      sleepSync(delay + Math.random() * delay);
      delay = Math.min(delay * 2, 25);
    }
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
    let pending = keep ? this.keptPending : undefined;
    if (pending === undefined) {
      if (keep) this.sweepPending();
      pending = `${this.path}.${process.pid}.${Math.random().toString(36).slice(2)}.new`;
      try {
        fs.writeFileSync(pending, String(process.pid), { mode: 0o600, flag: 'wx' });
      } catch (e) {
        throw new ConfigError(`Cannot create the lock file ${this.path}: ${errnoOf(e) ?? String(e)}.`);
      }
      if (keep) this.keptPending = pending;
    }
    try {
      fs.linkSync(pending, this.path);
      return true;
    } catch (e) {
      const code = errnoOf(e);
      if (code === 'EEXIST') return false;
      if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') {
        return this.tryLockWithoutLink(); // a file system without hard links
      }
      throw new ConfigError(`Cannot create the lock file ${this.path}: ${code ?? String(e)}.`);
    } finally {
      if (!keep) removeFile(pending);
    }
  }

  /** Removes the server's copy of the lock (when it stops). */
  close(): void {
    if (this.keptPending === undefined) return;
    removeFile(this.keptPending);
    this.keptPending = undefined;
  }

  /** Copies of the lock kept by servers that were killed (their pid is gone): removed. */
  private sweepPending(): void {
    const prefix = `${basename(this.path)}.`;
    let names: string[];
    try {
      names = fs.readdirSync(dirname(this.statePath));
    } catch {
      return;
    }
    for (const name of names) {
      const m = name.startsWith(prefix) ? /^(\d+)\.[0-9a-z]+\.new$/.exec(name.slice(prefix.length)) : null;
      if (!m || isAlive(Number(m[1]))) continue;
      try {
        removeFile(join(dirname(this.statePath), name));
      } catch {
        // not ours to insist on
      }
    }
  }

  private tryLockWithoutLink(): boolean {
    try {
      const fd = fs.openSync(this.path, 'wx', 0o600);
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return true;
    } catch (e) {
      const code = errnoOf(e);
      if (code === 'EEXIST') return false;
      throw new ConfigError(`Cannot create the lock file ${this.path}: ${code ?? String(e)}.`);
    }
  }

  /**
   * Since the lock file was last linked into place: its ctime, which link(2) sets. Not its mtime:
   * a server links the same copy each time, and that copy's mtime is as old as the server.
   */
  private lockAgeMs(): number {
    try {
      return Date.now() - fs.statSync(this.path).ctimeMs;
    } catch {
      return 0;
    }
  }

  private lockHolder(): number | undefined {
    try {
      const pid = Number.parseInt(fs.readFileSync(this.path, 'utf8'), 10);
      return Number.isInteger(pid) && pid > 0 ? pid : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * A process killed while holding the lock leaves the file behind. Move it aside under a unique
   * name and look at what was moved: if it is not the dead holder's (another process took the lock
   * in between), put it back, so a live lock is never broken.
   */
  private breakStaleLock(deadPid: number | undefined): void {
    const aside = `${this.path}.stale.${process.pid}.${Math.random().toString(36).slice(2)}`;
    try {
      fs.renameSync(this.path, aside);
    } catch {
      return; // someone else broke it first
    }
    let owner: number | undefined;
    try {
      const pid = Number.parseInt(fs.readFileSync(aside, 'utf8'), 10);
      owner = Number.isInteger(pid) && pid > 0 ? pid : undefined;
    } catch {
      owner = undefined;
    }
    if (owner !== deadPid) {
      try {
        fs.linkSync(aside, this.path);
      } catch {
        // A new lock exists already; the one we moved belonged to a process that has since finished.
      }
    }
    removeFile(aside);
  }

  release(): void {
    removeFile(this.path);
  }
}
