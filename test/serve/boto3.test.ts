// boto3 (the AWS SDK for Python) against `cognito-totp serve`, configured as the README shows
// (endpoint_url, a region, any keys: the server checks no signature): both TOTP enrollment flows
// with codes computed in Python (hmac, RFC 6238), and service errors arriving as botocore
// ClientError with Cognito's error code.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, cliPoolWithUser } from '../helpers/cli.ts';
import { type Served, serve } from './harness.ts';

const PASSWORD = 'Passw0rd!';

/** The environment python3 runs in: no AWS settings from the machine; a pyenv shim still finds Python. */
function pythonEnv(): Record<string, string> {
  const env = cleanEnv({ AWS_EC2_METADATA_DISABLED: 'true' });
  const python = execFileSync('sh', ['-c', 'command -v python3 || true'], { encoding: 'utf8' }).trim();
  if (python.includes('/shims/')) env.PYENV_ROOT = process.env.PYENV_ROOT ?? dirname(dirname(python));
  return env;
}

const ENV = pythonEnv();
const probe = spawnSync('python3', ['-c', 'import boto3'], { env: ENV, encoding: 'utf8' });
const NO_BOTO3 = probe.status === 0 ? undefined : `python3 with boto3 is not available: ${probe.stderr}`;

// The client is built as in the README; every call's answer (or error) is printed as one JSON
// document for the test to check. ResponseMetadata is reduced to the status and request id.
const SCRIPT = `
import base64, hashlib, hmac, json, struct, sys, time
import boto3
from botocore.exceptions import ClientError

p = json.load(sys.stdin)
c = boto3.client('cognito-idp', endpoint_url=p['endpoint'], region_name='us-east-1',
                 aws_access_key_id='x', aws_secret_access_key='x')

def totp(secret, at=None):
    """RFC 6238 with HMAC-SHA1, 6 digits, 30 s: what an authenticator app computes."""
    key = base64.b32decode(secret + '=' * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // 30)
    mac = hmac.new(key, struct.pack('>Q', counter), hashlib.sha1).digest()
    o = mac[-1] & 15
    return '%06d' % ((struct.unpack('>I', mac[o:o + 4])[0] & 0x7fffffff) % 1000000)

def wrong_code(secret):
    near = {totp(secret, time.time() + k * 30) for k in range(-3, 4)}
    return next(c for c in ('000000', '111111', '222222', '333333', '444444', '555555', '666666', '777777') if c not in near)

out = {}
def call(name, fn, **kw):
    try:
        r = fn(**kw)
        meta = r.pop('ResponseMetadata')
        out[name] = {'ok': r, 'status': meta['HTTPStatusCode'], 'requestId': meta.get('RequestId', '')}
    except ClientError as e:
        out[name] = {'error': {'class': type(e).__name__, 'modeled': isinstance(e, getattr(c.exceptions, e.response['Error']['Code'], ())),
                               'code': e.response['Error']['Code'], 'message': e.response['Error']['Message'],
                               'status': e.response['ResponseMetadata']['HTTPStatusCode'], 'operation': e.operation_name,
                               'text': str(e)}}
    return out[name].get('ok')

# Flow 1, pool MFA ON: initiate_auth -> MFA_SETUP -> associate(Session) -> verify(Session) -> MFA_SETUP answered -> tokens.
on = p['on']
r = call('setup.initiate', c.initiate_auth, AuthFlow='USER_PASSWORD_AUTH', ClientId=on['client'],
         AuthParameters={'USERNAME': on['user'], 'PASSWORD': p['password']})
s1 = r['Session']
r = call('setup.associate', c.associate_software_token, Session=s1)
secret, s2 = r['SecretCode'], r['Session']
call('setup.associateAgain', c.associate_software_token, Session=s1)  # single use
call('setup.verifyWrong', c.verify_software_token, Session=s2, UserCode=wrong_code(secret))
r = call('setup.verify', c.verify_software_token, Session=s2, UserCode=totp(secret), FriendlyDeviceName='boto3')
s3 = r['Session']
r = call('setup.respond', c.respond_to_auth_challenge, ClientId=on['client'], ChallengeName='MFA_SETUP',
         Session=s3, ChallengeResponses={'USERNAME': on['user']})
access = r['AuthenticationResult']['AccessToken']
call('setup.getUser', c.get_user, AccessToken=access)
# The next sign-in asks for a code: the next window's (the one just used is refused as a replay).
r = call('setup.signIn', c.initiate_auth, AuthFlow='USER_PASSWORD_AUTH', ClientId=on['client'],
         AuthParameters={'USERNAME': on['user'], 'PASSWORD': p['password']})
call('setup.mfa', c.respond_to_auth_challenge, ClientId=on['client'], ChallengeName='SOFTWARE_TOKEN_MFA',
     Session=r['Session'], ChallengeResponses={'USERNAME': on['user'], 'SOFTWARE_TOKEN_MFA_CODE': totp(secret, time.time() + 30)})

# Flow 2, pool MFA OPTIONAL: a signed-in user turns TOTP on with the access token.
opt = p['optional']
r = call('token.initiate', c.initiate_auth, AuthFlow='USER_PASSWORD_AUTH', ClientId=opt['client'],
         AuthParameters={'USERNAME': opt['user'], 'PASSWORD': p['password']})
access = r['AuthenticationResult']['AccessToken']
r = call('token.associate', c.associate_software_token, AccessToken=access)
secret = r['SecretCode']
call('token.verifyWrong', c.verify_software_token, AccessToken=access, UserCode=wrong_code(secret))
call('token.verify', c.verify_software_token, AccessToken=access, UserCode=totp(secret), FriendlyDeviceName='boto3')
call('token.replay', c.verify_software_token, AccessToken=access, UserCode=totp(secret))
call('token.preference', c.set_user_mfa_preference, AccessToken=access,
     SoftwareTokenMfaSettings={'Enabled': True, 'PreferredMfa': True})
call('token.getUser', c.get_user, AccessToken=access)

# Service errors.
call('error.badToken', c.associate_software_token, AccessToken='not-a-token')
call('error.noPool', c.describe_user_pool, UserPoolId='us-east-1_nothere00')
out['secrets'] = {'setup': out['setup.associate']['ok']['SecretCode'], 'token': secret}
print(json.dumps(out))
`;

let srv: Served;
let out: Record<string, any>;

/** A pool with TOTP on, a client allowing USER_PASSWORD_AUTH and a user with a permanent password, made by the CLI in the served state file. */
function provision(mfa: 'ON' | 'OPTIONAL', user: string) {
  const sf = ['--state-file', srv.stateFile];
  const made = cliPoolWithUser(sf, {
    mfa,
    user,
    password: PASSWORD,
    poolName: `boto3-${mfa}`,
    clientName: 'py',
  });
  return { ...made, user };
}

describe.skipIf(NO_BOTO3 !== undefined)('boto3 against cognito-totp serve', () => {
  beforeAll(async () => {
    srv = await serve();
    const params = {
      endpoint: srv.url,
      password: PASSWORD,
      on: provision('ON', 'carol'),
      optional: provision('OPTIONAL', 'dave'),
    };
    const dir = mkdtempSync(join(tmpdir(), 'ct-boto3-'));
    writeFileSync(join(dir, 'flows.py'), SCRIPT);
    const r = spawnSync('python3', [join(dir, 'flows.py')], {
      env: ENV,
      input: JSON.stringify(params),
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (r.status !== 0) throw new Error(`python3 exited ${r.status}: ${r.stderr}`);
    out = JSON.parse(r.stdout);
  });
  afterAll(async () => {
    if (srv) expect(await srv.stop()).toBe(0);
  });

  const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  const SESSION = expect.stringMatching(/^[A-Za-z0-9_-]{20,}$/);
  const JWT = expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  // Sealed, as Cognito's are encrypted: a JWE with an empty encrypted-key part ("dir").
  const JWE = expect.stringMatching(/^[\w-]+\.\.[\w-]+\.[\w-]+\.[\w-]+$/);
  const tokens = {
    AccessToken: JWT,
    IdToken: JWT,
    RefreshToken: JWE,
    ExpiresIn: 3600,
    TokenType: 'Bearer',
  };

  it('MFA ON: initiate_auth answers MFA_SETUP with a Session', () => {
    expect(out['setup.initiate']).toEqual({
      ok: {
        ChallengeName: 'MFA_SETUP',
        Session: SESSION,
        ChallengeParameters: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' },
      },
      status: 200,
      requestId: expect.stringMatching(REQUEST_ID),
    });
  });

  it('associate_software_token(Session): a 52-character secret and a new Session; the old one is used up', () => {
    const { ok } = out['setup.associate'];
    expect(Object.keys(ok).sort()).toEqual(['SecretCode', 'Session']);
    expect(ok.SecretCode).toMatch(/^[A-Z2-7]{52}$/);
    expect(ok.Session).not.toBe(out['setup.initiate'].ok.Session);
    expect(out['setup.associateAgain'].error).toMatchObject({
      code: 'NotAuthorizedException',
      message: 'Invalid session for the user, session can only be used once.',
      status: 400,
    });
  });

  it('verify_software_token(Session) with the Python-computed code: SUCCESS and a new Session; a wrong code first does not use the session up', () => {
    expect(out['setup.verifyWrong'].error).toMatchObject({
      code: 'EnableSoftwareTokenMFAException',
      message: 'Code mismatch and fail enable Software Token MFA',
    });
    expect(out['setup.verify'].ok).toEqual({ Status: 'SUCCESS', Session: SESSION });
  });

  it('respond_to_auth_challenge MFA_SETUP: tokens; TOTP is then on and preferred', () => {
    expect(out['setup.respond'].ok).toEqual({ ChallengeParameters: {}, AuthenticationResult: tokens });
    expect(out['setup.getUser'].ok).toMatchObject({
      Username: 'carol',
      PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
      UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
    });
  });

  it('the next sign-in asks for SOFTWARE_TOKEN_MFA, and the code gives tokens', () => {
    expect(out['setup.signIn'].ok).toMatchObject({ ChallengeName: 'SOFTWARE_TOKEN_MFA', Session: SESSION });
    expect(out['setup.mfa'].ok).toEqual({ ChallengeParameters: {}, AuthenticationResult: tokens });
  });

  it('access-token flow: associate (no Session), a wrong code refused, the right one SUCCESS, a replay refused', () => {
    expect(out['token.initiate'].ok).toEqual({ ChallengeParameters: {}, AuthenticationResult: tokens });
    expect(out['token.associate'].ok).toEqual({ SecretCode: expect.stringMatching(/^[A-Z2-7]{52}$/) });
    expect(out['token.verifyWrong'].error).toMatchObject({
      code: 'EnableSoftwareTokenMFAException',
      status: 400,
    });
    expect(out['token.verify']).toMatchObject({ ok: { Status: 'SUCCESS' }, status: 200 });
    expect(out['token.replay'].error).toMatchObject({
      code: 'ExpiredCodeException',
      message: 'Your software token has already been used once.',
    });
    expect(out['token.preference']).toMatchObject({ ok: {}, status: 200 });
    expect(out['token.getUser'].ok).toMatchObject({
      Username: 'dave',
      PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
      UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
    });
  });

  it("service errors are botocore ClientErrors, of the client's modeled exception class, with Cognito's code and message", () => {
    expect(out['error.badToken'].error).toEqual({
      class: 'NotAuthorizedException',
      modeled: true,
      code: 'NotAuthorizedException',
      message: 'Invalid Access Token',
      status: 400,
      operation: 'AssociateSoftwareToken',
      text: 'An error occurred (NotAuthorizedException) when calling the AssociateSoftwareToken operation: Invalid Access Token',
    });
    expect(out['error.noPool'].error).toMatchObject({
      class: 'ResourceNotFoundException',
      modeled: true,
      code: 'ResourceNotFoundException',
      status: 400,
      operation: 'DescribeUserPool',
    });
    for (const name of ['setup.verifyWrong', 'token.verifyWrong']) {
      expect(out[name].error).toMatchObject({ class: 'EnableSoftwareTokenMFAException', modeled: true });
    }
  });
});
