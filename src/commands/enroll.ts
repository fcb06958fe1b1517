// cognito-totp enroll: the wizard that takes a person from a user name (or a token) to a verified
// authenticator app: sign in, associate, show the QR code, check a code (again after a wrong one,
// until Cognito's lockout), and offer TOTP as the preferred MFA. Every answer can also be given as
// a flag, so without a terminal it runs non-interactively or says which flags it needs.
import type { Backend, Wire } from '../backend/backend.ts';
import { codeAt, stepAt } from '../backend/local/totp.ts';
import { type Styles, stderrStyles } from '../cli/color.ts';
import { chooseBackend } from '../cli/compose.ts';
import { accountNameFromToken, buildOtpauthUri, printEnrollment } from '../cli/enrollment.ts';
import { debugLogger, reportError } from '../cli/report.ts';
import { readSetting } from '../config/settings.ts';
import { EXIT, OperationFailed, ParamError } from '../errors.ts';
import type { Response } from '../model/index.ts';
import type { Io } from '../shared/io.ts';
import { parseCommand } from './args.ts';
import { type Asker, Cancelled, enquirerAsker } from './ask.ts';
import { flowNotEnabled, type SignInAnswer, signInWithPassword, withSecretHash } from './authenticate.ts';
import { callOp, present, sameBackendFlags } from './calls.ts';
import type { AuthFlow } from './specs.ts';

export { type Asker, Cancelled } from './ask.ts';

export interface EnrollDeps {
  ask?: Asker;
  now?: () => number;
}

type Credential =
  | { kind: 'token'; accessToken: string; username?: string }
  | { kind: 'session'; session: string; username?: string; clientId?: string };

interface Ctx {
  io: Io;
  backend: Backend;
  styles: Styles;
  ask: Asker | undefined;
  opts: Record<string, unknown>;
  now: () => number;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const required = (v: string) => (v.trim() === '' ? 'required' : true);
const sixDigits = (v: string) =>
  /^\d{6}$/.test(v.trim()) ? true : 'the code is the 6 digits your app shows';

function say(c: Ctx, line = ''): void {
  c.io.stderr(`${line}\n`);
}

function missingFlags(what: string): ParamError {
  return new ParamError(
    `cognito-totp enroll: ${what}, and standard input is not a terminal, so it cannot ask.\n` +
      'Pass the answers as flags:\n' +
      '  to sign in:  --access-token TOKEN\n' +
      '           or  --username NAME --password PASSWORD --client-id ID   (--password - reads it from stdin)\n' +
      '           or  --session SESSION --username NAME --client-id ID     (an MFA_SETUP challenge)\n' +
      '  to verify:   --generate-code, or --no-verify now and --code CODE later\n' +
      "See 'cognito-totp enroll --help'.",
  );
}

async function value(c: Ctx, flag: string, key: string, message: string, secret = false): Promise<string> {
  const given = str(c.opts[key]);
  if (given !== undefined) {
    if (given === '-' && key === 'password') return (await c.io.readStdin()).replace(/\r?\n$/, '');
    return given;
  }
  if (!c.ask) throw missingFlags(`${flag} is missing`);
  return (secret ? await c.ask.password(message) : await c.ask.input(message, required)).trim();
}

/** An access token or an MFA_SETUP Session: from the flags, or by asking and signing in. */
async function credential(c: Ctx): Promise<Credential> {
  const token = str(c.opts.accessToken);
  if (token) return { kind: 'token', accessToken: token };
  const session = str(c.opts.session);
  if (session) {
    return {
      kind: 'session',
      session,
      ...(str(c.opts.username) ? { username: str(c.opts.username)! } : {}),
      ...(str(c.opts.clientId) ? { clientId: str(c.opts.clientId)! } : {}),
    };
  }
  const anySignInFlag = ['username', 'password', 'clientId'].some((k) => str(c.opts[k]) !== undefined);
  if (!anySignInFlag) {
    if (!c.ask) throw missingFlags('it needs to know who to enrol');
    const how = await c.ask.select('How do you want to sign in?', [
      { name: 'password', message: 'With a user name and password (initiate-auth USER_PASSWORD_AUTH)' },
      { name: 'token', message: 'I have an access token' },
      { name: 'session', message: 'I have a Session from an MFA_SETUP challenge' },
    ]);
    if (how === 'token') return { kind: 'token', accessToken: await c.ask.input('Access token', required) };
    if (how === 'session') {
      return {
        kind: 'session',
        session: await c.ask.input('Session', required),
        username: await c.ask.input('User name', required),
        clientId: await c.ask.input('App client ID', required),
      };
    }
  }
  return signIn(c);
}

async function signIn(c: Ctx): Promise<Credential> {
  const clientId = await value(c, '--client-id', 'clientId', 'App client ID');
  const username = await value(c, '--username', 'username', 'User name');
  const password = await value(c, '--password', 'password', 'Password', true);
  const creds = {
    backend: c.backend,
    clientId,
    username,
    password,
    flow: (str(c.opts.authFlow) ?? 'USER_PASSWORD_AUTH') as AuthFlow,
    clientSecret: str(c.opts.clientSecret),
    userPoolId: str(c.opts.userPoolId),
    now: c.now,
  };
  let answer: SignInAnswer;
  for (let attempt = 1; ; attempt++) {
    try {
      answer = await signInWithPassword(creds);
      break;
    } catch (e) {
      // An app client made by Amplify allows only SRP: sign in the way it allows, unless the flow
      // was asked for by name.
      if (
        e instanceof OperationFailed &&
        c.opts.authFlow === undefined &&
        creds.flow === 'USER_PASSWORD_AUTH' &&
        flowNotEnabled(e, 'USER_PASSWORD_AUTH')
      ) {
        say(c, 'This app client does not allow USER_PASSWORD_AUTH: signing in with SRP (USER_SRP_AUTH).');
        creds.flow = 'USER_SRP_AUTH';
        attempt--;
        continue;
      }
      const wrong = e instanceof OperationFailed && e.message === 'Incorrect username or password.';
      if (!wrong || !c.ask || attempt >= 3) throw e;
      say(c, c.styles.warning(`✘ ${e.message} Try again.`));
      creds.password = await c.ask.password('Password');
    }
  }
  say(c, `${c.styles.success('✔')} Signed in as ${username}`);
  for (;;) {
    const accessToken = answer.AuthenticationResult?.AccessToken;
    if (accessToken) return { kind: 'token', accessToken, username };
    const challenge = present(answer.ChallengeName, 'InitiateAuth', 'AuthenticationResult or ChallengeName');
    const session = String(answer.Session);
    // The name Cognito knows the user by in the answers (an alias may have signed in with SRP).
    const who =
      answer.ChallengeParameters?.USER_ID_FOR_SRP ?? answer.ChallengeParameters?.USERNAME ?? username;
    const respond = (responses: Record<string, string>) =>
      callOp(c.backend, 'RespondToAuthChallenge', {
        ClientId: clientId,
        ChallengeName: challenge,
        Session: session,
        ChallengeResponses: withSecretHash(creds, who, { USERNAME: who, ...responses }),
      });
    switch (challenge) {
      case 'MFA_SETUP':
        say(c, 'The user pool requires MFA and this user has none yet: setting it up now.');
        return { kind: 'session', session, username, clientId };
      case 'NEW_PASSWORD_REQUIRED': {
        say(c, 'This user must choose a new password.');
        const next = await value(c, '--new-password', 'newPassword', 'New password', true);
        answer = await respond({ NEW_PASSWORD: next });
        break;
      }
      case 'SELECT_MFA_TYPE':
        answer = await respond({ ANSWER: 'SOFTWARE_TOKEN_MFA' });
        break;
      case 'SOFTWARE_TOKEN_MFA': {
        if (!c.ask) {
          throw new ParamError(
            'cognito-totp enroll: this user already has an authenticator, so signing in asks for its code. ' +
              'Sign in first (initiate-auth, then respond-to-auth-challenge SOFTWARE_TOKEN_MFA) and pass --access-token.',
          );
        }
        say(c, 'This user already has an authenticator: sign in with its code (enrolling replaces it).');
        const code = (await c.ask.input('Code from the current authenticator', sixDigits)).trim();
        answer = await respond({ SOFTWARE_TOKEN_MFA_CODE: code });
        break;
      }
      default:
        throw new ParamError(
          `cognito-totp enroll: sign-in answered with the ${challenge} challenge, which enroll cannot answer. ` +
            'Sign in another way and pass --access-token.',
        );
    }
  }
}

/** Cognito's answers to a code that is not right: ask again. */
const WRONG_CODE = new Set([
  'EnableSoftwareTokenMFAException',
  'CodeMismatchException',
  'ExpiredCodeException',
]);

export default async function enrollCommand(args: string[], io: Io, deps: EnrollDeps = {}): Promise<number> {
  const parsed = parseCommand('enroll', args, io.env);
  if ('help' in parsed) {
    io.stdout(parsed.help);
    return EXIT.ok;
  }
  const { opts, globals, operands } = parsed;
  if (operands.length) throw new ParamError(`cognito-totp enroll: unexpected argument '${operands[0]}'.`);
  const interactive = io.stdinIsTTY;
  const styles = await stderrStyles(io, globals.color);
  const verifyMode =
    opts.verify === false
      ? 'none'
      : str(opts.code) !== undefined
        ? 'code'
        : opts.generateCode
          ? 'generate'
          : 'ask';
  if (str(opts.code) !== undefined && sixDigits(str(opts.code)!) !== true) {
    throw new ParamError('cognito-totp enroll: --code takes the 6 digits the app shows.');
  }
  if (!interactive) {
    // Refuse before signing in or associating anything, so a script learns at once what is missing.
    const signIn =
      str(opts.accessToken) !== undefined ||
      str(opts.session) !== undefined ||
      ['username', 'password', 'clientId'].every((k) => str(opts[k]) !== undefined);
    if (!signIn) throw missingFlags('it needs to know who to enrol');
    if (verifyMode === 'ask')
      throw missingFlags('it needs a way to verify (--generate-code, --no-verify or --code)');
  }
  const log = debugLogger(io, globals.debug);
  const { backend } = await chooseBackend(io, globals, log);
  const c: Ctx = {
    io,
    backend,
    styles,
    ask: interactive ? (deps.ask ?? enquirerAsker()) : undefined,
    opts,
    now: deps.now ?? Date.now,
  };
  try {
    return await wizard(c, verifyMode, globals);
  } catch (e) {
    if (e instanceof Cancelled) {
      io.stderr(`\n${styles.warning('Cancelled.')} Nothing else was changed.\n`);
      return EXIT.interrupted;
    }
    if (e instanceof OperationFailed) return reportError(io, e, { debug: globals.debug });
    throw e;
  }
}

async function wizard(
  c: Ctx,
  verifyMode: 'none' | 'code' | 'generate' | 'ask',
  globals: Parameters<typeof sameBackendFlags>[0],
): Promise<number> {
  const { io, styles } = c;
  if (c.ask) {
    say(c, `${styles.heading('Set up an authenticator app')} ${styles.dim(`(${c.backend.describe()})`)}`);
    say(c);
  }
  const cred = await credential(c);
  const subject = c.backend.subjectInfo
    ? c.backend.subjectInfo(
        cred.kind === 'token' ? { AccessToken: cred.accessToken } : { Session: cred.session },
      )
    : {};
  const username =
    cred.username ??
    subject.username ??
    (cred.kind === 'token' ? accountNameFromToken(cred.accessToken) : undefined);
  const auth = (): Wire =>
    cred.kind === 'token' ? { AccessToken: cred.accessToken } : { Session: cred.session };

  let secret: string | undefined;
  if (verifyMode !== 'code') {
    const associated = await callOp(c.backend, 'AssociateSoftwareToken', auth());
    secret = String(associated.SecretCode);
    if (cred.kind === 'session') cred.session = String(associated.Session);
  }
  const issuer = str(c.opts.issuer) ?? readSetting(io.env, 'issuer') ?? subject.poolName ?? 'AWSCognito';
  const accountName = str(c.opts.accountName) ?? username ?? 'user';
  const uri = secret ? buildOtpauthUri({ secret, issuer, accountName }) : undefined;

  if (secret) {
    const mode = c.opts.qr === false ? 'uri' : c.opts.qrSmall ? 'qr-small' : c.ask ? 'qr' : 'uri';
    if (c.ask || mode !== 'uri') {
      say(c);
      say(c, styles.heading('1. Scan this QR code with your authenticator app'));
      say(
        c,
        styles.dim(
          '   (Google Authenticator, Microsoft Authenticator, 1Password, Authy, ...) or type the secret',
        ),
      );
    }
    await printEnrollment(io, { secret, issuer, accountName, mode });
    io.stderr(`Secret: ${styles.code(secret)}\n`);
  }

  if (verifyMode === 'none') {
    io.stdout(
      `${JSON.stringify({ SecretCode: secret, OtpauthUri: uri, ...(cred.kind === 'session' ? { Session: cred.session } : {}) }, null, 4)}\n`,
    );
    say(c, `Verify later with: cognito-totp enroll${sameBackendFlags(globals)} ... --code CODE`);
    return EXIT.ok;
  }

  // Verify: a code given, computed, or typed (again after a wrong one, until the lockout).
  const verify = (code: string) =>
    callOp(c.backend, 'VerifySoftwareToken', {
      ...auth(),
      UserCode: code,
      ...(str(c.opts.deviceName) ? { FriendlyDeviceName: str(c.opts.deviceName)! } : {}),
    });
  let verified: Wire;
  if (verifyMode === 'code') verified = await verify(str(c.opts.code)!.trim());
  else if (verifyMode === 'generate') {
    // The previous step's code first (accepted with one step of skew) so the current one stays
    // unused for a sign-in right after; near a step boundary, the current one.
    try {
      verified = await verify(codeAt(secret!, stepAt(c.now()) - 1));
    } catch (e) {
      if (!(e instanceof OperationFailed) || !WRONG_CODE.has(e.code)) throw e;
      verified = await verify(codeAt(secret!, stepAt(c.now())));
    }
    say(c, `${styles.success('✔')} Verified with a code generated from the secret`);
  } else {
    say(c);
    say(c, styles.heading('2. Type the 6-digit code the app shows'));
    for (;;) {
      const code = (await c.ask!.input('Code', sixDigits)).trim();
      try {
        verified = await verify(code);
        break;
      } catch (e) {
        if (!(e instanceof OperationFailed)) throw e;
        if (e.code === 'TooManyRequestsException') {
          say(
            c,
            styles.error(
              '✘ Too many wrong codes: Cognito has locked verification for now. Wait a few minutes, then run cognito-totp enroll again.',
            ),
          );
          throw e;
        }
        if (!WRONG_CODE.has(e.code)) throw e;
        say(
          c,
          styles.warning(
            e.code === 'ExpiredCodeException'
              ? '✘ That code was used already. Wait for the next one (codes change every 30 seconds).'
              : "✘ That code is not right. Type the code the app shows now (codes change every 30 seconds; check that the phone's clock is set automatically).",
          ),
        );
      }
    }
    say(c, `${styles.success('✔')} Code accepted: the authenticator is verified`);
  }

  // An MFA_SETUP sign-in finishes with the verified Session, and yields the tokens.
  let accessToken = cred.kind === 'token' ? cred.accessToken : undefined;
  let authenticationResult: Response<'RespondToAuthChallenge'>['AuthenticationResult'];
  if (cred.kind === 'session') {
    if (cred.username && cred.clientId) {
      const done = await callOp(c.backend, 'RespondToAuthChallenge', {
        ClientId: cred.clientId,
        ChallengeName: 'MFA_SETUP',
        Session: String(verified.Session),
        ChallengeResponses: { USERNAME: cred.username },
      });
      authenticationResult = done.AuthenticationResult;
      accessToken = authenticationResult?.AccessToken;
      if (accessToken) say(c, `${styles.success('✔')} Sign-in completed (MFA_SETUP answered)`);
    } else {
      say(
        c,
        `To finish signing in: cognito-totp respond-to-auth-challenge${sameBackendFlags(globals)} --client-id ID --challenge-name MFA_SETUP --session ${String(verified.Session)} --challenge-responses USERNAME=NAME`,
      );
    }
  }

  // Verified is not yet in use: set-user-mfa-preference enables it for sign-in (and, if wanted,
  // makes it the preferred method over SMS or email).
  let preferred = false;
  if (accessToken) {
    let prefer = c.opts.prefer as boolean | undefined;
    if (prefer === undefined) {
      prefer = c.ask ? await c.ask.confirm('Make TOTP the preferred MFA for this user?', true) : true;
    }
    await callOp(c.backend, 'SetUserMFAPreference', {
      AccessToken: accessToken,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: prefer },
    });
    preferred = prefer;
    say(
      c,
      `${styles.success('✔')} ${prefer ? 'TOTP is now the preferred MFA' : 'TOTP is enabled for sign-in (not the preferred MFA)'}`,
    );
  }

  if (c.ask) {
    say(c);
    say(c, styles.success(`Done: ${username ?? 'the user'} signs in with a code from the app from now on.`));
  } else {
    io.stdout(
      `${JSON.stringify(
        {
          Status: String(verified.Status ?? 'SUCCESS'),
          ...(secret ? { SecretCode: secret, OtpauthUri: uri } : {}),
          PreferredMfa: preferred,
          ...(authenticationResult ? { AuthenticationResult: authenticationResult } : {}),
        },
        null,
        4,
      )}\n`,
    );
  }
  return EXIT.ok;
}
