// The AWS SDK for JavaScript v3 doing what an app's backend does with an SRP-only app client that
// has a secret (issue 15): USER_SRP_AUTH, with SRP_A and the PASSWORD_VERIFIER answer from the
// client half of src/srp and SECRET_HASH on every step, through `serve`. Flow B (pool MFA ON: a
// new user's NEW_PASSWORD_REQUIRED, then MFA_SETUP answered with the Session-only enrollment), the
// next sign-in with SOFTWARE_TOKEN_MFA, GetTokensFromRefreshToken with the ClientSecret, and
// GlobalSignOut. (Flow A through the SDK is in srp.test.ts.)
import { createHmac } from 'node:crypto';
import {
  AssociateSoftwareTokenCommand,
  type CognitoIdentityProviderClient,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { SrpClient } from '../../src/srp/client.ts';
import { claimsOf, clientPool, mfaOf, PASSWORD, TEMP_PASSWORD, totpCode } from './clients.ts';
import { type Served, serveWithSdkForFile } from './harness.ts';

let srv: Served;
let sdk: CognitoIdentityProviderClient;

serveWithSdkForFile((s) => {
  ({ srv, sdk } = s);
});

/** SECRET_HASH as the Cognito docs define it: Base64(HMAC-SHA256(secret, username + clientId)). */
const hashOf = (secret: string, username: string, clientId: string) =>
  createHmac('sha256', secret)
    .update(username + clientId)
    .digest('base64');

describe('AWS SDK v3, USER_SRP_AUTH on a client with a secret, through serve', () => {
  it('flow B: SRP → NEW_PASSWORD_REQUIRED → MFA_SETUP → associate/verify (Session) → tokens; SRP → SOFTWARE_TOKEN_MFA; GetTokensFromRefreshToken; GlobalSignOut', async () => {
    const { pool, client, clientSecret } = await clientPool(srv.port, {
      username: 'olga',
      mfa: 'ON',
      secret: true,
      temporary: true,
    });
    const hash = hashOf(clientSecret!, 'olga', client);
    const srpSignIn = async (password: string) => {
      const srp = new SrpClient(pool);
      const first = await sdk.send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_SRP_AUTH',
          ClientId: client,
          AuthParameters: { USERNAME: 'olga', SRP_A: srp.srpA, SECRET_HASH: hash },
        }),
      );
      expect(first.ChallengeName).toBe('PASSWORD_VERIFIER');
      expect(Object.keys(first.ChallengeParameters!).sort()).toEqual([
        'SALT',
        'SECRET_BLOCK',
        'SRP_B',
        'USERNAME',
        'USER_ID_FOR_SRP',
      ]);
      return sdk.send(
        new RespondToAuthChallengeCommand({
          ClientId: client,
          ChallengeName: 'PASSWORD_VERIFIER',
          ChallengeResponses: { ...srp.answer(first.ChallengeParameters!, password), SECRET_HASH: hash },
        }),
      );
    };

    const fresh = await srpSignIn(TEMP_PASSWORD);
    expect(fresh.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const setup = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: client,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: fresh.Session!,
        ChallengeResponses: { USERNAME: 'olga', NEW_PASSWORD: PASSWORD, SECRET_HASH: hash },
      }),
    );
    expect(setup.ChallengeName).toBe('MFA_SETUP');
    const assoc = await sdk.send(new AssociateSoftwareTokenCommand({ Session: setup.Session! }));
    const verified = await sdk.send(
      new VerifySoftwareTokenCommand({ Session: assoc.Session!, UserCode: totpCode(assoc.SecretCode!) }),
    );
    expect(verified.Status).toBe('SUCCESS');
    const enrolled = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: client,
        ChallengeName: 'MFA_SETUP',
        Session: verified.Session!,
        ChallengeResponses: { USERNAME: 'olga', SECRET_HASH: hash },
      }),
    );
    expect(claimsOf(enrolled.AuthenticationResult!.AccessToken!).username).toBe('olga');
    expect(await mfaOf(srv.port, pool, 'olga')).toMatchObject({ UserMFASettingList: ['SOFTWARE_TOKEN_MFA'] });

    // The new password works with SRP (a verifier was kept when it was set) and asks for the code.
    const mfa = await srpSignIn(PASSWORD);
    expect(mfa.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const done = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: client,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: mfa.Session!,
        ChallengeResponses: {
          USERNAME: 'olga',
          SOFTWARE_TOKEN_MFA_CODE: totpCode(assoc.SecretCode!, 1),
          SECRET_HASH: hash,
        },
      }),
    );
    const tokens = done.AuthenticationResult!;

    // Amplify 6's refresh call: with a secret client, only with the ClientSecret.
    await expect(
      sdk.send(
        new GetTokensFromRefreshTokenCommand({ ClientId: client, RefreshToken: tokens.RefreshToken! }),
      ),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
    const refreshed = await sdk.send(
      new GetTokensFromRefreshTokenCommand({
        ClientId: client,
        ClientSecret: clientSecret!,
        RefreshToken: tokens.RefreshToken!,
      }),
    );
    const access = refreshed.AuthenticationResult!.AccessToken!;
    expect(access).not.toBe(tokens.AccessToken);
    expect((await sdk.send(new GetUserCommand({ AccessToken: access }))).Username).toBe('olga');

    await sdk.send(new GlobalSignOutCommand({ AccessToken: access }));
    await expect(sdk.send(new GetUserCommand({ AccessToken: access }))).rejects.toMatchObject({
      name: 'NotAuthorizedException',
    });
    await expect(
      sdk.send(
        new GetTokensFromRefreshTokenCommand({
          ClientId: client,
          ClientSecret: clientSecret!,
          RefreshToken: tokens.RefreshToken!,
        }),
      ),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException' });
  });

  it('a wrong password through SRP is refused: NotAuthorizedException', async () => {
    const { pool, client } = await clientPool(srv.port, { username: 'pete', mfa: 'OPTIONAL' });
    const srp = new SrpClient(pool);
    const first = await sdk.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_SRP_AUTH',
        ClientId: client,
        AuthParameters: { USERNAME: 'pete', SRP_A: srp.srpA },
      }),
    );
    await expect(
      sdk.send(
        new RespondToAuthChallengeCommand({
          ClientId: client,
          ChallengeName: 'PASSWORD_VERIFIER',
          ChallengeResponses: srp.answer(first.ChallengeParameters!, 'Wrong-passw0rd'),
        }),
      ),
    ).rejects.toMatchObject({ name: 'NotAuthorizedException', message: 'Incorrect username or password.' });
  });
});
