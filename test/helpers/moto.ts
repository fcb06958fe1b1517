// Starts moto_server (moto's Cognito emulator) on a free loopback port for a test file, and stops it.
import { type ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import { createServer } from 'node:net';
import type { Backend } from '../../src/backend/backend.ts';
import { createRemoteBackend, type RemoteOptions } from '../../src/backend/remote/index.ts';

export interface Moto {
  /** http://127.0.0.1:PORT */
  readonly endpoint: string;
  readonly port: number;
  stop(): Promise<void>;
}

/** A port that was free a moment ago: bind 127.0.0.1:0, read the port, close. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/moto-api/', method: 'GET', timeout: 1000 },
      (res) => {
        res.resume();
        resolve(true);
      },
    );
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
    req.end();
  });
}

/**
 * `python3 -m moto.server -H 127.0.0.1 -p PORT` with TOTP enabled for user pools
 * (MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP=true), waiting until it answers HTTP.
 */
export async function startMoto(timeoutMs = 30_000): Promise<Moto> {
  const port = await freePort();
  const child: ChildProcess = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    env: { ...process.env, MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP: 'true' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => {
    stderr = (stderr + c.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`moto_server exited early (${child.exitCode}): ${stderr}`);
    if (await answers(port)) return { endpoint: `http://127.0.0.1:${port}`, port, stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`moto_server did not answer on port ${port} within ${timeoutMs} ms: ${stderr}`);
}

/**
 * The remote backend as the tests point it at moto: us-east-1, test credentials, signed requests,
 * standard retries, generous timeouts; `extra` overrides any of it.
 */
export function motoBackend(endpoint: string, extra: Partial<RemoteOptions> = {}): Backend {
  return createRemoteBackend({
    endpoint,
    region: 'us-east-1',
    verifySsl: true,
    connectTimeoutMs: 10_000,
    readTimeoutMs: 30_000,
    signRequest: true,
    maxAttempts: 3,
    retryMode: 'standard',
    debug: () => {},
    env: { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' },
    ...extra,
  });
}
