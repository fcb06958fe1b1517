// Forwarded verify-software-token, whole process, against moto_server on loopback: cognito-totp
// (--endpoint-url) beside AWS CLI v2 (/usr/bin/aws) making the same call, with bare `node -e 0` as a
// reference. Target: cognito-totp at least 6x faster than AWS CLI v2.
// The three are run in turn (paired) N times (BENCH_RUNS, default 15) and medians compared, so the
// ratio holds even when the machine is noisy. Every run must exit 0 and print {"Status": "SUCCESS"}.
// Usage: npm run build && node bench/remote.mjs
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, HOST, motoVersion, post, startMoto, stepNow, stop, totp } from './servers.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const TARGET = 6;
// Not `aws` from PATH: that may be AWS CLI v1 (pip, /usr/local/bin); Debian's awscli package is v2.
const AWS = '/usr/bin/aws';

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function awsVersion() {
  try {
    return execFileSync(AWS, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

const version = awsVersion();
if (!version.startsWith('aws-cli/2')) {
  console.error(`${AWS} is not AWS CLI v2 (${version || 'missing'}): apt-get install -y awscli`);
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'ct-bench-remote-'));
// The same clean environment for both programs: dummy credentials and region, empty config and
// credentials files (so nothing on this machine changes what either does), no inherited AWS_*.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
Object.assign(env, {
  AWS_ACCESS_KEY_ID: 'testing',
  AWS_SECRET_ACCESS_KEY: 'testing',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_CONFIG_FILE: join(work, 'config'),
  AWS_SHARED_CREDENTIALS_FILE: join(work, 'credentials'),
});
writeFileSync(env.AWS_CONFIG_FILE, '');
writeFileSync(env.AWS_SHARED_CREDENTIALS_FILE, '');

function timeOnce(argv) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8', env });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { ms, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function checkVerify(who, r) {
  let out;
  try {
    out = JSON.parse(r.stdout);
  } catch {}
  if (r.status !== 0 || out?.Status !== 'SUCCESS')
    throw new Error(`${who} verify failed (exit ${r.status}): ${r.stdout}${r.stderr}`);
}

/**
 * moto checks the code against the current 30 s step only (no window either side), and both
 * programs need up to ~2 s to start before they send it. A code computed close to a step boundary
 * could go stale in flight, so wait for a fresh step when less than 5 s are left (untimed).
 */
async function freshCode(secret) {
  const left = 30_000 - (Date.now() % 30_000);
  if (left < 5_000) await new Promise((r) => setTimeout(r, left + 50));
  return totp(secret, stepNow());
}

let moto;
let exitCode = 0;
try {
  moto = await startMoto();
  const endpoint = `http://${HOST}:${moto.port}`;
  const a = new Agent({ keepAlive: true, maxSockets: 1 });
  const pool = (await post(a, moto.port, 'CreateUserPool', { PoolName: 'bench' })).UserPool.Id;
  await post(a, moto.port, 'SetUserPoolMfaConfig', {
    UserPoolId: pool,
    SoftwareTokenMfaConfiguration: { Enabled: true },
    MfaConfiguration: 'OPTIONAL',
  });
  const client = (
    await post(a, moto.port, 'CreateUserPoolClient', {
      UserPoolId: pool,
      ClientName: 'bench',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    })
  ).UserPoolClient.ClientId;
  await post(a, moto.port, 'AdminCreateUser', { UserPoolId: pool, Username: 'u', MessageAction: 'SUPPRESS' });
  await post(a, moto.port, 'AdminSetUserPassword', {
    UserPoolId: pool,
    Username: 'u',
    Password: 'Passw0rd!',
    Permanent: true,
  });
  const token = (
    await post(a, moto.port, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: client,
      AuthParameters: { USERNAME: 'u', PASSWORD: 'Passw0rd!' },
    })
  ).AuthenticationResult.AccessToken;
  const { SecretCode } = await post(a, moto.port, 'AssociateSoftwareToken', { AccessToken: token });
  a.destroy();

  // moto 5.2.1 hands out one fixed secret and accepts a code again and again (it keeps no record of
  // used codes), so the same call, with a current code, succeeds on every run; a refusal would be a
  // wrong answer and fails the bench.
  const node = [];
  const ours = [];
  const aws = [];
  for (let i = 0; i < RUNS; i++) {
    node.push(timeOnce([process.execPath, '-e', '0']).ms);
    let code = await freshCode(SecretCode);
    const r1 = timeOnce([
      process.execPath,
      BIN,
      'verify-software-token',
      '--endpoint-url',
      endpoint,
      '--access-token',
      token,
      '--user-code',
      code,
    ]);
    checkVerify('cognito-totp', r1);
    ours.push(r1.ms);
    code = await freshCode(SecretCode);
    const r2 = timeOnce([
      AWS,
      'cognito-idp',
      'verify-software-token',
      '--endpoint-url',
      endpoint,
      '--access-token',
      token,
      '--user-code',
      code,
    ]);
    checkVerify('aws', r2);
    aws.push(r2.ms);
  }

  const mOurs = median(ours);
  const mAws = median(aws);
  const mNode = median(node);
  const ratio = mAws / mOurs;
  console.log(
    `forwarded verify-software-token to moto_server ${motoVersion()} on loopback ` +
      `(${RUNS} paired runs; medians; node ${process.version})\n`,
  );
  console.log(`${'cognito-totp --endpoint-url'.padEnd(40)}${`${mOurs.toFixed(1)} ms`.padStart(12)}`);
  console.log(`${`${version.split(' ')[0]} (${AWS})`.padEnd(40)}${`${mAws.toFixed(1)} ms`.padStart(12)}`);
  console.log(`${'node -e 0 (reference)'.padEnd(40)}${`${mNode.toFixed(1)} ms`.padStart(12)}`);
  console.log(
    `cognito-totp is ${ratio.toFixed(2)}x faster than AWS CLI v2 (target >= ${TARGET}x) ${
      ratio >= TARGET ? 'ok' : 'MISSED'
    }`,
  );
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  if (moto) console.error(`moto_server log tail:\n${moto.log()}`);
  exitCode = 1;
} finally {
  await stop(moto);
  rmSync(work, { recursive: true, force: true });
}
process.exitCode = exitCode;
