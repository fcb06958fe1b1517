// The composition root and the one process boundary: argv in, bytes on stdout/stderr and an exit
// code out. Only this file touches `process`; everything below it receives what it needs.
//
// Start-up is most of this program's life, so nothing here creates process.stdin, process.stdout
// or process.stderr unless a command needs them: each is a stream object whose first use loads
// Node's stream, net or tty modules (~10M instructions and ~100-150 page faults apiece).
import { writeSync } from 'node:fs';
import { readStdinBounded } from '../params/paramfile.ts';
import type { Io } from '../shared/io.ts';
import { run } from './run.ts';

/** A 1 ms sleep for a full non-blocking pipe (EAGAIN): Atomics.wait blocks without spinning. */
const nap = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes to fd 1 or 2 with write(2) itself, synchronously, as process.stdout/stderr do on Linux for
 * files, pipes and terminals, so output keeps its order and is all out when the process exits.
 * Any failure but EAGAIN (EPIPE: the reader has gone) hands the rest, and every later write, to the
 * stream, so such a failure behaves exactly as it did when everything went through the stream.
 */
function writer(fd: 1 | 2, stream: () => NodeJS.WriteStream): (s: string) => void {
  let fallback: NodeJS.WriteStream | undefined;
  return (s) => {
    if (fallback) {
      fallback.write(s);
      return;
    }
    const buf = Buffer.from(s, 'utf8');
    let done = 0;
    while (done < buf.length) {
      try {
        done += writeSync(fd, buf, done);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EAGAIN') {
          Atomics.wait(nap, 0, 0, 1);
          continue;
        }
        fallback = stream();
        fallback.write(buf.subarray(done));
        return;
      }
    }
  };
}

const stdout = writer(1, () => process.stdout);
const stderr = writer(2, () => process.stderr);

const io: Io = {
  argv: process.argv.slice(2),
  env: process.env,
  cwd: process.cwd(),
  stdout,
  stderr,
  // Asked only by the commands that care (enroll, coloured errors): reading isTTY creates the stream.
  get stdinIsTTY() {
    return process.stdin.isTTY === true;
  },
  get stdoutIsTTY() {
    return process.stdout.isTTY === true;
  },
  get stderrIsTTY() {
    return process.stderr.isTTY === true;
  },
  onStopSignal: (handler) => {
    process.off('SIGINT', interrupted);
    process.on('SIGINT', () => handler('SIGINT'));
    process.on('SIGTERM', () => handler('SIGTERM'));
  },
  exitNow: (code) => process.exit(code),
  // Bounded (issue 17, item 14): /dev/zero on stdin must not fill memory.
  readStdin: () => readStdinBounded(),
};

// AWS CLI v2 exits 128 + SIGINT. State writes are atomic renames, so nothing is half written.
const interrupted = (): void => {
  stderr('\n');
  process.exit(130);
};
process.on('SIGINT', interrupted);

// exitCode, not exit(): should a write have fallen back to a stream (above), what it still holds
// drains before the process leaves. No top-level await, so the bundle can also be built as CommonJS.
run(io).then((code) => {
  process.exitCode = code;
});
