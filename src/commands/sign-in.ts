// cognito-totp sign-in: a user signed in the way the SDKs do it (USER_SRP_AUTH by default), every
// challenge on the way answered from flags or, in a terminal, by asking; the last answer printed as
// initiate-auth prints it, so `--query AuthenticationResult.AccessToken --output text` works. The
// terminal's way through an app client that allows only SRP (Amplify's default).
import { codeAt, stepAt } from '../backend/local/totp.ts';
import { chooseBackend } from '../cli/compose.ts';
import { printAnswer } from '../cli/operation.ts';
import { debugLogger } from '../cli/report.ts';
import { readSetting } from '../config/settings.ts';
import { EXIT, GeneralError, ParamError } from '../errors.ts';
import type { Io } from '../shared/io.ts';
import { parseCommand } from './args.ts';
import { type Asker, enquirerAsker } from './ask.ts';
import { type SignInAnswer, signInWithPassword, withSecretHash } from './authenticate.ts';
import { callOp, present } from './calls.ts';
import type { AuthFlow } from './specs.ts';
import { normaliseSecret } from './totp.ts';

export interface SignInDeps {
  ask?: Asker;
  now?: () => number;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function cannotAsk(what: string): ParamError {
  return new ParamError(
    `cognito-totp sign-in: ${what}, and standard input is not a terminal, so it cannot ask.\nSee 'cognito-totp sign-in --help'.`,
  );
}

export default async function signInCommand(args: string[], io: Io, deps: SignInDeps = {}): Promise<number> {
  const parsed = parseCommand('sign-in', args, io.env);
  if ('help' in parsed) {
    io.stdout(parsed.help);
    return EXIT.ok;
  }
  const { opts, globals, operands } = parsed;
  if (operands.length) throw new ParamError(`cognito-totp sign-in: unexpected argument '${operands[0]}'.`);
  const now = deps.now ?? Date.now;
  // Whether a terminal can be asked is looked at only when something must be asked: reading stdin's
  // isTTY creates the stream, which loads Node's stream modules (a tenth of a sign-in given all flags).
  let asker: Asker | undefined | null = deps.ask ?? null;
  const ask = () => {
    if (asker === null) asker = io.stdinIsTTY ? enquirerAsker() : undefined;
    return asker;
  };
  const need = async (key: string, flag: string, question: string, secret: boolean): Promise<string> => {
    const given = str(opts[key]);
    if (given !== undefined) return given;
    const a = ask();
    if (!a) throw cannotAsk(`${flag} is missing`);
    const v = secret
      ? await a.password(question)
      : await a.input(question, (x) => (x.trim() ? true : 'required'));
    return secret ? v : v.trim();
  };
  const clientId = await need('clientId', '--client-id', 'App client ID', false);
  const username = await need('username', '--username', 'User name', false);
  if (opts.passwordStdin === true && opts.password !== undefined)
    throw new ParamError('cognito-totp sign-in: give --password or --password-stdin, not both.');
  if (opts.totpCode !== undefined && opts.totpSecret !== undefined)
    throw new ParamError('cognito-totp sign-in: give --totp-code or --totp-secret, not both.');
  const totpSecret = str(opts.totpSecret) === undefined ? undefined : normaliseSecret(str(opts.totpSecret)!);
  // A bad --query is refused before anything is sent, as the AWS CLI does.
  const query =
    globals.query !== undefined
      ? (await import('../output/query.ts')).compileQuery(globals.query)
      : undefined;
  const password =
    opts.passwordStdin === true
      ? (await io.readStdin()).replace(/\r?\n$/, '')
      : await need('password', '--password', 'Password', true);
  if (password === '') throw new ParamError('cognito-totp sign-in: the password is empty.');

  const log = debugLogger(io, globals.debug);
  const { backend, output } = await chooseBackend(io, globals, log);
  log(`backend: ${backend.describe()}`);
  const flow = (str(opts.authFlow) ?? 'USER_SRP_AUTH') as AuthFlow;
  const creds = {
    backend,
    clientId,
    username,
    password,
    flow,
    clientSecret: str(opts.clientSecret),
    userPoolId: str(opts.userPoolId),
    now,
  };
  // Steps only: requests and answers hold passwords, SRP values, sessions and tokens.
  log(`sign-in: ${flow} as ${username} through client ${clientId}`);
  let answer: SignInAnswer = await signInWithPassword(creds);
  for (let step = 0; answer.AuthenticationResult === undefined; step++) {
    if (step >= 8) throw new GeneralError('Sign-in did not finish after 8 challenges; giving up.');
    const name = present(
      answer.ChallengeName,
      'RespondToAuthChallenge',
      'AuthenticationResult or ChallengeName',
    );
    log(`sign-in: challenge ${name}`);
    // The name Cognito knows the user by in the answers (an alias may have signed in).
    const who =
      answer.ChallengeParameters?.USER_ID_FOR_SRP ?? answer.ChallengeParameters?.USERNAME ?? username;
    const session = answer.Session;
    const respond = (responses: Record<string, string>, s = session) =>
      callOp(backend, 'RespondToAuthChallenge', {
        ClientId: clientId,
        ChallengeName: name,
        ChallengeResponses: withSecretHash(creds, who, { USERNAME: who, ...responses }),
        ...(s !== undefined ? { Session: s } : {}),
      });
    switch (name) {
      case 'SOFTWARE_TOKEN_MFA': {
        const code =
          totpSecret !== undefined
            ? codeAt(totpSecret, stepAt(now()))
            : await need('totpCode', '--totp-code', 'Code from the authenticator app', false);
        answer = await respond({ SOFTWARE_TOKEN_MFA_CODE: code });
        break;
      }
      case 'SELECT_MFA_TYPE':
        answer = await respond({ ANSWER: 'SOFTWARE_TOKEN_MFA' });
        break;
      case 'NEW_PASSWORD_REQUIRED': {
        const next = await need('newPassword', '--new-password', 'New password', true);
        answer = await respond({ NEW_PASSWORD: next });
        break;
      }
      case 'MFA_SETUP': {
        const a = ask();
        if (!a) {
          throw cannotAsk(
            'the pool requires MFA and this user has no authenticator yet (MFA_SETUP): the enrollment needs a person to scan a QR code',
          );
        }
        answer = await setUpTotp(io, a, backend, session, who, (responses, s) => respond(responses, s));
        break;
      }
      default:
        throw new GeneralError(`cognito-totp sign-in cannot answer the ${name} challenge.`);
    }
  }
  return printAnswer(io, 'InitiateAuth', answer, globals, output, query);
}

/** MFA_SETUP in a terminal: associate with the Session, show the QR code, verify the typed code. */
async function setUpTotp(
  io: Io,
  ask: Asker,
  backend: Parameters<typeof callOp>[0],
  session: string | undefined,
  username: string,
  respond: (responses: Record<string, string>, session: string | undefined) => Promise<SignInAnswer>,
): Promise<SignInAnswer> {
  const s = present(session, 'InitiateAuth', 'Session');
  const associated = await callOp(backend, 'AssociateSoftwareToken', { Session: s });
  const secret = present(associated.SecretCode, 'AssociateSoftwareToken', 'SecretCode');
  const issuer =
    readSetting(io.env, 'issuer') ?? backend.subjectInfo?.({ Session: s }).poolName ?? 'AWSCognito';
  const { printEnrollment } = await import('../cli/enrollment.ts');
  io.stderr('The pool requires MFA: scan this QR code with your authenticator app.\n');
  await printEnrollment(io, { secret, issuer, accountName: username, mode: 'qr' });
  const code = await ask.input('Code from the app', (v) =>
    /^\d{6}$/.test(v.trim()) ? true : 'the code is the 6 digits your app shows',
  );
  const verified = await callOp(backend, 'VerifySoftwareToken', {
    Session: present(associated.Session, 'AssociateSoftwareToken', 'Session'),
    UserCode: code.trim(),
  });
  return respond({}, verified.Session);
}
