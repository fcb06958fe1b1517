// Broken state files through the built binary: each gives exit 253 and a message naming the file,
// for a reading and a writing command alike, and the file (or folder) is left exactly as it was.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.ts';
import { dirtyLines, seedState, spawnCli } from '../helpers/robust.ts';

// A valid state to cut, damage and reshape.
const base = seedState(join(mkdtempSync(join(tmpdir(), 'ct-bad-')), 'state.json'), ['alice']);
const good = readFileSync(base.stateFile, 'utf8');
const goodDoc = JSON.parse(good);

const cases: [string, string][] = [
  ['empty', ''],
  ['only whitespace', '  \n\t\n'],
  ['truncated', good.slice(0, Math.floor(good.length / 2))],
  ['not JSON', 'schemaVersion: 1\npools: {}\n'],
  ['binary garbage', '\u0000\u0001\u00ff{['],
  ['a JSON array', '[]'],
  ['a JSON string', '"state"'],
  ['null', 'null'],
  ['an object without schemaVersion', '{"pools":{},"sessions":{}}'],
  ['pools of the wrong type', JSON.stringify({ ...goodDoc, pools: [] })],
  [
    'a pool without its signing key',
    JSON.stringify({ ...goodDoc, pools: { [base.poolId]: { ...goodDoc.pools[base.poolId], key: null } } }),
  ],
  ['a newer schemaVersion', JSON.stringify({ ...goodDoc, schemaVersion: 99 })],
  ['schemaVersion 0', JSON.stringify({ ...goodDoc, schemaVersion: 0 })],
];

const reading = (file: string) => ['list-user-pools', '--max-results', '10', '--state-file', file];
const writing = (file: string) => ['create-user-pool', '--pool-name', 'x', '--state-file', file];

function expectRefused(r: { status: number | null; stderr: string; stdout: string }, file: string) {
  expect(r.status, r.stderr).toBe(253);
  expect(r.stderr).toContain(file);
  expect(r.stdout).toBe('');
  expect(dirtyLines(r.stderr)).toEqual([]);
}

describe('bad state files', () => {
  it.each(cases)('%s: exit 253, the file named, its bytes unchanged', async (_name, content) => {
    const dir = mkdtempSync(join(tmpdir(), 'ct-bad-'));
    const file = join(dir, 'state.json');
    writeFileSync(file, content, { mode: 0o600 });
    const [r, w] = [await spawnCli(reading(file)), await spawnCli(writing(file))];
    expectRefused(r, file);
    expectRefused(w, file);
    expect(readFileSync(file, 'utf8')).toBe(content);
    if (_name === 'a newer schemaVersion') expect(r.stderr).toMatch(/newer/);
  });

  it('a folder in its place: exit 253, the folder left alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ct-bad-'));
    const file = join(dir, 'state.json');
    mkdirSync(file);
    writeFileSync(join(file, 'inside'), 'x');
    for (const args of [reading(file), writing(file)]) expectRefused(await spawnCli(args), file);
    expect(statSync(file).isDirectory()).toBe(true);
    expect(readFileSync(join(file, 'inside'), 'utf8')).toBe('x');
  });

  // File permissions bind root only without its capabilities to override them: as root, the binary
  // runs under setpriv with CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH dropped (it still reaches a
  // checkout in a 0700 folder, as the folder's owner); as anyone else, as it is.
  const limited = (() => {
    if (process.getuid?.() !== 0) return [];
    const drop = ['setpriv', '--bounding-set=-dac_override,-dac_read_search'];
    const probe = spawnSync(drop[0]!, [...drop.slice(1), process.execPath, BIN, '--version']);
    return probe.status === 0 ? drop : undefined;
  })();
  const runLimited = (args: string[]) => {
    const home = mkdtempSync(join(tmpdir(), 'ct-limited-'));
    const argv = [...(limited ?? []), process.execPath, BIN, ...args];
    return spawnSync(argv[0]!, argv.slice(1), {
      encoding: 'utf8',
      timeout: 30_000,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: home,
        AWS_CONFIG_FILE: join(home, 'no-config'),
        AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
        COGNITO_TOTP_CONFIG_DIR: join(home, 'config'),
      },
    });
  };

  it.skipIf(!limited)('no read permission: exit 253, the file untouched', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ct-bad-'));
    chmodSync(dir, 0o700);
    const file = join(dir, 'state.json');
    writeFileSync(file, good, { mode: 0o000 });
    chmodSync(file, 0o000);
    for (const args of [reading(file), writing(file)]) {
      const r = runLimited(args);
      expectRefused(r, file);
      expect(r.stderr).toMatch(/permission denied/i);
    }
    chmodSync(file, 0o600);
    expect(readFileSync(file, 'utf8')).toBe(good);
  });

  it.skipIf(!limited)('no write permission: reads work, a write gives 253, file untouched', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ct-bad-'));
    const file = join(dir, 'state.json');
    writeFileSync(file, good, { mode: 0o600 });
    chmodSync(file, 0o400); // read-only, and (as every state file must be) for its owner alone
    chmodSync(dir, 0o555); // the lock and the temporary file cannot be created beside it
    try {
      const r = runLimited(reading(file));
      expect(r.status, r.stderr).toBe(0);
      const w = runLimited(writing(file));
      expectRefused(w, file);
      expect(readFileSync(file, 'utf8')).toBe(good);
      expect(statSync(file).mode & 0o777).toBe(0o400);
    } finally {
      chmodSync(dir, 0o700);
    }
  });
});
