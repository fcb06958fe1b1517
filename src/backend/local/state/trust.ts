// Whether a file or folder of the state may be trusted with secrets: whose it is, who else can reach it.
//
// The rules (README, "The state file"), thought of as an attacker sharing the machine would act:
// - The state file, its journal and the lock are opened without following a link (O_NOFOLLOW), and
//   every file made beside them is created with O_EXCL (never an existing file or a planted link).
//   The one link followed is the state path the user gave, resolved once (file.ts), whose target
//   must then pass the same checks.
// - The state file must be a regular file of the running user's (root may work on anyone's), the
//   journal one of the state file's owner, neither readable nor writable by group or others, and
//   with one name only (a hard link planted under the journal's name could replay an old journal);
//   the state file may have a second one only while it is being replaced, the name of the previous
//   state beside it (file.ts, write), checked by inode.
// - Its folder must be the running user's, root's or the state owner's, and not writable by others:
//   anyone who can write a folder can rename the state away and plant their own files. A folder
//   others can write is accepted only when sticky (as /tmp): others can then make new names there
//   but not remove or rename ours, and every name we use is checked as above.
// - A folder we make is 0700; an existing one is never changed behind the user's back (refused
//   with what to do instead). Every refusal names the file, says why, and exits 253.
import { constants, lstatSync, type Stats } from 'node:fs';
import { ConfigError } from '../../../errors.ts';

/** O_NOFOLLOW where the platform has it (everywhere but Windows). */
export const NOFOLLOW: number = constants.O_NOFOLLOW ?? 0;

let euidCache: number | undefined;
/** The running user (-1 without POSIX ids), read once: it does not change while we run. */
export function euid(): number {
  euidCache ??= process.geteuid?.() ?? -1;
  return euidCache;
}
const octal = (mode: number): string => `0${(mode & 0o7777).toString(8).padStart(3, '0')}`;

/**
 * Throws (253) unless `st`, the file at `path` just opened without following a link, may be trusted.
 * `owner`: whose it must be (the state file's owner, for the journal); undefined for the state file
 * itself (the running user's, or anyone's when we are root).
 */
export function checkFile(
  st: Stats,
  what: string,
  path: string,
  owner: number | undefined,
  /** The one other name the file may have: the state file's previous-state name. */
  alsoNamed?: string,
): void {
  if (!st.isFile()) throw new ConfigError(`The ${what} ${path} is not a regular file; it is not used.`);
  const me = euid();
  if (me === -1) return; // no POSIX owners or modes (Windows): nothing to check them against
  const expected = owner ?? (me === 0 ? st.uid : me);
  if (st.uid !== expected) {
    throw new ConfigError(
      `The ${what} ${path} belongs to user ${st.uid}, not to ${owner === undefined ? 'you' : 'the owner of the state file'} (user ${expected}): it was not made by cognito-totp for this state, so it is not trusted. If it is yours, give it back to you (chown); otherwise remove it or pass --state-file to use another file.`,
    );
  }
  if ((st.mode & 0o066) !== 0) {
    throw new ConfigError(
      `The ${what} ${path} can be read or written by other users (mode ${octal(st.mode)}); it holds secrets, so it is not used. Run chmod 600 ${path} (and treat what it holds as seen by others).`,
    );
  }
  if (st.nlink > 1 && !(st.nlink === 2 && alsoNamed !== undefined && isSameFile(alsoNamed, st))) {
    throw new ConfigError(
      `The ${what} ${path} has ${st.nlink} names (hard links); cognito-totp makes its files with one, so it is not trusted. Remove the other names, or pass --state-file to use another file.`,
    );
  }
}

/** Whether `path` (not followed if a link) names the file `st` describes. */
function isSameFile(path: string, st: Stats): boolean {
  try {
    const other = lstatSync(path);
    return other.ino === st.ino && other.dev === st.dev;
  } catch {
    return false;
  }
}

/** Throws (253) for a name that is a symbolic link where none may be (O_NOFOLLOW gave ELOOP). */
export function linkRefused(what: string, path: string): ConfigError {
  return new ConfigError(
    `The ${what} ${path} is a symbolic link; cognito-totp does not follow links beside the state file. Remove it (the state file's own path may be a link: give that one to --state-file).`,
  );
}

/** Throws (253) unless the folder that holds the state may be trusted with it (see the rules above). */
export function checkFolder(st: Stats, dir: string): void {
  const me = euid();
  if (me === -1) return;
  // Root may work in another user's folder (on their state); anyone else only in their own or root's.
  if (me !== 0 && st.uid !== me && st.uid !== 0) {
    throw new ConfigError(
      `The folder ${dir} of the state file belongs to user ${st.uid}, who could replace the state file or plant files beside it; it is not used for secrets. Keep the state in a folder of yours (pass --state-file).`,
    );
  }
  const othersWrite = (st.mode & 0o022) !== 0;
  const sticky = (st.mode & 0o1000) !== 0;
  if (othersWrite && !sticky) {
    throw new ConfigError(
      `The folder ${dir} of the state file can be written by other users (mode ${octal(st.mode)}): anyone could replace the state file or plant a journal beside it, so it is not used for secrets. Run chmod go-w ${dir} (or chmod 700 ${dir}), or pass --state-file with a path in a folder of yours.`,
    );
  }
}
