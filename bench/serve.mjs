// Loopback throughput of `cognito-totp serve` for verify-software-token at 1, 8 and 64 concurrent
// keep-alive connections. Each connection has its own user and loops a fixed number of times over
// associate-software-token + verify-software-token (a verify only writes after an associate); the
// verify requests are timed. Every acknowledged verify is a durable state-file transaction.
// Usage: npm run build && node bench/serve.mjs [verifies per level, default 1200]
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../bin/cognito-totp.js', import.meta.url));
const PER_LEVEL = Number(process.argv[2] ?? 1200);
const LEVELS = [1, 8, 64];

function totp(secret, step) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => Number.parseInt(b, 2)));
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const h = createHmac('sha1', key).update(msg).digest();
  const o = h[h.length - 1] & 15;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

function post(agent, port, op, input) {
  const body = JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
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
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(JSON.parse(text))
            : reject(new Error(`${op}: ${res.statusCode} ${text}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const dir = mkdtempSync(join(tmpdir(), 'ct-bench-serve-'));
const server = spawn(
  process.execPath,
  [BIN, 'serve', '--port', '0', '--state-file', join(dir, 'state.json')],
  {
    stdio: ['ignore', 'ignore', 'pipe'],
  },
);
const port = await new Promise((resolve, reject) => {
  let err = '';
  server.stderr.on('data', (c) => {
    err += c;
    const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(err);
    if (m) resolve(Number(m[1]));
  });
  server.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
});

try {
  const setup = new Agent({ keepAlive: true, maxSockets: 1 });
  const pool = (await post(setup, port, 'CreateUserPool', { PoolName: 'bench' })).UserPool.Id;
  await post(setup, port, 'SetUserPoolMfaConfig', {
    UserPoolId: pool,
    SoftwareTokenMfaConfiguration: { Enabled: true },
    MfaConfiguration: 'OPTIONAL',
  });
  const client = (
    await post(setup, port, 'CreateUserPoolClient', {
      UserPoolId: pool,
      ClientName: 'bench',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    })
  ).UserPoolClient.ClientId;
  const tokens = [];
  for (let i = 0; i < Math.max(...LEVELS); i++) {
    const Username = `u${i}`;
    await post(setup, port, 'AdminCreateUser', { UserPoolId: pool, Username, MessageAction: 'SUPPRESS' });
    await post(setup, port, 'AdminSetUserPassword', {
      UserPoolId: pool,
      Username,
      Password: 'Passw0rd!',
      Permanent: true,
    });
    const auth = await post(setup, port, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: client,
      AuthParameters: { USERNAME: Username, PASSWORD: 'Passw0rd!' },
    });
    tokens.push(auth.AuthenticationResult.AccessToken);
  }
  setup.destroy();

  console.log(`verify-software-token on loopback, ${PER_LEVEL} verifies per level (each after an associate)`);
  console.log('conns  verify/s  total req/s  p50 ms  p99 ms');
  for (const conns of LEVELS) {
    const agent = new Agent({ keepAlive: true, maxSockets: conns });
    const per = Math.ceil(PER_LEVEL / conns);
    const lat = [];
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: conns }, async (_, c) => {
        for (let i = 0; i < per; i++) {
          const { SecretCode } = await post(agent, port, 'AssociateSoftwareToken', {
            AccessToken: tokens[c],
          });
          const code = totp(SecretCode, Math.floor(Date.now() / 30_000));
          const s = performance.now();
          const r = await post(agent, port, 'VerifySoftwareToken', {
            AccessToken: tokens[c],
            UserCode: code,
          });
          lat.push(performance.now() - s);
          if (r.Status !== 'SUCCESS') throw new Error(`verify: ${JSON.stringify(r)}`);
        }
      }),
    );
    const secs = (performance.now() - t0) / 1000;
    agent.destroy();
    lat.sort((a, b) => a - b);
    const pct = (p) => lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))].toFixed(2);
    console.log(
      `${String(conns).padStart(5)}  ${(lat.length / secs).toFixed(0).padStart(8)}  ${(
        (2 * lat.length) /
        secs
      )
        .toFixed(0)
        .padStart(11)}  ${pct(50).padStart(6)}  ${pct(99).padStart(6)}`,
    );
  }
} finally {
  server.kill('SIGTERM');
  await new Promise((r) => server.on('exit', r));
  rmSync(dir, { recursive: true, force: true });
}
