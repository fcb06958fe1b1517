// The AWS CLI on the machine (`aws` on PATH, and AWS CLI v2 at /usr/bin/aws when it is a different
// one) running associate-software-token and verify-software-token against `cognito-totp serve`, and
// the same commands against moto_server: same exit codes, same output keys, same error line format.
// cognito-totp's own remote backend (`--endpoint-url`) runs the same commands against both, and must
// print exactly what AWS CLI v2 prints. Where moto and Cognito differ, the difference is spelled out
// below rather than hidden, so that a change on either side shows up here.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations } from '../../src/model/index.ts';
import { BIN, cleanEnv, oathtool } from '../helpers/cli.ts';
import { type Moto, motoBackend, startMoto } from '../helpers/moto.ts';
import { type Served, serve } from './harness.ts';

interface Cli {
  name: string;
  /** The command line before the operation's own arguments, for an endpoint. */
  argv: (endpoint: string) => string[];
  /** The exit code of a service error. */
  serviceError: number;
}

function awsCli(path: string): Cli | undefined {
  const r = spawnSync(path, ['--version'], { env: AWS_ENV, encoding: 'utf8' });
  const major = /^aws-cli\/(\d+)\./.exec(`${r.stdout}${r.stderr}`)?.[1];
  if (r.status !== 0 || !major) return undefined;
  // A pyenv shim is a shell script that finds the interpreter each time: run what it would run.
  const direct = path.includes('/shims/')
    ? spawnSync('pyenv', ['which', 'aws'], { encoding: 'utf8' }).stdout?.trim() || path
    : path;
  return {
    name: `aws v${major} (${path})`,
    argv: (endpoint) => [direct, '--endpoint-url', endpoint, 'cognito-idp'],
    // v1 exits 255 on every error, v2 254 on a service error.
    serviceError: major === '1' ? 255 : 254,
  };
}

const ON_PATH = execFileSync('sh', ['-c', 'command -v aws || true'], { encoding: 'utf8' }).trim();
const AWS_ENV: Record<string, string> = cleanEnv({
  AWS_ACCESS_KEY_ID: 'testing',
  AWS_SECRET_ACCESS_KEY: 'testing',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_PAGER: '',
  AWS_EC2_METADATA_DISABLED: 'true',
});
// A pyenv shim finds its interpreters under PYENV_ROOT, which defaults to $HOME/.pyenv.
if (ON_PATH.includes('/shims/')) AWS_ENV.PYENV_ROOT = process.env.PYENV_ROOT ?? dirname(dirname(ON_PATH));

const CT: Cli = {
  name: 'cognito-totp',
  argv: (endpoint) => [process.execPath, BIN, '--endpoint-url', endpoint],
  serviceError: 254,
};
const AWS_CLIS: Cli[] = [];
for (const path of [ON_PATH, '/usr/bin/aws']) {
  const cli = path && existsSync(path) ? awsCli(path) : undefined;
  if (cli && !AWS_CLIS.some((c) => c.name.split(' ')[1] === cli.name.split(' ')[1])) AWS_CLIS.push(cli);
}
const V2 = AWS_CLIS.find((c) => c.name.startsWith('aws v2'));
const CLIS = [...AWS_CLIS, CT];

const haveMoto = spawnSync('python3', ['-c', 'import moto.server'], { stdio: 'ignore' }).status === 0;
const haveOathtool = spawnSync('oathtool', ['--version'], { stdio: 'ignore' }).status === 0;

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

function runCli(cli: Cli, endpoint: string, args: string[]): Promise<Ran> {
  const [cmd, ...rest] = [...cli.argv(endpoint), ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd!, rest, { env: AWS_ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/**
 * The current code of `secret`, taken at least `marginS` seconds before its window ends (else in
 * the next window). moto accepts the current window only, and an AWS CLI on a loaded machine can
 * take seconds to send its request; the emulator accepts a window either side (margin 0).
 */
async function currentCode(secret: string, marginS: number): Promise<string> {
  const into = (Date.now() / 1000) % 30;
  if (into > 30 - marginS) await new Promise((r) => setTimeout(r, (30.2 - into) * 1000));
  return oathtool(secret);
}

const PASSWORD = 'Final-Passw0rd!';
const TEMPORARY = 'Temp-Passw0rd!';

interface Subject {
  /** A signed-in user of a pool with MFA OPTIONAL. */
  accessToken: string;
  /** An MFA_SETUP session of a user of a pool with MFA ON (after NEW_PASSWORD_REQUIRED). */
  session: string;
}

/** Pools, a client and, for each name, a signed-in user and a user at MFA_SETUP, through the remote backend. */
async function provision(endpoint: string, names: string[]): Promise<Map<string, Subject>> {
  const be = motoBackend(endpoint, { maxAttempts: 1 });
  const call = (op: string, req: Record<string, unknown>) =>
    be.call(op as never, req as never) as Promise<Record<string, any>>;
  const poolWith = async (mfa: 'ON' | 'OPTIONAL') => {
    const UserPoolId = (await call('CreateUserPool', { PoolName: `cmp-${mfa}` })).UserPool.Id as string;
    await call('SetUserPoolMfaConfig', {
      UserPoolId,
      SoftwareTokenMfaConfiguration: { Enabled: true },
      MfaConfiguration: mfa,
    });
    const ClientId = (
      await call('CreateUserPoolClient', {
        UserPoolId,
        ClientName: 'cli',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      })
    ).UserPoolClient.ClientId as string;
    return { UserPoolId, ClientId };
  };
  const optional = await poolWith('OPTIONAL');
  const on = await poolWith('ON');
  const createUser = (UserPoolId: string, Username: string) =>
    call('AdminCreateUser', {
      UserPoolId,
      Username,
      TemporaryPassword: TEMPORARY,
      MessageAction: 'SUPPRESS',
    });
  const subjects = new Map<string, Subject>();
  for (const [i, name] of names.entries()) {
    const t = `token-user-${i}`;
    await createUser(optional.UserPoolId, t);
    await call('AdminSetUserPassword', {
      UserPoolId: optional.UserPoolId,
      Username: t,
      Password: PASSWORD,
      Permanent: true,
    });
    const signedIn = await call('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: optional.ClientId,
      AuthParameters: { USERNAME: t, PASSWORD },
    });
    const s = `session-user-${i}`;
    await createUser(on.UserPoolId, s);
    const first = await call('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: on.ClientId,
      AuthParameters: { USERNAME: s, PASSWORD: TEMPORARY },
    });
    const setup = await call('RespondToAuthChallenge', {
      ClientId: on.ClientId,
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: first.Session,
      ChallengeResponses: { USERNAME: s, NEW_PASSWORD: PASSWORD },
    });
    expect(setup.ChallengeName).toBe('MFA_SETUP');
    subjects.set(name, { accessToken: signedIn.AuthenticationResult.AccessToken, session: setup.Session });
  }
  return subjects;
}

type Step =
  | 'associateToken'
  | 'verifyWrong'
  | 'verifyToken'
  | 'badToken'
  | 'associateSession'
  | 'verifySession';

/** The same commands, in the same order, for one CLI against one endpoint. */
async function session(
  cli: Cli,
  endpoint: string,
  who: Subject,
  strict: boolean,
): Promise<Record<Step, Ran>> {
  // The margin before a window change that moto needs: the slowest run so far and a half, 4 to 12 s.
  let slowest = 0;
  const margin = () => (strict ? Math.min(12, Math.max(4, (1.5 * slowest) / 1000 + 1)) : 0);
  const run = async (args: string[]) => {
    const started = Date.now();
    const r = await runCli(cli, endpoint, args);
    slowest = Math.max(slowest, Date.now() - started);
    return r;
  };
  const out = {} as Record<Step, Ran>;
  const token = ['--access-token', who.accessToken];
  out.associateToken = await run(['associate-software-token', ...token]);
  const secret = JSON.parse(out.associateToken.stdout || '{}').SecretCode as string;
  const near = [-30, 0, 30, 60].map((s) => oathtool(secret, s));
  const wrong = ['000000', '111111', '222222', '333333', '444444'].find((c) => !near.includes(c))!;
  out.verifyWrong = await run(['verify-software-token', ...token, '--user-code', wrong]);
  out.verifyToken = await run([
    'verify-software-token',
    ...token,
    '--user-code',
    await currentCode(secret, margin()),
    '--friendly-device-name',
    'phone',
  ]);
  out.badToken = await run(['associate-software-token', '--access-token', 'not-a-token']);
  out.associateSession = await run(['associate-software-token', '--session', who.session]);
  const assoc = JSON.parse(out.associateSession.stdout || '{}');
  out.verifySession = await run([
    'verify-software-token',
    '--session',
    assoc.Session,
    '--user-code',
    await currentCode(assoc.SecretCode, margin()),
  ]);
  return out;
}

/** AWS CLI's service error: an empty line, then "An error occurred (Code) when calling the Op operation: message". */
const ERROR_LINE = /^\nAn error occurred \((\w+)\) when calling the (\w+) operation: (.*)\n$/;

function errorOf(r: Ran): { code: string; operation: string } {
  const m = ERROR_LINE.exec(r.stderr);
  expect(m, r.stderr).not.toBeNull();
  return { code: m![1]!, operation: m![2]! };
}

const keys = (r: Ran) => Object.keys(JSON.parse(r.stdout)).sort();

/** Values that differ per user and per run (secrets, sessions) replaced, to compare the bytes. */
const masked = (s: string) => s.replace(/("(?:SecretCode|Session)": )"[^"]*"/g, '$1"…"');

describe.skipIf(!haveMoto || !haveOathtool)(
  'associate and verify: AWS CLI against cognito-totp serve and against moto',
  () => {
    let srv: Served;
    let moto: Moto;
    const results = new Map<string, { serve: Record<Step, Ran>; moto: Record<Step, Ran> }>();

    beforeAll(async () => {
      [srv, moto] = await Promise.all([serve(), startMoto()]);
      const names = CLIS.map((c) => c.name);
      const [ours, theirs] = await Promise.all([provision(srv.url, names), provision(moto.endpoint, names)]);
      // Every CLI against both endpoints at once: each has its own users, so nothing is shared.
      const both = async (cli: Cli) => {
        const [a, b] = await Promise.all([
          session(cli, srv.url, ours.get(cli.name)!, false),
          session(cli, moto.endpoint, theirs.get(cli.name)!, true),
        ]);
        results.set(cli.name, { serve: a, moto: b });
      };
      await Promise.all(CLIS.map(both));
    }, 120_000);
    afterAll(async () => {
      await Promise.all([srv?.stop(), moto?.stop()]);
    });

    it('the machine has at least one AWS CLI to compare', () => {
      expect(AWS_CLIS.map((c) => c.name)).not.toEqual([]);
    });

    describe.each(CLIS.map((c) => [c.name, c] as const))('%s', (name, cli) => {
      const both = () => results.get(name)!;

      it('associate-software-token --access-token: exit 0, {SecretCode} from both', () => {
        const { serve: ours, moto: theirs } = both();
        for (const r of [ours.associateToken, theirs.associateToken]) {
          expect(r.stderr).toBe('');
          expect(r.status).toBe(0);
          expect(keys(r)).toEqual(['SecretCode']);
          expect(JSON.parse(r.stdout).SecretCode).toMatch(/^[A-Za-z2-7]+$/);
        }
        // Cognito's (and our) secret: 32 bytes of base32; moto always answers a fixed 12-letter one.
        expect(JSON.parse(ours.associateToken.stdout).SecretCode).toMatch(/^[A-Z2-7]{52}$/);
        expect(JSON.parse(theirs.associateToken.stdout).SecretCode).toBe('asdfasdfasdf');
      });

      it('verify-software-token with a wrong code: the same exit code and error line format', () => {
        const { serve: ours, moto: theirs } = both();
        expect(ours.verifyWrong.status).toBe(cli.serviceError);
        expect(theirs.verifyWrong.status).toBe(cli.serviceError);
        expect([ours.verifyWrong.stdout, theirs.verifyWrong.stdout]).toEqual(['', '']);
        const [a, b] = [errorOf(ours.verifyWrong), errorOf(theirs.verifyWrong)];
        expect([a.operation, b.operation]).toEqual(['VerifySoftwareToken', 'VerifySoftwareToken']);
        // Both codes are among the operation's modeled errors. Cognito (and the emulator) answer
        // EnableSoftwareTokenMFAException when enabling fails on a wrong code; moto answers
        // CodeMismatchException ("Code mismatch (device)").
        const modeled: readonly string[] = operations.VerifySoftwareToken.errors;
        expect(modeled).toContain(a.code);
        expect(modeled).toContain(b.code);
        expect(a.code).toBe('EnableSoftwareTokenMFAException');
        expect(b.code).toBe('CodeMismatchException');
      });

      it('verify-software-token --access-token with the right code: exit 0, Status SUCCESS from both', () => {
        const { serve: ours, moto: theirs } = both();
        for (const r of [ours.verifyToken, theirs.verifyToken]) {
          expect(r.stderr).toBe('');
          expect(r.status).toBe(0);
          expect(JSON.parse(r.stdout).Status).toBe('SUCCESS');
        }
        // With an access token Cognito answers Status alone; moto adds a Session nobody asked for.
        expect(keys(ours.verifyToken)).toEqual(['Status']);
        expect(keys(theirs.verifyToken)).toEqual(['Session', 'Status']);
      });

      it('an access token that is not one: NotAuthorizedException from both, same exit code', () => {
        const { serve: ours, moto: theirs } = both();
        for (const r of [ours.badToken, theirs.badToken]) {
          expect(r.status).toBe(cli.serviceError);
          expect(r.stdout).toBe('');
          expect(errorOf(r)).toEqual({ code: 'NotAuthorizedException', operation: 'AssociateSoftwareToken' });
        }
        expect(ours.badToken.stderr).toContain(': Invalid Access Token\n');
      });

      it('with a Session (MFA_SETUP): {SecretCode, Session} then {Session, Status} from both', () => {
        const { serve: ours, moto: theirs } = both();
        for (const r of [ours.associateSession, theirs.associateSession]) {
          expect(r.stderr).toBe('');
          expect(r.status).toBe(0);
          expect(keys(r)).toEqual(['SecretCode', 'Session']);
        }
        for (const r of [ours.verifySession, theirs.verifySession]) {
          expect(r.stderr).toBe('');
          expect(r.status).toBe(0);
          expect(keys(r)).toEqual(['Session', 'Status']);
          expect(JSON.parse(r.stdout).Status).toBe('SUCCESS');
        }
      });

      it('the output is formatted the same against both (values aside)', () => {
        const { serve: ours, moto: theirs } = both();
        for (const step of ['associateToken', 'associateSession', 'verifySession'] as const) {
          expect(masked(ours[step].stdout), step).toBe(masked(theirs[step].stdout));
        }
      });
    });

    describe.skipIf(!V2)('cognito-totp --endpoint-url prints what AWS CLI v2 prints', () => {
      it.each([
        ['serve', 'serve'],
        ['moto', 'moto'],
      ] as const)('against %s: same exit codes, stdout and stderr, command by command', (_n, where) => {
        const ours = results.get(CT.name)![where];
        const v2 = results.get(V2!.name)![where];
        for (const step of Object.keys(v2) as Step[]) {
          expect({ step, status: ours[step].status }).toEqual({ step, status: v2[step].status });
          expect({ step, stdout: masked(ours[step].stdout) }).toEqual({
            step,
            stdout: masked(v2[step].stdout),
          });
          // Deliberate: moto repeats the access token in its error message; v2 prints it as it came,
          // cognito-totp masks any echo of a sensitive request value (here the token) as ****.
          const expected = v2[step].stderr.replace(/: not-a-token\n$/, ': ****\n');
          expect({ step, stderr: ours[step].stderr }).toEqual({ step, stderr: expected });
        }
        if (where === 'moto') expect(v2.badToken.stderr).toMatch(/: not-a-token\n$/);
      });
    });
  },
);
