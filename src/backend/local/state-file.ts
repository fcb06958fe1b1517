// The state file as a small database: read and validated, changed under an exclusive cross-process
// lock, written atomically (temporary file, fsync, rename, fsync of the folder), mode 0600 in 0700.
import * as fs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ConfigError, GeneralError } from '../../errors.ts';
import { decodeState, emptyState, encodeState, type State } from './state.ts';

export interface StateFileOptions {
  /** How long to wait for another process's lock before giving up (ms). */
  lockTimeoutMs?: number;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

function errnoOf(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return errnoOf(e) === 'EPERM';
  }
}

export class StateFile {
  readonly path: string;
  readonly lockPath: string;
  private readonly lockTimeoutMs: number;

  constructor(path: string, opts: StateFileOptions = {}) {
    this.path = path;
    this.lockPath = `${path}.lock`;
    this.lockTimeoutMs = opts.lockTimeoutMs ?? 15_000;
  }

  /** Reads the current state; a missing file is an empty state (nothing is created by reading). */
  read(): State {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(this.path);
    } catch (e) {
      const code = errnoOf(e);
      if (code === 'ENOENT') return emptyState();
      if (code === 'EISDIR') throw new ConfigError(`The state file ${this.path} is a folder, not a file.`);
      if (code === 'EACCES' || code === 'EPERM')
        throw new ConfigError(`The state file ${this.path} cannot be read: permission denied.`);
      throw new ConfigError(`The state file ${this.path} cannot be read: ${code ?? String(e)}.`);
    }
    if (isBlank(bytes)) {
      throw new ConfigError(
        `The state file ${this.path} is empty, so it is not a valid cognito-totp state. It was left untouched; move it away or pass --state-file to use another file.`,
      );
    }
    return decodeState(bytes, this.path);
  }

  /**
   * Runs `change` on a fresh copy of the state while holding the lock, then writes the result
   * atomically. If `change` throws, nothing is written unless the error is marked persist (a
   * wrong code still counts towards the lockout, for instance).
   */
  update<T>(change: (state: State) => T): T {
    this.ensureFolder();
    this.lock();
    try {
      const state = this.read();
      let result: T;
      try {
        result = change(state);
      } catch (e) {
        if (isPersisting(e)) this.write(state);
        throw e;
      }
      this.write(state);
      return result;
    } finally {
      this.unlock();
    }
  }

  private ensureFolder(): void {
    const dir = dirname(this.path);
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    } catch (e) {
      throw new ConfigError(
        `Cannot create the folder ${dir} for the state file: ${errnoOf(e) ?? String(e)}.`,
      );
    }
  }

  private write(state: State): void {
    const dir = dirname(this.path);
    const tmp = join(dir, `.${basename(this.path)}.${process.pid}.${Date.now()}.tmp`);
    let fd: number | undefined;
    try {
      // Created 0600 from the first byte: there is no moment where the secrets are readable by others.
      fd = fs.openSync(tmp, 'wx', 0o600);
      writeAll(fd, encodeState(state));
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      fd = undefined;
      fs.renameSync(tmp, this.path);
    } catch (e) {
      if (fd !== undefined) fs.closeSync(fd);
      try {
        removeFile(tmp);
      } catch {
        // the write's own failure is the one to report
      }
      const code = errnoOf(e);
      throw new ConfigError(
        `Cannot write the state file ${this.path}: ${code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? String(e))}. It was left as it was.`,
      );
    }
    // The rename is durable only once the folder's entry is on disk.
    try {
      const dfd = fs.openSync(dir, 'r');
      fs.fsyncSync(dfd);
      fs.closeSync(dfd);
    } catch {
      // Some file systems refuse fsync on a folder; the rename itself is still atomic.
    }
  }

  private lock(): void {
    const deadline = Date.now() + this.lockTimeoutMs;
    let delay = 1;
    for (;;) {
      if (this.tryLock()) return;
      const holder = this.lockHolder();
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
          `Timed out after ${Math.round(this.lockTimeoutMs / 1000)} s waiting for the lock on ${this.path}` +
            (holder !== undefined ? ` (held by process ${holder})` : '') +
            `. If no cognito-totp process is running, remove ${this.lockPath}.`,
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
    const pending = `${this.lockPath}.${process.pid}.${Math.random().toString(36).slice(2)}.new`;
    try {
      fs.writeFileSync(pending, String(process.pid), { mode: 0o600, flag: 'wx' });
    } catch (e) {
      throw new ConfigError(`Cannot create the lock file ${this.lockPath}: ${errnoOf(e) ?? String(e)}.`);
    }
    try {
      fs.linkSync(pending, this.lockPath);
      return true;
    } catch (e) {
      const code = errnoOf(e);
      if (code === 'EEXIST') return false;
      if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') {
        return this.tryLockWithoutLink(); // a file system without hard links
      }
      throw new ConfigError(`Cannot create the lock file ${this.lockPath}: ${code ?? String(e)}.`);
    } finally {
      removeFile(pending);
    }
  }

  private tryLockWithoutLink(): boolean {
    try {
      const fd = fs.openSync(this.lockPath, 'wx', 0o600);
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return true;
    } catch (e) {
      const code = errnoOf(e);
      if (code === 'EEXIST') return false;
      throw new ConfigError(`Cannot create the lock file ${this.lockPath}: ${code ?? String(e)}.`);
    }
  }

  private lockAgeMs(): number {
    try {
      return Date.now() - fs.statSync(this.lockPath).mtimeMs;
    } catch {
      return 0;
    }
  }

  private lockHolder(): number | undefined {
    try {
      const pid = Number.parseInt(fs.readFileSync(this.lockPath, 'utf8'), 10);
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
    const aside = `${this.lockPath}.stale.${process.pid}.${Math.random().toString(36).slice(2)}`;
    try {
      fs.renameSync(this.lockPath, aside);
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
        fs.linkSync(aside, this.lockPath);
      } catch {
        // A new lock exists already; the one we moved belonged to a process that has since finished.
      }
    }
    removeFile(aside);
  }

  private unlock(): void {
    removeFile(this.lockPath);
  }
}

/**
 * Deletes a file if it is there. unlinkSync, not rmSync: rmSync stats first and loads a module of
 * its own, on every run (the lock is removed by every command that changes the state).
 */
function removeFile(path: string): void {
  try {
    fs.unlinkSync(path);
  } catch (e) {
    if (errnoOf(e) !== 'ENOENT') throw e;
  }
}

/** Only JSON whitespace (or nothing): an emptied file, reported as such. */
function isBlank(bytes: Buffer): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09) return false;
  return true;
}

/** Writes every piece (the untouched user lines are slices of the file read: no copy in JS). */
function writeAll(fd: number, pieces: Buffer[]): void {
  let rest = pieces.filter((p) => p.length > 0);
  while (rest.length) {
    // writev takes at most IOV_MAX (1024) buffers at a time on Linux.
    let written = fs.writevSync(fd, rest.slice(0, 1024));
    let i = 0;
    while (i < rest.length && written >= rest[i]!.length) written -= rest[i++]!.length;
    rest = rest.slice(i);
    if (written > 0) rest[0] = rest[0]!.subarray(written);
  }
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
