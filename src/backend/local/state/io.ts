// Small file helpers shared by the state file and its lock: errno codes, messages, removal.
import { unlinkSync } from 'node:fs';

/** A short random name part (10 characters at most, so the names made beside the state fit NAME_MAX). */
export function randomName(): string {
  return Math.random().toString(36).slice(2, 12);
}

export function errnoOf(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}

/** Why a file operation failed, for a message: "permission denied", else the errno code. */
export function reason(e: unknown): string {
  const code = errnoOf(e);
  return code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (code ?? String(e));
}

/**
 * Deletes a file if it is there. unlinkSync, not rmSync: rmSync stats first and loads a module of
 * its own, on every run (the lock is removed by every command that changes the state).
 */
export function removeFile(path: string): void {
  try {
    unlinkSync(path);
  } catch (e) {
    if (errnoOf(e) !== 'ENOENT') throw e;
  }
}
