// Issue 16's upkeep and sign-in items through `cognito-totp serve` with the AWS SDK for JavaScript
// v3: update-user-pool (settings replaced, errors, effect on sign-up and sign-in), signing in by
// email (UsernameAttributes) and by alias (AliasAttributes, AliasExistsException), and the limit on
// code requests (LimitExceededException).
import {
  AdminGetUserCommand,
  type CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
  SignUpCommand,
  UpdateUserAttributesCommand,
  UpdateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { LocalBackend } from '../../src/backend/local/index.ts';
import { SrpClient } from '../../src/srp/client.ts';
import { type Served, serveWithSdkForFile } from './harness.ts';

let srv: Served;
let sdk: CognitoIdentityProviderClient;

serveWithSdkForFile((s) => {
  ({ srv, sdk } = s);
});

const PASSWORD = 'Passw0rd!';
const claims = (jwt: string | undefined) =>
  JSON.parse(Buffer.from(jwt!.split('.')[1]!, 'base64url').toString());
/** The latest message of the pool's outbox, read from the state file the server writes. */
const lastMessage = (pool: string) =>
  new LocalBackend({ stateFile: srv.stateFile }).messages({ poolId: pool }).at(-1)!;

async function failure(p: Promise<unknown>): Promise<[string, string]> {
  try {
    await p;
  } catch (e) {
    const err = e as Error;
    return [err.name, err.message];
  }
  throw new Error('expected the call to fail');
}

async function newPool(settings: Record<string, unknown>) {
  const pool = (await sdk.send(new CreateUserPoolCommand({ PoolName: 'pools', ...settings }))).UserPool!.Id!;
  const client = (
    await sdk.send(
      new CreateUserPoolClientCommand({
        UserPoolId: pool,
        ClientName: 'app',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    )
  ).UserPoolClient!.ClientId!;
  return { pool, client };
}

const signIn = (client: string, USERNAME: string) =>
  sdk.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: client,
      AuthParameters: { USERNAME, PASSWORD },
    }),
  );

async function signUpAndConfirm(
  client: string,
  pool: string,
  Username: string,
  email: string,
  force?: boolean,
) {
  const r = await sdk.send(
    new SignUpCommand({
      ClientId: client,
      Username,
      Password: PASSWORD,
      UserAttributes: [{ Name: 'email', Value: email }],
    }),
  );
  const m = lastMessage(pool);
  const confirm = (ForceAliasCreation?: boolean) =>
    sdk.send(
      new ConfirmSignUpCommand({
        ClientId: client,
        Username,
        ConfirmationCode: m.code,
        ...(ForceAliasCreation !== undefined ? { ForceAliasCreation } : {}),
      }),
    );
  if (force !== false) await confirm(force);
  return { sub: r.UserSub!, confirm };
}

describe('update-user-pool through serve', () => {
  it('replaces the settings (what is left out goes back to its default), with its errors and effects', async () => {
    const { pool, client } = await newPool({ AutoVerifiedAttributes: ['email'] });
    const missing = await failure(sdk.send(new UpdateUserPoolCommand({ UserPoolId: 'us-east-1_missing0' })));
    expect(missing).toEqual(['ResourceNotFoundException', 'User pool us-east-1_missing0 does not exist.']);
    const noFactor = await failure(
      sdk.send(new UpdateUserPoolCommand({ UserPoolId: pool, MfaConfiguration: 'ON' })),
    );
    expect(noFactor[0]).toBe('InvalidParameterException');
    expect(noFactor[1]).toMatch(/^SMS configuration and Auto verification for phone_number are required/);
    await sdk.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: pool,
        SoftwareTokenMfaConfiguration: { Enabled: true },
        MfaConfiguration: 'OPTIONAL',
      }),
    );
    await sdk.send(
      new UpdateUserPoolCommand({
        UserPoolId: pool,
        MfaConfiguration: 'ON',
        Policies: { PasswordPolicy: { MinimumLength: 14 } },
        DeviceConfiguration: { ChallengeRequiredOnNewDevice: true },
        UserPoolTags: { env: 'test' },
      }),
    );
    const p = (await sdk.send(new DescribeUserPoolCommand({ UserPoolId: pool }))).UserPool!;
    expect(p.MfaConfiguration).toBe('ON');
    expect(p.Policies?.PasswordPolicy?.MinimumLength).toBe(14);
    expect(p.DeviceConfiguration).toEqual({ ChallengeRequiredOnNewDevice: true });
    expect(p.UserPoolTags).toEqual({ env: 'test' });
    // AutoVerifiedAttributes was left out: gone, so sign-up sends no code.
    expect(p.AutoVerifiedAttributes).toBeUndefined();
    const weak = await failure(
      sdk.send(new SignUpCommand({ ClientId: client, Username: 'dave', Password: PASSWORD })),
    );
    expect(weak).toEqual([
      'InvalidPasswordException',
      'Password did not conform with policy: Password not long enough',
    ]);
    const ok = await sdk.send(
      new SignUpCommand({
        ClientId: client,
        Username: 'dave',
        Password: 'Long-enough-passw0rd',
        UserAttributes: [{ Name: 'email', Value: 'dave@example.com' }],
      }),
    );
    expect(ok.CodeDeliveryDetails).toBeUndefined();
  });
});

describe('sign-in by email through serve', () => {
  it('UsernameAttributes: sign-up, confirm and sign-in (password and SRP) by email; the username is the sub', async () => {
    const { pool, client } = await newPool({
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
    });
    const notEmail = await failure(
      sdk.send(new SignUpCommand({ ClientId: client, Username: 'carol', Password: PASSWORD })),
    );
    expect(notEmail).toEqual(['InvalidParameterException', 'Username should be an email.']);
    const { sub } = await signUpAndConfirm(client, pool, 'carol@example.com', 'carol@example.com');
    const got = await sdk.send(new AdminGetUserCommand({ UserPoolId: pool, Username: 'carol@example.com' }));
    expect([got.Username, got.UserStatus]).toEqual([sub, 'CONFIRMED']);
    const tokens = (await signIn(client, 'carol@example.com')).AuthenticationResult!;
    expect(claims(tokens.AccessToken).username).toBe(sub);
    const srp = new SrpClient(pool);
    const first = await sdk.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_SRP_AUTH',
        ClientId: client,
        AuthParameters: { USERNAME: 'carol@example.com', SRP_A: srp.srpA },
      }),
    );
    expect(first.ChallengeParameters?.USER_ID_FOR_SRP).toBe(sub);
    const done = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: client,
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeResponses: srp.answer(first.ChallengeParameters!, PASSWORD),
      }),
    );
    expect(claims(done.AuthenticationResult?.IdToken).email).toBe('carol@example.com');
    await signUpAndConfirm(client, pool, 'dave@example.com', 'dave@example.com');
    const dave = (await signIn(client, 'dave@example.com')).AuthenticationResult!;
    const taken = await failure(
      sdk.send(
        new UpdateUserAttributesCommand({
          AccessToken: dave.AccessToken,
          UserAttributes: [{ Name: 'email', Value: 'carol@example.com' }],
        }),
      ),
    );
    expect(taken).toEqual(['AliasExistsException', 'An account with the given email already exists.']);
  });

  it('AliasAttributes: a verified email signs in; confirming it for a second user is AliasExistsException unless forced', async () => {
    const { pool, client } = await newPool({ AliasAttributes: ['email'], AutoVerifiedAttributes: ['email'] });
    await signUpAndConfirm(client, pool, 'carol', 'shared@example.com');
    expect(
      claims((await signIn(client, 'shared@example.com')).AuthenticationResult?.AccessToken).username,
    ).toBe('carol');
    const dave = await signUpAndConfirm(client, pool, 'dave', 'shared@example.com', false);
    expect(await failure(dave.confirm())).toEqual([
      'AliasExistsException',
      'An account with the given email already exists.',
    ]);
    await dave.confirm(true);
    expect(
      claims((await signIn(client, 'shared@example.com')).AuthenticationResult?.AccessToken).username,
    ).toBe('dave');
  });
});

describe('code requests through serve', () => {
  it('the sixth resend-confirmation-code within the hour is LimitExceededException', async () => {
    const { pool, client } = await newPool({ AutoVerifiedAttributes: ['email'] });
    await signUpAndConfirm(client, pool, 'erin', 'erin@example.com', false);
    for (let i = 0; i < 5; i++)
      await sdk.send(new ResendConfirmationCodeCommand({ ClientId: client, Username: 'erin' }));
    expect(
      await failure(sdk.send(new ResendConfirmationCodeCommand({ ClientId: client, Username: 'erin' }))),
    ).toEqual(['LimitExceededException', 'Attempt limit exceeded, please try after some time.']);
  });
});
