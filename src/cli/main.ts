// The composition root and the one process boundary: argv in, bytes on stdout/stderr and an exit
// code out. Only this file touches `process`; everything below it receives what it needs.
import { type Io, run } from './run.ts';

const io: Io = {
  argv: process.argv.slice(2),
  env: process.env,
  cwd: process.cwd(),
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stdinIsTTY: process.stdin.isTTY === true,
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
};

process.on('SIGINT', () => {
  // AWS CLI v2 exits 128 + SIGINT. State writes are atomic renames, so nothing is half written.
  process.stderr.write('\n');
  process.exit(130);
});

// exitCode, not exit(): pending stdout/stderr writes drain before the process leaves (pipes are
// asynchronous in Node). No top-level await, so the bundle can also be built as CommonJS.
run(io).then((code) => {
  process.exitCode = code;
});
