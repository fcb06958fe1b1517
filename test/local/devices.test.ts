// Remembered devices on the local emulator (issue 16): DeviceConfiguration, NewDeviceMetadata,
// confirm-device and the device operations, and the DEVICE_SRP_AUTH / DEVICE_PASSWORD_VERIFIER
// sign-in checked for real, with an injected clock and the client halves of src/srp.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type DeviceSecret, newDeviceSecret, SrpClient } from '../../src/srp/client.ts';
import { type Harness, harness, PASSWORD } from '../helpers/local.ts';

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString());

interface Setup {
  poolId: string;
  clientId: string;
}

/** A pool with TOTP optional and the given DeviceConfiguration, an SRP client, and alice (and bob). */
function setup(h: Harness, deviceConfiguration?: Record<string, boolean>): Setup {
  const pool = h.call('CreateUserPool', {
    PoolName: 'devices',
    ...(deviceConfiguration ? { DeviceConfiguration: deviceConfiguration } : {}),
  }).UserPool;
  h.call('SetUserPoolMfaConfig', {
    UserPoolId: pool.Id,
    SoftwareTokenMfaConfiguration: { Enabled: true },
    MfaConfiguration: 'OPTIONAL',
  });
  const clientId = h.call('CreateUserPoolClient', {
    UserPoolId: pool.Id,
    ClientName: 'app',
    ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  }).UserPoolClient.ClientId;
  for (const u of ['alice', 'bob']) {
    h.call('AdminCreateUser', { UserPoolId: pool.Id, Username: u, MessageAction: 'SUPPRESS' });
    h.call('AdminSetUserPassword', { UserPoolId: pool.Id, Username: u, Password: PASSWORD, Permanent: true });
  }
  return { poolId: pool.Id, clientId };
}

/** USER_SRP_AUTH then the PASSWORD_VERIFIER answer, with DEVICE_KEY where asked. */
function srpSignIn(
  h: Harness,
  s: Setup,
  opts: { username?: string; deviceKey?: string; keyIn?: 'initiate' | 'answer' | 'both' } = {},
) {
  const username = opts.username ?? 'alice';
  const where = opts.keyIn ?? 'answer';
  const srp = new SrpClient(s.poolId, { now: () => h.clock.t });
  const withKey = (w: string) =>
    opts.deviceKey && (where === w || where === 'both') ? { DEVICE_KEY: opts.deviceKey } : {};
  const first = h.call('InitiateAuth', {
    AuthFlow: 'USER_SRP_AUTH',
    ClientId: s.clientId,
    AuthParameters: { USERNAME: username, SRP_A: srp.srpA, ...withKey('initiate') },
  });
  const answer = { ...srp.answer(first.ChallengeParameters, PASSWORD), ...withKey('answer') };
  return {
    answer,
    respond: () =>
      h.call('RespondToAuthChallenge', {
        ClientId: s.clientId,
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeResponses: answer,
      }),
  };
}

/** Turns TOTP on for a user (associate + verify + preference), returns the secret. */
function enrollTotp(h: Harness, accessToken: string): string {
  const secret = h.call('AssociateSoftwareToken', { AccessToken: accessToken }).SecretCode;
  h.call('VerifySoftwareToken', { AccessToken: accessToken, UserCode: h.code(secret) });
  h.call('SetUserMFAPreference', {
    AccessToken: accessToken,
    SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
  });
  return secret;
}

/** A sign-in as a new device, then confirm-device as amazon-cognito-identity-js does it. */
function rememberNewDevice(h: Harness, s: Setup, username = 'alice') {
  const done = srpSignIn(h, s, { username }).respond();
  const meta = done.AuthenticationResult.NewDeviceMetadata;
  const device = newDeviceSecret(meta.DeviceGroupKey, meta.DeviceKey);
  const confirm = h.call('ConfirmDevice', {
    AccessToken: done.AuthenticationResult.AccessToken,
    DeviceKey: meta.DeviceKey,
    DeviceSecretVerifierConfig: device.config,
    DeviceName: 'laptop',
  });
  return { device, access: done.AuthenticationResult.AccessToken as string, confirm };
}

/** DEVICE_SRP_AUTH answered with a new a, then DEVICE_PASSWORD_VERIFIER with the device's proof. */
function deviceAuth(
  h: Harness,
  s: Setup,
  session: string,
  device: DeviceSecret,
  username = 'alice',
  password?: string,
) {
  const srp = new SrpClient(s.poolId, { poolName: device.groupKey, now: () => h.clock.t });
  const challenge = h.call('RespondToAuthChallenge', {
    ClientId: s.clientId,
    ChallengeName: 'DEVICE_SRP_AUTH',
    Session: session,
    ChallengeResponses: { USERNAME: username, DEVICE_KEY: device.deviceKey, SRP_A: srp.srpA },
  });
  expect(challenge.ChallengeName).toBe('DEVICE_PASSWORD_VERIFIER');
  const answer = srp.answerDevice(challenge.ChallengeParameters, username, {
    ...device,
    password: password ?? device.password,
  });
  const req = {
    ClientId: s.clientId,
    ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
    Session: challenge.Session,
    ChallengeResponses: answer,
  };
  return { challenge, req };
}

describe('the device verifier', () => {
  it('matches the reference vector of amazon-cognito-identity-js generateHashDevice (reference §10)', () => {
    const bytes = [
      Uint8Array.from({ length: 40 }, (_, i) => i),
      Buffer.from('f0e1d2c3b4a5968778695a4b3c2d1e0f', 'hex'),
    ];
    const d = newDeviceSecret(
      '-XyZ12abC',
      'us-east-1_6f1c2a4e-3b5d-4c7e-9f80-1a2b3c4d5e6f',
      () => bytes.shift()!,
    );
    expect(d.password).toBe('AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJw==');
    expect(d.config.Salt).toBe('APDh0sO0pZaHeGlaSzwtHg8=');
    expect(Buffer.from(d.config.PasswordVerifier, 'base64').length).toBe(384);
    expect(createHash('sha256').update(d.config.PasswordVerifier).digest('hex')).toBe(
      'e6fed69517ab31a14ea98164ccd7daa8c7b0a925923985768454d466e490c27e',
    );
  });
});

describe('DeviceConfiguration and NewDeviceMetadata', () => {
  it('create-user-pool keeps it, describe-user-pool shows it, and sign-ins then carry NewDeviceMetadata', () => {
    const h = harness();
    const s = setup(h, { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false });
    expect(h.call('DescribeUserPool', { UserPoolId: s.poolId }).UserPool.DeviceConfiguration).toEqual({
      ChallengeRequiredOnNewDevice: true,
      DeviceOnlyRememberedOnUserPrompt: false,
    });
    const srpDone = srpSignIn(h, s).respond();
    const meta = srpDone.AuthenticationResult.NewDeviceMetadata;
    expect(meta.DeviceKey).toMatch(
      /^us-east-1_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(meta.DeviceKey.length).toBeLessThanOrEqual(55);
    expect(meta.DeviceGroupKey).toMatch(/^-[A-Za-z0-9]{8}$/);
    // USER_PASSWORD_AUTH too, each sign-in a new key.
    const pw = h.call('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: s.clientId,
      AuthParameters: { USERNAME: 'alice', PASSWORD },
    });
    expect(pw.AuthenticationResult.NewDeviceMetadata.DeviceKey).not.toBe(meta.DeviceKey);
  });

  it('a pool without it tracks no devices', () => {
    const h = harness();
    const s = setup(h);
    expect(h.call('DescribeUserPool', { UserPoolId: s.poolId }).UserPool.DeviceConfiguration).toBeUndefined();
    const done = srpSignIn(h, s).respond();
    expect(done.AuthenticationResult.AccessToken).toBeTruthy();
    expect(done.AuthenticationResult.NewDeviceMetadata).toBeUndefined();
  });
});

describe('confirm-device and the device operations', () => {
  it('DeviceOnlyRememberedOnUserPrompt: confirm says UserConfirmationNecessary, update-device-status remembers', () => {
    const h = harness();
    const s = setup(h, { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true });
    const { device, access, confirm } = rememberNewDevice(h, s);
    expect(confirm).toEqual({ UserConfirmationNecessary: true });
    const status = (d: any) =>
      d.DeviceAttributes.find((a: any) => a.Name === 'dev:device_remembered_status').Value;
    let got = h.call('GetDevice', { AccessToken: access, DeviceKey: device.deviceKey }).Device;
    expect(got.DeviceKey).toBe(device.deviceKey);
    expect(status(got)).toBe('not_remembered');
    expect(got.DeviceAttributes).toContainEqual({ Name: 'device_name', Value: 'laptop' });
    expect(got.DeviceCreateDate).toBe(Math.floor(h.clock.t / 1000));
    h.advance(60);
    expect(
      h.call('UpdateDeviceStatus', {
        AccessToken: access,
        DeviceKey: device.deviceKey,
        DeviceRememberedStatus: 'remembered',
      }),
    ).toEqual({});
    got = h.call('AdminGetDevice', {
      UserPoolId: s.poolId,
      Username: 'alice',
      DeviceKey: device.deviceKey,
    }).Device;
    expect(status(got)).toBe('remembered');
    expect(got.DeviceLastModifiedDate).toBe(got.DeviceCreateDate + 60);
    h.call('AdminUpdateDeviceStatus', {
      UserPoolId: s.poolId,
      Username: 'alice',
      DeviceKey: device.deviceKey,
      DeviceRememberedStatus: 'not_remembered',
    });
    expect(status(h.call('GetDevice', { AccessToken: access, DeviceKey: device.deviceKey }).Device)).toBe(
      'not_remembered',
    );
  });

  it("remembers at once without the prompt; refuses a second confirm, a key never issued and another user's key", () => {
    const h = harness();
    const s = setup(h, { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false });
    const { device, access, confirm } = rememberNewDevice(h, s);
    expect(confirm).toEqual({ UserConfirmationNecessary: false });
    const again = h.fail('ConfirmDevice', {
      AccessToken: access,
      DeviceKey: device.deviceKey,
      DeviceSecretVerifierConfig: device.config,
    });
    expect(again.code).toBe('DeviceKeyExistsException');
    const unknown = h.fail('ConfirmDevice', {
      AccessToken: access,
      DeviceKey: 'us-east-1_00000000-0000-4000-8000-000000000000',
      DeviceSecretVerifierConfig: device.config,
    });
    expect([unknown.code, unknown.message]).toEqual(['ResourceNotFoundException', 'Device does not exist.']);
    // bob's sign-in hands bob a key; alice cannot confirm or read it.
    const bob = srpSignIn(h, s, { username: 'bob' }).respond().AuthenticationResult.NewDeviceMetadata;
    expect(
      h.fail('ConfirmDevice', {
        AccessToken: access,
        DeviceKey: bob.DeviceKey,
        DeviceSecretVerifierConfig: device.config,
      }).code,
    ).toBe('ResourceNotFoundException');
    // A verifier that is not one (0, or ≥ N) is refused before anything is stored.
    const h2 = harness();
    const s2 = setup(h2, { DeviceOnlyRememberedOnUserPrompt: false });
    const done = srpSignIn(h2, s2).respond().AuthenticationResult;
    const bad = h2.fail('ConfirmDevice', {
      AccessToken: done.AccessToken,
      DeviceKey: done.NewDeviceMetadata.DeviceKey,
      DeviceSecretVerifierConfig: {
        Salt: 'AAEC',
        PasswordVerifier: Buffer.alloc(384, 0xff).toString('base64'),
      },
    });
    expect(bad.code).toBe('InvalidParameterException');
    expect(h2.call('ListDevices', { AccessToken: done.AccessToken }).Devices).toEqual([]);
  });

  it('list-devices pages, forget-device and admin-forget-device forget', () => {
    const h = harness();
    const s = setup(h, { DeviceOnlyRememberedOnUserPrompt: false });
    const keys: string[] = [];
    let access = '';
    for (let i = 0; i < 5; i++) {
      h.advance(1);
      const r = rememberNewDevice(h, s);
      keys.push(r.device.deviceKey);
      access = r.access;
    }
    const first = h.call('ListDevices', { AccessToken: access, Limit: 2 });
    expect(first.Devices.map((d: any) => d.DeviceKey)).toEqual(keys.slice(0, 2));
    const second = h.call('ListDevices', {
      AccessToken: access,
      Limit: 2,
      PaginationToken: first.PaginationToken,
    });
    const third = h.call('AdminListDevices', {
      UserPoolId: s.poolId,
      Username: 'alice',
      Limit: 2,
      PaginationToken: second.PaginationToken,
    });
    expect([...second.Devices, ...third.Devices].map((d: any) => d.DeviceKey)).toEqual(keys.slice(2));
    expect(third.PaginationToken).toBeUndefined();
    expect(h.call('ForgetDevice', { AccessToken: access, DeviceKey: keys[0] })).toEqual({});
    h.call('AdminForgetDevice', { UserPoolId: s.poolId, Username: 'alice', DeviceKey: keys[1] });
    expect(h.call('ListDevices', { AccessToken: access }).Devices.map((d: any) => d.DeviceKey)).toEqual(
      keys.slice(2),
    );
    const gone = h.fail('GetDevice', { AccessToken: access, DeviceKey: keys[0] });
    expect([gone.code, gone.message]).toEqual(['ResourceNotFoundException', 'Device does not exist.']);
    expect(
      h.fail('AdminForgetDevice', { UserPoolId: s.poolId, Username: 'alice', DeviceKey: keys[1] }).code,
    ).toBe('ResourceNotFoundException');
    expect(h.fail('ListDevices', { AccessToken: 'not.a.token' }).code).toBe('NotAuthorizedException');
  });
});

describe('sign-in with a remembered device', () => {
  it('ChallengeRequiredOnNewDevice: the remembered device skips SOFTWARE_TOKEN_MFA with a real device proof; a new device does not', () => {
    const h = harness();
    const s = setup(h, { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false });
    const { device, access } = rememberNewDevice(h, s);
    enrollTotp(h, access);
    h.advance(31);
    for (const keyIn of ['answer', 'initiate', 'both'] as const) {
      const step = srpSignIn(h, s, { deviceKey: device.deviceKey, keyIn }).respond();
      expect(step.ChallengeName).toBe('DEVICE_SRP_AUTH');
      expect(step.ChallengeParameters).toEqual({});
      const { challenge, req } = deviceAuth(h, s, step.Session, device);
      expect(Object.keys(challenge.ChallengeParameters).sort()).toEqual([
        'DEVICE_KEY',
        'SALT',
        'SECRET_BLOCK',
        'SRP_B',
        'USERNAME',
      ]);
      expect(challenge.ChallengeParameters.DEVICE_KEY).toBe(device.deviceKey);
      const done = h.call('RespondToAuthChallenge', req);
      expect(done.AuthenticationResult.NewDeviceMetadata).toBeUndefined();
      expect(claimsOf(done.AuthenticationResult.AccessToken).username).toBe('alice');
      // The same proof again: the block is spent.
      const replay = h.fail('RespondToAuthChallenge', req);
      expect([replay.code, replay.message]).toEqual([
        'NotAuthorizedException',
        'Invalid session for the user.',
      ]);
    }
    expect(
      h.call('GetDevice', { AccessToken: access, DeviceKey: device.deviceKey }).Device
        .DeviceLastAuthenticatedDate,
    ).toBe(Math.floor(h.clock.t / 1000));
    // Another device (no key): the TOTP code.
    expect(srpSignIn(h, s).respond().ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
  });

  it('refuses a wrong device password, and a device proof signed for another device key', () => {
    const h = harness();
    const s = setup(h, { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false });
    const { device } = rememberNewDevice(h, s);
    let step = srpSignIn(h, s, { deviceKey: device.deviceKey }).respond();
    const wrong = deviceAuth(h, s, step.Session, device, 'alice', `${device.password.slice(0, -4)}AAA=`);
    const refused = h.fail('RespondToAuthChallenge', wrong.req);
    expect([refused.code, refused.message]).toEqual([
      'NotAuthorizedException',
      'Incorrect username or password.',
    ]);
    // Signed with the right password but the wrong group key (the maths' pool name): refused too.
    step = srpSignIn(h, s, { deviceKey: device.deviceKey }).respond();
    const other = deviceAuth(h, s, step.Session, { ...device, groupKey: '-Other123' });
    expect(h.fail('RespondToAuthChallenge', other.req).code).toBe('NotAuthorizedException');
    // A late TIMESTAMP.
    step = srpSignIn(h, s, { deviceKey: device.deviceKey }).respond();
    const late = deviceAuth(h, s, step.Session, device);
    h.advance(6 * 60);
    expect(h.fail('RespondToAuthChallenge', late.req).code).toBe('NotAuthorizedException');
  });

  it('without ChallengeRequiredOnNewDevice a remembered device answers the TOTP code, then DEVICE_SRP_AUTH', () => {
    const h = harness();
    const s = setup(h, { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false });
    const { device, access } = rememberNewDevice(h, s);
    const secret = enrollTotp(h, access);
    h.advance(31);
    const mfa = srpSignIn(h, s, { deviceKey: device.deviceKey }).respond();
    expect(mfa.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const next = h.call('RespondToAuthChallenge', {
      ClientId: s.clientId,
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: mfa.Session,
      ChallengeResponses: {
        USERNAME: 'alice',
        SOFTWARE_TOKEN_MFA_CODE: h.code(secret),
        DEVICE_KEY: device.deviceKey,
      },
    });
    expect(next.ChallengeName).toBe('DEVICE_SRP_AUTH');
    const done = h.call('RespondToAuthChallenge', deviceAuth(h, s, next.Session, device).req);
    expect(done.AuthenticationResult.AccessToken).toBeTruthy();
  });

  it('a not-remembered device is tracked only: the TOTP code, then tokens, no new key', () => {
    const h = harness();
    const s = setup(h, { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true });
    const { device, access } = rememberNewDevice(h, s);
    const secret = enrollTotp(h, access);
    h.advance(31);
    const mfa = srpSignIn(h, s, { deviceKey: device.deviceKey }).respond();
    expect(mfa.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const done = h.call('RespondToAuthChallenge', {
      ClientId: s.clientId,
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: mfa.Session,
      ChallengeResponses: { USERNAME: 'alice', SOFTWARE_TOKEN_MFA_CODE: h.code(secret) },
    });
    expect(done.AuthenticationResult.AccessToken).toBeTruthy();
    expect(done.AuthenticationResult.NewDeviceMetadata).toBeUndefined();
  });

  it('an unknown DEVICE_KEY is "Device does not exist."; the same answer without it then signs in (the SDKs retry so)', () => {
    const h = harness();
    const s = setup(h, { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false });
    const forgotten = rememberNewDevice(h, s);
    h.call('ForgetDevice', { AccessToken: forgotten.access, DeviceKey: forgotten.device.deviceKey });
    const { answer } = srpSignIn(h, s, { deviceKey: forgotten.device.deviceKey, keyIn: 'both' });
    const req = { ClientId: s.clientId, ChallengeName: 'PASSWORD_VERIFIER', ChallengeResponses: answer };
    const e = h.fail('RespondToAuthChallenge', req);
    expect([e.code, e.message]).toEqual(['ResourceNotFoundException', 'Device does not exist.']);
    const { DEVICE_KEY: _gone, ...without } = answer;
    const done = h.call('RespondToAuthChallenge', { ...req, ChallengeResponses: without });
    expect(done.AuthenticationResult.NewDeviceMetadata.DeviceKey).not.toBe(forgotten.device.deviceKey);
    // USER_PASSWORD_AUTH with an unknown key, and bob naming alice's device.
    const pw = h.fail('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: s.clientId,
      AuthParameters: { USERNAME: 'alice', PASSWORD, DEVICE_KEY: forgotten.device.deviceKey },
    });
    expect(pw.message).toBe('Device does not exist.');
    const alices = rememberNewDevice(h, s);
    const bob = h.fail('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: s.clientId,
      AuthParameters: { USERNAME: 'bob', PASSWORD, DEVICE_KEY: alices.device.deviceKey },
    });
    expect(bob.code).toBe('ResourceNotFoundException');
    // USER_PASSWORD_AUTH with the remembered key: DEVICE_SRP_AUTH.
    const ok = h.call('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: s.clientId,
      AuthParameters: { USERNAME: 'alice', PASSWORD, DEVICE_KEY: alices.device.deviceKey },
    });
    expect(ok.ChallengeName).toBe('DEVICE_SRP_AUTH');
  });

  it('the device records survive the state file: a new backend on the same file signs the device in', () => {
    const h = harness();
    const s = setup(h, { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false });
    const { device } = rememberNewDevice(h, s);
    const again = harness();
    const b2 = new (h.backend.constructor as any)({ stateFile: h.stateFile, env: { now: () => h.clock.t } });
    const h2 = {
      ...again,
      backend: b2,
      clock: h.clock,
      call: (op: any, req: any) => b2.callSync(op, req),
    } as Harness;
    const step = srpSignIn(h2, s, { deviceKey: device.deviceKey }).respond();
    expect(step.ChallengeName).toBe('DEVICE_SRP_AUTH');
    expect(
      h2.call('RespondToAuthChallenge', deviceAuth(h2, s, step.Session, device).req).AuthenticationResult
        .AccessToken,
    ).toBeTruthy();
  });
});

describe('device records are bounded and checked', () => {
  it('keeps the 10 latest unconfirmed keys of a user: an older one can no longer be confirmed', () => {
    const h = harness();
    const s = setup(h, { DeviceOnlyRememberedOnUserPrompt: false });
    const issued: { key: string; group: string; access: string }[] = [];
    for (let i = 0; i < 12; i++) {
      h.advance(1);
      const r = srpSignIn(h, s).respond().AuthenticationResult;
      issued.push({
        key: r.NewDeviceMetadata.DeviceKey,
        group: r.NewDeviceMetadata.DeviceGroupKey,
        access: r.AccessToken,
      });
    }
    const confirm = (i: number) => {
      const d = newDeviceSecret(issued[i]!.group, issued[i]!.key);
      return {
        AccessToken: issued[11]!.access,
        DeviceKey: d.deviceKey,
        DeviceSecretVerifierConfig: d.config,
      };
    };
    expect(h.fail('ConfirmDevice', confirm(1)).message).toBe('Device does not exist.');
    expect(h.call('ConfirmDevice', confirm(2))).toEqual({ UserConfirmationNecessary: false });
    expect(h.call('ConfirmDevice', confirm(11))).toEqual({ UserConfirmationNecessary: false });
  });

  it('a damaged device record in the state file is reported, not used', async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const h = harness();
    const s = setup(h, { DeviceOnlyRememberedOnUserPrompt: false });
    const { device } = rememberNewDevice(h, s);
    const text = readFileSync(h.stateFile, 'utf8');
    expect(text).toContain(device.deviceKey);
    writeFileSync(h.stateFile, text.replace(/"remembered":true/, '"remembered":"yes"'));
    let err: unknown;
    try {
      h.call('AdminListDevices', { UserPoolId: s.poolId, Username: 'alice' });
    } catch (e) {
      err = e;
    }
    expect(String((err as Error)?.message)).toMatch(/user "alice" of pool .* has malformed devices/);
  });
});

describe('tokens of a device: the device_key claim and refreshing with DEVICE_KEY', () => {
  const refresh = (h: Harness, s: Setup, token: string, deviceKey?: string) =>
    h.call('InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: s.clientId,
      AuthParameters: { REFRESH_TOKEN: token, ...(deviceKey ? { DEVICE_KEY: deviceKey } : {}) },
    });
  const refused = (h: Harness, op: Parameters<Harness['fail']>[0], req: Record<string, unknown>) => {
    const e = h.fail(op, req);
    return [e.code, e.message];
  };
  const INVALID = ['NotAuthorizedException', 'Invalid Refresh Token'];

  it('the access token names the device it was signed in on (new or remembered), and refreshes keep it', () => {
    const h = harness();
    const s = setup(h, { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false });
    // A new device: its key is in the access token (not the ID token) from the first sign-in on.
    const first = srpSignIn(h, s).respond().AuthenticationResult;
    const newKey = first.NewDeviceMetadata.DeviceKey;
    expect(claimsOf(first.AccessToken).device_key).toBe(newKey);
    expect(claimsOf(first.IdToken).device_key).toBeUndefined();
    // Confirmed, then signed in on with its proof: the remembered device's key.
    const device = newDeviceSecret(first.NewDeviceMetadata.DeviceGroupKey, newKey);
    h.call('ConfirmDevice', {
      AccessToken: first.AccessToken,
      DeviceKey: newKey,
      DeviceSecretVerifierConfig: device.config,
    });
    const step = srpSignIn(h, s, { deviceKey: newKey }).respond();
    const done = h.call(
      'RespondToAuthChallenge',
      deviceAuth(h, s, step.Session, device).req,
    ).AuthenticationResult;
    expect(claimsOf(done.AccessToken).device_key).toBe(newKey);
    // Both refreshes keep it, and the refreshed access token works.
    const viaInitiate = refresh(h, s, done.RefreshToken, newKey).AuthenticationResult;
    expect(claimsOf(viaInitiate.AccessToken).device_key).toBe(newKey);
    expect(h.call('GetUser', { AccessToken: viaInitiate.AccessToken }).Username).toBe('alice');
    const viaGet = h.call('GetTokensFromRefreshToken', {
      ClientId: s.clientId,
      RefreshToken: done.RefreshToken,
      DeviceKey: newKey,
    }).AuthenticationResult;
    expect(claimsOf(viaGet.AccessToken).device_key).toBe(newKey);
    expect(viaGet.NewDeviceMetadata).toBeUndefined();
    // A pool that tracks no devices: no claim, and a DEVICE_KEY sent on refresh is ignored.
    const h2 = harness();
    const s2 = setup(h2);
    const plain = srpSignIn(h2, s2).respond().AuthenticationResult;
    expect(claimsOf(plain.AccessToken).device_key).toBeUndefined();
    expect(refresh(h2, s2, plain.RefreshToken, newKey).AuthenticationResult.AccessToken).toBeTruthy();
  });

  it('a device-bound refresh token is "Invalid Refresh Token" without its key, with another, unconfirmed, or forgotten', () => {
    const h = harness();
    const s = setup(h, { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true });
    const { device } = rememberNewDevice(h, s);
    const step = srpSignIn(h, s, { deviceKey: device.deviceKey }).respond();
    // Not remembered yet (the pool asks the user): tracked only, yet bound all the same.
    expect(step.AuthenticationResult).toBeDefined();
    const rt = step.AuthenticationResult.RefreshToken as string;
    expect(claimsOf(step.AuthenticationResult.AccessToken).device_key).toBe(device.deviceKey);
    const other = rememberNewDevice(h, s).device.deviceKey;
    for (const key of [undefined, other]) {
      expect(
        refused(h, 'InitiateAuth', {
          AuthFlow: 'REFRESH_TOKEN_AUTH',
          ClientId: s.clientId,
          AuthParameters: { REFRESH_TOKEN: rt, ...(key ? { DEVICE_KEY: key } : {}) },
        }),
      ).toEqual(INVALID);
      expect(
        refused(h, 'GetTokensFromRefreshToken', {
          ClientId: s.clientId,
          RefreshToken: rt,
          ...(key ? { DeviceKey: key } : {}),
        }),
      ).toEqual(INVALID);
    }
    expect(refresh(h, s, rt, device.deviceKey).AuthenticationResult.AccessToken).toBeTruthy();
    // A sign-in whose new device was never confirmed: its refresh token cannot refresh, key or not.
    const unconfirmed = srpSignIn(h, s).respond().AuthenticationResult;
    expect(
      refused(h, 'GetTokensFromRefreshToken', {
        ClientId: s.clientId,
        RefreshToken: unconfirmed.RefreshToken,
        DeviceKey: unconfirmed.NewDeviceMetadata.DeviceKey,
      }),
    ).toEqual(INVALID);
    // Forgotten (here by an admin): every refresh token of that device stops working.
    h.call('AdminForgetDevice', { UserPoolId: s.poolId, Username: 'alice', DeviceKey: device.deviceKey });
    expect(
      refused(h, 'InitiateAuth', {
        AuthFlow: 'REFRESH_TOKEN_AUTH',
        ClientId: s.clientId,
        AuthParameters: { REFRESH_TOKEN: rt, DEVICE_KEY: device.deviceKey },
      }),
    ).toEqual(INVALID);
    // The refused refreshes left the device records as they were.
    expect(
      h
        .call('AdminListDevices', { UserPoolId: s.poolId, Username: 'alice' })
        .Devices.map((d: any) => d.DeviceKey),
    ).toEqual([other]);
  });

  it('with refresh token rotation the new refresh token stays bound to the device', () => {
    const h = harness();
    const s = setup(h, { DeviceOnlyRememberedOnUserPrompt: false });
    const clientId = h.call('CreateUserPoolClient', {
      UserPoolId: s.poolId,
      ClientName: 'rotating',
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 },
    }).UserPoolClient.ClientId;
    const r = rememberNewDevice(h, { ...s, clientId });
    const step = srpSignIn(h, { ...s, clientId }, { deviceKey: r.device.deviceKey }).respond();
    const done = h.call(
      'RespondToAuthChallenge',
      deviceAuth(h, { ...s, clientId }, step.Session, r.device).req,
    ).AuthenticationResult;
    // A refusal does not rotate: the token sent still works afterwards.
    expect(
      refused(h, 'GetTokensFromRefreshToken', { ClientId: clientId, RefreshToken: done.RefreshToken }),
    ).toEqual(INVALID);
    const rotated = h.call('GetTokensFromRefreshToken', {
      ClientId: clientId,
      RefreshToken: done.RefreshToken,
      DeviceKey: r.device.deviceKey,
    }).AuthenticationResult;
    expect(rotated.RefreshToken).not.toBe(done.RefreshToken);
    expect(claimsOf(rotated.AccessToken).device_key).toBe(r.device.deviceKey);
    expect(
      refused(h, 'GetTokensFromRefreshToken', { ClientId: clientId, RefreshToken: rotated.RefreshToken }),
    ).toEqual(INVALID);
    expect(
      h.call('GetTokensFromRefreshToken', {
        ClientId: clientId,
        RefreshToken: rotated.RefreshToken,
        DeviceKey: r.device.deviceKey,
      }).AuthenticationResult.AccessToken,
    ).toBeTruthy();
  });
});
