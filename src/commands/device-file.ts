// The remembered device of `cognito-totp sign-in` (--device-file): a small JSON file holding what
// an SDK keeps in its storage for a device (the DeviceKey, the DeviceGroupKey and the random device
// password whose SRP verifier confirm-device stored). The password signs the user in without the
// TOTP code, so the file gets the state file's care (src/backend/local/state/trust.ts): it is
// read without following a link and only if it is a regular file of the running user's, with one
// name, that no one else may read or write; it is written as a new file (O_EXCL, mode 0600) in a
// folder no one else may change, then renamed over the old one, so it is never half written.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { euid, NOFOLLOW } from '../backend/local/state/trust.ts';
import { ConfigError, ParamError } from '../errors.ts';

export interface DeviceRecord {
  /** The client and the user it was remembered for: the file is refused for others. */
  ClientId: string;
  Username: string;
  DeviceKey: string;
  DeviceGroupKey: string;
  DevicePassword: string;
}

/** A device file is under 1 KB; anything much larger is not one. */
const MAX_BYTES = 16 * 1024;
const octal = (mode: number): string => `0${(mode & 0o7777).toString(8).padStart(3, '0')}`;

/** The DeviceKey pattern of Cognito's model ([\w-]+_[0-9a-f-]+, at most 55). */
export const DEVICE_KEY = /^[\w-]+_[0-9a-f-]+$/;

/** Why `r` is not a device record, or undefined when it is one. */
function problemOf(r: Record<string, unknown>): string | undefined {
  for (const k of ['ClientId', 'Username', 'DeviceKey', 'DeviceGroupKey', 'DevicePassword'] as const) {
    const v = r[k];
    if (typeof v !== 'string' || v === '' || v.length > 1024) return `${k} is missing or not a string`;
  }
  if (!DEVICE_KEY.test(r.DeviceKey as string) || (r.DeviceKey as string).length > 55) {
    return 'DeviceKey is not a device key';
  }
  return undefined;
}

/**
 * The folder a device file is written in must not be changeable by others (who could swap the
 * file for theirs after it is written): the running user's or root's, not writable by others
 * unless sticky (as /tmp, where every name is still checked on reading).
 */
function checkFolder(dir: string): void {
  let st: fs.Stats;
  try {
    st = fs.statSync(dir);
  } catch {
    throw new ParamError(`The folder ${dir} of the device file does not exist.`);
  }
  if (!st.isDirectory()) throw new ParamError(`${dir} is not a folder.`);
  const me = euid();
  if (me === -1) return;
  if (me !== 0 && st.uid !== me && st.uid !== 0) {
    throw new ConfigError(
      `The folder ${dir} belongs to user ${st.uid}, who could replace the device file; keep the device file in a folder of yours.`,
    );
  }
  if ((st.mode & 0o022) !== 0 && (st.mode & 0o1000) === 0) {
    throw new ConfigError(
      `The folder ${dir} can be written by other users (mode ${octal(st.mode)}), who could replace the device file; run chmod go-w ${dir} or keep the device file in a folder of yours.`,
    );
  }
}

/** Whether a device file can be written at `path`: checked before signing in, so nothing is lost. */
export function checkWritable(path: string): void {
  checkFolder(dirname(path));
  try {
    if (fs.lstatSync(path).isDirectory()) throw new ParamError(`The device file ${path} is a folder.`);
  } catch (e) {
    if (e instanceof ParamError) throw e;
  }
}

/**
 * The device kept at `path`, or undefined when there is no file there. Refuses (253) a link, a file
 * of another user's, one others may read or write, one with other names, and (252) one that is not
 * a device file.
 */
export function readDevice(path: string): DeviceRecord | undefined {
  let fd: number;
  try {
    fd = fs.openSync(path, fs.constants.O_RDONLY | NOFOLLOW);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ELOOP') {
      throw new ConfigError(
        `The device file ${path} is a symbolic link; cognito-totp does not follow one to a file of secrets. Give the file's own path.`,
      );
    }
    throw new ConfigError(`Cannot read the device file ${path}: ${(e as Error).message}`);
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) throw new ConfigError(`The device file ${path} is not a regular file.`);
    const me = euid();
    if (me !== -1) {
      if (st.uid !== me && me !== 0) {
        throw new ConfigError(
          `The device file ${path} belongs to user ${st.uid}, not to you (user ${me}): it was not made by you, so it is not trusted.`,
        );
      }
      if ((st.mode & 0o066) !== 0) {
        throw new ConfigError(
          `The device file ${path} can be read or written by other users (mode ${octal(st.mode)}); it holds the device's password, so it is not used. Run chmod 600 ${path} (and forget the device with forget-device if others may have read it).`,
        );
      }
      if (st.nlink > 1) {
        throw new ConfigError(
          `The device file ${path} has ${st.nlink} names (hard links); cognito-totp writes it with one, so it is not trusted.`,
        );
      }
    }
    if (st.size > MAX_BYTES) throw new ParamError(`${path} is not a cognito-totp device file (too large).`);
    const buf = Buffer.alloc(st.size);
    const n = fs.readSync(fd, buf, 0, st.size, 0);
    let parsed: unknown;
    try {
      parsed = JSON.parse(buf.subarray(0, n).toString('utf8'));
    } catch {
      throw new ParamError(`${path} is not a cognito-totp device file (not JSON).`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new ParamError(`${path} is not a cognito-totp device file.`);
    }
    const problem = problemOf(parsed as Record<string, unknown>);
    if (problem) throw new ParamError(`${path} is not a cognito-totp device file: ${problem}.`);
    const r = parsed as DeviceRecord;
    return {
      ClientId: r.ClientId,
      Username: r.Username,
      DeviceKey: r.DeviceKey,
      DeviceGroupKey: r.DeviceGroupKey,
      DevicePassword: r.DevicePassword,
    };
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes `record` to `path` whole: a new 0600 file beside it (O_EXCL, no link followed), renamed over it. */
export function writeDevice(path: string, record: DeviceRecord): void {
  checkFolder(dirname(path));
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  const flags = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL | NOFOLLOW;
  const fd = fs.openSync(tmp, flags, 0o600);
  try {
    try {
      fs.writeSync(fd, `${JSON.stringify(record, null, 2)}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, path);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw new ConfigError(`Cannot write the device file ${path}: ${(e as Error).message}`);
  }
}

/** Removes the device file written for a device whose confirmation then failed. */
export function removeDevice(path: string): void {
  fs.rmSync(path, { force: true });
}
