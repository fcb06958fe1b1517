// Loopback throughput of `cognito-totp serve` for verify-software-token at 1, 8 and 64 concurrent
// keep-alive connections, beside moto_server and cognito-local doing the same workload on the same
// machine in the same run. Target: ours >= 10x moto's verifies/s at 8 connections.
//
// Each connection has its own user and loops over associate-software-token + verify-software-token
// (a verify only changes anything after an associate, and each associate gives a fresh secret, so
// every verify is a real first-time success with a current code). Each level runs for a fixed time
// (BENCH_SERVE_SECONDS, default 3) after an untimed warm-up of the same load (BENCH_SERVE_WARMUP,
// default 1 s; at least one cycle per connection, which opens the sockets). Only successful verifies are counted and timed (verify/s, p50, p99); `req/s` also counts
// the associates. Servers run in their default configuration: moto and cognito-local log every
// request (to a file here), and every acknowledged verify of ours is a durable, fsync'd state-file
// transaction, whereas moto and cognito-local keep their state in memory (cognito-local also
// rewrites its JSON file). The client runs in this process on the same cores as the server.
// The target's ratio is then the median of BENCH_SERVE_ROUNDS (default 3) paired rounds at 8
// connections, ours then moto's, on the servers still running: one table run per server is at the
// mercy of whatever else the machine does in those seconds.
// Usage: npm run build && node bench/serve.mjs
import { readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { LeanConnection } from './lean-http.mjs';
import {
  cognitoLocalVersion,
  isUnsupported,
  loadSrpClient,
  motoVersion,
  post,
  startCognitoLocal,
  startMoto,
  startOurs,
  stepNow,
  stop,
  totp,
} from './servers.mjs';

const SECONDS = Number(process.env.BENCH_SERVE_SECONDS ?? 3);
const WARMUP = Number(process.env.BENCH_SERVE_WARMUP ?? 1);
// BENCH_SERVE_LEVELS=8 and BENCH_SERVE_ONLY=cognito-totp narrow a run (to profile one case).
const LEVELS = (process.env.BENCH_SERVE_LEVELS ?? '1,8,64').split(',').map(Number);
const TARGET = 10;
const RATIO_CONNS = 8;
// Paired rounds for the target's ratio (BENCH_SERVE_ROUNDS=0: none).
const ROUNDS = Number(process.env.BENCH_SERVE_ROUNDS ?? 3);
const rounds = [];

/** Pool with TOTP enabled, a USER_PASSWORD_AUTH client, and `n` confirmed users signed in. */
async function setup(port, n) {
  const a = new Agent({ keepAlive: true, maxSockets: 1 });
  const pool = (await post(a, port, 'CreateUserPool', { PoolName: 'bench' })).UserPool.Id;
  await post(a, port, 'SetUserPoolMfaConfig', {
    UserPoolId: pool,
    SoftwareTokenMfaConfiguration: { Enabled: true },
    MfaConfiguration: 'OPTIONAL',
  });
  const client = (
    await post(a, port, 'CreateUserPoolClient', {
      UserPoolId: pool,
      ClientName: 'bench',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    })
  ).UserPoolClient.ClientId;
  const tokens = [];
  for (let i = 0; i < n; i++) {
    const Username = `u${i}`;
    await post(a, port, 'AdminCreateUser', { UserPoolId: pool, Username, MessageAction: 'SUPPRESS' });
    await post(a, port, 'AdminSetUserPassword', {
      UserPoolId: pool,
      Username,
      Password: 'Passw0rd!',
      Permanent: true,
    });
    const auth = await post(a, port, 'InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: client,
      AuthParameters: { USERNAME: Username, PASSWORD: 'Passw0rd!' },
    });
    const t = auth.AuthenticationResult?.AccessToken;
    if (!t) throw new Error(`InitiateAuth gave no access token: ${JSON.stringify(auth)}`);
    tokens.push(t);
  }
  a.destroy();
  // The pool and client travel with the tokens, for the sign-in rounds below.
  return Object.assign(tokens, { pool, client });
}

/**
 * associate + verify for one user. moto accepts only the current 30 s step (no window either
 * side), so a verify sent just before a step boundary can be judged just after it: only when the
 * step changed while it was in flight is a CodeMismatchException retried with a new code (counted
 * and printed; its time still counts against throughput). Any other failure is a wrong answer.
 */
async function cycle(agent, port, token, lat, stats) {
  const { SecretCode } = await post(agent, port, 'AssociateSoftwareToken', { AccessToken: token });
  stats.associates++;
  for (let attempt = 0; ; attempt++) {
    const step = stepNow();
    const s = performance.now();
    try {
      const r = await post(agent, port, 'VerifySoftwareToken', {
        AccessToken: token,
        UserCode: totp(SecretCode, step),
      });
      if (r.Status !== 'SUCCESS') throw new Error(`verify answered ${JSON.stringify(r)}`);
      lat?.push(performance.now() - s);
      return;
    } catch (e) {
      if (e.type === 'CodeMismatchException' && stepNow() !== step && attempt < 2) {
        stats.retries++;
        continue;
      }
      throw e;
    }
  }
}

async function runLevel(port, tokens, conns) {
  const agent = new Agent({ keepAlive: true, maxSockets: conns });
  const stats = { associates: 0, retries: 0 };
  // Untimed: WARMUP seconds of the same load first (the first seconds at a new level ran ~25%
  // slower than the rest for our server: code paths and heap still being tuned, in both processes).
  const warm = performance.now() + WARMUP * 1000;
  await Promise.all(
    tokens.slice(0, conns).map(async (t) => {
      do await cycle(agent, port, t, undefined, stats);
      while (performance.now() < warm);
    }),
  );
  stats.associates = 0;
  stats.retries = 0;
  const lat = [];
  const t0 = performance.now();
  const end = t0 + SECONDS * 1000;
  await Promise.all(
    tokens.slice(0, conns).map(async (t) => {
      while (performance.now() < end) await cycle(agent, port, t, lat, stats);
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  agent.destroy();
  lat.sort((a, b) => a - b);
  const pct = (p) => lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))];
  return {
    conns,
    verifies: lat.length,
    verifyPerSec: lat.length / secs,
    reqPerSec: (lat.length + stats.associates + stats.retries) / secs,
    p50: pct(50),
    p99: pct(99),
    retries: stats.retries,
  };
}

// Sign-ins per second (issue 15): ours with USER_SRP_AUTH (InitiateAuth + PASSWORD_VERIFIER, each
// a real verification of the proof), cognito-local with USER_PASSWORD_AUTH (it has no SRP), at
// SIGNIN_CONNS connections for SECONDS, each connection signing in its own user, in
// SIGNIN_ROUNDS paired rounds (ours, then cognito-local's, on the servers still running; medians
// printed). The SRP client is src/srp/client.ts, bundled here by esbuild, doing a real client's
// work for every sign-in (a fresh a of 256 bits, the RFC 5054 size, and x, g^x and S computed
// anew). Both servers are driven through bench/lean-http.mjs: the client shares the machine's two
// cores with the server, and node:http's client cost about 0.9 ms of CPU per request. Beside the
// rate, the CPU each server process used per sign-in (user + system, from /proc) and the bench
// process's own: on a machine others are using, CPU per sign-in is the figure that does not move
// with their load.
const SIGNIN_CONNS = 8;
const SRP_TARGET = 300;
const SIGNIN_ROUNDS = Number(process.env.BENCH_SERVE_SIGNIN_ROUNDS ?? 3);
let SrpClient;

async function srpSignIn(conn, pool, client, username) {
  const srp = new SrpClient(pool);
  const first = await conn.post('InitiateAuth', {
    AuthFlow: 'USER_SRP_AUTH',
    ClientId: client,
    AuthParameters: { USERNAME: username, SRP_A: srp.srpA },
  });
  const done = await conn.post('RespondToAuthChallenge', {
    ClientId: client,
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeResponses: srp.answer(first.ChallengeParameters, 'Passw0rd!'),
  });
  if (!done.AuthenticationResult?.AccessToken) throw new Error(`SRP sign-in gave ${JSON.stringify(done)}`);
}

async function passwordSignIn(conn, _pool, client, username) {
  const done = await conn.post('InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: client,
    AuthParameters: { USERNAME: username, PASSWORD: 'Passw0rd!' },
  });
  if (!done.AuthenticationResult?.AccessToken) throw new Error(`sign-in gave ${JSON.stringify(done)}`);
}

/** CPU time (user + system) a child process has used so far, in ms (clock ticks of 10 ms). */
function cpuMsOf(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The sign-in users of one server: their own (those of the verify rounds have an authenticator). */
async function signInUsers(port, pool) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const users = Array.from({ length: SIGNIN_CONNS }, (_, i) => `s${i}`);
  for (const Username of users) {
    await post(agent, port, 'AdminCreateUser', { UserPoolId: pool, Username, MessageAction: 'SUPPRESS' });
    await post(agent, port, 'AdminSetUserPassword', {
      UserPoolId: pool,
      Username,
      Password: 'Passw0rd!',
      Permanent: true,
    });
  }
  agent.destroy();
  return users;
}

async function signInRate(srv, pool, client, users, signIn) {
  const conns = users.map(() => new LeanConnection(srv.port));
  const warm = performance.now() + WARMUP * 1000;
  await Promise.all(
    users.map(async (u, i) => {
      do await signIn(conns[i], pool, client, u);
      while (performance.now() < warm);
    }),
  );
  let n = 0;
  const server0 = cpuMsOf(srv.child.pid);
  const client0 = process.cpuUsage();
  const t0 = performance.now();
  const end = t0 + SECONDS * 1000;
  await Promise.all(
    users.map(async (u, i) => {
      while (performance.now() < end) {
        await signIn(conns[i], pool, client, u);
        n++;
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  const own = process.cpuUsage(client0);
  const serverMs = cpuMsOf(srv.child.pid) - server0;
  for (const c of conns) c.close();
  return {
    perSec: n / secs,
    serverCpuMs: serverMs / n,
    clientCpuMs: (own.user + own.system) / 1000 / n,
  };
}

const signInRates = [];

const servers = [
  { label: 'cognito-totp serve', start: startOurs },
  { label: `moto_server ${motoVersion()}`, start: startMoto },
  { label: `cognito-local ${cognitoLocalVersion()}`, start: startCognitoLocal },
];

const only = process.env.BENCH_SERVE_ONLY;
if (only) servers.splice(0, servers.length, ...servers.filter((s) => s.label.includes(only)));

const results = [];
let exitCode = 0;
const running = []; // servers kept up until the end, for the paired rounds at 8 connections
try {
  for (const s of servers) {
    const current = await s.start();
    running.push(current);
    const tokens = await setup(current.port, Math.max(...LEVELS, RATIO_CONNS));
    // Does this server implement the two operations at all? Answered by the first call, so that
    // "not supported" is reported as such and any other failure stays a failure.
    let unsupported;
    try {
      await cycle(new Agent(), current.port, tokens[0], undefined, { associates: 0, retries: 0 });
    } catch (e) {
      if (!isUnsupported(e)) throw e;
      unsupported = e.message;
    }
    if (unsupported) {
      results.push({ label: s.label, unsupported });
    } else {
      Object.assign(current, { label: s.label, tokens });
      for (const conns of LEVELS) {
        results.push({ label: s.label, ...(await runLevel(current.port, tokens, conns)) });
      }
    }
  }
  const oursUp = running.find((r) => r.label?.startsWith('cognito-totp'));
  const localUp = running.find((r) => r.label?.startsWith('cognito-local'));
  const cases = [];
  if (oursUp && process.env.BENCH_SERVE_SRP !== '0') {
    SrpClient = await loadSrpClient();
    const a = new Agent({ keepAlive: true, maxSockets: 1 });
    const srpClient = (
      await post(a, oursUp.port, 'CreateUserPoolClient', {
        UserPoolId: oursUp.tokens.pool,
        ClientName: 'bench-srp',
        ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      })
    ).UserPoolClient.ClientId;
    a.destroy();
    const users = await signInUsers(oursUp.port, oursUp.tokens.pool);
    cases.push({ srv: oursUp, flow: 'USER_SRP_AUTH', client: srpClient, users, signIn: srpSignIn });
  }
  if (localUp) {
    const users = await signInUsers(localUp.port, localUp.tokens.pool);
    cases.push({
      srv: localUp,
      flow: 'USER_PASSWORD_AUTH',
      client: localUp.tokens.client,
      users,
      signIn: passwordSignIn,
    });
  }
  // Paired rounds, one server after the other in each: a burst of load from elsewhere on the
  // machine shifts one round, not the medians.
  for (const c of cases) signInRates.push({ label: c.srv.label, flow: c.flow, rounds: [] });
  for (let i = 0; i < Math.max(1, SIGNIN_ROUNDS); i++) {
    for (const [j, c] of cases.entries()) {
      signInRates[j].rounds.push(await signInRate(c.srv, c.srv.tokens.pool, c.client, c.users, c.signIn));
    }
  }
  // The target's ratio from ROUNDS paired rounds, ours then moto's, one after the other on servers
  // already up: a burst of load from elsewhere on the machine shifts one round, not the median.
  const ours = running.find((r) => r.label?.startsWith('cognito-totp'));
  const moto = running.find((r) => r.label?.startsWith('moto_server'));
  if (ours && moto && ROUNDS > 0) {
    for (let i = 0; i < ROUNDS; i++) {
      const a = await runLevel(ours.port, ours.tokens, RATIO_CONNS);
      const b = await runLevel(moto.port, moto.tokens, RATIO_CONNS);
      rounds.push({ ours: a.verifyPerSec, moto: b.verifyPerSec, ratio: a.verifyPerSec / b.verifyPerSec });
    }
  }
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  const current = running.at(-1);
  if (current) console.error(`${current.name} log tail:\n${current.log()}`);
  exitCode = 1;
} finally {
  for (const r of running) await stop(r);
}

// Whatever was measured is printed, also when a later server failed.
if (results.length) {
  console.log(
    `verify-software-token on loopback, ${SECONDS} s per level, each verify after an associate ` +
      `(node ${process.version})\n`,
  );
  console.log(
    `${'server'.padEnd(24)}${'conns'.padStart(6)}${'verify/s'.padStart(10)}${'req/s'.padStart(8)}` +
      `${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'verifies'.padStart(10)}`,
  );
  for (const r of results) {
    if (r.unsupported) {
      console.log(`${r.label.padEnd(24)}  not supported (${r.unsupported})`);
      continue;
    }
    console.log(
      `${r.label.padEnd(24)}${String(r.conns).padStart(6)}${r.verifyPerSec.toFixed(0).padStart(10)}` +
        `${r.reqPerSec.toFixed(0).padStart(8)}${r.p50.toFixed(2).padStart(9)}${r.p99.toFixed(2).padStart(9)}` +
        `${String(r.verifies).padStart(10)}${r.retries ? `  (${r.retries} verify retried across a 30 s step)` : ''}`,
    );
  }
  console.log('verify/s and p50/p99 count successful verifies only; req/s adds the associates.');
  if (rounds.length) {
    const ratios = rounds.map((r) => r.ratio).sort((a, b) => a - b);
    const median = ratios[Math.floor(ratios.length / 2)];
    console.log(
      `\npaired rounds at ${RATIO_CONNS} connections (verify/s, ours / moto): ` +
        rounds.map((r) => `${r.ours.toFixed(0)} / ${r.moto.toFixed(0)} = ${r.ratio.toFixed(2)}x`).join(', '),
    );
    console.log(
      `cognito-totp serve / moto_server at ${RATIO_CONNS} connections, median of ${rounds.length} paired rounds: ` +
        `${median.toFixed(2)}x verify/s (target >= ${TARGET}x) ${median >= TARGET ? 'ok' : 'MISSED'}`,
    );
  }
}
if (signInRates.length) {
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  console.log(
    `\nsign-ins per second at ${SIGNIN_CONNS} connections, ${SECONDS} s, one user per connection, ` +
      `${signInRates[0].rounds.length} paired round(s); CPU ms per sign-in of the server process and of the bench's client`,
  );
  for (const r of signInRates) {
    const rate = median(r.rounds.map((x) => x.perSec));
    const mark =
      r.flow === 'USER_SRP_AUTH'
        ? ` (target >= ${SRP_TARGET}/s) ${rate >= SRP_TARGET ? 'ok' : 'MISSED'}`
        : '';
    console.log(
      `${r.label.padEnd(24)}${r.flow.padEnd(20)}${rate.toFixed(0).padStart(8)}/s` +
        `  server ${median(r.rounds.map((x) => x.serverCpuMs)).toFixed(2)} ms` +
        `  client ${median(r.rounds.map((x) => x.clientCpuMs)).toFixed(2)} ms${mark}` +
        `  (rounds: ${r.rounds.map((x) => x.perSec.toFixed(0)).join(', ')}/s)`,
    );
  }
  console.log(
    'USER_SRP_AUTH: InitiateAuth + PASSWORD_VERIFIER, each proof verified; cognito-local has no SRP.',
  );
}
process.exitCode = exitCode;
