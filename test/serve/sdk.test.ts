// The AWS SDK for JavaScript v3 against `cognito-totp serve`: both TOTP enrollment flows end to
// end, and the tokens it mints verified with aws-jwt-verify against the served JWKS.
import {
  AdminCreateUserCommand,
  AssociateSoftwareTokenCommand,
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  GetUserCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { JwtRsaVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeAt, stepAt } from '../../src/backend/local/totp.ts';
import { type Served, serveWithSdkForFile } from './harness.ts';

const TEMP = 'Temp0rary!';
const FINAL = 'Final-Passw0rd';

let srv: Served;
let sdk: CognitoIdentityProviderClient;

serveWithSdkForFile((s) => {
  ({ srv, sdk } = s);
});

/** The current code, or the next step's (the emulator refuses a step already used). */
const code = (secret: string, ahead = 0) => codeAt(secret, stepAt(Date.now()) + ahead);

async function poolWith(mfa: 'ON' | 'OPTIONAL') {
  const pool = (await sdk.send(new CreateUserPoolCommand({ PoolName: `sdk-${mfa}` }))).UserPool!.Id!;
  await sdk.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: pool,
      SoftwareTokenMfaConfiguration: { Enabled: true },
      MfaConfiguration: mfa,
    }),
  );
  const client = (
    await sdk.send(
      new CreateUserPoolClientCommand({
        UserPoolId: pool,
        ClientName: 'app',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    )
  ).UserPoolClient!.ClientId!;
  await sdk.send(
    new AdminCreateUserCommand({
      UserPoolId: pool,
      Username: 'alice',
      TemporaryPassword: TEMP,
      MessageAction: 'SUPPRESS',
    }),
  );
  return { pool, client };
}

describe('MFA ON: NEW_PASSWORD_REQUIRED → MFA_SETUP → associate/verify with Session → tokens', () => {
  let pool: string;
  let client: string;
  let tokens: { AccessToken?: string | undefined; IdToken?: string | undefined };

  beforeAll(async () => {
    ({ pool, client } = await poolWith('ON'));
  });

  it('enrols with Sessions only and gets tokens', async () => {
    const first = await sdk.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: client,
        AuthParameters: { USERNAME: 'alice', PASSWORD: TEMP },
      }),
    );
    expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const setup = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: client,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: first.Session!,
        ChallengeResponses: { USERNAME: 'alice', NEW_PASSWORD: FINAL },
      }),
    );
    expect(setup.ChallengeName).toBe('MFA_SETUP');
    const assoc = await sdk.send(new AssociateSoftwareTokenCommand({ Session: setup.Session! }));
    expect(assoc.SecretCode).toMatch(/^[A-Z2-7]{52}$/);
    expect(assoc.Session).toBeTruthy();
    const verified = await sdk.send(
      new VerifySoftwareTokenCommand({ Session: assoc.Session!, UserCode: code(assoc.SecretCode!) }),
    );
    expect(verified.Status).toBe('SUCCESS');
    const done = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: client,
        ChallengeName: 'MFA_SETUP',
        Session: verified.Session!,
        ChallengeResponses: { USERNAME: 'alice' },
      }),
    );
    expect(done.AuthenticationResult?.AccessToken).toBeTruthy();
    expect(done.AuthenticationResult?.IdToken).toBeTruthy();
    tokens = done.AuthenticationResult!;
    const me = await sdk.send(new GetUserCommand({ AccessToken: tokens.AccessToken! }));
    expect(me.Username).toBe('alice');
  });

  it('tokens carry iss = http://127.0.0.1:PORT/poolId and verify with aws-jwt-verify via the served JWKS', async () => {
    const issuer = `${srv.url}/${pool}`;
    const conf = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as {
      issuer: string;
      jwks_uri: string;
    };
    expect(conf.issuer).toBe(issuer);
    expect(conf.jwks_uri).toBe(`${issuer}/.well-known/jwks.json`);
    // aws-jwt-verify's own fetcher speaks https only; this one fetches the same jwks_uri over http.
    const jwksCache = new SimpleJwksCache({
      fetcher: { fetch: async (uri: string) => (await fetch(uri)).arrayBuffer() },
    });
    const access = JwtRsaVerifier.create(
      {
        issuer,
        audience: null,
        jwksUri: conf.jwks_uri,
        customJwtCheck: ({ payload }) => {
          if (payload.client_id !== client || payload.token_use !== 'access') throw new Error('not ours');
        },
      },
      { jwksCache },
    );
    const id = JwtRsaVerifier.create({ issuer, audience: client, jwksUri: conf.jwks_uri }, { jwksCache });
    const a = await access.verify(tokens.AccessToken!);
    expect(a.iss).toBe(issuer);
    expect(a.token_use).toBe('access');
    const i = await id.verify(tokens.IdToken!);
    expect(i['cognito:username']).toBe('alice');
    // A token changed by one character is refused.
    const t = tokens.IdToken!;
    const at = t.lastIndexOf('.') + 10;
    const bad = t.slice(0, at) + (t[at] === 'A' ? 'B' : 'A') + t.slice(at + 1);
    await expect(id.verify(bad)).rejects.toThrow();
  });

  it('jwks.json of an unknown pool is a 404', async () => {
    const r = await fetch(`${srv.url}/us-east-1_nothere/.well-known/jwks.json`);
    expect(r.status).toBe(404);
  });
});

describe('MFA OPTIONAL: access token → associate/verify → preference → SOFTWARE_TOKEN_MFA sign-in', () => {
  it('enrols and then signs in with a TOTP code', async () => {
    const { client } = await poolWith('OPTIONAL');
    const first = await sdk.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: client,
        AuthParameters: { USERNAME: 'alice', PASSWORD: TEMP },
      }),
    );
    expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const signedIn = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: client,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: first.Session!,
        ChallengeResponses: { USERNAME: 'alice', NEW_PASSWORD: FINAL },
      }),
    );
    const accessToken = signedIn.AuthenticationResult!.AccessToken!;
    const assoc = await sdk.send(new AssociateSoftwareTokenCommand({ AccessToken: accessToken }));
    expect(assoc.Session).toBeUndefined();
    const verified = await sdk.send(
      new VerifySoftwareTokenCommand({
        AccessToken: accessToken,
        UserCode: code(assoc.SecretCode!),
        FriendlyDeviceName: 'phone',
      }),
    );
    expect(verified.Status).toBe('SUCCESS');
    await sdk.send(
      new SetUserMFAPreferenceCommand({
        AccessToken: accessToken,
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
    const mfa = await sdk.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: client,
        AuthParameters: { USERNAME: 'alice', PASSWORD: FINAL },
      }),
    );
    expect(mfa.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    // The verify used this step's code; sign in with the next step's (inside the accepted window).
    const done = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: client,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: mfa.Session!,
        ChallengeResponses: { USERNAME: 'alice', SOFTWARE_TOKEN_MFA_CODE: code(assoc.SecretCode!, 1) },
      }),
    );
    expect(done.AuthenticationResult?.AccessToken).toBeTruthy();
  });

  it('service errors reach the SDK as typed exceptions with the request id', async () => {
    const err = await sdk.send(new GetUserCommand({ AccessToken: 'not-a-token' })).then(
      () => undefined,
      (e: any) => e,
    );
    expect(err?.name).toBe('NotAuthorizedException');
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
