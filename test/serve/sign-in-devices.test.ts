// cognito-totp sign-in on a remembered device through `serve` (in-process CLI, real server over
// loopback): --remember-device confirms the device over the wire, the next sign-in with
// --device-file skips the TOTP code, the AWS SDK v3 sees the device remembered, its tokens carry
// device_key, and the refresh token works with the device key only.

import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  AdminListDevicesCommand,
  AssociateSoftwareTokenCommand,
  type CognitoIdentityProviderClient,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  SetUserMFAPreferenceCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import { codeAt, stepAt } from '../../src/backend/local/totp.ts';
import { runIn, sandbox } from '../enroll/bin.ts';
import { devicePool, type Served, serveWithSdkForFile } from './harness.ts';

const PASSWORD = 'Passw0rd-cli!';
const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString());

let srv: Served;
let sdk: CognitoIdentityProviderClient;

serveWithSdkForFile((s) => {
  ({ srv, sdk } = s);
});

describe('cognito-totp sign-in on a remembered device through serve', () => {
  it('--remember-device, then --device-file skips SOFTWARE_TOKEN_MFA; the SDK sees it remembered; refresh needs the key', async () => {
    const { pool, client } = await devicePool(sdk, {
      poolName: 'cli-devices',
      clientName: 'srp-only',
      username: 'hana',
      password: PASSWORD,
      flows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
    // TOTP on, verified with the previous step's code (the CLI's sign-in uses the current one).
    const first = await sdk.send(
      new InitiateAuthCommand({
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: client,
        AuthParameters: { USERNAME: 'hana', PASSWORD },
      }),
    );
    const token = first.AuthenticationResult!.AccessToken!;
    const secret = (await sdk.send(new AssociateSoftwareTokenCommand({ AccessToken: token }))).SecretCode!;
    await sdk.send(
      new VerifySoftwareTokenCommand({
        AccessToken: token,
        UserCode: codeAt(secret, stepAt(Date.now()) - 1),
      }),
    );
    await sdk.send(
      new SetUserMFAPreferenceCommand({
        AccessToken: token,
        SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
      }),
    );

    const box = sandbox({
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_DEFAULT_REGION: 'us-east-1',
    });
    const file = join(box.dir, 'hana.device');
    const cli = (extra: string[]) =>
      runIn(
        [
          '--endpoint-url',
          srv.url,
          'sign-in',
          '--user-pool-id',
          pool,
          '--client-id',
          client,
          '--username',
          'hana',
          '--password-stdin',
          ...extra,
        ],
        { env: box.env, input: `${PASSWORD}\n` },
      );
    const remembered = await cli([
      '--totp-code',
      codeAt(secret, stepAt(Date.now())),
      '--device-file',
      file,
      '--remember-device',
      '--debug',
    ]);
    expect(remembered.status, remembered.stderr).toBe(0);
    const result = JSON.parse(remembered.stdout).AuthenticationResult;
    const key = result.NewDeviceMetadata.DeviceKey as string;
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // --debug logged the ConfirmDevice call, yet no secret: not the device password, its SRP
    // verifier (masked as the model marks it sensitive), nor a token.
    expect(remembered.stderr).toContain('ConfirmDevice');
    const kept = JSON.parse(readFileSync(file, 'utf8'));
    for (const secretText of [kept.DevicePassword, result.AccessToken, result.RefreshToken, PASSWORD]) {
      expect(remembered.stderr).not.toContain(secretText);
    }
    const listed = (await sdk.send(new AdminListDevicesCommand({ UserPoolId: pool, Username: 'hana' })))
      .Devices!;
    expect(listed.map((d) => d.DeviceKey)).toEqual([key]);
    expect(listed[0]!.DeviceAttributes).toContainEqual({
      Name: 'dev:device_remembered_status',
      Value: 'remembered',
    });

    // No TOTP flag and no terminal: it signs in only because the device's proof replaces the code.
    const again = await cli(['--device-file', file]);
    expect(again.status, again.stderr).toBe(0);
    const tokens = JSON.parse(again.stdout).AuthenticationResult;
    expect(tokens.NewDeviceMetadata).toBeUndefined();
    expect(claimsOf(tokens.AccessToken).device_key).toBe(key);
    expect(
      (await sdk.send(new AdminListDevicesCommand({ UserPoolId: pool, Username: 'hana' }))).Devices![0]!
        .DeviceLastAuthenticatedDate,
    ).toBeInstanceOf(Date);

    // The refresh token of that sign-in: with the device key it refreshes (and keeps device_key);
    // without it, Cognito's "Invalid Refresh Token".
    const refreshed = await sdk.send(
      new InitiateAuthCommand({
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: client,
        AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken, DEVICE_KEY: key },
      }),
    );
    expect(claimsOf(refreshed.AuthenticationResult!.AccessToken!).device_key).toBe(key);
    const refused = await sdk
      .send(new GetTokensFromRefreshTokenCommand({ ClientId: client, RefreshToken: tokens.RefreshToken }))
      .then(
        () => 'accepted',
        (e: Error) => `${e.name}: ${e.message}`,
      );
    expect(refused).toBe('NotAuthorizedException: Invalid Refresh Token');
  });
});
