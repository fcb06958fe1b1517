// USER_SRP_AUTH through `cognito-totp serve` over loopback (issue 15): with the client half of
// src/srp over raw HTTP and through the AWS SDK v3, and with amazon-cognito-identity-js doing its
// default SRP sign-in (authenticateUser), then TOTP enrollment, SOFTWARE_TOKEN_MFA and refresh.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  AssociateSoftwareTokenCommand,
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from 'amazon-cognito-identity-js';
import { describe, expect, it } from 'vitest';
import { secretHash } from '../../src/backend/local/context.ts';
import { codeAt, stepAt } from '../../src/backend/local/totp.ts';
import { SrpClient } from '../../src/srp/client.ts';
import { json, tempStateFile } from '../helpers/cli.ts';
import { call, raw, type Served, serve, serveWithSdkForFile, target } from './harness.ts';

const PASSWORD = 'Passw0rd-srp!';
const code = (secret: string, ahead = 0) => codeAt(secret, stepAt(Date.now()) + ahead);
const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString());

let srv: Served;
let sdk: CognitoIdentityProviderClient;

serveWithSdkForFile((s) => {
  ({ srv, sdk } = s);
});

/** A pool (TOTP on, MFA OPTIONAL), an SRP client (with a secret if asked) and a confirmed user. */
async function setup(username: string, secret = false, rotation = false) {
  const pool = (await sdk.send(new CreateUserPoolCommand({ PoolName: `srp-${username}` }))).UserPool!.Id!;
  await sdk.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: pool,
      SoftwareTokenMfaConfiguration: { Enabled: true },
      MfaConfiguration: 'OPTIONAL',
    }),
  );
  const c = (
    await sdk.send(
      new CreateUserPoolClientCommand({
        UserPoolId: pool,
        ClientName: 'spa',
        ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        GenerateSecret: secret,
        ...(rotation ? { RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 } } : {}),
      }),
    )
  ).UserPoolClient!;
  await sdk.send(
    new AdminCreateUserCommand({
      UserPoolId: pool,
      Username: username,
      TemporaryPassword: 'Temp0rary!',
      MessageAction: 'SUPPRESS',
    }),
  );
  await sdk.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: pool,
      Username: username,
      Password: PASSWORD,
      Permanent: true,
    }),
  );
  return { pool, client: c.ClientId!, secret: c.ClientSecret };
}

async function post(op: string, input: Record<string, unknown>) {
  const a = await raw(srv.port, { target: target(op), body: JSON.stringify(input) });
  return { status: a.status, type: a.headers['x-amzn-errortype'], body: JSON.parse(a.body || '{}') };
}

describe('SRP over raw HTTP with the client half of src/srp', () => {
  it('signs in, and refuses a wrong password, a tampered signature and a replayed SECRET_BLOCK', async () => {
    const { pool, client } = await setup('carol');
    const start = async () => {
      const srp = new SrpClient(pool);
      const first = await post('InitiateAuth', {
        AuthFlow: 'USER_SRP_AUTH',
        ClientId: client,
        AuthParameters: { USERNAME: 'carol', SRP_A: srp.srpA },
      });
      expect(first.status).toBe(200);
      expect(first.body.ChallengeName).toBe('PASSWORD_VERIFIER');
      return { srp, params: first.body.ChallengeParameters as Record<string, string> };
    };
    const answer = (responses: Record<string, string>) =>
      post('RespondToAuthChallenge', {
        ClientId: client,
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeResponses: responses,
      });

    let { srp, params } = await start();
    const good = srp.answer(params, PASSWORD);
    const ok = await answer(good);
    expect(ok.status).toBe(200);
    expect(claimsOf(ok.body.AuthenticationResult.AccessToken).username).toBe('carol');
    const replay = await answer(good);
    expect([replay.status, replay.body.__type, replay.body.message]).toEqual([
      400,
      'NotAuthorizedException',
      'Invalid session for the user.',
    ]);

    ({ srp, params } = await start());
    const wrong = await answer(srp.answer(params, 'not-the-password'));
    expect([wrong.body.__type, wrong.body.message]).toEqual([
      'NotAuthorizedException',
      'Incorrect username or password.',
    ]);

    ({ srp, params } = await start());
    const signed = srp.answer(params, PASSWORD);
    const sig = Buffer.from(signed.PASSWORD_CLAIM_SIGNATURE!, 'base64');
    sig[5]! ^= 0x20;
    const tampered = await answer({ ...signed, PASSWORD_CLAIM_SIGNATURE: sig.toString('base64') });
    expect([tampered.body.__type, tampered.body.message]).toEqual([
      'NotAuthorizedException',
      'Incorrect username or password.',
    ]);
  });
});

describe('SRP challenges kept in the memory of serve, not in the state file', () => {
  it('InitiateAuth writes nothing; a block from before a restart is refused; a block the CLI issued is answered', async () => {
    const stateFile = tempStateFile();
    let s = await serve(stateFile);
    try {
      const pool = (await call(s.port, 'CreateUserPool', { PoolName: 'srp-memory' })).UserPool.Id as string;
      const client = (
        await call(s.port, 'CreateUserPoolClient', {
          UserPoolId: pool,
          ClientName: 'spa',
          ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        })
      ).UserPoolClient.ClientId as string;
      await call(s.port, 'AdminCreateUser', {
        UserPoolId: pool,
        Username: 'erin',
        MessageAction: 'SUPPRESS',
      });
      await call(s.port, 'AdminSetUserPassword', {
        UserPoolId: pool,
        Username: 'erin',
        Password: PASSWORD,
        Permanent: true,
      });
      // Every file of the state's folder (state, journal, lock), byte for byte.
      const folder = dirname(stateFile);
      const files = () =>
        Object.fromEntries(
          readdirSync(folder).map((f) => [f, readFileSync(join(folder, f)).toString('base64')]),
        );
      const initiate = async (port: number, srp: SrpClient) =>
        (
          await call(port, 'InitiateAuth', {
            AuthFlow: 'USER_SRP_AUTH',
            ClientId: client,
            AuthParameters: { USERNAME: 'erin', SRP_A: srp.srpA },
          })
        ).ChallengeParameters as Record<string, string>;
      const answer = async (port: number, responses: Record<string, string>) => {
        const a = await raw(port, {
          target: target('RespondToAuthChallenge'),
          body: JSON.stringify({
            ClientId: client,
            ChallengeName: 'PASSWORD_VERIFIER',
            ChallengeResponses: responses,
          }),
        });
        return { status: a.status, body: JSON.parse(a.body) };
      };
      const invalidSession = { __type: 'NotAuthorizedException', message: 'Invalid session for the user.' };

      const before = files();
      const srp = new SrpClient(pool);
      const params = await initiate(s.port, srp);
      expect(files()).toEqual(before);
      const good = srp.answer(params, PASSWORD);
      const ok = await answer(s.port, good);
      expect(ok.status).toBe(200);
      expect(claimsOf(ok.body.AuthenticationResult.AccessToken).username).toBe('erin');
      // A sign-in that changes nothing in the state writes nothing at all.
      expect(files()).toEqual(before);
      expect((await answer(s.port, good)).body).toMatchObject(invalidSession);

      // Issued, then the server restarts: the block is unknown to the next one.
      const early = new SrpClient(pool);
      const earlyParams = await initiate(s.port, early);
      expect(await s.stop()).toBe(0);
      s = await serve(stateFile);
      const lost = await answer(s.port, early.answer(earlyParams, PASSWORD));
      expect([lost.status, lost.body]).toMatchObject([400, invalidSession]);

      // A one-shot CLI process keeps its challenge in the state file: the server answers it.
      const cli = new SrpClient(pool);
      const cliParams = json([
        'initiate-auth',
        '--client-id',
        client,
        '--auth-flow',
        'USER_SRP_AUTH',
        '--auth-parameters',
        `USERNAME=erin,SRP_A=${cli.srpA}`,
        '--state-file',
        stateFile,
      ]).ChallengeParameters as Record<string, string>;
      const viaCli = await answer(s.port, cli.answer(cliParams, PASSWORD));
      expect(viaCli.status).toBe(200);
      expect(claimsOf(viaCli.body.AuthenticationResult.AccessToken).username).toBe('erin');
    } finally {
      expect(await s.stop()).toBe(0);
    }
  });
});

describe('SRP through the AWS SDK v3 (client with a secret), then TOTP and refresh', () => {
  it('signs in with SRP, enrols TOTP, signs in with SOFTWARE_TOKEN_MFA and refreshes', async () => {
    const { pool, client, secret } = await setup('dave', true);
    const hash = secretHash(secret!, 'dave', client);
    const signIn = async () => {
      const srp = new SrpClient(pool);
      const first = await sdk.send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_SRP_AUTH',
          ClientId: client,
          AuthParameters: { USERNAME: 'dave', SRP_A: srp.srpA, SECRET_HASH: hash },
        }),
      );
      expect(first.ChallengeName).toBe('PASSWORD_VERIFIER');
      return sdk.send(
        new RespondToAuthChallengeCommand({
          ClientId: client,
          ChallengeName: 'PASSWORD_VERIFIER',
          ChallengeResponses: { ...srp.answer(first.ChallengeParameters!, PASSWORD), SECRET_HASH: hash },
        }),
      );
    };
    const tokens = (await signIn()).AuthenticationResult!;
    const assoc = await sdk.send(new AssociateSoftwareTokenCommand({ AccessToken: tokens.AccessToken! }));
    await sdk.send(
      new VerifySoftwareTokenCommand({ AccessToken: tokens.AccessToken!, UserCode: code(assoc.SecretCode!) }),
    );
    await sdk.send(
      new SetUserMFAPreferenceCommand({
        AccessToken: tokens.AccessToken!,
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
    const mfa = await signIn();
    expect(mfa.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const done = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: client,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: mfa.Session!,
        ChallengeResponses: {
          USERNAME: 'dave',
          SOFTWARE_TOKEN_MFA_CODE: code(assoc.SecretCode!, 1),
          SECRET_HASH: hash,
        },
      }),
    );
    const refreshToken = done.AuthenticationResult!.RefreshToken!;
    const refreshed = await sdk.send(
      new InitiateAuthCommand({
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: client,
        AuthParameters: { REFRESH_TOKEN: refreshToken, SECRET_HASH: hash },
      }),
    );
    expect(claimsOf(refreshed.AuthenticationResult!.AccessToken!).username).toBe('dave');
  });
});

describe('GetTokensFromRefreshToken through the AWS SDK v3 on a rotating client', () => {
  it('rotates the refresh token after an SRP sign-in and refuses the old one as reused', async () => {
    const { pool, client } = await setup('frank', false, true);
    const srp = new SrpClient(pool);
    const first = await sdk.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_SRP_AUTH',
        ClientId: client,
        AuthParameters: { USERNAME: 'frank', SRP_A: srp.srpA },
      }),
    );
    const done = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: client,
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeResponses: srp.answer(first.ChallengeParameters!, PASSWORD),
      }),
    );
    const old = done.AuthenticationResult!.RefreshToken!;
    const rotated = await sdk.send(
      new GetTokensFromRefreshTokenCommand({ ClientId: client, RefreshToken: old }),
    );
    expect(rotated.AuthenticationResult?.RefreshToken).toBeTruthy();
    expect(rotated.AuthenticationResult?.RefreshToken).not.toBe(old);
    expect(claimsOf(rotated.AuthenticationResult!.AccessToken!).username).toBe('frank');
    await expect(
      sdk.send(new GetTokensFromRefreshTokenCommand({ ClientId: client, RefreshToken: old })),
    ).rejects.toMatchObject({ name: 'RefreshTokenReuseException' });
    const again = await sdk.send(
      new GetTokensFromRefreshTokenCommand({
        ClientId: client,
        RefreshToken: rotated.AuthenticationResult!.RefreshToken!,
      }),
    );
    expect(again.AuthenticationResult?.IdToken).toBeTruthy();
  });
});

describe('amazon-cognito-identity-js, default SRP sign-in', () => {
  it('authenticateUser (SRP) → associate/verify/preference → SOFTWARE_TOKEN_MFA sign-in → refreshSession', async () => {
    const { pool: poolId, client } = await setup('erin');
    const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: client, endpoint: srv.url });
    const details = (password: string) => new AuthenticationDetails({ Username: 'erin', Password: password });

    // A wrong password through the library's own SRP: refused by the proof check.
    const wrong = await new Promise<Error>((resolve, reject) => {
      new CognitoUser({ Username: 'erin', Pool: pool }).authenticateUser(details('wrong-password'), {
        onSuccess: () => reject(new Error('signed in with a wrong password')),
        onFailure: (e) => resolve(e),
      });
    });
    expect((wrong as { code?: string }).code).toBe('NotAuthorizedException');

    const user = new CognitoUser({ Username: 'erin', Pool: pool });
    const session = await new Promise<any>((resolve, reject) => {
      user.authenticateUser(details(PASSWORD), { onSuccess: resolve, onFailure: reject });
    });
    expect(session.getAccessToken().payload.username).toBe('erin');
    const secret = await new Promise<string>((resolve, reject) => {
      user.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject });
    });
    await new Promise((resolve, reject) => {
      user.verifySoftwareToken(code(secret), 'phone', { onSuccess: resolve, onFailure: reject });
    });
    await new Promise((resolve, reject) => {
      // The README's example passes null for the SMS settings; undefined leaves it out of the JSON.
      user.setUserMfaPreference(undefined as never, { PreferredMfa: true, Enabled: true }, (err, res) =>
        err ? reject(err) : resolve(res),
      );
    });

    const again = new CognitoUser({ Username: 'erin', Pool: pool });
    const signedIn = await new Promise<any>((resolve, reject) => {
      again.authenticateUser(details(PASSWORD), {
        onSuccess: resolve,
        onFailure: reject,
        totpRequired: () => {
          again.sendMFACode(code(secret, 1), { onSuccess: resolve, onFailure: reject }, 'SOFTWARE_TOKEN_MFA');
        },
      });
    });
    const refreshed = await new Promise<any>((resolve, reject) => {
      again.refreshSession(signedIn.getRefreshToken(), (err: unknown, s: unknown) =>
        err ? reject(err) : resolve(s),
      );
    });
    expect(refreshed.getIdToken().payload['cognito:username']).toBe('erin');
    expect(refreshed.getAccessToken().getJwtToken()).not.toBe('');
  });
});
