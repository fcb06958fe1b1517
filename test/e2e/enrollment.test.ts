// A whole enrollment with the built binary on a temporary state file, codes from oathtool
// (an independent TOTP implementation); each error with its code, message and exit code 254,
// and the state file intact afterwards.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/backend/local/state/document.ts';
import { cliPoolWithUser, json, oathtool, run, tempStateFile } from '../helpers/cli.ts';

const PASSWORD = 'Passw0rd!';

function setup(mfa: 'OPTIONAL' | 'ON') {
  const stateFile = tempStateFile();
  const sf = ['--state-file', stateFile];
  const { pool, client } = cliPoolWithUser(sf, {
    mfa,
    user: 'alice',
    password: PASSWORD,
    poolName: 'e2e',
    clientName: 'app',
  });
  const signIn = () =>
    json([
      'initiate-auth',
      '--auth-flow',
      'USER_PASSWORD_AUTH',
      '--client-id',
      client,
      '--auth-parameters',
      `USERNAME=alice,PASSWORD=${PASSWORD}`,
      ...sf,
    ]);
  return { stateFile, sf, pool, client, signIn };
}

const serviceError = (stderr: string, code: string, op: string, message: string) =>
  expect(stderr).toBe(`\nAn error occurred (${code}) when calling the ${op} operation: ${message}\n`);

describe('enrollment with an access token (oathtool codes)', () => {
  let env: ReturnType<typeof setup>;
  let token: string;
  let secret: string;
  beforeAll(() => {
    env = setup('OPTIONAL');
    token = env.signIn().AuthenticationResult.AccessToken;
  });

  it('associates: a 52-character secret, no Session', () => {
    const out = run(['associate-software-token', '--access-token', token, ...env.sf]);
    expect(out.status).toBe(0);
    const body = JSON.parse(out.stdout);
    expect(Object.keys(body)).toEqual(['SecretCode']);
    secret = body.SecretCode;
    expect(secret).toMatch(/^[A-Z2-7]{52}$/);
    expect(out.stdout).toBe(`{\n    "SecretCode": "${secret}"\n}\n`);
  });

  it('refuses a wrong code with exit 254 and leaves the file a valid state', () => {
    const window = [-30, 0, 30].map((o) => oathtool(secret, o));
    const wrong = ['000000', '111111'].find((c) => !window.includes(c))!;
    const before = readFileSync(env.stateFile, 'utf8');
    const out = run(['verify-software-token', '--access-token', token, '--user-code', wrong, ...env.sf]);
    expect(out.status).toBe(254);
    expect(out.stdout).toBe('');
    serviceError(
      out.stderr,
      'EnableSoftwareTokenMFAException',
      'VerifySoftwareToken',
      'Code mismatch and fail enable Software Token MFA',
    );
    const after = JSON.parse(readFileSync(env.stateFile, 'utf8'));
    expect(after.schemaVersion).toBe(SCHEMA_VERSION);
    expect(Object.keys(after.pools)).toEqual(Object.keys(JSON.parse(before).pools));
  });

  it('accepts the code oathtool computes, and refuses it replayed', () => {
    const code = oathtool(secret);
    const ok = run(['verify-software-token', '--access-token', token, '--user-code', code, ...env.sf]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe('{\n    "Status": "SUCCESS"\n}\n');
    const again = run(['verify-software-token', '--access-token', token, '--user-code', code, ...env.sf]);
    expect(again.status).toBe(254);
    serviceError(
      again.stderr,
      'ExpiredCodeException',
      'VerifySoftwareToken',
      'Your software token has already been used once.',
    );
  });

  it('refuses both a token and a session', () => {
    const out = run([
      'associate-software-token',
      '--access-token',
      token,
      '--session',
      'S'.repeat(40),
      ...env.sf,
    ]);
    expect(out.status).toBe(254);
    expect(out.stderr).toMatch(
      /^\nAn error occurred \(InvalidParameterException\) when calling the AssociateSoftwareToken operation: .*not both/,
    );
  });

  it('refuses an expired access token (clock moved two hours with libfaketime)', () => {
    const out = run(['associate-software-token', '--access-token', token, ...env.sf], { clockOffset: 7200 });
    expect(out.status).toBe(254);
    serviceError(out.stderr, 'NotAuthorizedException', 'AssociateSoftwareToken', 'Access Token has expired');
  });
});

describe('enrollment with sessions (MFA ON)', () => {
  it('MFA_SETUP chain; a used session and an expired one are refused', () => {
    const env = setup('ON');
    const challenge = env.signIn();
    expect(challenge.ChallengeName).toBe('MFA_SETUP');
    const assoc = json(['associate-software-token', '--session', challenge.Session, ...env.sf]);
    expect(Object.keys(assoc)).toEqual(['SecretCode', 'Session']);
    const used = run(['associate-software-token', '--session', challenge.Session, ...env.sf]);
    expect(used.status).toBe(254);
    serviceError(
      used.stderr,
      'NotAuthorizedException',
      'AssociateSoftwareToken',
      'Invalid session for the user, session can only be used once.',
    );
    const expired = run(
      [
        'verify-software-token',
        '--session',
        assoc.Session,
        '--user-code',
        oathtool(assoc.SecretCode, 240),
        ...env.sf,
      ],
      {
        clockOffset: 240,
      },
    );
    expect(expired.status).toBe(254);
    serviceError(
      expired.stderr,
      'NotAuthorizedException',
      'VerifySoftwareToken',
      'Invalid session for the user, session is expired.',
    );
    const verified = json([
      'verify-software-token',
      '--session',
      assoc.Session,
      '--user-code',
      oathtool(assoc.SecretCode),
      ...env.sf,
    ]);
    expect(verified.Status).toBe('SUCCESS');
    const done = json([
      'respond-to-auth-challenge',
      '--client-id',
      env.client,
      '--challenge-name',
      'MFA_SETUP',
      '--session',
      verified.Session,
      '--challenge-responses',
      'USERNAME=alice',
      ...env.sf,
    ]);
    expect(done.AuthenticationResult.TokenType).toBe('Bearer');
    expect(JSON.parse(readFileSync(env.stateFile, 'utf8')).schemaVersion).toBe(SCHEMA_VERSION);
  });
});
