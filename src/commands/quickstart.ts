// cognito-totp quickstart: from nothing to a verified authenticator in one command, on the local
// emulator. It creates a demo user pool (TOTP on, MFA optional), an app client and a user, signs
// in, associates a software token, shows the QR code, verifies with a code computed from the
// secret, makes TOTP the preferred MFA, and prints the commands to sign in with it.
import { randomInt } from 'node:crypto';
import { codeAt, stepAt } from '../backend/local/totp.ts';
import { stderrStyles } from '../cli/color.ts';
import { chooseBackend } from '../cli/compose.ts';
import { buildOtpauthUri, printEnrollment } from '../cli/enrollment.ts';
import { debugLogger, reportError } from '../cli/report.ts';
import { readSetting } from '../config/settings.ts';
import { EXIT, OperationFailed, ParamError } from '../errors.ts';
import type { Io } from '../shared/io.ts';
import { parseCommand } from './args.ts';
import { signInWithPassword } from './authenticate.ts';
import { callOp, present, sameBackendFlags, shellQuote } from './calls.ts';
import type { AuthFlow } from './specs.ts';

const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
// Symbols that need no quoting in a shell or in the CLI's shorthand syntax (no , = or quotes).
const SYMBOLS = '._-';

/** A 20-character password with every class Cognito's default policy asks for, starting with a letter. */
export function generatePassword(pick: (n: number) => number = randomInt): string {
  const all = LOWER + UPPER + DIGITS + SYMBOLS;
  const chars = [LOWER, UPPER, DIGITS, SYMBOLS].map((set) => set[pick(set.length)]!);
  while (chars.length < 19) chars.push(all[pick(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = pick(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  const first = (LOWER + UPPER)[pick(LOWER.length + UPPER.length)]!;
  return first + chars.join('');
}

export default async function quickstartCommand(
  args: string[],
  io: Io,
  now: () => number = Date.now,
): Promise<number> {
  const parsed = parseCommand('quickstart', args, io.env);
  if ('help' in parsed) {
    io.stdout(parsed.help);
    return EXIT.ok;
  }
  const { opts, globals, operands } = parsed;
  if (operands.length) throw new ParamError(`cognito-totp quickstart: unexpected argument '${operands[0]}'.`);
  const styles = await stderrStyles(io, globals.color);
  const log = debugLogger(io, globals.debug);
  const { backend } = await chooseBackend(io, globals, log);
  const where = backend.describe();
  const explicitRemote = globals.remote || globals.endpointUrl !== undefined;
  if (!where.startsWith('local') && !explicitRemote) {
    throw new ParamError(
      `cognito-totp quickstart creates a user pool, and would send it to ${where} (chosen by the environment or the backend setting).\n` +
        'It is meant for the local emulator: unset AWS_ENDPOINT_URL* / the backend setting, or pass --endpoint-url or --remote to confirm.',
    );
  }
  const username = typeof opts.username === 'string' ? opts.username : 'demo-user';
  const poolName = typeof opts.poolName === 'string' ? opts.poolName : 'cognito-totp-demo';
  const step = (s: string) => io.stderr(`${styles.success('✔')} ${s}\n`);

  try {
    io.stderr(`${styles.heading('cognito-totp quickstart')} ${styles.dim(`(${where})`)}\n\n`);
    const created = (await callOp(backend, 'CreateUserPool', { PoolName: poolName })).UserPool;
    const pool = {
      Id: present(created?.Id, 'CreateUserPool', 'UserPool.Id'),
      Name: created?.Name ?? poolName,
    };
    await callOp(backend, 'SetUserPoolMfaConfig', {
      UserPoolId: pool.Id,
      SoftwareTokenMfaConfiguration: { Enabled: true },
      MfaConfiguration: 'OPTIONAL',
    });
    step(`Created user pool ${pool.Name} (${pool.Id}) with TOTP MFA enabled, MFA optional`);

    const madeClient = (
      await callOp(backend, 'CreateUserPoolClient', {
        UserPoolId: pool.Id,
        ClientName: `${poolName}-app`,
        ExplicitAuthFlows: [
          'ALLOW_USER_SRP_AUTH',
          'ALLOW_USER_PASSWORD_AUTH',
          'ALLOW_ADMIN_USER_PASSWORD_AUTH',
          'ALLOW_REFRESH_TOKEN_AUTH',
        ],
      })
    ).UserPoolClient;
    const client = {
      ClientId: present(madeClient?.ClientId, 'CreateUserPoolClient', 'UserPoolClient.ClientId'),
    };
    step(`Created app client ${client.ClientId} (user name and password sign-in, refresh tokens)`);

    const password = generatePassword();
    await callOp(backend, 'AdminCreateUser', {
      UserPoolId: pool.Id,
      Username: username,
      MessageAction: 'SUPPRESS',
    });
    await callOp(backend, 'AdminSetUserPassword', {
      UserPoolId: pool.Id,
      Username: username,
      Password: password,
      Permanent: true,
    });
    step(`Created user ${username} with a generated password (printed below)`);

    const flow = (typeof opts.authFlow === 'string' ? opts.authFlow : 'USER_PASSWORD_AUTH') as AuthFlow;
    const auth = await signInWithPassword({
      backend,
      clientId: client.ClientId,
      username,
      password,
      flow,
      now,
    });
    const accessToken = auth.AuthenticationResult?.AccessToken;
    if (!accessToken) {
      throw new Error(
        `initiate-auth answered with the challenge ${String(auth.ChallengeName)} instead of tokens`,
      );
    }
    step(
      `Signed in as ${username} (initiate-auth ${flow}${flow === 'USER_SRP_AUTH' ? ', PASSWORD_VERIFIER answered' : ''})`,
    );

    const secret = String(
      (await callOp(backend, 'AssociateSoftwareToken', { AccessToken: accessToken })).SecretCode,
    );
    step('Associated a software token (associate-software-token)');
    const issuer =
      (typeof opts.issuer === 'string' ? opts.issuer : undefined) ??
      readSetting(io.env, 'issuer') ??
      pool.Name;
    io.stderr(
      `\n${styles.heading('Scan this QR code with your authenticator app')} (or enter the secret by hand)\n`,
    );
    await printEnrollment(io, {
      secret,
      issuer,
      accountName: username,
      mode: opts.qr === false ? 'uri' : opts.qrSmall ? 'qr-small' : 'qr',
    });
    io.stderr(`Secret: ${styles.code(secret)}\n\n`);

    // Verify with the previous step's code (Cognito accepts one step either side), so that the code
    // an app shows right now has not been used yet and the sign-in printed below works at once.
    // Near a step boundary that code can be too old: then the current one.
    const t = now();
    let code = codeAt(secret, stepAt(t) - 1);
    try {
      await callOp(backend, 'VerifySoftwareToken', {
        AccessToken: accessToken,
        UserCode: code,
        FriendlyDeviceName: 'cognito-totp quickstart',
      });
    } catch (e) {
      // Cognito says EnableSoftwareTokenMFAException; moto, CodeMismatchException.
      if (!(e instanceof OperationFailed) || !/^(EnableSoftwareTokenMFA|CodeMismatch)Exception$/.test(e.code))
        throw e;
      code = codeAt(secret, stepAt(now()));
      await callOp(backend, 'VerifySoftwareToken', {
        AccessToken: accessToken,
        UserCode: code,
        FriendlyDeviceName: 'cognito-totp quickstart',
      });
    }
    step(
      `Verified with a code generated from the secret (${code}), as your app will show (verify-software-token)`,
    );

    await callOp(backend, 'SetUserMFAPreference', {
      AccessToken: accessToken,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    });
    step('Made TOTP the preferred MFA of the user (set-user-mfa-preference)');

    const g = sameBackendFlags(globals);
    const uri = buildOtpauthUri({ secret, issuer, accountName: username });
    io.stdout(
      [
        '',
        `User pool:   ${pool.Id} (${pool.Name})`,
        `App client:  ${client.ClientId}`,
        `User:        ${username}`,
        `Password:    ${password}`,
        `TOTP secret: ${secret}`,
        `URI:         ${uri}`,
        '',
        'Try it: sign in with the password, then answer the SOFTWARE_TOKEN_MFA challenge with a code',
        '(from your app, or computed here by cognito-totp totp; each code is accepted once):',
        '',
        `  SESSION=$(cognito-totp initiate-auth${g} --client-id ${client.ClientId} --auth-flow USER_PASSWORD_AUTH \\`,
        `      --auth-parameters USERNAME=${shellQuote(username)},PASSWORD=${shellQuote(password)} --query Session --output text)`,
        `  cognito-totp respond-to-auth-challenge${g} --client-id ${client.ClientId} --challenge-name SOFTWARE_TOKEN_MFA \\`,
        `      --session "$SESSION" --challenge-responses USERNAME=${shellQuote(username)},SOFTWARE_TOKEN_MFA_CODE=$(cognito-totp totp --secret ${secret})`,
        '',
        'More:',
        `  cognito-totp admin-get-user${g} --user-pool-id ${pool.Id} --username ${shellQuote(username)}`,
        `  cognito-totp enroll${g} --client-id ${client.ClientId} --username ${shellQuote(username)}    (enrol again, interactively)`,
        `  cognito-totp list-user-pools${g} --max-results 10`,
        '',
      ].join('\n'),
    );
    return EXIT.ok;
  } catch (e) {
    if (e instanceof OperationFailed) return reportError(io, e, { debug: globals.debug });
    throw e;
  }
}
