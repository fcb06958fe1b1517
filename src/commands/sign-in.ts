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
import { type SignInAnswer, signInFirst, withSecretHash } from './authenticate.ts';
import { callOp, present } from './calls.ts';
import type { DeviceRecord } from './device-file.ts';
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
  // The device options and file are checked before the password is asked for.
  const device = await deviceOfOptions(opts, clientId, username);
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
  const { backend, output } = await chooseBackend(io, globals, log, { srpInMemory: true });
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
    deviceKey: device.record?.DeviceKey,
  };
  // Steps only: requests and answers hold passwords, SRP values, sessions and tokens.
  log(`sign-in: ${flow} as ${username} through client ${clientId}`);
  if (device.record) log(`sign-in: on the remembered device of ${device.from}`);
  const first = await signInFirst(creds);
  let answer: SignInAnswer = first.answer;
  if (first.deviceUnknown) {
    log('sign-in: the pool does not know the device (forgotten?): signed in without it');
    io.stderr(
      `The user pool no longer knows the device of ${device.from} (it was forgotten): signed in as a new device${device.remember ? '' : '; run with --remember-device to remember this one'}.\n`,
    );
  }
  const onDevice = device.record !== undefined && !first.deviceUnknown ? device.record : undefined;
  // The user's name in the pool (an alias may have been typed): device steps must use it.
  let userId = first.userId ?? username;
  let deviceSrp: import('../srp/client.ts').SrpClient | undefined;
  for (let step = 0; answer.AuthenticationResult === undefined; step++) {
    if (step >= 8) throw new GeneralError('Sign-in did not finish after 8 challenges; giving up.');
    const name = present(
      answer.ChallengeName,
      'RespondToAuthChallenge',
      'AuthenticationResult or ChallengeName',
    );
    log(`sign-in: challenge ${name}`);
    // The name Cognito knows the user by in the answers (an alias may have signed in).
    userId = answer.ChallengeParameters?.USER_ID_FOR_SRP ?? answer.ChallengeParameters?.USERNAME ?? userId;
    const who = userId;
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
        // The device's key goes along, as amazon-cognito-identity-js sends it.
        const key: Record<string, string> = onDevice ? { DEVICE_KEY: onDevice.DeviceKey } : {};
        answer = await respond({ SOFTWARE_TOKEN_MFA_CODE: code, ...key });
        break;
      }
      case 'DEVICE_SRP_AUTH': {
        // The remembered device proves itself with its own SRP (reference §8): the DeviceGroupKey
        // is the maths' pool name, the DeviceKey the user id, the device password the password.
        if (!onDevice) throw new GeneralError('The pool asked for DEVICE_SRP_AUTH, but no device was given.');
        const { SrpClient } = await import('../srp/client.ts');
        deviceSrp = new SrpClient(onDevice.DeviceGroupKey, { poolName: onDevice.DeviceGroupKey, now });
        answer = await respond({ DEVICE_KEY: onDevice.DeviceKey, SRP_A: deviceSrp.srpA });
        break;
      }
      case 'DEVICE_PASSWORD_VERIFIER': {
        if (!onDevice || !deviceSrp) {
          throw new GeneralError('The pool asked for DEVICE_PASSWORD_VERIFIER out of turn.');
        }
        answer = await respond(
          deviceSrp.answerDevice(answer.ChallengeParameters ?? {}, who, {
            deviceKey: onDevice.DeviceKey,
            groupKey: onDevice.DeviceGroupKey,
            password: onDevice.DevicePassword,
            // What confirm-device was sent: the proof does not use it (the server holds it).
            config: { Salt: '', PasswordVerifier: '' },
          }),
        );
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
  if (device.remember) {
    await rememberDevice(
      io,
      backend,
      answer,
      device,
      onDevice,
      { clientId, username, name: str(opts.deviceName) },
      log,
    );
  }
  return printAnswer(io, 'InitiateAuth', answer, globals, output, query);
}

interface DeviceChoice {
  /** The device to sign in on (from the flags or the file), if any. */
  record?: DeviceRecord | undefined;
  /** Where it came from, for messages: the file's path or "the --device-* flags". */
  from: string;
  /** --remember-device: the file the sign-in's new device is written to. */
  remember?: string | undefined;
}

/**
 * The device options checked before anything is sent: --device-key, --device-group-key and
 * --device-password together, or --device-file (a missing file is fine with --remember-device,
 * which will make it); a file remembered for another client or user is refused.
 */
async function deviceOfOptions(
  opts: Record<string, unknown>,
  clientId: string,
  username: string,
): Promise<DeviceChoice> {
  const flags = [str(opts.deviceKey), str(opts.deviceGroupKey), str(opts.devicePassword)];
  const file = str(opts.deviceFile);
  const remember = opts.rememberDevice === true;
  const given = flags.filter((f) => f !== undefined).length;
  if (given > 0 && given < 3) {
    throw new ParamError(
      'cognito-totp sign-in: give --device-key, --device-group-key and --device-password together (or --device-file).',
    );
  }
  if (given === 3 && file !== undefined) {
    throw new ParamError(
      'cognito-totp sign-in: give the device with --device-file or with the --device-* flags, not both.',
    );
  }
  if (remember && file === undefined) {
    throw new ParamError(
      'cognito-totp sign-in: --remember-device needs --device-file PATH, the file (mode 0600) where the device key and password are kept for the next sign-ins.',
    );
  }
  if (given === 0 && file === undefined) {
    if (opts.deviceName !== undefined)
      throw new ParamError('cognito-totp sign-in: --device-name goes with --remember-device.');
    return { from: '' };
  }
  const df = await import('./device-file.ts');
  if (given === 3) {
    const [key, group, password] = flags as [string, string, string];
    if (!df.DEVICE_KEY.test(key) || key.length > 55) {
      throw new ParamError(`cognito-totp sign-in: --device-key '${key}' is not a device key (REGION_UUID).`);
    }
    return {
      record: {
        ClientId: clientId,
        Username: username,
        DeviceKey: key,
        DeviceGroupKey: group,
        DevicePassword: password,
      },
      from: 'the --device-* flags',
    };
  }
  const path = file as string;
  if (remember) df.checkWritable(path);
  const record = df.readDevice(path);
  if (record === undefined) {
    if (remember) return { from: path, remember: path };
    throw new ParamError(
      `cognito-totp sign-in: there is no device file ${path}; sign in once with --remember-device --device-file ${path} to make one.`,
    );
  }
  if (record.ClientId !== clientId || record.Username !== username) {
    throw new ParamError(
      `cognito-totp sign-in: the device file ${path} is ${record.Username}'s through client ${record.ClientId}, not ${username}'s through ${clientId}.`,
    );
  }
  return { record, from: path, ...(remember ? { remember: path } : {}) };
}

/**
 * --remember-device after the sign-in: a new device (NewDeviceMetadata) gets a random password
 * and its SRP verifier (src/srp, as the SDKs make them), written to the device file first (so the
 * password is never lost), then confirm-device, then update-device-status remembered when the
 * pool remembers devices only on the user's prompt (DeviceOnlyRememberedOnUserPrompt: this flag
 * is that prompt). Signed in on a remembered device already, it is marked remembered again.
 */
async function rememberDevice(
  io: Io,
  backend: Parameters<typeof callOp>[0],
  answer: SignInAnswer,
  device: DeviceChoice,
  onDevice: DeviceRecord | undefined,
  who: { clientId: string; username: string; name: string | undefined },
  log: (line: string) => void,
): Promise<void> {
  const path = device.remember as string;
  const result = answer.AuthenticationResult!;
  const access = present(result.AccessToken, 'InitiateAuth', 'AuthenticationResult.AccessToken');
  const meta = result.NewDeviceMetadata;
  if (!meta?.DeviceKey || !meta.DeviceGroupKey) {
    if (onDevice) {
      log('device: update-device-status remembered (signed in on it)');
      await callOp(backend, 'UpdateDeviceStatus', {
        AccessToken: access,
        DeviceKey: onDevice.DeviceKey,
        DeviceRememberedStatus: 'remembered',
      });
      return;
    }
    throw new GeneralError(
      'cognito-totp sign-in: cannot remember this device: the sign-in gave no NewDeviceMetadata, so the user pool does not track devices (set its DeviceConfiguration, e.g. ChallengeRequiredOnNewDevice=true).',
    );
  }
  const { newDeviceSecret } = await import('../srp/client.ts');
  const df = await import('./device-file.ts');
  const secret = newDeviceSecret(meta.DeviceGroupKey, meta.DeviceKey);
  df.writeDevice(path, {
    ClientId: who.clientId,
    Username: who.username,
    DeviceKey: meta.DeviceKey,
    DeviceGroupKey: meta.DeviceGroupKey,
    DevicePassword: secret.password,
  });
  const name = who.name ?? `cognito-totp on ${(await import('node:os')).hostname()}`;
  try {
    log('device: confirm-device');
    const confirmed = await callOp(backend, 'ConfirmDevice', {
      AccessToken: access,
      DeviceKey: meta.DeviceKey,
      DeviceSecretVerifierConfig: secret.config,
      DeviceName: name,
    });
    if (confirmed.UserConfirmationNecessary === true) {
      log('device: update-device-status remembered (the pool remembers on the user prompt)');
      await callOp(backend, 'UpdateDeviceStatus', {
        AccessToken: access,
        DeviceKey: meta.DeviceKey,
        DeviceRememberedStatus: 'remembered',
      });
    }
  } catch (e) {
    df.removeDevice(path);
    throw e;
  }
  io.stderr(
    `Remembered this device (${meta.DeviceKey}); its key and password are in ${path} (mode 0600). Sign in with --device-file ${path} to use it.\n`,
  );
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
