// Remembered devices through `cognito-totp serve` (issue 16) with the real amazon-cognito-identity-js:
// authenticateUser confirms the new device itself (ConfirmDevice with its SRP verifier),
// setDeviceStatusRemembered remembers it, and the next sign-in from that device's storage runs
// DEVICE_SRP_AUTH / DEVICE_PASSWORD_VERIFIER inside the library and skips the TOTP code, while a
// device with fresh storage still gets SOFTWARE_TOKEN_MFA.

import {
  AdminForgetDeviceCommand,
  AdminListDevicesCommand,
  type CognitoIdentityProviderClient,
  DescribeUserPoolCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from 'amazon-cognito-identity-js';
import { describe, expect, it } from 'vitest';
import { codeAt, stepAt } from '../../src/backend/local/totp.ts';
import { devicePool, PROMPTED_DEVICES, type Served, serveWithSdkForFile } from './harness.ts';

const PASSWORD = 'Passw0rd-dev!';
const code = (secret: string, ahead = 0) => codeAt(secret, stepAt(Date.now()) + ahead);

let srv: Served;
let sdk: CognitoIdentityProviderClient;

serveWithSdkForFile((s) => {
  ({ srv, sdk } = s);
});

/** A pool that remembers devices on the user's prompt and lets them skip MFA, an SRP client, a user. */
async function setup(username: string) {
  const { pool, client } = await devicePool(sdk, {
    poolName: `dev-${username}`,
    username,
    password: PASSWORD,
    flows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  });
  expect(
    (await sdk.send(new DescribeUserPoolCommand({ UserPoolId: pool }))).UserPool?.DeviceConfiguration,
  ).toEqual(PROMPTED_DEVICES);
  return { pool, client };
}

/** The browser's localStorage, in memory: one per simulated device. */
class MemoryStorage {
  private readonly items = new Map<string, string>();
  getItem(k: string): string | null {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    this.items.set(k, String(v));
  }
  removeItem(k: string): void {
    this.items.delete(k);
  }
  clear(): void {
    this.items.clear();
  }
}

describe('amazon-cognito-identity-js remembers a device', () => {
  it('authenticateUser → setDeviceStatusRemembered → sign out → the remembered device skips TOTP, a fresh one does not', async () => {
    const { pool: poolId, client } = await setup('frank');
    const details = new AuthenticationDetails({ Username: 'frank', Password: PASSWORD });
    const laptop = new MemoryStorage();
    const poolOn = (Storage: MemoryStorage) =>
      new CognitoUserPool({ UserPoolId: poolId, ClientId: client, endpoint: srv.url, Storage });
    const userOn = (Storage: MemoryStorage) =>
      new CognitoUser({ Username: 'frank', Pool: poolOn(Storage), Storage });
    const signIn = (user: InstanceType<typeof CognitoUser>, totp?: () => string) =>
      new Promise<{ session: any; confirmationNecessary?: boolean | undefined; askedTotp: boolean }>(
        (resolve, reject) => {
          let askedTotp = false;
          const callbacks = {
            onSuccess: (session: any, confirmationNecessary?: boolean) =>
              resolve({ session, confirmationNecessary, askedTotp }),
            onFailure: reject,
            totpRequired: () => {
              askedTotp = true;
              // Without a code to give, stop here: being asked is the outcome.
              if (!totp) return resolve({ session: undefined, askedTotp: true });
              user.sendMFACode(totp(), callbacks, 'SOFTWARE_TOKEN_MFA');
            },
          };
          user.authenticateUser(details, callbacks);
        },
      );

    // 1. First sign-in on the laptop: the library confirms the new device (the pool asks the user).
    const user = userOn(laptop);
    const first = await signIn(user);
    expect(first.confirmationNecessary).toBe(true);
    const deviceKey = laptop.getItem(`CognitoIdentityServiceProvider.${client}.frank.deviceKey`);
    expect(deviceKey).toMatch(/^us-east-1_[0-9a-f-]{36}$/);
    // TOTP on for the user.
    const secret = await new Promise<string>((resolve, reject) => {
      user.associateSoftwareToken({ associateSecretCode: resolve, onFailure: reject });
    });
    await new Promise((resolve, reject) => {
      user.verifySoftwareToken(code(secret), 'phone', { onSuccess: resolve, onFailure: reject });
    });
    await new Promise((resolve, reject) => {
      user.setUserMfaPreference(undefined as never, { PreferredMfa: true, Enabled: true }, (err, res) =>
        err ? reject(err) : resolve(res),
      );
    });
    // 2. "Remember this device", then sign out.
    await new Promise((resolve, reject) => {
      user.setDeviceStatusRemembered({ onSuccess: resolve, onFailure: reject });
    });
    let listed = (await sdk.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: 'frank' })))
      .Devices!;
    expect(listed.map((d) => d.DeviceKey)).toEqual([deviceKey]);
    expect(listed[0]!.DeviceAttributes).toContainEqual({
      Name: 'dev:device_remembered_status',
      Value: 'remembered',
    });
    expect(listed[0]!.DeviceLastAuthenticatedDate).toBeUndefined();
    user.signOut();

    // 3. The laptop again: getCachedDeviceKeyAndPassword, DEVICE_SRP_AUTH inside the library, no TOTP code.
    const back = await signIn(userOn(laptop));
    expect(back.askedTotp).toBe(false);
    expect(back.session.getAccessToken().payload.username).toBe('frank');
    listed = (await sdk.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: 'frank' })))
      .Devices!;
    // The device proved itself (DEVICE_PASSWORD_VERIFIER checked against its verifier).
    expect(listed[0]!.DeviceLastAuthenticatedDate).toBeInstanceOf(Date);
    // Its tokens name it (device_key), and refreshSession (which sends the cached DEVICE_KEY) keeps it.
    expect(back.session.getAccessToken().payload.device_key).toBe(deviceKey);
    const refreshed = await new Promise<any>((resolve, reject) => {
      userOn(laptop).refreshSession(back.session.getRefreshToken(), (err: unknown, s: unknown) =>
        err ? reject(err) : resolve(s),
      );
    });
    expect(refreshed.getAccessToken().payload.device_key).toBe(deviceKey);
    expect(refreshed.getAccessToken().getJwtToken()).not.toBe(back.session.getAccessToken().getJwtToken());
    // The same refresh token without the device's key, or with another key: Cognito's "Invalid
    // Refresh Token" (asked with the SDK: the library retries a refusal with backoff for seconds).
    const rt = back.session.getRefreshToken().getToken() as string;
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => 'accepted',
        (e: any) => `${e.name}: ${e.message}`,
      );
    expect(
      await refusal(
        sdk.send(
          new InitiateAuthCommand({
            AuthFlow: 'REFRESH_TOKEN_AUTH',
            ClientId: client,
            AuthParameters: { REFRESH_TOKEN: rt },
          }),
        ),
      ),
    ).toBe('NotAuthorizedException: Invalid Refresh Token');
    expect(
      await refusal(sdk.send(new GetTokensFromRefreshTokenCommand({ ClientId: client, RefreshToken: rt }))),
    ).toBe('NotAuthorizedException: Invalid Refresh Token');

    // 4. A phone with fresh storage: SOFTWARE_TOKEN_MFA, then it is a new device of its own.
    const phone = new MemoryStorage();
    const other = await signIn(userOn(phone), () => code(secret, 1));
    expect(other.askedTotp).toBe(true);
    expect(other.session.getIdToken().payload['cognito:username']).toBe('frank');
    const phoneKey = phone.getItem(`CognitoIdentityServiceProvider.${client}.frank.deviceKey`);
    expect(phoneKey).toMatch(/^us-east-1_/);
    expect(phoneKey).not.toBe(deviceKey);

    // 5. The laptop's key forgotten by an admin: the library is told "Device does not exist.",
    // drops its key, answers the same PASSWORD_VERIFIER again without it (DEVICE_KEY: null), and
    // signs in as a new device (TOTP asked again).
    await sdk.send(
      new AdminForgetDeviceCommand({ UserPoolId: poolId, Username: 'frank', DeviceKey: deviceKey! }),
    );
    // Forgetting the device ends its refresh tokens, the right key sent or not.
    expect(
      await refusal(
        sdk.send(
          new GetTokensFromRefreshTokenCommand({
            ClientId: client,
            RefreshToken: rt,
            DeviceKey: deviceKey!,
          }),
        ),
      ),
    ).toBe('NotAuthorizedException: Invalid Refresh Token');
    const forgotten = await signIn(userOn(laptop));
    expect(forgotten.askedTotp).toBe(true);
    expect(laptop.getItem(`CognitoIdentityServiceProvider.${client}.frank.deviceKey`)).toBeNull();
  });
});
