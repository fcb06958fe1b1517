// The sign-up journey (issue 16): a new user signs up, is confirmed with the code the emulator
// "sent", and signs in. Two cases, each beside its baseline in the same run:
//
// 1. Through a server on loopback, journeys/s at 1 and 8 keep-alive connections, each connection
//    signing up its own new users one after another: SignUp, the code read the way a test suite
//    reads it, ConfirmSignUp, InitiateAuth. cognito-totp serve (code: the programmatic API's
//    latestCode on the state file) beside cognito-local (which sends one fixed code, its CODE
//    setting for tests: its data file could not be read reliably, see codeOf); moto_server is
//    left out (its SignUp sends no code and ConfirmSignUp takes any). Both sign in with
//    USER_PASSWORD_AUTH, the flow cognito-local has; ours again with USER_SRP_AUTH, the SDKs'
//    default (the proof checked for real). Every change we acknowledge is a durable journal
//    transaction; cognito-local rewrites its JSON file without fsync. 1 s of the same load
//    untimed, then BENCH_JOURNEY_SECONDS (default 3) timed.
// 2. From the command line on the local state file, as a shell script does it: `cognito-totp
//    sign-up`, `messages --query 'Messages[-1].Code'`, `confirm-sign-up`, `sign-in` (SRP), four
//    processes, against four bare `node -e 0`, paired runs (BENCH_RUNS, default 15), medians.
//
// Reported, with no target of its own: the verify and sign-in targets are elsewhere in the bench.
// Usage: npm run build && node bench/journey.mjs
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BIN,
  cognitoLocalVersion,
  loadSrpClient,
  post,
  startCognitoLocal,
  startOurs,
  stop,
} from './servers.mjs';

const SECONDS = Number(process.env.BENCH_JOURNEY_SECONDS ?? 3);
const WARMUP = 1;
const LEVELS = (process.env.BENCH_JOURNEY_LEVELS ?? '1,8').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const PASSWORD = 'Journey-Passw0rd!';

const { latestCode } = await import(new URL('../dist/api.js', import.meta.url).href);

const SrpClient = await loadSrpClient();

/** A pool that sends a code to the email address at sign-up, and a client of SRP and password. */
async function journeyPool(port) {
  const a = new Agent({ keepAlive: true, maxSockets: 1 });
  const pool = (
    await post(a, port, 'CreateUserPool', { PoolName: 'journey', AutoVerifiedAttributes: ['email'] })
  ).UserPool.Id;
  const client = (
    await post(a, port, 'CreateUserPoolClient', {
      UserPoolId: pool,
      ClientName: 'journey',
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    })
  ).UserPoolClient.ClientId;
  a.destroy();
  return { pool, client };
}

/** The code cognito-local sends every user, by its own test setting (the CODE variable). */
const LOCAL_CODE = '246810';

const codeOf = {
  ours: (srv, pool, username) =>
    latestCode(join(srv.dir, 'state.json'), { userPoolId: pool, username })?.code,
  // cognito-local keeps the code in its data file, .cognito/db/<pool id>.json, but rewrites that
  // file in place and asynchronously: read while 8 connections sign up, it was found empty, half
  // written, or (for more than 5 s) without a user cognito-local had already answered for. So it
  // runs with its fixed CODE, and its journeys skip the look-up ours make.
  local: () => LOCAL_CODE,
};

const signIns = {
  USER_PASSWORD_AUTH: async (agent, port, _pool, client, username) => {
    const r = await post(agent, port, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: client,
      AuthParameters: { USERNAME: username, PASSWORD },
    });
    return r.AuthenticationResult;
  },
  USER_SRP_AUTH: async (agent, port, pool, client, username) => {
    // a of 32 bytes, as bench/serve.mjs: the server's work does not depend on it.
    const srp = new SrpClient(pool, { randomBytes: () => randomBytes(32) });
    const first = await post(agent, port, 'InitiateAuth', {
      AuthFlow: 'USER_SRP_AUTH',
      ClientId: client,
      AuthParameters: { USERNAME: username, SRP_A: srp.srpA },
    });
    const r = await post(agent, port, 'RespondToAuthChallenge', {
      ClientId: client,
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeResponses: srp.answer(first.ChallengeParameters, PASSWORD),
    });
    return r.AuthenticationResult;
  },
};

let serial = 0;
/** One journey for a new user; any wrong answer throws (a journey that did not end signed in). */
async function journey(agent, srv, kind, flow, pool, client) {
  const username = `j${++serial}`;
  const up = await post(agent, srv.port, 'SignUp', {
    ClientId: client,
    Username: username,
    Password: PASSWORD,
    UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
  });
  if (up.UserConfirmed !== false) throw new Error(`SignUp answered ${JSON.stringify(up)}`);
  const code = codeOf[kind](srv, pool, username);
  if (!code) throw new Error(`no confirmation code found for ${username}`);
  await post(agent, srv.port, 'ConfirmSignUp', {
    ClientId: client,
    Username: username,
    ConfirmationCode: code,
  });
  const tokens = await signIns[flow](agent, srv.port, pool, client, username);
  if (!tokens?.AccessToken) throw new Error(`${flow} gave no tokens for ${username}`);
}

async function level(srv, kind, flow, conns) {
  const { pool, client } = await journeyPool(srv.port);
  const agent = new Agent({ keepAlive: true, maxSockets: conns });
  const loop = async (until, lat) => {
    await Promise.all(
      Array.from({ length: conns }, async () => {
        do {
          const s = performance.now();
          await journey(agent, srv, kind, flow, pool, client);
          lat?.push(performance.now() - s);
        } while (performance.now() < until);
      }),
    );
  };
  await loop(performance.now() + WARMUP * 1000);
  const lat = [];
  const t0 = performance.now();
  await loop(t0 + SECONDS * 1000, lat);
  const secs = (performance.now() - t0) / 1000;
  agent.destroy();
  lat.sort((a, b) => a - b);
  const pct = (p) => lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))];
  return { conns, flow, perSec: lat.length / secs, p50: pct(50), p99: pct(99), n: lat.length };
}

const rows = [];
let exitCode = 0;
const servers = [
  {
    label: 'cognito-totp serve',
    kind: 'ours',
    start: startOurs,
    flows: ['USER_PASSWORD_AUTH', 'USER_SRP_AUTH'],
  },
  {
    label: `cognito-local ${cognitoLocalVersion()}`,
    kind: 'local',
    start: () => startCognitoLocal({ CODE: LOCAL_CODE }),
    flows: ['USER_PASSWORD_AUTH'],
  },
];
// BENCH_JOURNEY_ONLY=cognito-local (or cognito-totp) narrows a run to one server.
const only = process.env.BENCH_JOURNEY_ONLY;
for (const s of servers.filter((x) => !only || x.label.includes(only))) {
  let srv;
  try {
    srv = await s.start();
    for (const flow of s.flows)
      for (const conns of LEVELS) rows.push({ label: s.label, ...(await level(srv, s.kind, flow, conns)) });
  } catch (e) {
    console.error(`${s.label}: ${e instanceof Error ? e.message : e}`);
    if (srv) console.error(`${srv.name} log tail:\n${srv.log()}`);
    exitCode = 1;
  } finally {
    await stop(srv);
  }
}

// 2. The same journey as four CLI processes on a local state file.
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
function timed(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${args.slice(1).join(' ')} exited ${r.status}: ${r.stderr}`);
  return { ms, out: r.stdout.trim() };
}
let cli;
try {
  const work = mkdtempSync(join(tmpdir(), 'ct-bench-journey-'));
  const sf = ['--state-file', join(work, 'state.json')];
  const ct = (...a) => execFileSync(process.execPath, [BIN, ...a, ...sf], { encoding: 'utf8' });
  const pool = JSON.parse(
    ct('create-user-pool', '--pool-name', 'journey', '--auto-verified-attributes', 'email'),
  ).UserPool.Id;
  const client = JSON.parse(
    ct(
      'create-user-pool-client',
      '--user-pool-id',
      pool,
      '--client-name',
      'cli',
      '--explicit-auth-flows',
      'ALLOW_USER_SRP_AUTH',
      'ALLOW_REFRESH_TOKEN_AUTH',
    ),
  ).UserPoolClient.ClientId;
  const node = [];
  const ours = [];
  const steps = [[], [], [], []];
  for (let run = 0; run < RUNS; run++) {
    let bare = 0;
    for (let i = 0; i < 4; i++) bare += timed(['-e', '0']).ms;
    node.push(bare);
    const u = `cli${run}`;
    const up = timed([
      BIN,
      'sign-up',
      '--client-id',
      client,
      '--username',
      u,
      '--password',
      PASSWORD,
      '--user-attributes',
      `Name=email,Value=${u}@example.com`,
      '--output',
      'off',
      ...sf,
    ]);
    const code = timed([
      BIN,
      'messages',
      '--user-pool-id',
      pool,
      '--username',
      u,
      '--query',
      'Messages[-1].Code',
      '--output',
      'text',
      ...sf,
    ]);
    const confirm = timed([
      BIN,
      'confirm-sign-up',
      '--client-id',
      client,
      '--username',
      u,
      '--confirmation-code',
      code.out,
      ...sf,
    ]);
    const signIn = timed([
      BIN,
      'sign-in',
      '--client-id',
      client,
      '--username',
      u,
      '--password',
      PASSWORD,
      '--query',
      'AuthenticationResult.TokenType',
      '--output',
      'text',
      ...sf,
    ]);
    if (signIn.out !== 'Bearer') throw new Error(`sign-in printed ${signIn.out}`);
    for (const [i, s] of [up, code, confirm, signIn].entries()) steps[i].push(s.ms);
    ours.push(up.ms + code.ms + confirm.ms + signIn.ms);
  }
  cli = { node: median(node), ours: median(ours), steps: steps.map(median) };
  rmSync(work, { recursive: true, force: true });
} catch (e) {
  console.error(`CLI journey: ${e instanceof Error ? e.message : e}`);
  exitCode = 1;
}

if (rows.length) {
  console.log(
    `\nsign-up journeys on loopback (SignUp, code from the outbox, ConfirmSignUp, sign-in), ${SECONDS} s per level, ` +
      `a new user per journey (node ${process.version})\n`,
  );
  console.log(
    `${'server'.padEnd(24)}${'sign-in'.padEnd(20)}${'conns'.padStart(6)}${'journeys/s'.padStart(12)}` +
      `${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'journeys'.padStart(10)}`,
  );
  for (const r of rows) {
    console.log(
      `${r.label.padEnd(24)}${r.flow.padEnd(20)}${String(r.conns).padStart(6)}${r.perSec.toFixed(0).padStart(12)}` +
        `${r.p50.toFixed(2).padStart(9)}${r.p99.toFixed(2).padStart(9)}${String(r.n).padStart(10)}`,
    );
  }
  const at8 = (label, flow) =>
    rows.find((r) => r.label.startsWith(label) && r.flow === flow && r.conns === 8);
  const a = at8('cognito-totp', 'USER_PASSWORD_AUTH');
  const b = at8('cognito-local', 'USER_PASSWORD_AUTH');
  if (a && b) {
    console.log(
      `cognito-totp serve / cognito-local at 8 connections, same flow: ${(a.perSec / b.perSec).toFixed(2)}x journeys/s`,
    );
  }
  console.log(
    'A journey of ours includes reading the code (latestCode); cognito-local sends one fixed code (its CODE setting).',
  );
}
if (cli) {
  const names = ['sign-up', 'messages', 'confirm-sign-up', 'sign-in (SRP)'];
  console.log(
    `\nthe same journey from the command line, 4 processes on the local state (median of ${RUNS}): ` +
      `${cli.ours.toFixed(1)} ms against 4 x node -e 0 ${cli.node.toFixed(1)} ms = ${(cli.ours / cli.node).toFixed(2)}x`,
  );
  console.log(`  ${names.map((n, i) => `${n} ${cli.steps[i].toFixed(1)} ms`).join(', ')}`);
}
process.exitCode = exitCode;
