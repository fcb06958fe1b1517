// Shared by bench/remote.mjs and bench/serve.mjs: a TOTP generator, a raw AWS JSON 1.1 client, and
// starting/stopping the servers compared against (cognito-totp serve, moto_server, cognito-local),
// all on 127.0.0.1 only. Every child started here is killed by pid when the bench process exits,
// however it exits, so a failed run never leaves a server holding a port.
import { execFileSync, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// BENCH_SERVE_BIN=path/to/bin/cognito-totp.js runs another build (to compare two side by side).
export const BIN =
  process.env.BENCH_SERVE_BIN ?? fileURLToPath(new URL('../bin/cognito-totp.js', import.meta.url));
export const HOST = '127.0.0.1';

/** RFC 6238 code for a base32 secret at a 30 s step. Case-insensitive and tolerant of a secret whose
 * length is not a multiple of 8 (moto's fixed secret is "asdfasdfasdf"), like Python's b32decode. */
export function totp(secret, step) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.toUpperCase().replace(/=+$/, '')) {
    const v = alphabet.indexOf(c);
    if (v < 0) throw new Error(`not base32: ${secret}`);
    bits += v.toString(2).padStart(5, '0');
  }
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => Number.parseInt(b, 2)));
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const h = createHmac('sha1', key).update(msg).digest();
  const o = h[h.length - 1] & 15;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

export const stepNow = () => Math.floor(Date.now() / 30_000);

/** One AWS JSON 1.1 call, unsigned (all three servers accept that). Rejects with an Error carrying
 * `status` and `type` (the `__type` of Cognito's error body) so callers can tell errors apart. */
export function post(agent, port, op, input) {
  const body = JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: HOST,
        port,
        method: 'POST',
        path: '/',
        agent,
        headers: {
          'Content-Type': 'application/x-amz-json-1.1',
          'X-Amz-Target': `AWSCognitoIdentityProviderService.${op}`,
          'Content-Length': Buffer.byteLength(body),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () => settle(op, res.statusCode, text, resolve, reject));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * A finished answer of `op`: its JSON body on 200, else an Error with the HTTP status and the
 * error's `__type` (both HTTP clients of the bench, node:http's and lean-http.mjs).
 */
export function settle(op, status, text, resolve, reject) {
  if (status === 200) {
    try {
      resolve(text ? JSON.parse(text) : {});
    } catch (e) {
      reject(new Error(`${op}: unparsable 200 body: ${text.slice(0, 200)} (${e})`));
    }
    return;
  }
  let type;
  try {
    type = JSON.parse(text).__type;
  } catch {}
  const err = new Error(`${op}: HTTP ${status} ${text.slice(0, 300)}`);
  err.status = status;
  err.type = type;
  reject(err);
}

/** The CLI's SRP client (src/srp/client.ts), bundled by esbuild for the bench to run. */
export async function loadSrpClient() {
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: [new URL('../src/srp/client.ts', import.meta.url).pathname],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'warning',
  });
  const code = out.outputFiles[0].text;
  return (await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)).SrpClient;
}

/** An error body saying the server does not implement the operation at all. */
export const isUnsupported = (e) =>
  typeof e?.type === 'string' && /Unsupported|UnknownOperation|NotImplemented/i.test(e.type);

/** A free loopback port: bind port 0, read it, release it (the tiny race is acceptable for a bench). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, HOST, () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const live = new Set();
// Last-resort cleanup: 'exit' handlers must be synchronous, so SIGKILL by pid (never by name).
process.on('exit', () => {
  for (const s of live) s.child.kill('SIGKILL');
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => process.exit(130));

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Spawn a server whose output goes to a log file (not a pipe: moto and cognito-local log every
 * request, and draining that through the bench process would steal CPU from the measurement), then
 * wait until it answers an API call. Rejects, with the log's tail, if it exits or does not answer.
 */
async function launch(
  name,
  cmd,
  args,
  { dir = mkdtempSync(join(tmpdir(), `ct-bench-${name}-`)), env, port },
) {
  const logFile = join(dir, 'server.log');
  const fd = openSync(logFile, 'w');
  const child = spawn(cmd, args, { cwd: dir, env: env ?? process.env, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const srv = { name, port, dir, child, exited: false };
  live.add(srv);
  child.on('exit', () => {
    srv.exited = true;
  });
  // Could not be started at all (e.g. python3 missing): no 'exit' follows, and an unhandled
  // 'error' would crash the bench without cleaning up the other servers.
  child.on('error', (e) => {
    srv.exited = true;
    srv.spawnError = e;
  });
  const log = () => {
    try {
      return readFileSync(logFile, 'utf8').slice(-2000);
    } catch {
      return '';
    }
  };
  srv.log = log;
  const agent = new Agent({ keepAlive: false });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const failure = srv.exited
      ? `${name} exited before answering (${srv.spawnError ?? `code ${child.exitCode}`}):\n${log()}`
      : Date.now() > deadline
        ? `${name} did not answer on ${HOST}:${port} within 60 s:\n${log()}`
        : undefined;
    if (failure) {
      agent.destroy();
      await stop(srv); // the caller never gets srv, so clean up here (process and temp folder)
      throw new Error(failure);
    }
    try {
      await post(agent, port, 'ListUserPools', { MaxResults: 1 });
      break;
    } catch (e) {
      // Connection refused: not listening yet. An HTTP error still proves it is up.
      if (e.status) break;
      await sleep(100);
    }
  }
  agent.destroy();
  return srv;
}

/** SIGTERM by pid, SIGKILL after 5 s, then remove its temp folder. Safe to call twice. */
export async function stop(srv) {
  if (!srv) return;
  if (!srv.exited) {
    const gone = new Promise((r) => srv.child.once('exit', r));
    srv.child.kill('SIGTERM');
    const t = setTimeout(() => srv.child.kill('SIGKILL'), 5000);
    await gone;
    clearTimeout(t);
  }
  live.delete(srv);
  rmSync(srv.dir, { recursive: true, force: true });
}

export async function startOurs() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'ct-bench-state-'));
  return launch(
    'cognito-totp',
    process.execPath,
    [
      // e.g. BENCH_SERVE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server
      ...(process.env.BENCH_SERVE_NODE_ARGS ?? '').split(' ').filter(Boolean),
      BIN,
      ...['serve', '--port', String(port), '--state-file', join(dir, 'state.json')],
    ],
    { port, dir },
  );
}

// moto only checks TOTP codes (instead of accepting any) when this is set.
export const MOTO_ENV = { MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP: 'true' };

export async function startMoto() {
  const port = await freePort();
  return launch('moto_server', 'python3', ['-m', 'moto.server', '-H', HOST, '-p', String(port)], {
    port,
    env: { ...process.env, ...MOTO_ENV },
  });
}

export function motoVersion() {
  return execFileSync('python3', ['-c', 'import moto; print(moto.__version__)'], { encoding: 'utf8' }).trim();
}

const require = createRequire(import.meta.url);

export function cognitoLocalVersion() {
  return JSON.parse(readFileSync(require.resolve('cognito-local/package.json'), 'utf8')).version;
}

/** cognito-local (devDependency), run in a temp folder because it keeps its data in ./.cognito. It
 * reads PORT and HOST from the environment (default localhost:9229, which may be taken). Its own
 * default makes every new pool's usernames emails (UserPoolDefaults.UsernameAttributes ["email"]),
 * unlike Cognito, which rejects the plain usernames the workload uses; .cognito/config.json puts it
 * back to Cognito's default (an array in that file replaces the default rather than merging).
 * `extraEnv`: e.g. its CODE, the one confirmation code it then sends (bench/journey.mjs). */
export async function startCognitoLocal(extraEnv = {}) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'ct-bench-cognito-local-'));
  mkdirSync(join(dir, '.cognito'));
  writeFileSync(
    join(dir, '.cognito', 'config.json'),
    JSON.stringify({ UserPoolDefaults: { UsernameAttributes: [] } }),
  );
  const main = join(require.resolve('cognito-local/package.json'), '..', 'lib', 'bin', 'start.js');
  return launch('cognito-local', process.execPath, [main], {
    port,
    dir,
    env: { ...process.env, PORT: String(port), HOST, ...extraEnv },
  });
}
