// A clock for a `serve` process that a test moves while the server runs, so that a code's expiry
// (24 hours for sign-up, 1 hour for a password reset) is reached without waiting. libfaketime
// (Debian's libfaketime, which the CLI tests' clockOffset uses too) reads the offset from a file
// on every time call (FAKETIME_NO_CACHE): writing the file moves the server's wall clock at once.
// The monotonic clock is left alone, so the server's timers (idle connections, folding the
// journal) keep real time.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const LIBFAKETIME = '/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1';

export interface MovableClock {
  /** For `serve(file, { wrap })`: runs the server under this clock. */
  wrap: (argv: string[]) => string[];
  /** Sets the server's clock to real time plus `seconds` (0: real time). */
  set: (seconds: number) => void;
}

export function movableClock(): MovableClock {
  if (!existsSync(LIBFAKETIME)) {
    throw new Error(
      `${LIBFAKETIME} is missing: install Debian's libfaketime (.ci/run does) to move serve's clock`,
    );
  }
  const file = join(mkdtempSync(join(tmpdir(), 'ct-clock-')), 'offset');
  const set = (seconds: number) => writeFileSync(file, `${seconds >= 0 ? '+' : ''}${seconds}s\n`);
  set(0);
  return {
    set,
    wrap: (argv) => [
      'env',
      `LD_PRELOAD=${LIBFAKETIME}`,
      `FAKETIME_TIMESTAMP_FILE=${file}`,
      'FAKETIME_NO_CACHE=1',
      'FAKETIME_DONT_RESET=1',
      'FAKETIME_DONT_FAKE_MONOTONIC=1',
      ...argv,
    ],
  };
}
