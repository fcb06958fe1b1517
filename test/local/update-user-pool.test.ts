// update-user-pool on the local emulator (issue 16): the settings it changes, Cognito's rule that a
// setting left out goes back to its default, its errors, and what the change does to sign-in.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Harness, harness, PASSWORD, seed } from '../helpers/local.ts';

const describePool = (h: Harness, id: string) => h.call('DescribeUserPool', { UserPoolId: id }).UserPool;

const FULL = {
  PoolName: 'renamed',
  Policies: { PasswordPolicy: { MinimumLength: 12, RequireSymbols: false } },
  DeletionProtection: 'ACTIVE',
  AutoVerifiedAttributes: ['email'],
  MfaConfiguration: 'ON',
  DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false },
  UserPoolTags: { team: 'auth' },
  AdminCreateUserConfig: { AllowAdminCreateUserOnly: true, UnusedAccountValidityDays: 3 },
};

describe('update-user-pool', () => {
  it('sets every setting it takes, as describe-user-pool then shows, and answers {}', () => {
    const h = harness();
    const { poolId } = seed(h);
    h.advance(60);
    expect(h.call('UpdateUserPool', { UserPoolId: poolId, ...FULL })).toEqual({});
    const p = describePool(h, poolId);
    expect(p).toMatchObject({
      Name: 'renamed',
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireUppercase: true,
          RequireLowercase: true,
          RequireNumbers: true,
          RequireSymbols: false,
          TemporaryPasswordValidityDays: 7,
        },
      },
      DeletionProtection: 'ACTIVE',
      AutoVerifiedAttributes: ['email'],
      MfaConfiguration: 'ON',
      DeviceConfiguration: FULL.DeviceConfiguration,
      UserPoolTags: { team: 'auth' },
      AdminCreateUserConfig: FULL.AdminCreateUserConfig,
    });
    expect(p.LastModifiedDate).toBe(p.CreationDate + 60);
    expect(h.call('GetUserPoolMfaConfig', { UserPoolId: poolId })).toEqual({
      SoftwareTokenMfaConfiguration: { Enabled: true },
      MfaConfiguration: 'ON',
    });
  });

  it('puts every setting left out back to its default, as Cognito does; the name, sign-in attributes and TOTP switch stay', () => {
    const h = harness();
    const poolId = h.call('CreateUserPool', { PoolName: 'by-email', UsernameAttributes: ['email'] }).UserPool
      .Id as string;
    h.call('SetUserPoolMfaConfig', {
      UserPoolId: poolId,
      SoftwareTokenMfaConfiguration: { Enabled: true },
      MfaConfiguration: 'OPTIONAL',
    });
    h.call('UpdateUserPool', { UserPoolId: poolId, ...FULL });
    h.call('UpdateUserPool', { UserPoolId: poolId });
    const p = describePool(h, poolId);
    expect(p.Name).toBe('renamed');
    expect(p.MfaConfiguration).toBe('OFF');
    expect(p.DeletionProtection).toBe('INACTIVE');
    expect(p.Policies.PasswordPolicy).toEqual({
      MinimumLength: 8,
      RequireUppercase: true,
      RequireLowercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
      TemporaryPasswordValidityDays: 7,
    });
    expect(p.AdminCreateUserConfig).toEqual({
      AllowAdminCreateUserOnly: false,
      UnusedAccountValidityDays: 7,
    });
    for (const gone of ['AutoVerifiedAttributes', 'DeviceConfiguration', 'UserPoolTags'])
      expect(p).not.toHaveProperty(gone);
    expect(p.UsernameAttributes).toEqual(['email']);
    expect(h.call('GetUserPoolMfaConfig', { UserPoolId: poolId }).SoftwareTokenMfaConfiguration).toEqual({
      Enabled: true,
    });
    // Deletion protection went back to INACTIVE with the rest: the pool can be deleted.
    h.call('DeleteUserPool', { UserPoolId: poolId });
  });

  it('an unknown pool is ResourceNotFoundException', () => {
    const h = harness();
    const e = h.fail('UpdateUserPool', { UserPoolId: 'us-east-1_nope', MfaConfiguration: 'OFF' });
    expect([e.code, e.message]).toEqual([
      'ResourceNotFoundException',
      'User pool us-east-1_nope does not exist.',
    ]);
  });

  it('MFA ON or OPTIONAL without an enabled factor is InvalidParameterException, and nothing changes', () => {
    const h = harness();
    const { poolId } = seed(h, { totp: false });
    for (const MfaConfiguration of ['ON', 'OPTIONAL']) {
      const e = h.fail('UpdateUserPool', {
        UserPoolId: poolId,
        MfaConfiguration,
        Policies: { PasswordPolicy: { MinimumLength: 20 } },
      });
      expect(e.code).toBe('InvalidParameterException');
      expect(e.message).toMatch(
        /^SMS configuration and Auto verification for phone_number are required when MFA is required\/optional\. .*set-user-pool-mfa-config --software-token-mfa-configuration Enabled=true/,
      );
    }
    expect(describePool(h, poolId).Policies.PasswordPolicy.MinimumLength).toBe(8);
  });

  it('the model refuses a value out of range before anything runs', () => {
    const h = harness();
    const { poolId } = seed(h);
    const e = h.fail('UpdateUserPool', {
      UserPoolId: poolId,
      Policies: { PasswordPolicy: { MinimumLength: 2 } },
    });
    expect(e.code).toBe('InvalidParameterException');
    expect(e.message).toBe(
      "1 validation error detected: Value '2' at 'policies.passwordPolicy.minimumLength' failed to satisfy constraint: Member must have value greater than or equal to 6",
    );
  });

  it('the password policy applies at once: admin-set-user-password, sign-up and change-password', () => {
    const h = harness();
    const { poolId, clientId } = seed(h);
    h.call('UpdateUserPool', {
      UserPoolId: poolId,
      MfaConfiguration: 'OPTIONAL',
      Policies: { PasswordPolicy: { MinimumLength: 12 } },
    });
    const short = h.fail('AdminSetUserPassword', {
      UserPoolId: poolId,
      Username: 'alice',
      Password: 'Sh0rt!pass',
      Permanent: true,
    });
    expect([short.code, short.message]).toEqual([
      'InvalidPasswordException',
      'Password does not conform to policy: Password not long enough',
    ]);
    expect(h.fail('SignUp', { ClientId: clientId, Username: 'dave', Password: 'Sh0rt!pass' }).code).toBe(
      'InvalidPasswordException',
    );
    const token = h.call('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: 'alice', PASSWORD },
    }).AuthenticationResult.AccessToken;
    expect(
      h.fail('ChangePassword', {
        AccessToken: token,
        PreviousPassword: PASSWORD,
        ProposedPassword: 'Sh0rt!pass',
      }).code,
    ).toBe('InvalidPasswordException');
    h.call('ChangePassword', {
      AccessToken: token,
      PreviousPassword: PASSWORD,
      ProposedPassword: 'Much-l0nger-pass',
    });
  });

  it('MFA left out turns it OFF: a user with TOTP signs in without the code; ON then asks everyone', () => {
    const h = harness();
    const { poolId, clientId } = seed(h, { mfa: 'OPTIONAL' });
    const signIn = () =>
      h.call('InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: clientId,
        AuthParameters: { USERNAME: 'alice', PASSWORD },
      });
    const token = signIn().AuthenticationResult.AccessToken;
    const secret = h.call('AssociateSoftwareToken', { AccessToken: token }).SecretCode;
    h.call('VerifySoftwareToken', { AccessToken: token, UserCode: h.code(secret) });
    h.call('SetUserMFAPreference', {
      AccessToken: token,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    });
    expect(signIn().ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    h.call('UpdateUserPool', { UserPoolId: poolId, Policies: { PasswordPolicy: { MinimumLength: 8 } } });
    expect(signIn().AuthenticationResult.AccessToken).toBeTruthy();
    h.call('AdminCreateUser', { UserPoolId: poolId, Username: 'bob', TemporaryPassword: 'Temp0rary!' });
    h.call('AdminSetUserPassword', {
      UserPoolId: poolId,
      Username: 'bob',
      Password: PASSWORD,
      Permanent: true,
    });
    h.call('UpdateUserPool', { UserPoolId: poolId, MfaConfiguration: 'ON' });
    const bob = h.call('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: 'bob', PASSWORD },
    });
    expect(bob.ChallengeName).toBe('MFA_SETUP');
  });

  it('DeviceConfiguration turns device tracking on and, left out, off again', () => {
    const h = harness();
    const { poolId, clientId } = seed(h, { totp: false });
    const signIn = () =>
      h.call('InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: clientId,
        AuthParameters: { USERNAME: 'alice', PASSWORD },
      }).AuthenticationResult;
    expect(signIn().NewDeviceMetadata).toBeUndefined();
    h.call('UpdateUserPool', {
      UserPoolId: poolId,
      DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true },
    });
    expect(signIn().NewDeviceMetadata.DeviceKey).toMatch(/^us-east-1_[0-9a-f-]{36}$/);
    h.call('UpdateUserPool', { UserPoolId: poolId });
    expect(signIn().NewDeviceMetadata).toBeUndefined();
  });

  it('AutoVerifiedAttributes decides whether sign-up sends a code', () => {
    const h = harness();
    const { poolId, clientId } = seed(h, { totp: false });
    const signUp = (Username: string) =>
      h.call('SignUp', {
        ClientId: clientId,
        Username,
        Password: PASSWORD,
        UserAttributes: [{ Name: 'email', Value: `${Username}@example.com` }],
      });
    expect(signUp('carol').CodeDeliveryDetails).toBeUndefined();
    h.call('UpdateUserPool', { UserPoolId: poolId, AutoVerifiedAttributes: ['email'] });
    expect(signUp('dave').CodeDeliveryDetails).toEqual({
      Destination: 'd***@e***',
      DeliveryMedium: 'EMAIL',
      AttributeName: 'email',
    });
    expect(h.backend.latestCode(poolId, 'dave', 'CONFIRM_SIGN_UP')).toMatch(/^\d{6}$/);
  });

  it('AdminCreateUserConfig.AllowAdminCreateUserOnly closes sign-up', () => {
    const h = harness();
    const { poolId, clientId } = seed(h, { totp: false });
    h.call('UpdateUserPool', {
      UserPoolId: poolId,
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
    });
    const e = h.fail('SignUp', { ClientId: clientId, Username: 'carol', Password: PASSWORD });
    expect([e.code, e.message]).toEqual([
      'NotAuthorizedException',
      'SignUp is not permitted for this user pool',
    ]);
  });
});

describe('pool settings in the state file', () => {
  it('a settings member of the wrong type is reported naming the file (253), never used', () => {
    const h = harness();
    const { poolId } = seed(h);
    const doc = JSON.parse(readFileSync(h.stateFile, 'utf8'));
    doc.pools[poolId].extra.Policies.PasswordPolicy.MinimumLength = '1';
    writeFileSync(h.stateFile, JSON.stringify(doc));
    const e = (() => {
      try {
        h.backend.callSync('DescribeUserPool', { UserPoolId: poolId });
      } catch (err) {
        return err as Error;
      }
      throw new Error('read a hostile state');
    })();
    expect(e.message).toContain(h.stateFile);
    expect(e.message).toContain(`pool ${poolId} has malformed settings`);
  });
});
