// cognito-totp sign-in in-process (run(io) with a fake Io, real state files, the real clock): SRP
// answered for real by the local emulator, every challenge on the way, scripts and terminals.
import { describe, expect, it } from 'vitest';
import { codeAt, stepAt } from '../../src/backend/local/totp.ts';
import { run } from '../../src/cli/run.ts';
import signInCommand from '../../src/commands/sign-in.ts';
import { ParamError } from '../../src/errors.ts';
import { TEMPORARY_PASSWORD } from '../helpers/seed.ts';
import { sandbox, seedPool } from './bin.ts';
import { type FakeIo, fakeIo } from './fake-io.ts';

const BOTH = ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
const SRP_ONLY = ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];

function setup(opts: Parameters<typeof seedPool>[1] = {}) {
  const box = sandbox();
  const seed = seedPool(box.stateFile, { flows: SRP_ONLY, ...opts });
  const cli = async (argv: string[], stdin = '', tty = false) => {
    const io = fakeIo({
      argv: [...argv, '--state-file', box.stateFile],
      env: box.env,
      stdin,
      stdinIsTTY: tty,
    });
    const rc = await run(io);
    return { rc, out: io.stdoutText(), err: io.stderrText(), io };
  };
  const signIn = (extra: string[] = [], stdin = `${seed.password}\n`) =>
    cli(
      ['sign-in', '--client-id', seed.clientId, '--username', seed.username, '--password-stdin', ...extra],
      stdin,
    );
  return { box, seed, cli, signIn };
}

/** A user with a verified, preferred authenticator; its secret. */
function enrol(seed: ReturnType<typeof seedPool>): string {
  const token = seed.signIn().AuthenticationResult.AccessToken;
  const secret = seed.call('AssociateSoftwareToken', { AccessToken: token }).SecretCode as string;
  // The previous step's code: the sign-in below uses the current one, which must not be a replay.
  seed.call('VerifySoftwareToken', { AccessToken: token, UserCode: codeAt(secret, stepAt(Date.now()) - 1) });
  seed.call('SetUserMFAPreference', {
    AccessToken: token,
    SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
  });
  return secret;
}

describe('cognito-totp sign-in', () => {
  it('signs in with SRP by default through an SRP-only client and prints what initiate-auth prints', async () => {
    const { cli, signIn } = setup();
    const r = await signIn();
    expect(r.rc, r.err).toBe(0);
    const body = JSON.parse(r.out);
    expect(Object.keys(body)).toEqual(['ChallengeParameters', 'AuthenticationResult']);
    expect(body.AuthenticationResult.TokenType).toBe('Bearer');
    const token = await signIn(['--query', 'AuthenticationResult.AccessToken', '--output', 'text']);
    expect(token.out.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    // The token it printed is a real one: enrolment goes on with it.
    const assoc = await cli(['associate-software-token', '--access-token', token.out.trim()]);
    expect(assoc.rc, assoc.err).toBe(0);
    expect(JSON.parse(assoc.out).SecretCode).toMatch(/^[A-Z2-7]{52}$/);
  });

  it('a wrong password is refused after the real PASSWORD_VERIFIER check, and never printed', async () => {
    const { signIn } = setup();
    const r = await signIn([], 'Wrong-Passw0rd!\n');
    expect(r.rc).toBe(254);
    expect(r.err).toContain(
      'An error occurred (NotAuthorizedException) when calling the RespondToAuthChallenge operation: Incorrect username or password.',
    );
    expect(r.err).not.toContain('Wrong-Passw0rd!');
  });

  it('USER_PASSWORD_AUTH when asked, refused by an SRP-only client as Cognito refuses it', async () => {
    const srpOnly = setup();
    const refused = await srpOnly.signIn(['--auth-flow', 'USER_PASSWORD_AUTH']);
    expect(refused.rc).toBe(254);
    expect(refused.err).toContain('USER_PASSWORD_AUTH flow not enabled for this client');
    const both = setup({ flows: BOTH });
    const ok = await both.signIn(['--auth-flow', 'USER_PASSWORD_AUTH']);
    expect(ok.rc, ok.err).toBe(0);
  });

  it('computes SECRET_HASH with --client-secret; without it a client with a secret refuses', async () => {
    const { seed, signIn } = setup({ generateSecret: true });
    expect(seed.clientSecret).toBeTruthy();
    const without = await signIn();
    expect(without.rc).toBe(254);
    expect(without.err).toMatch(/NotAuthorizedException.*SECRET_HASH|SecretHash/);
    const ok = await signIn(['--client-secret', seed.clientSecret!]);
    expect(ok.rc, ok.err).toBe(0);
    const wrong = await signIn(['--client-secret', `${seed.clientSecret!}x`]);
    expect(wrong.rc).toBe(254);
  });

  it('answers SOFTWARE_TOKEN_MFA with --totp-secret, with --totp-code, and by asking in a terminal', async () => {
    const a = setup({ flows: BOTH });
    const secret = enrol(a.seed);
    const bySecret = await a.signIn(['--totp-secret', secret]);
    expect(bySecret.rc, bySecret.err).toBe(0);
    expect(JSON.parse(bySecret.out).AuthenticationResult.AccessToken).toBeTruthy();

    const b = setup({ flows: BOTH });
    const secretB = enrol(b.seed);
    const byCode = await b.signIn(['--totp-code', codeAt(secretB, stepAt(Date.now()))]);
    expect(byCode.rc, byCode.err).toBe(0);

    const c = setup({ flows: BOTH });
    const secretC = enrol(c.seed);
    const asked: string[] = [];
    const io = fakeIo({
      argv: ['--state-file', c.box.stateFile],
      env: c.box.env,
      stdin: `${c.seed.password}\n`,
    });
    const rc = await signInCommand(
      [
        '--client-id',
        c.seed.clientId,
        '--username',
        c.seed.username,
        '--password-stdin',
        '--state-file',
        c.box.stateFile,
      ],
      io,
      {
        ask: {
          input: async (m) => {
            asked.push(m);
            return codeAt(secretC, stepAt(Date.now()));
          },
          password: async () => {
            throw new Error('not asked');
          },
          select: async () => {
            throw new Error('not asked');
          },
          confirm: async () => true,
        },
      },
    );
    expect(rc, io.stderrText()).toBe(0);
    expect(asked).toEqual(['Code from the authenticator app']);
  });

  it('a wrong TOTP code is the service error; without a code and without a terminal, exit 252 before any guess', async () => {
    const a = setup({ flows: BOTH });
    const secret = enrol(a.seed);
    const wrongCode = String((Number(codeAt(secret, stepAt(Date.now()))) + 1) % 1_000_000).padStart(6, '0');
    const wrong = await a.signIn(['--totp-code', wrongCode]);
    expect(wrong.rc).toBe(254);
    expect(wrong.err).toMatch(/CodeMismatchException|NotAuthorizedException/);
    const none = await a.signIn();
    expect(none.rc).toBe(252);
    expect(none.err).toMatch(/--totp-code is missing, and standard input is not a terminal/);
  });

  it('NEW_PASSWORD_REQUIRED takes --new-password, then the new password signs in', async () => {
    const { seed, signIn } = setup({ permanent: false });
    const first = await signIn(['--new-password', 'N3w-Passw0rd!'], `${TEMPORARY_PASSWORD}\n`);
    expect(first.rc, first.err).toBe(0);
    expect(JSON.parse(first.out).AuthenticationResult.AccessToken).toBeTruthy();
    expect(seed.username).toBe('alice');
    const again = await signIn([], 'N3w-Passw0rd!\n');
    expect(again.rc, again.err).toBe(0);
  });

  it('MFA_SETUP in a terminal: shows the QR code and URI, verifies the typed code, prints the tokens', async () => {
    const { box, seed } = setup({ mfa: 'ON' });
    const io: FakeIo = fakeIo({ argv: [], env: box.env, stdin: `${seed.password}\n`, stdinIsTTY: true });
    const rc = await signInCommand(
      [
        '--client-id',
        seed.clientId,
        '--username',
        seed.username,
        '--password-stdin',
        '--state-file',
        box.stateFile,
      ],
      io,
      {
        ask: {
          input: async () => {
            // What a person does: read the secret the QR code and URI carry, type the app's code.
            const secret = /secret=([A-Z2-7]+)/.exec(io.stderrText())![1]!;
            return codeAt(secret, stepAt(Date.now()));
          },
          password: async () => '',
          select: async () => '',
          confirm: async () => true,
        },
      },
    );
    expect(rc, io.stderrText()).toBe(0);
    expect(io.stderrText()).toMatch(/otpauth:\/\/totp\/shop:alice\?secret=/);
    expect(JSON.parse(io.stdoutText()).AuthenticationResult.AccessToken).toBeTruthy();
  });

  it('MFA_SETUP without a terminal is a clear 252, and no Session is printed', async () => {
    const { signIn } = setup({ mfa: 'ON' });
    const r = await signIn();
    expect(r.rc).toBe(252);
    expect(r.err).toMatch(/MFA_SETUP.*standard input is not a terminal/s);
    expect(r.err).not.toMatch(/Session|[A-Za-z0-9_-]{100,}/);
  });

  it('refuses --password with --password-stdin, an empty password, an unknown client, and a missing --client-id without a terminal', async () => {
    const { seed, cli } = setup();
    const io = fakeIo({ argv: [] });
    await expect(
      signInCommand(['--client-id', 'x', '--username', 'u', '--password', 'p', '--password-stdin'], io),
    ).rejects.toThrow(ParamError);
    const empty = await cli(
      ['sign-in', '--client-id', seed.clientId, '--username', 'alice', '--password-stdin'],
      '\n',
    );
    expect(empty.rc).toBe(252);
    const unknown = await cli(
      ['sign-in', '--client-id', 'nope', '--username', 'alice', '--password-stdin'],
      'x\n',
    );
    expect(unknown.rc).toBe(254);
    expect(unknown.err).toContain(
      '(ResourceNotFoundException) when calling the InitiateAuth operation: User pool client nope does not exist.',
    );
    const missing = await cli(['sign-in', '--username', 'alice', '--password-stdin'], 'x\n');
    expect(missing.rc).toBe(252);
    expect(missing.err).toMatch(/--client-id is missing/);
  });

  it('--debug says what it does and never shows the password, SRP values, the session or tokens', async () => {
    const { seed, signIn } = setup({ flows: BOTH });
    const secret = enrol(seed);
    const r = await signIn(['--debug', '--totp-secret', secret]);
    expect(r.rc, r.err).toBe(0);
    expect(r.err).toMatch(/sign-in: USER_SRP_AUTH as alice/);
    expect(r.err).toMatch(/sign-in: challenge PASSWORD_VERIFIER|sign-in: challenge SOFTWARE_TOKEN_MFA/);
    const tokens = JSON.parse(r.out).AuthenticationResult;
    for (const s of [seed.password, secret, tokens.AccessToken, tokens.IdToken, tokens.RefreshToken])
      expect(r.err).not.toContain(s);
    expect(r.err).not.toMatch(/[0-9a-f]{200,}/);
  });

  it('enroll falls back to SRP when the client allows only SRP', async () => {
    const { seed, cli } = setup();
    const r = await cli([
      'enroll',
      '--client-id',
      seed.clientId,
      '--username',
      seed.username,
      '--password',
      seed.password,
      '--generate-code',
    ]);
    expect(r.rc, r.err).toBe(0);
    expect(r.err).toMatch(/does not allow USER_PASSWORD_AUTH: signing in with SRP/);
    expect(JSON.parse(r.out).Status).toBe('SUCCESS');
  });
});
