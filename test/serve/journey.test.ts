// The account journey of issue 16 through `cognito-totp serve` with the AWS SDK for JavaScript v3,
// the way an app's integration test would run it: sign up, confirm with the code from the local
// outbox, join a group (cognito:groups in the tokens), sign in, enrol TOTP, sign out everywhere,
// sign in with TOTP, change the password, admin reset + confirm with a code, forgot password,
// disable and re-enable, and delete. The journey with MFA_SETUP and remembered devices, as one
// scenario, is journey-whole.test.ts.
import {
  AdminAddUserToGroupCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminResetUserPasswordCommand,
  AdminUserGlobalSignOutCommand,
  AssociateSoftwareTokenCommand,
  ChangePasswordCommand,
  type CognitoIdentityProviderClient,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  CreateGroupCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteUserCommand,
  ForgotPasswordCommand,
  GetUserAuthFactorsCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ListGroupsCommand,
  ListUsersCommand,
  ListUsersInGroupCommand,
  RespondToAuthChallengeCommand,
  SetUserMFAPreferenceCommand,
  SetUserPoolMfaConfigCommand,
  SignUpCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { LocalBackend } from '../../src/backend/local/index.ts';
import { codeAt, stepAt } from '../../src/backend/local/totp.ts';
import { type Served, serveWithSdkForFile } from './harness.ts';

let srv: Served;
let sdk: CognitoIdentityProviderClient;

serveWithSdkForFile((s) => {
  ({ srv, sdk } = s);
});

const claims = (jwt: string | undefined) =>
  JSON.parse(Buffer.from(jwt!.split('.')[1]!, 'base64url').toString());
/** The latest code in the outbox, read from the state file the server writes (and its journal). */
const outbox = (pool: string, user: string) =>
  new LocalBackend({ stateFile: srv.stateFile }).latestCode(pool, user);
/** What the SDK throws: its error name and message. */
async function failure(p: Promise<unknown>): Promise<[string, string]> {
  try {
    await p;
  } catch (e) {
    const err = e as Error;
    return [err.name, err.message];
  }
  throw new Error('expected the call to fail');
}

describe('the account journey through serve with the AWS SDK v3', () => {
  const P1 = 'First-Passw0rd!';
  const P2 = 'Second-Passw0rd!';
  const P3 = 'Third-Passw0rd!';
  const P4 = 'Fourth-Passw0rd!';
  let pool: string;
  let client: string;
  let secret: string;
  // The server's clock is the real one: each code must be of a later step than the last accepted
  // (replay protection), within a window either side of now. Three codes are used, so starting a
  // step behind now always leaves room, without waiting for a window to pass.
  let step = stepAt(Date.now()) - 2;
  const nextCode = () => {
    step = Math.max(step + 1, stepAt(Date.now()) - 1);
    return codeAt(secret, step);
  };
  const signIn = (PASSWORD: string) =>
    sdk.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: client,
        AuthParameters: { USERNAME: 'carol', PASSWORD },
      }),
    );

  it('sets up a pool (email auto-verified, MFA optional) with a group', async () => {
    pool = (
      await sdk.send(new CreateUserPoolCommand({ PoolName: 'journey', AutoVerifiedAttributes: ['email'] }))
    ).UserPool!.Id!;
    await sdk.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: pool,
        SoftwareTokenMfaConfiguration: { Enabled: true },
        MfaConfiguration: 'OPTIONAL',
      }),
    );
    client = (
      await sdk.send(
        new CreateUserPoolClientCommand({
          UserPoolId: pool,
          ClientName: 'app',
          ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        }),
      )
    ).UserPoolClient!.ClientId!;
    await sdk.send(new CreateGroupCommand({ UserPoolId: pool, GroupName: 'beta', Precedence: 2 }));
    await sdk.send(new CreateGroupCommand({ UserPoolId: pool, GroupName: 'staff', Precedence: 1 }));
    const groups = await sdk.send(new ListGroupsCommand({ UserPoolId: pool }));
    expect(groups.Groups!.map((g) => g.GroupName)).toEqual(['beta', 'staff']);
  });

  it('sign-up: UNCONFIRMED, a masked delivery, sign-in refused until confirmed with the outbox code', async () => {
    const weak = await failure(
      sdk.send(new SignUpCommand({ ClientId: client, Username: 'carol', Password: 'weak' })),
    );
    expect(weak[0]).toBe('InvalidPasswordException');
    const r = await sdk.send(
      new SignUpCommand({
        ClientId: client,
        Username: 'carol',
        Password: P1,
        UserAttributes: [{ Name: 'email', Value: 'carol@example.com' }],
      }),
    );
    expect(r.UserConfirmed).toBe(false);
    expect(r.CodeDeliveryDetails).toEqual({
      Destination: 'c***@e***',
      DeliveryMedium: 'EMAIL',
      AttributeName: 'email',
    });
    expect(await failure(signIn(P1))).toEqual(['UserNotConfirmedException', 'User is not confirmed.']);
    const wrong = await failure(
      sdk.send(
        new ConfirmSignUpCommand({ ClientId: client, Username: 'carol', ConfirmationCode: '000000x' }),
      ),
    );
    expect(wrong[0]).toBe('CodeMismatchException');
    await sdk.send(
      new ConfirmSignUpCommand({
        ClientId: client,
        Username: 'carol',
        ConfirmationCode: outbox(pool, 'carol')!,
      }),
    );
    const user = await sdk.send(new AdminGetUserCommand({ UserPoolId: pool, Username: 'carol' }));
    expect(user.UserStatus).toBe('CONFIRMED');
  });

  it('list-users: the Filter and AttributesToGet are honoured (serve used to return every user)', async () => {
    await sdk.send(new SignUpCommand({ ClientId: client, Username: 'dan', Password: P1 }));
    const all = await sdk.send(new ListUsersCommand({ UserPoolId: pool }));
    expect(all.Users!.map((u) => u.Username)).toEqual(['carol', 'dan']);
    const one = await sdk.send(
      new ListUsersCommand({ UserPoolId: pool, Filter: 'email ^= "carol@"', AttributesToGet: ['email'] }),
    );
    expect(one.Users!.map((u) => [u.Username, u.Attributes])).toEqual([
      ['carol', [{ Name: 'email', Value: 'carol@example.com' }]],
    ]);
    const unconfirmed = await sdk.send(
      new ListUsersCommand({ UserPoolId: pool, Filter: 'cognito:user_status = "UNCONFIRMED"' }),
    );
    expect(unconfirmed.Users!.map((u) => u.Username)).toEqual(['dan']);
    expect(
      await failure(sdk.send(new ListUsersCommand({ UserPoolId: pool, Filter: 'custom:x = "1"' }))),
    ).toEqual(['InvalidParameterException', 'Error while parsing filter.']);
  });

  it('groups: the tokens carry cognito:groups by precedence', async () => {
    for (const GroupName of ['beta', 'staff'])
      await sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: pool, Username: 'carol', GroupName }));
    const members = await sdk.send(new ListUsersInGroupCommand({ UserPoolId: pool, GroupName: 'staff' }));
    expect(members.Users!.map((u) => u.Username)).toEqual(['carol']);
    const t = (await signIn(P1)).AuthenticationResult!;
    expect(claims(t.IdToken)['cognito:groups']).toEqual(['staff', 'beta']);
    expect(claims(t.AccessToken)['cognito:groups']).toEqual(['staff', 'beta']);
    expect(claims(t.IdToken).email_verified).toBe(true);
  });

  it('enrols TOTP, signs out everywhere, and signs in with a TOTP code', async () => {
    const access = (await signIn(P1)).AuthenticationResult!.AccessToken!;
    secret = (await sdk.send(new AssociateSoftwareTokenCommand({ AccessToken: access }))).SecretCode!;
    const v = await sdk.send(new VerifySoftwareTokenCommand({ AccessToken: access, UserCode: nextCode() }));
    expect(v.Status).toBe('SUCCESS');
    await sdk.send(
      new SetUserMFAPreferenceCommand({
        AccessToken: access,
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );
    const factors = await sdk.send(new GetUserAuthFactorsCommand({ AccessToken: access }));
    expect(factors.UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(factors.ConfiguredUserAuthFactors).toEqual(['PASSWORD']);
    await sdk.send(new AdminUserGlobalSignOutCommand({ UserPoolId: pool, Username: 'carol' }));
    expect((await failure(sdk.send(new GetUserCommand({ AccessToken: access }))))[0]).toBe(
      'NotAuthorizedException',
    );
    const challenge = await signIn(P1);
    expect(challenge.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const done = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: client,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: challenge.Session!,
        ChallengeResponses: { USERNAME: 'carol', SOFTWARE_TOKEN_MFA_CODE: nextCode() },
      }),
    );
    const fresh = done.AuthenticationResult!.AccessToken!;
    await sdk.send(
      new ChangePasswordCommand({ AccessToken: fresh, PreviousPassword: P1, ProposedPassword: P2 }),
    );
    expect((await failure(signIn(P1)))[0]).toBe('NotAuthorizedException');
    expect((await signIn(P2)).ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
  });

  it('admin reset: PasswordResetRequiredException until confirm-forgot-password with the outbox code', async () => {
    await sdk.send(new AdminResetUserPasswordCommand({ UserPoolId: pool, Username: 'carol' }));
    expect(await failure(signIn(P2))).toEqual([
      'PasswordResetRequiredException',
      'Password reset required for the user',
    ]);
    await sdk.send(
      new ConfirmForgotPasswordCommand({
        ClientId: client,
        Username: 'carol',
        ConfirmationCode: outbox(pool, 'carol')!,
        Password: P3,
      }),
    );
    expect((await signIn(P3)).ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
  });

  it('forgot password: a masked delivery, then the code sets a new password', async () => {
    const r = await sdk.send(new ForgotPasswordCommand({ ClientId: client, Username: 'carol' }));
    expect(r.CodeDeliveryDetails?.Destination).toBe('c***@e***');
    const expired = await failure(
      sdk.send(
        new ConfirmForgotPasswordCommand({
          ClientId: client,
          Username: 'carol',
          ConfirmationCode: 'nope',
          Password: P4,
        }),
      ),
    );
    expect(expired[0]).toBe('CodeMismatchException');
    await sdk.send(
      new ConfirmForgotPasswordCommand({
        ClientId: client,
        Username: 'carol',
        ConfirmationCode: outbox(pool, 'carol')!,
        Password: P4,
      }),
    );
    expect((await signIn(P4)).ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
  });

  it('disable: "User is disabled."; enable: sign-in again; delete-user: gone', async () => {
    await sdk.send(new AdminDisableUserCommand({ UserPoolId: pool, Username: 'carol' }));
    expect(await failure(signIn(P4))).toEqual(['NotAuthorizedException', 'User is disabled.']);
    await sdk.send(new AdminEnableUserCommand({ UserPoolId: pool, Username: 'carol' }));
    const challenge = await signIn(P4);
    const done = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: client,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: challenge.Session!,
        ChallengeResponses: { USERNAME: 'carol', SOFTWARE_TOKEN_MFA_CODE: nextCode() },
      }),
    );
    await sdk.send(new DeleteUserCommand({ AccessToken: done.AuthenticationResult!.AccessToken! }));
    expect(
      (await failure(sdk.send(new AdminGetUserCommand({ UserPoolId: pool, Username: 'carol' }))))[0],
    ).toBe('UserNotFoundException');
  });
});
