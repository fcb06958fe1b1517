// What `serve` answers and logs when a request fails for a reason other than the request itself
// (a state it cannot write, a lock it cannot get, a bug): a clean 5xx whose message says what
// happened, and one line in the log, never a stack trace (issue 17 item 11).
import { ConfigError, GeneralError } from '../errors.ts';
import { encodeError } from '../protocol/json11.ts';

/** What the OS says, in words, for the failures a state file meets. */
const ERRNO_WORDS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EMFILE: 'too many open files in this process',
  ENFILE: 'too many open files on this system',
  EIO: 'input/output error',
  ENOENT: 'a file or folder it needs is gone',
};

export interface Fault {
  answer: { status: number; body: string; code: string };
  /** One line, no stack trace. */
  log: string;
}

/** A failure that is not the client's: the answer (500 InternalErrorException) and its log line. */
export function faultAnswer(e: unknown): Fault {
  let message: string;
  let log: string;
  const errno = (e as NodeJS.ErrnoException | undefined)?.code;
  if (e instanceof ConfigError || e instanceof GeneralError) {
    // Already said for a person (state, journal, lock: which file, what happened, what to do).
    message = oneLine(e.message);
    log = message;
  } else if (typeof errno === 'string' && /^E[A-Z]+$/.test(errno)) {
    message = `The state could not be read or written: ${ERRNO_WORDS[errno] ?? errno} (${errno}).`;
    log = `${message} ${oneLine((e as Error).message)}`;
  } else {
    message = 'An internal error occurred.';
    log = `internal error: ${oneLine(e instanceof Error ? `${e.name}: ${e.message}${where(e)}` : String(e))}`;
  }
  return {
    answer: {
      status: 500,
      body: encodeError('InternalErrorException', message),
      code: 'InternalErrorException',
    },
    log,
  };
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, ' ').trim();
}

/** ` (at file:line:col)`: where a bug threw, the first frame only, so a report can find it. */
function where(e: Error): string {
  const frame = e.stack?.split('\n').find((l) => l.trimStart().startsWith('at '));
  const m = frame && /\(?([^()\s]+:\d+:\d+)\)?\s*$/.exec(frame);
  return m ? ` (at ${m[1]})` : '';
}
