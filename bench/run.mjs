// npm run bench: whole-process timings of the built binary beside bare `node -e 0`, run in turn
// (paired) on the same machine, so the ratios hold even when the machine is noisy.
//   local verify-software-token with 10, 10,000 and 100,000 users in the state file;
//   --generate-cli-skeleton and --help; sign-in with SRP; peak memory of a verify with 10,000 users.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Secret, TOTP } from 'otpauth';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'cognito-totp.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const work = mkdtempSync(join(tmpdir(), 'ct-bench-'));

function cli(stateFile, ...args) {
  const out = execFileSync(process.execPath, [bin, ...args, '--state-file', stateFile], { encoding: 'utf8' });
  return out ? JSON.parse(out) : {};
}

function timeOnce(argv) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { ms, status: r.status, stderr: r.stderr };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** A state file with `users` users; `runs` of them hold a pending secret and a fresh access token. */
function makeState(users, runs) {
  const file = join(work, `state-${users}.json`);
  rmSync(file, { force: true });
  const pool = cli(file, 'create-user-pool', '--pool-name', 'bench').UserPool.Id;
  cli(
    file,
    'set-user-pool-mfa-config',
    '--user-pool-id',
    pool,
    '--software-token-mfa-configuration',
    'Enabled=true',
    '--mfa-configuration',
    'OPTIONAL',
  );
  const client = cli(
    file,
    'create-user-pool-client',
    '--user-pool-id',
    pool,
    '--client-name',
    'bench',
    '--explicit-auth-flows',
    'ALLOW_USER_PASSWORD_AUTH',
    'ALLOW_REFRESH_TOKEN_AUTH',
  ).UserPoolClient.ClientId;
  cli(file, 'admin-create-user', '--user-pool-id', pool, '--username', 'template');
  cli(
    file,
    'admin-set-user-password',
    '--user-pool-id',
    pool,
    '--username',
    'template',
    '--password',
    'Passw0rd!',
    '--permanent',
  );
  // Clone the template user (same password hash) into the crowd, written straight into the file
  // in its layout (schemaVersion 3: a header line, then one line per user).
  const state = JSON.parse(readFileSync(file, 'utf8'));
  const template = state.users.find((u) => u[1] === 'template')[2];
  const secrets = [];
  const lines = [];
  for (let i = 0; i < users; i++) {
    const secret = new Secret({ size: 32 }).base32;
    secrets.push(secret);
    const pending = { secret, created: template.created, failures: 0, lockUntil: 0 };
    const user = { ...template, sub: crypto.randomUUID(), attrs: { email: `user${i}@example.com` }, pending };
    lines.push(JSON.stringify([pool, `user${i}`, user]));
  }
  const { users: _, ...header } = state;
  const head = JSON.stringify(header);
  writeFileSync(file, `${head.slice(0, -1)},"users":[\n${lines.join(',\n')}\n]}\n`, { mode: 0o600 });
  const subjects = [];
  for (let i = 0; i < runs; i++) {
    const auth = cli(
      file,
      'initiate-auth',
      '--auth-flow',
      'USER_PASSWORD_AUTH',
      '--client-id',
      client,
      '--auth-parameters',
      `USERNAME=user${i},PASSWORD=Passw0rd!`,
    );
    subjects.push({
      token: auth.AuthenticationResult.AccessToken,
      secret: secrets[i],
    });
  }
  return { file, subjects, pool };
}

function benchVerify(users) {
  const runs = users >= 100_000 ? 3 : RUNS;
  // Each timed verify needs a pending secret; with fewer users than runs, a user verified in an
  // earlier run is associated again (untimed) and verifies its new secret.
  const { file, subjects } = makeState(users, Math.min(runs, users));
  const node = [];
  const ours = [];
  for (let run = 0; run < runs; run++) {
    const s = subjects[run % subjects.length];
    if (run >= subjects.length)
      s.secret = cli(file, 'associate-software-token', '--access-token', s.token).SecretCode;
    node.push(timeOnce([process.execPath, '-e', '0']).ms);
    const code = TOTP.generate({ secret: Secret.fromBase32(s.secret) });
    const r = timeOnce([
      process.execPath,
      bin,
      'verify-software-token',
      '--access-token',
      s.token,
      '--user-code',
      code,
      '--state-file',
      file,
    ]);
    if (r.status !== 0) throw new Error(`verify failed (${r.status}): ${r.stderr}`);
    ours.push(r.ms);
  }
  // Nothing lost: every verified user is verified in the file.
  const state = JSON.parse(readFileSync(file, 'utf8'));
  const verified = state.users.filter((u) => u[2].totp).length;
  if (verified !== subjects.length || state.users.length !== users)
    throw new Error(`state lost updates: ${verified}/${subjects.length}`);
  return { file, node: median(node), ours: median(ours), runs };
}

function benchCommand(args) {
  const node = [];
  const ours = [];
  for (let i = 0; i < RUNS; i++) {
    node.push(timeOnce([process.execPath, '-e', '0']).ms);
    const r = timeOnce([process.execPath, bin, ...args]);
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    ours.push(r.ms);
  }
  return { node: median(node), ours: median(ours) };
}

function peakMemoryKb(args) {
  if (!existsSync('/usr/bin/time')) return undefined;
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, bin, ...args], { encoding: 'utf8' });
  return Number(r.stderr.trim().split('\n').pop());
}

const rows = [];
const line = (name, r, target) => {
  const ratio = r.ours / r.node;
  rows.push({ name, ours: r.ours, node: r.node, ratio, target, ok: target === undefined || ratio <= target });
};

// Unmeasured warm-up: the first processes of a run pay for cold caches (page cache, CPU frequency).
for (let i = 0; i < 3; i++) {
  timeOnce([process.execPath, '-e', '0']);
  timeOnce([process.execPath, bin, 'verify-software-token', '--generate-cli-skeleton']);
}
const v10 = benchVerify(10);
line('verify-software-token, 10 users', v10, 1.3);
const v10k = benchVerify(10_000);
line('verify-software-token, 10,000 users', v10k, 1.6);
const v100k = benchVerify(100_000);
rows.push({
  name: 'verify-software-token, 100,000 users',
  ours: v100k.ours,
  node: v100k.node,
  ratio: v100k.ours / v100k.node,
  target: undefined,
  ok: v100k.ours < 1000,
  note: '< 1000 ms',
});
line(
  'verify-software-token --generate-cli-skeleton',
  benchCommand(['verify-software-token', '--generate-cli-skeleton']),
  1.2,
);
line('verify-software-token --help', benchCommand(['verify-software-token', '--help']), 1.2);

// cognito-totp sign-in with USER_SRP_AUTH against the local state (issue 15): both halves of SRP in
// one process (the client's a of 128 bytes, as the SDKs draw it), three tokens signed, one durable
// write (InitiateAuth of SRP writes nothing).
function benchSrpSignIn() {
  const file = join(work, 'state-srp.json');
  const pool = cli(file, 'create-user-pool', '--pool-name', 'bench-srp').UserPool.Id;
  const client = cli(
    file,
    'create-user-pool-client',
    '--user-pool-id',
    pool,
    '--client-name',
    'spa',
    '--explicit-auth-flows',
    'ALLOW_USER_SRP_AUTH',
    'ALLOW_REFRESH_TOKEN_AUTH',
  ).UserPoolClient.ClientId;
  cli(file, 'admin-create-user', '--user-pool-id', pool, '--username', 'alice');
  cli(
    file,
    'admin-set-user-password',
    '--user-pool-id',
    pool,
    '--username',
    'alice',
    '--password',
    'Passw0rd!',
    '--permanent',
  );
  const args = ['sign-in', '--client-id', client, '--username', 'alice', '--password', 'Passw0rd!'];
  const r = benchCommand([...args, '--state-file', file]);
  const out = cli(file, ...args);
  if (!out.AuthenticationResult?.AccessToken) throw new Error(`sign-in gave ${JSON.stringify(out)}`);
  return r;
}
line('sign-in (USER_SRP_AUTH), local state', benchSrpSignIn(), 1.5);

const { subjects, file } = makeState(10_000, 1);
const code = TOTP.generate({ secret: Secret.fromBase32(subjects[0].secret) });
const kb = peakMemoryKb([
  'verify-software-token',
  '--access-token',
  subjects[0].token,
  '--user-code',
  code,
  '--state-file',
  file,
]);

console.log(`cognito-totp bench (${RUNS} paired runs each; medians; node ${process.version})\n`);
console.log(
  'case'.padEnd(48) +
    'cognito-totp'.padStart(14) +
    'bare node'.padStart(12) +
    'ratio'.padStart(8) +
    '  target',
);
for (const r of rows) {
  const target = r.note ?? (r.target ? `<= ${r.target}x` : '');
  console.log(
    r.name.padEnd(48) +
      `${r.ours.toFixed(1)} ms`.padStart(14) +
      `${r.node.toFixed(1)} ms`.padStart(12) +
      `${r.ratio.toFixed(2)}x`.padStart(8) +
      `  ${target} ${r.ok ? 'ok' : 'MISSED'}`,
  );
}
if (kb !== undefined)
  console.log(
    `peak memory, verify with 10,000 users: ${(kb / 1024).toFixed(1)} MiB (target < 80 MiB) ${kb / 1024 < 80 ? 'ok' : 'MISSED'}`,
  );
rmSync(work, { recursive: true, force: true });
