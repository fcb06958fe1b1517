// The enroll wizard in-process, with scripted answers in place of enquirer: every path a person can
// take (sign-in, token, MFA_SETUP session, a user who already has an authenticator), wrong codes up
// to the lockout, Ctrl-C, and the non-interactive runs scripts use. The real terminal is in
// enroll-tmux.test.ts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { codeAt, stepAt } from '../../src/backend/local/totp.ts';
import enrollCommand, { type Asker, Cancelled } from '../../src/commands/enroll.ts';
import { ParamError } from '../../src/errors.ts';
import { sandbox, seedPool } from './bin.ts';
import { type FakeIo, fakeIo } from './fake-io.ts';
import { decodeScreen } from './screen-image.ts';

type Answer = string | boolean | ((io: FakeIo) => string) | typeof CANCEL;
const CANCEL = Symbol('Ctrl-C');

/** Answers in order; each question asked is recorded as `kind: message`. */
function scripted(io: FakeIo, answers: Answer[]): Asker & { asked: string[] } {
  const asked: string[] = [];
  const next = (kind: string, message: string) => {
    asked.push(`${kind}: ${message}`);
    if (answers.length === 0) throw new Error(`unexpected question ${kind}: ${message}`);
    const a = answers.shift()!;
    if (a === CANCEL) throw new Cancelled();
    return typeof a === 'function' ? a(io) : a;
  };
  return {
    asked,
    input: async (m, validate) => {
      const v = String(next('input', m));
      if (validate && validate(v) !== true) throw new Error(`answer ${v} refused for ${m}`);
      return v;
    },
    password: async (m) => String(next('password', m)),
    select: async (m) => String(next('select', m)),
    confirm: async (m) => Boolean(next('confirm', m)),
  };
}

const secretShown = (io: FakeIo) => /Secret: ([A-Z2-7]+)/.exec(io.stderrText())![1]!;
const rightCode = (io: FakeIo) => codeAt(secretShown(io), stepAt(Date.now()));
/** A code of none of the accepted steps. */
const wrongCode = (io: FakeIo) => {
  const s = secretShown(io);
  const now = stepAt(Date.now());
  const taken = new Set([-1, 0, 1, 2].map((d) => codeAt(s, now + d)));
  for (let n = 0; ; n++) {
    const c = String(n).padStart(6, '0');
    if (!taken.has(c)) return c;
  }
};

function setup(opts: Parameters<typeof seedPool>[1] = {}) {
  const box = sandbox();
  const seed = seedPool(box.stateFile, opts);
  const user = () => seed.call('AdminGetUser', { UserPoolId: seed.poolId, Username: seed.username });
  return { box, seed, user };
}

async function wizard(stateFile: string, args: string[], answers: Answer[], tty = true) {
  const io = fakeIo({ stdinIsTTY: tty });
  const ask = scripted(io, answers);
  const rc = await enrollCommand([...args, '--state-file', stateFile], io, { ask });
  return { rc, io, asked: ask.asked, left: answers.length };
}

describe('enroll in a terminal', () => {
  it('signs in, shows a QR code that scans, verifies the typed code and makes TOTP preferred', async () => {
    const { box, seed, user } = setup({ poolName: 'Shop', username: 'alice' });
    const r = await wizard(
      box.stateFile,
      [],
      ['password', seed.clientId, 'alice', seed.password, rightCode, true],
    );
    expect(r.rc, r.io.stderrText()).toBe(0);
    expect(r.asked).toEqual([
      'select: How do you want to sign in?',
      'input: App client ID',
      'input: User name',
      'password: Password',
      'input: Code',
      'confirm: Make TOTP the preferred MFA for this user?',
    ]);
    const secret = secretShown(r.io);
    expect(decodeScreen(r.io.stderrText(), 'light')).toEqual([
      `otpauth://totp/Shop:alice?secret=${secret}&issuer=Shop`,
    ]);
    expect(r.io.stderrText()).toMatch(/Done: alice signs in with a code from the app/);
    expect(r.io.stdoutText()).toBe('');
    expect(user()).toMatchObject({
      PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
      UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
    });
  });

  it('asks only what the flags do not give', async () => {
    const { box, seed, user } = setup();
    const r = await wizard(
      box.stateFile,
      ['--client-id', seed.clientId, '--username', seed.username, '--qr-small', '--no-prefer'],
      [seed.password, rightCode],
    );
    expect(r.rc, r.io.stderrText()).toBe(0);
    expect(r.asked).toEqual(['password: Password', 'input: Code']);
    expect(decodeScreen(r.io.stderrText(), 'dark')).toHaveLength(1);
    expect(user().UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(user().PreferredMfaSetting).toBeUndefined();
    expect(r.io.stderrText()).toMatch(/TOTP is enabled for sign-in \(not the preferred MFA\)/);
  });

  it('says a wrong code is wrong and asks again', async () => {
    const { box, seed, user } = setup();
    const r = await wizard(
      box.stateFile,
      ['--client-id', seed.clientId, '--username', seed.username, '--password', seed.password],
      [wrongCode, rightCode, true],
    );
    expect(r.rc, r.io.stderrText()).toBe(0);
    expect(r.asked.filter((q) => q === 'input: Code')).toHaveLength(2);
    expect(r.io.stderrText()).toMatch(/✘ That code is not right\. Type the code the app shows now/);
    expect(user().PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');
  });

  it('stops at the lockout with Cognito error and a clear message (exit 254)', async () => {
    const { box, seed, user } = setup();
    const r = await wizard(
      box.stateFile,
      ['--client-id', seed.clientId, '--username', seed.username, '--password', seed.password],
      Array.from({ length: 12 }, () => wrongCode),
    );
    expect(r.rc).toBe(254);
    const err = r.io.stderrText();
    // Five wrong codes lock for a second, then two, four... (more tries if the machine is slow).
    expect(err.match(/That code is not right/g)!.length).toBeGreaterThanOrEqual(5);
    expect(err).toMatch(/✘ Too many wrong codes: Cognito has locked verification for now/);
    expect(err).toMatch(
      /An error occurred \(TooManyRequestsException\) when calling the VerifySoftwareToken operation: Too many failed attempts/,
    );
    expect(r.left).toBeGreaterThan(0);
    expect(user().UserMFASettingList).toBeUndefined();
  });

  it('Ctrl-C at a question exits 130 and changes nothing more; the state file stays whole', async () => {
    const { box, seed, user } = setup();
    const before = readFileSync(box.stateFile, 'utf8');
    const atStart = await wizard(box.stateFile, [], [CANCEL]);
    expect(atStart.rc).toBe(130);
    expect(atStart.io.stderrText()).toMatch(/Cancelled\. Nothing else was changed\./);
    expect(readFileSync(box.stateFile, 'utf8')).toBe(before);

    const atCode = await wizard(
      box.stateFile,
      ['--client-id', seed.clientId, '--username', seed.username, '--password', seed.password],
      [CANCEL],
    );
    expect(atCode.rc).toBe(130);
    JSON.parse(readFileSync(box.stateFile, 'utf8'));
    expect(user().UserMFASettingList).toBeUndefined();
  });

  it('takes a pasted access token', async () => {
    const { box, seed, user } = setup();
    const token = seed.signIn().AuthenticationResult.AccessToken;
    const r = await wizard(box.stateFile, ['--no-qr'], ['token', token, rightCode, true]);
    expect(r.rc, r.io.stderrText()).toBe(0);
    expect(r.io.stderrText()).toContain(`otpauth://totp/shop:alice?secret=${secretShown(r.io)}&issuer=shop`);
    expect(r.io.stderrText()).not.toContain('\u2580');
    expect(user().PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');
  });

  it('re-asks a wrong password', async () => {
    const { box, seed } = setup();
    const r = await wizard(
      box.stateFile,
      ['--client-id', seed.clientId, '--username', seed.username],
      ['nope', seed.password, rightCode, false],
    );
    expect(r.rc, r.io.stderrText()).toBe(0);
    expect(r.io.stderrText()).toMatch(/✘ Incorrect username or password\. Try again\./);
  });

  it('sets up MFA during sign-in when the pool requires it (MFA_SETUP), then finishes signing in', async () => {
    const { box, seed, user } = setup({ mfa: 'ON' });
    const r = await wizard(
      box.stateFile,
      ['--client-id', seed.clientId, '--username', seed.username, '--password', seed.password],
      [rightCode, true],
    );
    expect(r.rc, r.io.stderrText()).toBe(0);
    expect(r.io.stderrText()).toMatch(/The user pool requires MFA/);
    expect(r.io.stderrText()).toMatch(/Sign-in completed \(MFA_SETUP answered\)/);
    expect(user().PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');
  });

  it('signs in with the current authenticator of a user who has one, and replaces it', async () => {
    const { box, seed, user } = setup();
    const first = await wizard(
      box.stateFile,
      ['--client-id', seed.clientId, '--username', seed.username, '--password', seed.password],
      [rightCode, true],
    );
    expect(first.rc).toBe(0);
    const oldSecret = secretShown(first.io);
    // The next step's code: the current one was used by the verification just made.
    const r = await wizard(
      box.stateFile,
      ['--client-id', seed.clientId, '--username', seed.username, '--password', seed.password],
      [() => codeAt(oldSecret, stepAt(Date.now()) + 1), rightCode, true],
    );
    expect(r.rc, r.io.stderrText()).toBe(0);
    expect(r.asked[0]).toBe('input: Code from the current authenticator');
    expect(secretShown(r.io)).not.toBe(oldSecret);
    expect(user().PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');
  });
});

describe('enroll without a terminal', () => {
  it('asks nothing: says which flags to pass, before doing anything', async () => {
    const { box, seed } = setup();
    const before = readFileSync(box.stateFile, 'utf8');
    for (const args of [
      [],
      ['--client-id', seed.clientId, '--username', seed.username],
      ['--access-token', 'x.y.z'],
    ]) {
      const err = await wizard(box.stateFile, args, [], false).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ParamError);
      expect((err as Error).message).toMatch(/standard input is not a terminal, so it cannot ask/);
      expect((err as Error).message).toMatch(/--access-token TOKEN/);
      expect((err as Error).message).toMatch(/--username NAME --password PASSWORD --client-id ID/);
      expect((err as Error).message).toMatch(/--generate-code, or --no-verify now and --code CODE later/);
    }
    expect(readFileSync(box.stateFile, 'utf8')).toBe(before);
  });

  it('--generate-code enrols in one run and prints JSON', async () => {
    const { box, seed, user } = setup();
    const r = await wizard(
      box.stateFile,
      [
        '--client-id',
        seed.clientId,
        '--username',
        seed.username,
        '--password',
        seed.password,
        '--generate-code',
      ],
      [],
      false,
    );
    expect(r.rc, r.io.stderrText()).toBe(0);
    const out = JSON.parse(r.io.stdoutText());
    expect(out).toEqual({
      Status: 'SUCCESS',
      SecretCode: out.SecretCode,
      OtpauthUri: `otpauth://totp/shop:alice?secret=${out.SecretCode}&issuer=shop`,
      PreferredMfa: true,
    });
    expect(user().PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');
    // The code of this step is still unused: a sign-in right away works.
    const signIn = seed.signIn();
    expect(signIn.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const done = seed.call('RespondToAuthChallenge', {
      ClientId: seed.clientId,
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: signIn.Session,
      ChallengeResponses: {
        USERNAME: seed.username,
        SOFTWARE_TOKEN_MFA_CODE: codeAt(out.SecretCode, stepAt(Date.now())),
      },
    });
    expect(done.AuthenticationResult.AccessToken).toBeDefined();
  });

  it('--no-verify, then --code: two runs with a person (or an app) in between', async () => {
    const { box, seed, user } = setup();
    const token = seed.signIn().AuthenticationResult.AccessToken;
    const first = await wizard(box.stateFile, ['--access-token', token, '--no-verify'], [], false);
    expect(first.rc, first.io.stderrText()).toBe(0);
    const { SecretCode, OtpauthUri } = JSON.parse(first.io.stdoutText());
    expect(OtpauthUri).toBe(`otpauth://totp/shop:alice?secret=${SecretCode}&issuer=shop`);
    expect(user().UserMFASettingList).toBeUndefined();
    const code = codeAt(SecretCode, stepAt(Date.now()));
    const second = await wizard(
      box.stateFile,
      ['--access-token', token, '--code', code, '--device-name', 'phone'],
      [],
      false,
    );
    expect(second.rc, second.io.stderrText()).toBe(0);
    expect(JSON.parse(second.io.stdoutText())).toEqual({ Status: 'SUCCESS', PreferredMfa: true });
    expect(user().PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');
  });

  it('a wrong --code is a service error (254), nothing asked', async () => {
    const { box, seed } = setup();
    const token = seed.signIn().AuthenticationResult.AccessToken;
    await wizard(box.stateFile, ['--access-token', token, '--no-verify'], [], false);
    const r = await wizard(box.stateFile, ['--access-token', token, '--code', '000000'], [], false);
    expect(r.rc).toBe(254);
    expect(r.io.stderrText()).toMatch(
      /An error occurred \(EnableSoftwareTokenMFAException\) when calling the VerifySoftwareToken operation/,
    );
    await expect(
      wizard(box.stateFile, ['--access-token', token, '--code', '12345'], [], false),
    ).rejects.toThrow(/--code takes the 6 digits/);
  });

  it('an MFA_SETUP sign-in finishes and returns the tokens; --password - reads stdin', async () => {
    const { box, seed, user } = setup({ mfa: 'ON' });
    const io = fakeIo({ stdinIsTTY: false, stdin: `${seed.password}\n` });
    const rc = await enrollCommand(
      [
        '--client-id',
        seed.clientId,
        '--username',
        seed.username,
        '--password',
        '-',
        '--generate-code',
        '--state-file',
        box.stateFile,
      ],
      io,
    );
    expect(rc, io.stderrText()).toBe(0);
    const out = JSON.parse(io.stdoutText());
    expect(out.AuthenticationResult.AccessToken).toMatch(/^ey/);
    expect(out.PreferredMfa).toBe(true);
    expect(user().PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');
  });

  it('a first sign-in with a temporary password needs --new-password', async () => {
    const box = sandbox();
    const seed = seedPool(box.stateFile);
    seed.call('AdminCreateUser', {
      UserPoolId: seed.poolId,
      Username: 'bob',
      TemporaryPassword: 'Temp0rary!x',
      MessageAction: 'SUPPRESS',
    });
    const base = [
      '--client-id',
      seed.clientId,
      '--username',
      'bob',
      '--password',
      'Temp0rary!x',
      '--generate-code',
    ];
    await expect(wizard(box.stateFile, base, [], false)).rejects.toThrow(/--new-password is missing/);
    const r = await wizard(box.stateFile, [...base, '--new-password', 'N3w-Passw0rd!'], [], false);
    expect(r.rc, r.io.stderrText()).toBe(0);
    expect(seed.call('AdminGetUser', { UserPoolId: seed.poolId, Username: 'bob' }).UserStatus).toBe(
      'CONFIRMED',
    );
  });
});
