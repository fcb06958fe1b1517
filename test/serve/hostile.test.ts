// `serve` under hostile input and failing I/O (issue 17 items 11 and 14): bad input gets a 4xx,
// an I/O failure a clean 5xx that says what happened and one line in the log, never a stack trace;
// only Host names that mean this machine (or that the user allowed) are answered; slow and
// half-sent requests cannot starve new clients.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.ts';
import { call, raw, type Served, serve, target } from './harness.ts';

/** A stack trace's frame line, as V8 prints them. */
const STACK_FRAME = /\n\s+at /;

let srv: Served;
beforeAll(async () => {
  srv = await serve(undefined, { args: ['--allowed-host', 'myapp.test'] });
});
afterAll(async () => {
  expect(await srv.stop()).toBe(0);
});

describe('bad input: 4xx, no stack trace', () => {
  it('a path that is not valid percent-encoding: 400, the server carries on', async () => {
    const a = await raw(srv.port, { method: 'GET', path: '/%E0%A4%A/.well-known/jwks.json' });
    expect(a.status).toBe(400);
    expect(JSON.parse(a.body).message).toContain('not valid percent-encoding');
    const ok = await raw(srv.port, { target: target('ListUserPools'), body: '{"MaxResults": 1}' });
    expect(ok.status).toBe(200);
    expect(srv.stderr()).not.toMatch(STACK_FRAME);
    expect(srv.stderr()).not.toContain('internal error');
  });

  it('JSON nested 100,000 deep in ClientMetadata: 400 SerializationException, nothing stored', async () => {
    const pool = (await call(srv.port, 'CreateUserPool', { PoolName: 'deep' })).UserPool.Id as string;
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const body = `{"UserPoolId": "${pool}", "Username": "deep", "MessageAction": "SUPPRESS", "ClientMetadata": {"k": ${deep}}}`;
    const a = await raw(srv.port, { target: target('AdminCreateUser'), body });
    expect(a.status).toBe(400);
    expect(JSON.parse(a.body).__type).toBe('SerializationException');
    const users = await call(srv.port, 'ListUsers', { UserPoolId: pool });
    expect(users.Users).toEqual([]);
    expect(srv.stderr()).not.toMatch(STACK_FRAME);
    expect(srv.stderr()).not.toContain('internal error');
  });
});

describe('Host header (DNS rebinding)', () => {
  it('a name that does not mean this machine: 403 with what to do; loopback names, the bound address and --allowed-host names: answered', async () => {
    const list = (host: string) =>
      raw(srv.port, { target: target('ListUserPools'), body: '{"MaxResults": 1}', headers: { Host: host } });
    const refused = await list(`evil.example:${srv.port}`);
    expect(refused.status).toBe(403);
    const body = JSON.parse(refused.body);
    expect(body.message).toContain("Host 'evil.example:");
    expect(body.message).toContain('--allowed-host evil.example');
    // The same for a GET (a rebinding page reading the JWKS is no worse, but no better either).
    expect(
      (
        await raw(srv.port, {
          method: 'GET',
          path: '/x/.well-known/jwks.json',
          headers: { Host: 'evil.example' },
        })
      ).status,
    ).toBe(403);
    for (const host of [
      `127.0.0.1:${srv.port}`,
      `localhost:${srv.port}`,
      'LOCALHOST',
      `[::1]:${srv.port}`,
      `myapp.test:${srv.port}`,
      'MyApp.Test',
    ]) {
      expect((await list(host)).status, host).toBe(200);
    }
    // A name that merely starts like an allowed one is not that name.
    expect((await list('localhost.evil.example')).status).toBe(403);
    expect((await list('127.0.0.1.nip.io')).status).toBe(403);
  });

  it('--allowed-host refuses what is not a host name (exit 252, nothing served)', () => {
    const r = run(['serve', '--port', '0', '--allowed-host', 'http://x/', '--cors-origin', 'localhost:3000']);
    expect(r.status).toBe(252);
    expect(r.stderr).toContain("--allowed-host: 'http://x/' is not a host name");
  });
});

/** Opens a connection and sends the first half of a request's headers, never the rest. */
function halfSent(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => {
      s.write(`POST / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Amz-Target: ${target('ListUserPools')}\r\n`);
      resolve(s);
    });
    s.on('error', () => {});
    s.once('error', reject);
  });
}

describe('slow and half-sent requests', () => {
  it(
    'a request whose headers never end is answered 408 and its connection closed',
    { timeout: 40_000 },
    async () => {
      const s = await halfSent(srv.port);
      let got = '';
      s.on('data', (c: Buffer) => {
        got += c.toString();
      });
      await new Promise<void>((resolve) => s.once('close', () => resolve()));
      expect(got).toMatch(/^HTTP\/1\.1 408/);
    },
  );

  it(
    '1,100 half-sent requests with 1,024 file descriptors: a new client is still answered',
    { timeout: 60_000 },
    async () => {
      // The reproduction: as many half-open connections as the server has descriptors.
      const limited = await serve(undefined, {
        wrap: (argv) => ['sh', '-c', 'ulimit -n 1024 && exec "$@"', 'sh', ...argv],
      });
      const sockets: Socket[] = [];
      try {
        for (let i = 0; i < 1_100; i++) sockets.push(await halfSent(limited.port));
        const a = await raw(limited.port, { target: target('ListUserPools'), body: '{"MaxResults": 1}' });
        expect(a.status).toBe(200);
        expect(limited.stderr()).not.toMatch(STACK_FRAME);
      } finally {
        for (const s of sockets) s.destroy();
        await limited.stop();
      }
    },
  );
});

/** Whether this process may mount a tmpfs (root, or a user namespace that allows it). */
function canMount(): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'ct-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' });
    execFileSync('umount', [dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// A full disk and a read-only file system need a file system of their own: a tmpfs, which only
// root (or CAP_SYS_ADMIN) may mount. CI runs the suite as root.
describe.skipIf(!canMount())('I/O failures: a clean 500 saying what happened, one log line', () => {
  it(
    'a full disk, then a read-only file system: 500 naming the cause; reads still answered; no stack trace',
    { timeout: 30_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'ct-io-'));
      const fs = join(dir, 'fs');
      mkdirSync(fs);
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=512k', 'tmpfs', fs]);
      const io = await serve(join(fs, 'state.json'));
      try {
        await call(io.port, 'CreateUserPool', { PoolName: 'before' });
        // The journal keeps room ahead of its writes: wait until the idle server folds it away, so
        // that the next change needs new blocks.
        for (let i = 0; i < 100 && existsSync(join(fs, 'state.json.journal')); i++) await sleep(50);
        expect(existsSync(join(fs, 'state.json.journal'))).toBe(false);
        // Fill the disk to the last block.
        try {
          writeFileSync(join(fs, 'fill'), Buffer.alloc(1024 * 1024));
        } catch {
          // ENOSPC once it is full: that is the point.
        }
        const full = await raw(io.port, { target: target('CreateUserPool'), body: '{"PoolName": "full"}' });
        expect(full.status).toBe(500);
        expect(JSON.parse(full.body)).toMatchObject({ __type: 'InternalErrorException' });
        expect(JSON.parse(full.body).message).toMatch(/ENOSPC|no space/i);
        const listed = await call(io.port, 'ListUserPools', { MaxResults: 10 });
        expect(listed.UserPools.map((p: { Name: string }) => p.Name)).toEqual(['before']);

        rmSync(join(fs, 'fill'));
        execFileSync('mount', ['-o', 'remount,ro', fs]);
        const ro = await raw(io.port, { target: target('CreateUserPool'), body: '{"PoolName": "ro"}' });
        expect(ro.status).toBe(500);
        expect(JSON.parse(ro.body).message).toMatch(/EROFS|read-only/i);

        // The log line goes to stderr as the answer goes out: give the pipe a moment to deliver it.
        const failureLines = () =>
          io
            .stderr()
            .split('\n')
            .filter((l) => l.includes('cognito-totp serve: request '));
        for (let i = 0; i < 100 && failureLines().length < 2; i++) await sleep(20);
        const log = io.stderr();
        expect(log).not.toMatch(STACK_FRAME);
        const failures = failureLines();
        expect(failures.length).toBeGreaterThanOrEqual(2);
        for (const line of failures) expect(line).toMatch(/ENOSPC|EROFS|no space|read-only/i);
      } finally {
        await io.stop();
        execFileSync('umount', ['-l', fs]);
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
