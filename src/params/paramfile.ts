// file:// and fileb:// parameter values, as AWS CLI v2's awscli/paramfile.py loads them.
//
// file://PATH  -> the file's text: UTF-8 (v2 runs Python in UTF-8 mode), strict, with Python's
//                 universal newlines (\r\n and \r become \n), a BOM kept, nothing stripped.
// fileb://PATH -> the file's bytes, returned as a Node Buffer. v2 hands Python `bytes` on, and
//                 botocore rejects bytes for a string member ("Invalid type for parameter UserCode,
//                 value: b'123456', type: <class 'bytes'>, valid types: <class 'str'>"); keeping
//                 a Buffer lets validation say exactly that (src/python/value.ts prints it as b'...').
// PATH goes through os.path.expanduser then os.path.expandvars, and is relative to the cwd.
import { readFileSync } from 'node:fs';
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
    data = readFileSync(filePath === '' ? '' : resolve(opts.cwd ?? process.cwd(), filePath));
  } catch (e) {
    throw new ParamError(
      `Error parsing parameter '${flag}': Unable to load paramfile ${value}: ${osErrorText(e, filePath)}`,
    );
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
