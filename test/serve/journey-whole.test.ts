// Issue 16's "whole journey in one scenario", through `cognito-totp serve` with the AWS SDK v3, in
// one test and on one user, in the order an app's user lives it: sign up, confirm with the code
// from the outbox (the programmatic API's latestCode), sign in by SRP and get MFA_SETUP (the pool
// requires MFA), associate and verify with the challenge's sessions, sign out everywhere, sign in
// with a TOTP code and remember that device, sign in again from it without the code while another
// device is still asked, an admin reset, a forgotten password, disable, re-enable, delete.
// (journey.test.ts covers the other operations of the issue around it: groups, list-users filters,
// change-password; it signs in with a password and enrols while signed in.)
//
// Each TOTP code must be of a later 30 s step than the last one accepted (replay refusal), so the
// server's clock is moved on by a step before each code (clock.ts), never waited for; the SRP
// TIMESTAMP is made on that same clock.
import {
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminListDevicesCommand,
  AdminResetUserPasswordCommand,
  AssociateSoftwareTokenCommand,
  type AuthenticationResultType,
  CognitoIdentityProviderClient,
  ConfirmDeviceCommand,
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteUserCommand,
  ForgotPasswordCommand,
  GetUserCommand,
  GlobalSignOutCommand,
  InitiateAuthCommand,
  type InitiateAuthCommandOutput,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
  SignUpCommand,
  UpdateDeviceStatusCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { latestCode } from 'cognito-totp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeAt, stepAt } from '../../src/backend/local/totp.ts';
import { type DeviceSecret, newDeviceSecret, SrpClient } from '../../src/srp/client.ts';
import { type MovableClock, movableClock } from './clock.ts';
import { type Served, serve } from './harness.ts';

let srv: Served;
let sdk: CognitoIdentityProviderClient;
let clock: MovableClock;

beforeAll(async () => {
  clock = movableClock();
  srv = await serve(undefined, { wrap: clock.wrap });
  sdk = new CognitoIdentityProviderClient({
    endpoint: srv.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    maxAttempts: 1,
  });
});

afterAll(async () => {
  sdk?.destroy();
  clock.set(0);
  expect(await srv.stop()).toBe(0);
});

/** A sign-in step's answer, as InitiateAuth and RespondToAuthChallenge give it. */
type Challenge = { ChallengeName?: string | undefined; Session?: string | undefined };

/** What the SDK throws: its error name and message. */
async function failure(p: Promise<unknown>): Promise<[string, string]> {
  try {
    await p;
  } catch (e) {
    return [(e as Error).name, (e as Error).message];
  }
  throw new Error('expected the call to fail');
}

describe('the whole account journey of issue 16, one scenario, through serve with the AWS SDK v3', () => {
  it('sign up → confirm from the outbox → SRP sign-in → MFA_SETUP → verify → sign out → TOTP sign-in, device remembered → that device skips TOTP, another does not → admin reset → forgot password → disable → enable → delete', async () => {
    const U = 'kim';
    const [P1, P2, P3] = ['First-Passw0rd!', 'Second-Passw0rd!', 'Third-Passw0rd!'];

    // The server's clock: real time plus `offset` seconds, moved on a TOTP step before each code.
    let offset = 0;
    const serverNow = () => Date.now() + offset * 1000;
    let secret = '';
    const nextCode = () => {
      offset += 30;
      clock.set(offset);
      return codeAt(secret, stepAt(serverNow()));
    };

    // A pool that requires MFA, sends sign-up codes by email, and remembers devices on the user's
    // prompt, letting a remembered device skip the TOTP code.
    const pool = (
      await sdk.send(
        new CreateUserPoolCommand({
          PoolName: 'whole-journey',
          AutoVerifiedAttributes: ['email'],
          DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
        }),
      )
    ).UserPool!.Id!;
    await sdk.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: pool,
        SoftwareTokenMfaConfiguration: { Enabled: true },
        MfaConfiguration: 'ON',
      }),
    );
    const client = (
      await sdk.send(
        new CreateUserPoolClientCommand({
          UserPoolId: pool,
          ClientName: 'app',
          ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        }),
      )
    ).UserPoolClient!.ClientId!;
    const outbox = (kind: 'CONFIRM_SIGN_UP' | 'RESET_PASSWORD') => {
      const sent = latestCode(srv.stateFile, { userPoolId: pool, username: U, kind });
      if (!sent) throw new Error(`no ${kind} code in the outbox`);
      return sent.code;
    };

    /** USER_SRP_AUTH, as every SDK signs in: the answer to the PASSWORD_VERIFIER proof. */
    const srpSignIn = async (password: string, deviceKey?: string) => {
      const srp = new SrpClient(pool, { now: serverNow });
      const first = await sdk.send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_SRP_AUTH',
          ClientId: client,
          AuthParameters: { USERNAME: U, SRP_A: srp.srpA, ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}) },
        }),
      );
      expect(first.ChallengeName).toBe('PASSWORD_VERIFIER');
      return sdk.send(
        new RespondToAuthChallengeCommand({
          ClientId: client,
          ChallengeName: 'PASSWORD_VERIFIER',
          ChallengeResponses: {
            ...srp.answer(first.ChallengeParameters!, password),
            ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}),
          },
        }),
      );
    };
    const passwordSignIn = (password: string, deviceKey?: string): Promise<InitiateAuthCommandOutput> =>
      sdk.send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: client,
          AuthParameters: {
            USERNAME: U,
            PASSWORD: password,
            ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}),
          },
        }),
      );
    /** Answers SOFTWARE_TOKEN_MFA with the authenticator's next code: the tokens. */
    const answerTotp = async (challenge: Challenge) => {
      expect(challenge.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
      const done = await sdk.send(
        new RespondToAuthChallengeCommand({
          ClientId: client,
          ChallengeName: 'SOFTWARE_TOKEN_MFA',
          Session: challenge.Session!,
          ChallengeResponses: { USERNAME: U, SOFTWARE_TOKEN_MFA_CODE: nextCode() },
        }),
      );
      return done.AuthenticationResult!;
    };
    /** The device's own proof: DEVICE_SRP_AUTH then DEVICE_PASSWORD_VERIFIER, with no TOTP code. */
    const deviceProof = async (challenge: Challenge, device: DeviceSecret) => {
      expect(challenge.ChallengeName).toBe('DEVICE_SRP_AUTH');
      const srp = new SrpClient(pool, { poolName: device.groupKey, now: serverNow });
      const verifier = await sdk.send(
        new RespondToAuthChallengeCommand({
          ClientId: client,
          ChallengeName: 'DEVICE_SRP_AUTH',
          Session: challenge.Session!,
          ChallengeResponses: { USERNAME: U, DEVICE_KEY: device.deviceKey, SRP_A: srp.srpA },
        }),
      );
      expect(verifier.ChallengeName).toBe('DEVICE_PASSWORD_VERIFIER');
      const done = await sdk.send(
        new RespondToAuthChallengeCommand({
          ClientId: client,
          ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
          Session: verifier.Session!,
          ChallengeResponses: srp.answerDevice(verifier.ChallengeParameters!, U, device),
        }),
      );
      return done.AuthenticationResult!;
    };
    /** Confirms the device a sign-in handed out; `remember` also marks it remembered. */
    const keepDevice = async (result: AuthenticationResultType, name: string, remember: boolean) => {
      const meta = result.NewDeviceMetadata!;
      expect(meta.DeviceKey).toMatch(/^us-east-1_[0-9a-f-]{36}$/);
      const device = newDeviceSecret(meta.DeviceGroupKey!, meta.DeviceKey!);
      const confirmed = await sdk.send(
        new ConfirmDeviceCommand({
          AccessToken: result.AccessToken!,
          DeviceKey: device.deviceKey,
          DeviceSecretVerifierConfig: device.config,
          DeviceName: name,
        }),
      );
      expect(confirmed.UserConfirmationNecessary).toBe(true);
      if (remember) {
        await sdk.send(
          new UpdateDeviceStatusCommand({
            AccessToken: result.AccessToken!,
            DeviceKey: device.deviceKey,
            DeviceRememberedStatus: 'remembered',
          }),
        );
      }
      return device;
    };

    // 1. Sign up: UNCONFIRMED, a masked delivery; sign-in refused until the code from the outbox.
    const up = await sdk.send(
      new SignUpCommand({
        ClientId: client,
        Username: U,
        Password: P1,
        UserAttributes: [{ Name: 'email', Value: 'kim@example.com' }],
      }),
    );
    expect(up.UserConfirmed).toBe(false);
    expect(up.CodeDeliveryDetails?.Destination).toBe('k***@e***');
    expect(await failure(srpSignIn(P1))).toEqual(['UserNotConfirmedException', 'User is not confirmed.']);
    await sdk.send(
      new ConfirmSignUpCommand({
        ClientId: client,
        Username: U,
        ConfirmationCode: outbox('CONFIRM_SIGN_UP'),
      }),
    );
    expect((await sdk.send(new AdminGetUserCommand({ UserPoolId: pool, Username: U }))).UserStatus).toBe(
      'CONFIRMED',
    );

    // 2. Sign in by SRP: the pool requires MFA and the user has none, so MFA_SETUP.
    const setup = await srpSignIn(P1);
    expect(setup.ChallengeName).toBe('MFA_SETUP');
    expect(setup.AuthenticationResult).toBeUndefined();

    // 3. Associate and verify with the challenge's sessions, then answer MFA_SETUP: tokens.
    const associated = await sdk.send(new AssociateSoftwareTokenCommand({ Session: setup.Session! }));
    secret = associated.SecretCode!;
    expect(secret).toMatch(/^[A-Z2-7]{52}$/);
    const verified = await sdk.send(
      new VerifySoftwareTokenCommand({
        Session: associated.Session!,
        UserCode: nextCode(),
        FriendlyDeviceName: 'phone',
      }),
    );
    expect(verified.Status).toBe('SUCCESS');
    const enrolled = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: client,
        ChallengeName: 'MFA_SETUP',
        Session: verified.Session!,
        ChallengeResponses: { USERNAME: U },
      }),
    );
    const firstAccess = enrolled.AuthenticationResult!.AccessToken!;
    const me = await sdk.send(new GetUserCommand({ AccessToken: firstAccess }));
    expect([me.Username, me.PreferredMfaSetting, me.UserMFASettingList]).toEqual([
      U,
      'SOFTWARE_TOKEN_MFA',
      ['SOFTWARE_TOKEN_MFA'],
    ]);

    // 4. Sign out everywhere: the tokens stop working.
    await sdk.send(new GlobalSignOutCommand({ AccessToken: firstAccess }));
    expect((await failure(sdk.send(new GetUserCommand({ AccessToken: firstAccess }))))[0]).toBe(
      'NotAuthorizedException',
    );

    // 5. Sign in with a TOTP code on the laptop, which the user remembers.
    const onLaptop = await answerTotp(await srpSignIn(P1));
    const laptop = await keepDevice(onLaptop, 'laptop', true);

    // 6. The laptop signs in without a code (its own SRP proof instead), by SRP and by password.
    const skipped = await deviceProof(await srpSignIn(P1, laptop.deviceKey), laptop);
    expect(skipped.AccessToken).toBeTruthy();
    expect(skipped.NewDeviceMetadata).toBeUndefined();
    await deviceProof(await passwordSignIn(P1, laptop.deviceKey), laptop);
    // Another device is asked for the code: a new one, and one confirmed but not remembered.
    const onPhone = await answerTotp(await srpSignIn(P1));
    const phone = await keepDevice(onPhone, 'phone', false);
    await answerTotp(await passwordSignIn(P1, phone.deviceKey));
    const devices = await sdk.send(new AdminListDevicesCommand({ UserPoolId: pool, Username: U }));
    expect(
      devices
        .Devices!.map((d) => [
          d.DeviceAttributes!.find((a) => a.Name === 'device_name')?.Value,
          d.DeviceAttributes!.find((a) => a.Name === 'dev:device_remembered_status')?.Value,
        ])
        .sort(),
    ).toEqual([
      ['laptop', 'remembered'],
      ['phone', 'not_remembered'],
    ]);

    // 7. An admin reset: the old password gives PasswordResetRequiredException (on every device)
    // until the user sets a new one with the code from the outbox.
    await sdk.send(new AdminResetUserPasswordCommand({ UserPoolId: pool, Username: U }));
    expect(await failure(srpSignIn(P1))).toEqual([
      'PasswordResetRequiredException',
      'Password reset required for the user',
    ]);
    expect((await failure(srpSignIn(P1, laptop.deviceKey)))[0]).toBe('PasswordResetRequiredException');
    await sdk.send(
      new ConfirmForgotPasswordCommand({
        ClientId: client,
        Username: U,
        ConfirmationCode: outbox('RESET_PASSWORD'),
        Password: P2,
      }),
    );
    expect(await failure(srpSignIn(P1))).toEqual([
      'NotAuthorizedException',
      'Incorrect username or password.',
    ]);
    await deviceProof(await srpSignIn(P2, laptop.deviceKey), laptop);

    // 8. Forgot password: a code to the verified address, a new password, the old one refused.
    const forgot = await sdk.send(new ForgotPasswordCommand({ ClientId: client, Username: U }));
    expect(forgot.CodeDeliveryDetails).toEqual({
      Destination: 'k***@e***',
      DeliveryMedium: 'EMAIL',
      AttributeName: 'email',
    });
    await sdk.send(
      new ConfirmForgotPasswordCommand({
        ClientId: client,
        Username: U,
        ConfirmationCode: outbox('RESET_PASSWORD'),
        Password: P3,
      }),
    );
    expect((await failure(srpSignIn(P2)))[0]).toBe('NotAuthorizedException');
    const beforeDisable = await answerTotp(await srpSignIn(P3));

    // 9. Disable: no sign-in, from the remembered device either, and the tokens stop working.
    await sdk.send(new AdminDisableUserCommand({ UserPoolId: pool, Username: U }));
    expect(await failure(srpSignIn(P3))).toEqual(['NotAuthorizedException', 'User is disabled.']);
    expect(await failure(srpSignIn(P3, laptop.deviceKey))).toEqual([
      'NotAuthorizedException',
      'User is disabled.',
    ]);
    expect(
      (await failure(sdk.send(new GetUserCommand({ AccessToken: beforeDisable.AccessToken! }))))[0],
    ).toBe('NotAuthorizedException');

    // 10. Re-enable: the TOTP code and the remembered device work as before.
    await sdk.send(new AdminEnableUserCommand({ UserPoolId: pool, Username: U }));
    await answerTotp(await srpSignIn(P3));
    const last = await deviceProof(await srpSignIn(P3, laptop.deviceKey), laptop);

    // 11. The user deletes the account: gone, and no sign-in.
    await sdk.send(new DeleteUserCommand({ AccessToken: last.AccessToken! }));
    expect((await failure(sdk.send(new AdminGetUserCommand({ UserPoolId: pool, Username: U }))))[0]).toBe(
      'UserNotFoundException',
    );
    expect((await failure(srpSignIn(P3)))[0]).toBe('UserNotFoundException');
  });
});
