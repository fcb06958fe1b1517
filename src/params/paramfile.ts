// file:// and fileb:// parameter values, as AWS CLI v2's awscli/paramfile.py loads them.
//
// file://PATH  -> the file's text: UTF-8 (v2 runs Python in UTF-8 mode), strict, with Python's
//                 universal newlines (\r\n and \r become \n), a BOM kept, nothing stripped.
// fileb://PATH -> the file's bytes, returned as a Node Buffer. v2 hands Python `bytes` on, and
//                 botocore rejects bytes for a string member ("Invalid type for parameter UserCode,
//                 value: b'123456', type: <class 'bytes'>, valid types: <class 'str'>"); keeping
//                 a Buffer lets validation say exactly that (src/python/value.ts prints it as b'...').
// PATH goes through os.path.expanduser then os.path.expandvars, and is relative to the cwd.
//
// Unlike v2, what is read is bounded (issue 17, item 14: file:///dev/zero grew to 5 GB in 10 s):
// at most MAX_INPUT_BYTES, read in chunks, and a FIFO or terminal that gives nothing is waited for
// a bounded time. See readParamFile.
import { closeSync, constants, fstatSync, openSync, readFileSync, readlinkSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { ParamError } from '../errors.ts';
import { strRepr } from '../python/value.ts';

export interface ParamFileEnv {
  /** Directory relative paths are resolved from (default: process.cwd()). */
  readonly cwd?: string;
  /** Variables for ~ and $VAR expansion (default: process.env). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * The value a flag carries after v2's `load-cli-arg` step: the file's text for `file://`, its bytes
 * for `fileb://`, else the value unchanged. Errors are ParamErrors with v2's text, e.g.
 * `Error parsing parameter '--user-code': Unable to load paramfile file:///x: [Errno 2] No such file or directory: '/x'`.
 */
export function resolveParamFile(value: string, flag: string, opts: ParamFileEnv = {}): string | Buffer {
  const binary = value.startsWith('fileb://');
  if (!binary && !value.startsWith('file://')) return value;
  const prefix = binary ? 'fileb://' : 'file://';
  const env = opts.env ?? process.env;
  const filePath = expandVars(expandUser(value.slice(prefix.length), env), env);
  let data: Buffer;
  try {
    data = readParamFile(filePath === '' ? '' : resolve(opts.cwd ?? process.cwd(), filePath));
  } catch (e) {
    const why = e instanceof InputTooLarge || e instanceof NoInput ? e.message : osErrorText(e, filePath);
    throw new ParamError(`Error parsing parameter '${flag}': Unable to load paramfile ${value}: ${why}`);
  }
  if (binary) return data;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(data);
    return text.replace(/\r\n?/g, '\n');
  } catch {
    throw new ParamError(
      `Error parsing parameter '${flag}': Unable to load paramfile (${filePath}), text contents could not be decoded.  ` +
        'If this is a binary file, please use the fileb:// prefix instead of the file:// prefix.',
    );
  }
}

/**
 * The most cognito-totp reads from a file:// or fileb:// value or from standard input. AWS CLI v2
 * reads without limit; we stop because an endless source (/dev/zero, a FIFO fed by `yes`) would
 * otherwise fill memory. 4 MiB is far above any Cognito request: `serve`, like Cognito, refuses
 * bodies over 1 MiB, and the largest members (tokens, sessions) are a few KiB.
 */
export const MAX_INPUT_BYTES = 4 * 1024 * 1024;
const MAX_INPUT_TEXT = '4 MiB';
/** How long a FIFO or terminal may give no data before we give up, and how long reading may take. */
const IDLE_WAIT_MS = 10_000;
const TOTAL_WAIT_MS = 60_000;
const CHUNK_BYTES = 64 * 1024;

export class InputTooLarge extends Error {}
export class NoInput extends Error {}

/**
 * A file's bytes, at most MAX_INPUT_BYTES, read in chunks (never sized up front: /dev/zero and
 * /proc files claim sizes that are not what they hold). Opened non-blocking, so a FIFO nobody writes
 * to does not block the open forever: we wait, sleeping, for a writer and for its data, at most
 * IDLE_WAIT_MS without a byte and TOTAL_WAIT_MS in all. O_NOCTTY: a terminal named here does not
 * become our controlling terminal. fs errors are thrown as they come (ENOENT, EISDIR, ...).
 */
export function readParamFile(
  path: string,
  { limit = MAX_INPUT_BYTES, idleMs = IDLE_WAIT_MS, totalMs = TOTAL_WAIT_MS } = {},
): Buffer {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  try {
    // A regular file's end is its end, and so is an anonymous pipe's (stdin, `<(cmd)`): its writer
    // was there from the start. A named FIFO read before any writer came also says "end" (0 bytes).
    let writerSeen = fstatSync(fd).isFile() || isAnonymousPipe(fd);
    const chunks: Buffer[] = [];
    let total = 0;
    const started = Date.now();
    let lastData = started;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, limit + 1 - total));
      let n: number;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
        writerSeen = true; // connected, nothing written yet
        n = -1;
      }
      if (n > 0) {
        chunks.push(chunk.subarray(0, n));
        total += n;
        writerSeen = true;
        lastData = Date.now();
        if (total > limit) {
          throw new InputTooLarge(
            `it holds more than ${MAX_INPUT_TEXT}, the most cognito-totp reads from a file (no Cognito request comes near it)`,
          );
        }
        continue;
      }
      if (n === 0 && writerSeen) break;
      const now = Date.now();
      if (now - lastData >= idleMs || now - started >= totalMs) {
        throw new NoInput(
          `nothing more to read after ${Math.round((now - started) / 1000)} s (a FIFO nobody writes to, or a terminal nobody types in)`,
        );
      }
      sleep(20);
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/** Linux names a pipe made by pipe(2) `pipe:[inode]` in /proc; a named FIFO has its path there. */
function isAnonymousPipe(fd: number): boolean {
  try {
    return readlinkSync(`/proc/self/fd/${fd}`).startsWith('pipe:');
  } catch {
    return false;
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/**
 * Standard input as text (`--password -`, a TOTP secret from `-`), at most MAX_INPUT_BYTES: past it
 * the stream is dropped and a ParamError (exit 252) says so, for the reason of MAX_INPUT_BYTES.
 */
export async function readStdinBounded(
  stream: NodeJS.ReadableStream & { destroy?: () => void } = process.stdin,
  limit = MAX_INPUT_BYTES,
): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const c of stream) {
    const chunk = typeof c === 'string' ? Buffer.from(c) : (c as Buffer);
    total += chunk.length;
    if (total > limit) {
      stream.destroy?.();
      throw new ParamError(
        `Standard input holds more than ${MAX_INPUT_TEXT}, the most cognito-totp reads from it (no Cognito request comes near it).`,
      );
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total).toString('utf8');
}

/** A node fs error as Python's OSError prints it: `[Errno 2] No such file or directory: '/x'`. */
function osErrorText(e: unknown, filePath: string): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code ?? '';
  const known = ERRNO[code];
  const errno = known?.[0] ?? Math.abs((e as NodeJS.ErrnoException | undefined)?.errno ?? 5);
  const text = known?.[1] ?? (e instanceof Error ? e.message : String(e));
  return `[Errno ${errno}] ${text}: ${strRepr(filePath)}`;
}

// Linux errno numbers and glibc strerror() texts for what opening and reading a file can raise.
const ERRNO: Record<string, readonly [number, string]> = {
  EPERM: [1, 'Operation not permitted'],
  ENOENT: [2, 'No such file or directory'],
  EIO: [5, 'Input/output error'],
  ENXIO: [6, 'No such device or address'],
  EACCES: [13, 'Permission denied'],
  EBUSY: [16, 'Device or resource busy'],
  ENODEV: [19, 'No such device'],
  ENOTDIR: [20, 'Not a directory'],
  EISDIR: [21, 'Is a directory'],
  EINVAL: [22, 'Invalid argument'],
  ENFILE: [23, 'Too many open files in system'],
  EMFILE: [24, 'Too many open files'],
  ETXTBSY: [26, 'Text file busy'],
  EFBIG: [27, 'File too large'],
  ENAMETOOLONG: [36, 'File name too long'],
  ELOOP: [40, 'Too many levels of symbolic links'],
  EOVERFLOW: [75, 'Value too large for defined data type'],
};

/** os.path.expanduser (posixpath): `~` is $HOME, `~user` that user's home from /etc/passwd. */
export function expandUser(path: string, env: Readonly<Record<string, string | undefined>>): string {
  if (!path.startsWith('~')) return path;
  let i = path.indexOf('/', 1);
  if (i < 0) i = path.length;
  let home: string | undefined;
  if (i === 1) {
    home = env.HOME ?? passwdHome(undefined);
  } else {
    home = passwdHome(path.slice(1, i));
  }
  if (home === undefined) return path;
  home = home.replace(/\/+$/, '');
  return home + path.slice(i) || '/';
}

function passwdHome(user: string | undefined): string | undefined {
  let passwd: string;
  try {
    passwd = readFileSync('/etc/passwd', 'utf8');
  } catch {
    return undefined;
  }
  const uid = process.getuid?.();
  for (const line of passwd.split('\n')) {
    const f = line.split(':');
    if (f.length < 7) continue;
    if (user === undefined ? Number(f[2]) === uid : f[0] === user) return f[5];
  }
  return undefined;
}

/** os.path.expandvars (posixpath): `$NAME` and `${NAME}` of set variables; unknown ones stay as written. */
export function expandVars(path: string, env: Readonly<Record<string, string | undefined>>): string {
  if (!path.includes('$')) return path;
  return path.replace(/\$([A-Za-z0-9_]+|\{[^}]*\})/g, (whole, name: string) => {
    const key = name.startsWith('{') ? name.slice(1, -1) : name;
    const v = env[key];
    return v === undefined ? whole : v;
  });
}
