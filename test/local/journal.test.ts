// The state journal (`<state>.journal`) that `serve` writes: every process reads it on top of the
// file, a CLI change made while it exists goes into it too, a server that kept its state between
// transactions sees changes made by others, a torn last line is ignored and cut off, damage is
// reported, and folding (also folding twice after a crash) gives one plain JSON file with it all.
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalBackend } from '../../src/backend/local/index.ts';
import { FOLD_BYTES, StateFile } from '../../src/backend/local/state/file.ts';
import { JOURNAL_CHUNK, journalLine } from '../../src/backend/local/state/journal.ts';
import { ConfigError } from '../../src/errors.ts';

const now = Date.UTC(2026, 10, 29, 12, 0, 0);

/** A server-side (journal) backend and a CLI-side one on one fresh state file, with a pool. */
function pair() {
  const dir = mkdtempSync(join(tmpdir(), 'ct-journal-'));
  const stateFile = join(dir, 'state.json');
  const env = { now: () => now };
  const server = new LocalBackend({ stateFile, journal: true, env });
  const cli = new LocalBackend({ stateFile, env });
  const poolId = (server.callSync('CreateUserPool', { PoolName: 'p' }) as any).UserPool.Id as string;
  const create = (b: LocalBackend, Username: string) =>
    b.callSync('AdminCreateUser', { UserPoolId: poolId, Username, MessageAction: 'SUPPRESS' });
  const names = (b: LocalBackend) =>
    ((b.callSync('ListUsers', { UserPoolId: poolId }) as any).Users as { Username: string }[])
      .map((u) => u.Username)
      .sort();
  const email = (b: LocalBackend, Username: string) =>
    (
      (b.callSync('AdminGetUser', { UserPoolId: poolId, Username }) as any).UserAttributes as {
        Name: string;
        Value: string;
      }[]
    ).find((a) => a.Name === 'email')?.Value;
  const journal = `${stateFile}.journal`;
  return { dir, stateFile, journal, server, cli, poolId, create, names, email };
}

/** The users of the raw file, as jq would see them (no journal). */
function rawUsers(stateFile: string): string[] {
  const doc = JSON.parse(readFileSync(stateFile, 'utf8'));
  return (doc.users as [string, string, object][]).map((u) => u[1]).sort();
}

describe('state journal', () => {
  it('a server change goes to the journal (0600, made ahead in zeros) and every reader applies it', () => {
    const p = pair();
    p.create(p.server, 'a');
    expect(existsSync(p.stateFile)).toBe(false); // nothing folded yet: the journal holds it all
    const st = statSync(p.journal);
    expect(st.mode & 0o777).toBe(0o600);
    expect(st.size % JOURNAL_CHUNK).toBe(0);
    const lines = readFileSync(p.journal, 'latin1').replace(/\0+$/, '').split('\n');
    expect(lines.at(-1)).toBe('');
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^[0-9a-f]{8} \{"u":\[/);
    expect(p.names(p.cli)).toEqual(['a']);
    expect(new StateFile(p.stateFile).read().pools[p.poolId]?.users.a).toBeDefined();
  });

  it('a CLI change while a journal exists is appended to it, and the server sees it', () => {
    const p = pair();
    p.create(p.server, 'a');
    p.server.file.fold();
    p.create(p.server, 'b'); // a new journal, and the server keeps its state read
    const fileBefore = readFileSync(p.stateFile);
    p.create(p.cli, 'c');
    p.cli.callSync('AdminCreateUser', {
      UserPoolId: p.poolId,
      Username: 'd',
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: 'd@cli.example' }],
    });
    expect(readFileSync(p.stateFile).equals(fileBefore)).toBe(true); // the file is not rewritten
    // The server's next transaction sees both CLI changes: none is lost when it writes after them.
    p.create(p.server, 'e');
    expect(p.names(p.server)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(p.names(p.cli)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(p.email(p.server, 'd')).toBe('d@cli.example');
  });

  it('the same user changed in turn by the server and the CLI keeps every change', () => {
    const p = pair();
    p.create(p.server, 'u');
    for (let i = 0; i < 6; i++) {
      const b = i % 2 ? p.cli : p.server;
      b.callSync('AdminDeleteUser', { UserPoolId: p.poolId, Username: 'u' });
      b.callSync('AdminCreateUser', {
        UserPoolId: p.poolId,
        Username: 'u',
        MessageAction: 'SUPPRESS',
        UserAttributes: [{ Name: 'email', Value: `${i}@x.example` }],
      });
      expect(p.email(i % 2 ? p.server : p.cli, 'u')).toBe(`${i}@x.example`);
    }
  });

  it('folding leaves one plain JSON file and no journal; a stopped server leaves nothing behind', () => {
    const p = pair();
    for (const n of ['a', 'b', 'c']) p.create(p.server, n);
    p.server.callSync('AdminDeleteUser', { UserPoolId: p.poolId, Username: 'b' });
    p.server.file.fold();
    expect(existsSync(p.journal)).toBe(false);
    expect(rawUsers(p.stateFile)).toEqual(['a', 'c']);
    p.server.file.close();
    expect(readdirSync(p.dir).sort()).toEqual(['state.json']); // no lock, no copy of it, no temp file
  });

  it('a journal left by a crash between the fold and its removal changes nothing when replayed', () => {
    const p = pair();
    for (const n of ['a', 'b']) p.create(p.server, n);
    p.server.callSync('AdminDeleteUser', { UserPoolId: p.poolId, Username: 'a' });
    const saved = join(p.dir, 'saved.journal');
    copyFileSync(p.journal, saved);
    p.server.file.fold();
    const folded = readFileSync(p.stateFile, 'utf8');
    copyFileSync(saved, p.journal); // as if the removal never reached the disk
    expect(p.names(p.cli)).toEqual(['b']);
    // And the next change folds cleanly on top of it.
    p.create(p.cli, 'c');
    p.cli.file.fold();
    expect(rawUsers(p.stateFile)).toEqual(['b', 'c']);
    expect(folded).toContain('"b"');
  });

  it('a call of a batch that fails on a user the server has not changed yet leaves that user be', () => {
    const p = pair();
    p.create(p.server, 'alice');
    p.server.file.fold(); // the server's next transaction starts from the file alone
    // As the server runs calls: one transaction for several. The duplicate looks at alice, fails,
    // and is rolled back to before it looked; the other call's change is kept.
    const outcomes = p.server.callBatch([
      {
        op: 'AdminCreateUser',
        request: { UserPoolId: p.poolId, Username: 'alice', MessageAction: 'SUPPRESS' },
      },
      {
        op: 'AdminCreateUser',
        request: { UserPoolId: p.poolId, Username: 'bob', MessageAction: 'SUPPRESS' },
      },
    ]);
    expect('error' in outcomes[0]!).toBe(true);
    expect('ok' in outcomes[1]!).toBe(true);
    expect(p.names(p.cli)).toEqual(['alice', 'bob']);
    p.server.file.fold();
    expect(rawUsers(p.stateFile)).toEqual(['alice', 'bob']);
  });

  it('a torn last line (a crash mid-append) is ignored, then zeroed by the next writer', () => {
    const p = pair();
    p.create(p.server, 'a');
    const size = statSync(p.journal).size;
    const text = readFileSync(p.journal);
    const end = text.indexOf(0);
    // The start of a line that never got its end and checksum right.
    const torn = Buffer.from('0badc0de {"u":[["x","ghost",{"sub":"');
    const withTear = Buffer.concat([text.subarray(0, end), torn, text.subarray(end + torn.length)]);
    writeFileSync(p.journal, withTear);
    expect(p.names(p.cli)).toEqual(['a']);
    p.create(p.cli, 'b');
    expect(statSync(p.journal).size).toBe(size);
    const after = readFileSync(p.journal, 'latin1').replace(/\0+$/, '');
    expect(after).not.toContain('ghost');
    expect(after.endsWith('\n')).toBe(true);
    expect(p.names(p.server)).toEqual(['a', 'b']);
  });

  it('a bad line before good ones is damage: reported, nothing written', () => {
    const p = pair();
    p.create(p.server, 'a');
    p.create(p.server, 'b');
    const bytes = readFileSync(p.journal);
    bytes[12] = bytes[12] === 0x41 ? 0x42 : 0x41; // inside the first line: its checksum fails
    writeFileSync(p.journal, bytes);
    const backend = new LocalBackend({ stateFile: p.stateFile });
    expect(() => p.names(backend)).toThrow(ConfigError);
    expect(() => p.names(backend)).toThrow(/state journal .*state\.json\.journal is damaged/);
    expect(() => p.create(backend, 'c')).toThrow(/damaged/);
    expect(readFileSync(p.journal).equals(bytes)).toBe(true);
  });

  it('a record that does not check out (a user of the wrong shape) is reported like a bad file', () => {
    const p = pair();
    p.server.file.fold();
    const body = `{"u":[[${JSON.stringify(p.poolId)},"bob",{"sub":1}]]}`;
    writeFileSync(p.journal, journalLine(body), { mode: 0o600 });
    expect(() => p.names(p.cli)).toThrow(/user "bob" of pool .* is malformed/);
  });

  it(`a journal past ${FOLD_BYTES / 1024} KiB is folded by the transaction that grew it`, () => {
    const p = pair();
    const long = 'x'.repeat(2000);
    let folded = false;
    let made = 0;
    for (let i = 0; i < 200 && !folded; i++, made++) {
      p.server.callSync('AdminCreateUser', {
        UserPoolId: p.poolId,
        Username: `u${i}`,
        MessageAction: 'SUPPRESS',
        UserAttributes: [{ Name: 'name', Value: long }],
      });
      folded = !existsSync(p.journal);
    }
    expect(folded).toBe(true);
    // Folded once past FOLD_BYTES (each record is a little over 2 KB), with every user in the file.
    expect(made).toBeGreaterThan(100);
    expect(rawUsers(p.stateFile)).toHaveLength(made);
  });

  it('the server keeps a named copy of the lock while it runs; a dead server’s copy is swept', () => {
    const p = pair();
    const copies = () => readdirSync(p.dir).filter((n) => n.startsWith('state.json.lock.'));
    expect(copies()).toHaveLength(1);
    expect(existsSync(`${p.stateFile}.lock`)).toBe(false); // the lock itself is held per change only
    // A copy left by a server that was killed (pid 2^22 + 1 is beyond pid_max: never alive).
    const dead = join(p.dir, 'state.json.lock.4194305.abc123.new');
    writeFileSync(dead, '4194305');
    const other = new LocalBackend({ stateFile: p.stateFile, journal: true, env: { now: () => now } });
    p.create(other, 'x');
    expect(existsSync(dead)).toBe(false);
    expect(copies()).toHaveLength(2); // both live servers' copies
    other.file.close();
    p.server.file.close();
    expect(copies()).toEqual([]);
  });

  it('a folder made for the state by the first change is private (0700)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ct-journal-'));
    const stateFile = join(dir, 'sub', 'state.json');
    const server = new LocalBackend({ stateFile, journal: true, env: { now: () => now } });
    server.callSync('CreateUserPool', { PoolName: 'p' });
    expect(statSync(join(dir, 'sub')).mode & 0o777).toBe(0o700);
    server.file.close();
  });
});
