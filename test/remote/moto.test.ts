// The remote backend against moto_server (moto's Cognito emulator) on loopback: the whole TOTP
// enrollment through call(), and the same calls made by AWS CLI v2 (/usr/bin/aws) compared on the
// wire through a recording relay.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Backend } from '../../src/backend/backend.ts';
import { ServiceError } from '../../src/errors.ts';
import { type Moto, motoBackend, startMoto } from '../helpers/moto.ts';

const AWS_V2 = '/usr/bin/aws';
const haveMoto = spawnSync('python3', ['-c', 'import moto.server'], { stdio: 'ignore' }).status === 0;
const haveOathtool = spawnSync('oathtool', ['--version'], { stdio: 'ignore' }).status === 0;
const haveAwsV2 =
  existsSync(AWS_V2) &&
  /^aws-cli\/2\./.test(spawnSync(AWS_V2, ['--version'], { encoding: 'utf8' }).stdout ?? '');

/** moto's fixed TOTP secret (moto/cognitoidp/models.py associate_software_token). */
const MOTO_SECRET = 'asdfasdfasdf';

interface Exchange {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly status: number;
  readonly responseBody: string;
}

/** A relay in front of moto that records each request and answer, so two clients can be compared. */
async function startRelay(
  targetPort: number,
): Promise<{ server: Server; endpoint: string; log: Exchange[] }> {
  const log: Exchange[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const up = request(
        { host: '127.0.0.1', port: targetPort, path: req.url, method: req.method, headers: req.headers },
        (upRes) => {
          const out: Buffer[] = [];
          upRes.on('data', (c: Buffer) => out.push(c));
          upRes.on('end', () => {
            const responseBody = Buffer.concat(out);
            log.push({
              headers: req.headers,
              body: body.toString('utf8'),
              status: upRes.statusCode ?? 0,
              responseBody: responseBody.toString('utf8'),
            });
            res.writeHead(upRes.statusCode ?? 502, upRes.headers);
            res.end(responseBody);
          });
        },
      );
      up.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { server, endpoint: `http://127.0.0.1:${port}`, log };
}

/** The current code for moto's secret, never within 4 s of a window change (moto checks one window only). */
async function totpNow(): Promise<string> {
  const intoWindow = (Date.now() / 1000) % 30;
  if (intoWindow > 26) await new Promise((r) => setTimeout(r, (30.2 - intoWindow) * 1000));
  return execFileSync('oathtool', ['--totp', '-b', MOTO_SECRET], { encoding: 'utf8' }).trim();
}

const isolatedHome = mkdtempSync(join(tmpdir(), 'ct-awsv2-'));
/** The reference environment of docs/aws-cli-v2-behaviour.md: no files, test keys, fixed region. */
const AWS_ENV = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: isolatedHome,
  AWS_CONFIG_FILE: join(isolatedHome, 'no-config'),
  AWS_SHARED_CREDENTIALS_FILE: join(isolatedHome, 'no-credentials'),
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'testing',
  AWS_SECRET_ACCESS_KEY: 'testing',
  AWS_PAGER: '',
  AWS_EC2_METADATA_DISABLED: 'true',
  LANG: 'C.UTF-8',
  LC_ALL: 'C.UTF-8',
};

/** Runs v2 asynchronously: the relay lives in this process, so a blocking spawn would deadlock. */
function awsV2(
  endpoint: string,
  args: string[],
  extraEnv: Record<string, string> = {},
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(AWS_V2, ['cognito-idp', ...args, '--endpoint-url', endpoint], {
      env: { ...AWS_ENV, ...extraEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** v2's service error line (docs/aws-cli-v2-behaviour.md §2), built from our ServiceError. */
function v2ErrorText(e: ServiceError, operation: string): string {
  const retries = e.retries === undefined ? '' : ` (reached max retries: ${e.retries})`;
  return `\nAn error occurred (${e.code}) when calling the ${operation} operation${retries}: ${e.message}\n`;
}

async function serviceError(p: Promise<unknown>): Promise<ServiceError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ServiceError) return e;
    throw e;
  }
  throw new Error('expected a service error');
}

describe.skipIf(!haveMoto || !haveOathtool)('against moto_server', () => {
  let moto: Moto;
  let relay: Awaited<ReturnType<typeof startRelay>>;
  let be: Backend;
  const debugLines: string[] = [];
  let accessToken = '';

  beforeAll(async () => {
    moto = await startMoto();
    relay = await startRelay(moto.port);
    be = motoBackend(relay.endpoint, { debug: (m) => debugLines.push(m) });
  });
  afterAll(async () => {
    relay?.server.closeAllConnections();
    await new Promise<void>((resolve) => (relay ? relay.server.close(() => resolve()) : resolve()));
    await moto?.stop();
  });

  test('pool, client, user, sign-in, associate and verify a software token', async () => {
    const pool = (await be.call('CreateUserPool', { PoolName: 'totp-pool' })) as { UserPool: { Id: string } };
    const UserPoolId = pool.UserPool.Id;
    expect(UserPoolId).toMatch(/^us-east-1_/);
    const mfa = await be.call('SetUserPoolMfaConfig', {
      UserPoolId,
      SoftwareTokenMfaConfiguration: { Enabled: true },
      MfaConfiguration: 'ON',
    });
    expect(mfa).toMatchObject({ SoftwareTokenMfaConfiguration: { Enabled: true }, MfaConfiguration: 'ON' });
    const client = (await be.call('CreateUserPoolClient', {
      UserPoolId,
      ClientName: 'cli',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    })) as { UserPoolClient: { ClientId: string } };
    const ClientId = client.UserPoolClient.ClientId;
    await be.call('AdminCreateUser', {
      UserPoolId,
      Username: 'alice',
      TemporaryPassword: 'Temp-Passw0rd!',
      MessageAction: 'SUPPRESS',
    });
    await be.call('AdminSetUserPassword', {
      UserPoolId,
      Username: 'alice',
      Password: 'Final-Passw0rd!',
      Permanent: true,
    });
    const auth = (await be.call('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId,
      AuthParameters: { USERNAME: 'alice', PASSWORD: 'Final-Passw0rd!' },
    })) as { AuthenticationResult: { AccessToken: string } };
    accessToken = auth.AuthenticationResult.AccessToken;
    expect(accessToken.split('.')).toHaveLength(3);

    expect(await be.call('AssociateSoftwareToken', { AccessToken: accessToken })).toEqual({
      SecretCode: MOTO_SECRET,
    });
    const verified = await be.call('VerifySoftwareToken', {
      AccessToken: accessToken,
      UserCode: await totpNow(),
      FriendlyDeviceName: 'phone',
    });
    expect(verified).toMatchObject({ Status: 'SUCCESS' });

    const wrong = await serviceError(
      be.call('VerifySoftwareToken', {
        AccessToken: accessToken,
        UserCode: '000000',
        FriendlyDeviceName: 'phone',
      }),
    );
    expect(wrong).toMatchObject({
      code: 'CodeMismatchException',
      message: 'Code mismatch (phone)',
      status: 400,
    });

    // Admin calls were signed, the token calls were not (Cognito's authtype none).
    const byTarget = (op: string) =>
      relay.log.filter((x) => x.headers['x-amz-target'] === `AWSCognitoIdentityProviderService.${op}`);
    expect(byTarget('AdminCreateUser')[0]!.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=testing\//,
    );
    expect(byTarget('InitiateAuth')[0]!.headers.authorization).toBeUndefined();
    expect(byTarget('AssociateSoftwareToken')[0]!.headers.authorization).toBeUndefined();

    // None of the secrets of this flow reached the debug log.
    const text = debugLines.join('\n');
    for (const secret of [accessToken, MOTO_SECRET, 'Final-Passw0rd!', 'Temp-Passw0rd!', ClientId]) {
      expect(text).not.toContain(secret);
    }
  });

  describe.skipIf(!haveAwsV2)('the same calls as AWS CLI v2 makes them', () => {
    const lastTwo = () => relay.log.slice(-2);

    test('associate-software-token: same body bytes, target and answer; v2 2.9.19 signs it, we do not', async () => {
      expect(accessToken).not.toBe('');
      const v2 = await awsV2(relay.endpoint, ['associate-software-token', '--access-token', accessToken]);
      expect(v2.status).toBe(0);
      const ours = await be.call('AssociateSoftwareToken', { AccessToken: accessToken });
      expect(ours).toEqual(JSON.parse(v2.stdout));
      const [theirs, mine] = lastTwo() as [Exchange, Exchange];
      expect(mine.body).toBe(theirs.body);
      expect(mine.headers['x-amz-target']).toBe(theirs.headers['x-amz-target']);
      expect(mine.headers['content-type']).toBe(theirs.headers['content-type']);
      expect(mine.headers['accept-encoding']).toBe(theirs.headers['accept-encoding']);
      expect(mine.responseBody).toBe(theirs.responseBody);
      // Deliberate difference (docs/aws-cli-v2-behaviour.md §6, docs/emulator-semantics.md §5): v2
      // 2.9.19's model predates authtype none for this operation; current botocore and the SDKs send it
      // unsigned, as we do.
      expect(theirs.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 /);
      expect(mine.headers.authorization).toBeUndefined();
    });

    test('verify-software-token with a wrong code and a non-ASCII device name: same body, same error text', async () => {
      const name = 'Dévice "q" ✓';
      const v2 = await awsV2(relay.endpoint, [
        'verify-software-token',
        '--access-token',
        accessToken,
        '--user-code',
        '000000',
        '--friendly-device-name',
        name,
      ]);
      const e = await serviceError(
        be.call('VerifySoftwareToken', {
          AccessToken: accessToken,
          UserCode: '000000',
          FriendlyDeviceName: name,
        }),
      );
      const [theirs, mine] = lastTwo() as [Exchange, Exchange];
      expect(mine.body).toBe(theirs.body);
      expect(mine.body).toContain('"D\\u00e9vice \\"q\\" \\u2713"');
      expect(v2.status).toBe(254);
      expect(v2.stderr).toBe(v2ErrorText(e, 'VerifySoftwareToken'));
    });

    test('with AWS_MAX_ATTEMPTS=1 both report "(reached max retries: 0)" on a plain 400', async () => {
      const v2 = await awsV2(
        relay.endpoint,
        ['verify-software-token', '--access-token', accessToken, '--user-code', '000000'],
        {
          AWS_MAX_ATTEMPTS: '1',
        },
      );
      const one = motoBackend(relay.endpoint, { maxAttempts: 1, env: {} });
      const e = await serviceError(
        one.call('VerifySoftwareToken', { AccessToken: accessToken, UserCode: '000000' }),
      );
      expect(e.retries).toBe(0);
      expect(v2.stderr).toContain('(reached max retries: 0)');
      expect(v2.stderr).toBe(v2ErrorText(e, 'VerifySoftwareToken'));
    });

    test('a signed admin call: same body, same credential scope and signed header list', async () => {
      const poolId = (JSON.parse(lastPoolCreate()) as { UserPool: { Id: string } }).UserPool.Id;
      const v2 = await awsV2(relay.endpoint, [
        'admin-get-user',
        '--user-pool-id',
        poolId,
        '--username',
        'alice',
      ]);
      expect(v2.status).toBe(0);
      const ours = (await be.call('AdminGetUser', { UserPoolId: poolId, Username: 'alice' })) as {
        Username: string;
      };
      expect(ours.Username).toBe((JSON.parse(v2.stdout) as { Username: string }).Username);
      const [theirs, mine] = lastTwo() as [Exchange, Exchange];
      expect(mine.body).toBe(theirs.body);
      const scope = (h: IncomingHttpHeaders) =>
        String(h.authorization)
          .replace(/\/\d{8}\//, '/DATE/')
          .replace(/Signature=[0-9a-f]{64}$/, 'Signature=SIG');
      expect(scope(mine.headers)).toBe(scope(theirs.headers));
      expect(scope(mine.headers)).toBe(
        'AWS4-HMAC-SHA256 Credential=testing/DATE/us-east-1/cognito-idp/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=SIG',
      );
    });

    function lastPoolCreate(): string {
      const ex = relay.log.find(
        (x) => x.headers['x-amz-target'] === 'AWSCognitoIdentityProviderService.CreateUserPool',
      );
      return ex?.responseBody ?? '{}';
    }
  });
});
