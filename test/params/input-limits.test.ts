// Issue 17, item 14: what file://, fileb:// and standard input read is bounded (4 MiB), read in
// chunks, and a FIFO that gives nothing is waited for a bounded time: /dev/zero, an endless FIFO and
// a huge file end in a clear parameter error (exit 252), never in a hang or a full memory.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ParamError } from '../../src/errors.ts';
import {
  MAX_INPUT_BYTES,
  NoInput,
  readParamFile,
  readStdinBounded,
  resolveParamFile,
} from '../../src/params/paramfile.ts';
import { BIN, cleanEnv, json, run, tempStateFile } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'ct-limits-'));
const TOO_MUCH =
  /Unable to load paramfile .*: it holds more than 4 MiB, the most cognito-totp reads from a file/;

/** A valid create-user-pool input padded with spaces to `bytes` bytes. */
function paddedInput(name: string, bytes: number): string {
  const core = `{"PoolName": "${name}"}`;
  return core + ' '.repeat(bytes - core.length);
}

writeFileSync(join(dir, 'max.json'), paddedInput('max', MAX_INPUT_BYTES));
writeFileSync(join(dir, 'over.json'), paddedInput('over', MAX_INPUT_BYTES + 1));

describe('file:// and fileb:// (in process)', () => {
  it('reads a file of exactly the limit, refuses one byte more', () => {
    expect((resolveParamFile('file://max.json', '--cli-input-json', { cwd: dir }) as string).length).toBe(
      MAX_INPUT_BYTES,
    );
    expect(() => resolveParamFile('file://over.json', '--cli-input-json', { cwd: dir })).toThrow(TOO_MUCH);
    expect(() => resolveParamFile('fileb://over.json', '--pool-name', { cwd: dir })).toThrow(ParamError);
  });

  it('stops reading /dev/zero at the limit', () => {
    expect(() => resolveParamFile('file:///dev/zero', '--cli-input-json')).toThrow(TOO_MUCH);
    expect(() => resolveParamFile('fileb:///dev/zero', '--pool-name')).toThrow(TOO_MUCH);
  });

  it('gives up on a FIFO nobody writes to after its idle wait, instead of blocking in open()', () => {
    const fifo = join(dir, 'silent.fifo');
    execFileSync('mkfifo', [fifo]);
    expect(() => readParamFile(fifo, { idleMs: 200 })).toThrow(NoInput);
    expect(() => readParamFile(fifo, { idleMs: 200 })).toThrow(
      /nothing more to read after \d+ s \(a FIFO nobody writes to/,
    );
  });

  it('keeps the errors of v2 for a missing file and a folder', () => {
    expect(() => resolveParamFile('file://nope.json', '--x', { cwd: dir })).toThrow(
      `Error parsing parameter '--x': Unable to load paramfile file://nope.json: [Errno 2] No such file or directory: 'nope.json'`,
    );
    expect(() => resolveParamFile(`file://${dir}`, '--x')).toThrow(/\[Errno 21\] Is a directory/);
  });
});

describe('standard input (in process)', () => {
  it('reads up to the limit, and refuses an endless stream with a ParamError', async () => {
    expect(await readStdinBounded(Readable.from([Buffer.from('abc'), Buffer.from('def')]))).toBe('abcdef');
    const chunk = Buffer.alloc(64 * 1024);
    let sent = 0;
    const endless = new Readable({
      read() {
        sent += chunk.length;
        this.push(chunk);
      },
    });
    await expect(readStdinBounded(endless)).rejects.toThrow(/Standard input holds more than 4 MiB/);
    expect(sent).toBeLessThan(MAX_INPUT_BYTES + 1024 * 1024);
  });
});

describe('through the CLI', () => {
  it('--cli-input-json file:///dev/zero and fileb:///dev/zero: exit 252 with a clear message', () => {
    const sf = ['--state-file', tempStateFile()];
    const a = run(['create-user-pool', '--cli-input-json', 'file:///dev/zero', ...sf]);
    expect(a.status).toBe(252);
    expect(a.stderr).toMatch(TOO_MUCH);
    const b = run(['create-user-pool', '--pool-name', 'fileb:///dev/zero', ...sf]);
    expect(b.status).toBe(252);
    expect(b.stderr).toMatch(TOO_MUCH);
  });

  it('a file over the limit is refused, one at the limit is used', () => {
    const sf = ['--state-file', tempStateFile()];
    const over = run(['create-user-pool', '--cli-input-json', `file://${join(dir, 'over.json')}`, ...sf]);
    expect(over.status).toBe(252);
    expect(over.stderr).toMatch(TOO_MUCH);
    expect(
      json(['create-user-pool', '--cli-input-json', `file://${join(dir, 'max.json')}`, ...sf]).UserPool.Name,
    ).toBe('max');
  });

  it('a FIFO fed without end is cut at the limit; a FIFO with a writer is read as before', async () => {
    const fifo = join(dir, 'endless.fifo');
    execFileSync('mkfifo', [fifo]);
    const sf = ['--state-file', tempStateFile()];
    // `yes` writes until its reader goes away (SIGPIPE).
    const writer = spawn('sh', ['-c', `exec yes > '${fifo}'`], { stdio: 'ignore' });
    const cut = run(['create-user-pool', '--cli-input-json', `file://${fifo}`, ...sf]);
    await new Promise((r) => writer.once('exit', r));
    expect(cut.status).toBe(252);
    expect(cut.stderr).toMatch(TOO_MUCH);

    const fed = join(dir, 'fed.fifo');
    execFileSync('mkfifo', [fed]);
    const once = spawn('sh', ['-c', `printf '{"PoolName": "fifo"}' > '${fed}'`], { stdio: 'ignore' });
    const r = run(['create-user-pool', '--cli-input-json', `file://${fed}`, ...sf]);
    await new Promise((res) => once.once('exit', res));
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).UserPool.Name).toBe('fifo');
  });

  it('file:///dev/stdin from a pipe: read to its end, an empty one at once (its writer was there from the start)', () => {
    const stateFile = tempStateFile();
    // A real pipe (sh's |): Node's own child stdio is a socket, which /dev/stdin cannot open.
    const piped = (input: string, flags: string) =>
      spawnSync(
        'sh',
        ['-c', `printf '%s' '${input}' | "$NODE" "$BIN" create-user-pool ${flags} --state-file "$SF"`],
        {
          env: { ...cleanEnv(), NODE: process.execPath, BIN, SF: stateFile },
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
    const r = piped('{"PoolName": "piped"}', '--cli-input-json file:///dev/stdin');
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).UserPool.Name).toBe('piped');
    const empty = piped('', '--pool-name file:///dev/stdin');
    expect(empty.status).toBe(252);
    expect(empty.stderr).toContain('Invalid length for parameter PoolName, value: 0, valid min length: 1');
  });

  it('standard input over the limit (totp --secret -): exit 252', () => {
    const big = run(['totp', '--secret', '-'], { input: 'A'.repeat(MAX_INPUT_BYTES + 10) });
    expect(big.status).toBe(252);
    expect(big.stderr).toMatch(/Standard input holds more than 4 MiB/);
    const ok = run(['totp', '--secret', '-'], { input: 'JBSWY3DPEHPK3PXP\n' });
    expect([ok.status, ok.stdout]).toEqual([0, expect.stringMatching(/^\d{6}\n$/)]);
  });

  it('standard input from /dev/zero ends quickly in exit 252', async () => {
    const child = spawn(process.execPath, [BIN, 'totp', '--secret', '-'], {
      env: cleanEnv(),
      stdio: [openSync('/dev/zero', 'r'), 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const code = await new Promise((r) => child.on('exit', r));
    expect(code).toBe(252);
    expect(stderr).toMatch(/Standard input holds more than 4 MiB/);
  });
});
