// Signing in by email address, phone number or preferred_username on the local emulator (issue 16):
// pools with UsernameAttributes (the address is the sign-in name, the username a generated sub)
// and pools with AliasAttributes (aliases besides the username, email and phone once verified),
// every call that names a user finding them by it, and one alias per user (AliasExistsException).
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { secretHash } from '../../src/backend/local/context.ts';
import { SrpClient } from '../../src/srp/client.ts';
import { type Harness, harness, PASSWORD } from '../helpers/local.ts';

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString());

function pool(h: Harness, settings: Record<string, unknown>, clientExtra: Record<string, unknown> = {}) {
  const poolId = h.call('CreateUserPool', {
    PoolName: 'aliases',
    AutoVerifiedAttributes: ['email'],
    ...settings,
  }).UserPool.Id as string;
  const c = h.call('CreateUserPoolClient', {
    UserPoolId: poolId,
    ClientName: 'app',
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    ...clientExtra,
  }).UserPoolClient;
  const clientId = c.ClientId as string;
  const signIn = (USERNAME: string, extra: Record<string, string> = {}) =>
    h.call('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME, PASSWORD, ...extra },
    });
  const failSignIn = (USERNAME: string) =>
    h.fail('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME, PASSWORD },
    });
  return { poolId, clientId, secret: c.ClientSecret as string | undefined, signIn, failSignIn };
}

/** Signs up `email` and confirms with the code from the outbox (Username: what the caller types). */
function signUpAndConfirm(
  h: Harness,
  p: ReturnType<typeof pool>,
  Username: string,
  email: string,
  confirm: Record<string, unknown> = {},
) {
  const r = h.call('SignUp', {
    ClientId: p.clientId,
    Username,
    Password: PASSWORD,
    UserAttributes: [{ Name: 'email', Value: email }],
  });
  const realName = h.backend.messages({ poolId: p.poolId }).at(-1)!.user;
  const code = h.backend.latestCode(p.poolId, realName, 'CONFIRM_SIGN_UP')!;
  return {
    sub: r.UserSub as string,
    realName,
    confirm: (extra: Record<string, unknown> = {}) =>
      h.call('ConfirmSignUp', {
        ClientId: p.clientId,
        Username,
        ConfirmationCode: code,
        ...confirm,
        ...extra,
      }),
    failConfirm: (extra: Record<string, unknown> = {}) =>
      h.fail('ConfirmSignUp', { ClientId: p.clientId, Username, ConfirmationCode: code, ...extra }),
  };
}

describe('UsernameAttributes email: the email address is the sign-in name', () => {
  it('sign-up takes the email as Username; the username is the sub; confirm, sign-in and admin calls take the email', () => {
    const h = harness();
    const p = pool(h, { UsernameAttributes: ['email'] });
    const r = h.call('SignUp', { ClientId: p.clientId, Username: 'carol@example.com', Password: PASSWORD });
    expect(r.UserSub).toMatch(/^[0-9a-f-]{36}$/);
    const [m] = h.backend.messages({ poolId: p.poolId });
    expect(m).toMatchObject({ user: r.UserSub, destination: 'carol@example.com', kind: 'CONFIRM_SIGN_UP' });
    h.call('ConfirmSignUp', {
      ClientId: p.clientId,
      Username: 'carol@example.com',
      ConfirmationCode: m!.code,
    });
    const got = h.call('AdminGetUser', { UserPoolId: p.poolId, Username: 'carol@example.com' });
    expect(got.Username).toBe(r.UserSub);
    expect(got.UserStatus).toBe('CONFIRMED');
    expect(got.UserAttributes).toEqual(
      expect.arrayContaining([
        { Name: 'email', Value: 'carol@example.com' },
        { Name: 'email_verified', Value: 'true' },
      ]),
    );
    const tokens = p.signIn('carol@example.com').AuthenticationResult;
    expect(claimsOf(tokens.AccessToken).username).toBe(r.UserSub);
    expect(h.call('GetUser', { AccessToken: tokens.AccessToken }).Username).toBe(r.UserSub);
    // The sub is the username too.
    expect(p.signIn(r.UserSub).AuthenticationResult).toBeDefined();
    h.call('AdminDisableUser', { UserPoolId: p.poolId, Username: 'carol@example.com' });
    expect(p.failSignIn('carol@example.com').message).toBe('User is disabled.');
  });

  it('USER_SRP_AUTH by email: USER_ID_FOR_SRP is the real username, and the proof over it verifies', () => {
    const h = harness();
    const p = pool(h, { UsernameAttributes: ['email'] });
    const { sub, confirm } = signUpAndConfirm(h, p, 'carol@example.com', 'carol@example.com');
    confirm();
    const srp = new SrpClient(p.poolId, { now: () => h.clock.t });
    const first = h.call('InitiateAuth', {
      AuthFlow: 'USER_SRP_AUTH',
      ClientId: p.clientId,
      AuthParameters: { USERNAME: 'carol@example.com', SRP_A: srp.srpA },
    });
    expect(first.ChallengeParameters.USER_ID_FOR_SRP).toBe(sub);
    expect(first.ChallengeParameters.USERNAME).toBe(sub);
    const done = h.call('RespondToAuthChallenge', {
      ClientId: p.clientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeResponses: srp.answer(first.ChallengeParameters, PASSWORD),
    });
    expect(claimsOf(done.AuthenticationResult.IdToken).email).toBe('carol@example.com');
  });

  it('a client with a secret: SECRET_HASH computed over the email (as the SDKs do) is accepted, a wrong one is not', () => {
    const h = harness();
    const p = pool(h, { UsernameAttributes: ['email'] }, { GenerateSecret: true });
    const hash = (name: string) => secretHash(p.secret!, name, p.clientId);
    h.call('SignUp', {
      ClientId: p.clientId,
      Username: 'carol@example.com',
      Password: PASSWORD,
      SecretHash: hash('carol@example.com'),
    });
    const m = h.backend.messages({ poolId: p.poolId }).at(-1)!;
    h.call('ConfirmSignUp', {
      ClientId: p.clientId,
      Username: 'carol@example.com',
      ConfirmationCode: m.code,
      SecretHash: hash('carol@example.com'),
    });
    expect(
      p.signIn('carol@example.com', { SECRET_HASH: hash('carol@example.com') }).AuthenticationResult,
    ).toBeDefined();
    expect(p.signIn('carol@example.com', { SECRET_HASH: hash(m.user) }).AuthenticationResult).toBeDefined();
    const wrong = h.fail('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: p.clientId,
      AuthParameters: { USERNAME: 'carol@example.com', PASSWORD, SECRET_HASH: hash('someone@else') },
    });
    expect([wrong.code, wrong.message]).toEqual([
      'NotAuthorizedException',
      `Unable to verify secret hash for client ${p.clientId}`,
    ]);
  });

  it("refuses a Username that is not an email, an email attribute that differs, and another user's email", () => {
    const h = harness();
    const p = pool(h, { UsernameAttributes: ['email'] });
    const notEmail = h.fail('SignUp', { ClientId: p.clientId, Username: 'carol', Password: PASSWORD });
    expect([notEmail.code, notEmail.message]).toEqual([
      'InvalidParameterException',
      'Username should be an email.',
    ]);
    const differs = h.fail('SignUp', {
      ClientId: p.clientId,
      Username: 'carol@example.com',
      Password: PASSWORD,
      UserAttributes: [{ Name: 'email', Value: 'other@example.com' }],
    });
    expect([differs.code, differs.message]).toEqual([
      'InvalidParameterException',
      'User email should be empty or same as username, since username attribute is email.',
    ]);
    h.call('SignUp', { ClientId: p.clientId, Username: 'carol@example.com', Password: PASSWORD });
    const taken = h.fail('SignUp', {
      ClientId: p.clientId,
      Username: 'carol@example.com',
      Password: PASSWORD,
    });
    expect([taken.code, taken.message]).toEqual([
      'UsernameExistsException',
      'An account with the given email already exists.',
    ]);
    const adminTaken = h.fail('AdminCreateUser', { UserPoolId: p.poolId, Username: 'carol@example.com' });
    expect(adminTaken.code).toBe('UsernameExistsException');
  });

  it('admin-create-user takes the email as Username too, and the answer names the generated username', () => {
    const h = harness();
    const p = pool(h, { UsernameAttributes: ['email'] });
    const u = h.call('AdminCreateUser', {
      UserPoolId: p.poolId,
      Username: 'dave@example.com',
      TemporaryPassword: 'Temp0rary!',
    }).User;
    const sub = u.Attributes.find((a: { Name: string }) => a.Name === 'sub').Value;
    expect(u.Username).toBe(sub);
    expect(u.Attributes).toContainEqual({ Name: 'email', Value: 'dave@example.com' });
    h.call('AdminSetUserPassword', {
      UserPoolId: p.poolId,
      Username: 'dave@example.com',
      Password: PASSWORD,
      Permanent: true,
    });
    expect(p.signIn('dave@example.com').AuthenticationResult).toBeDefined();
  });

  it("update-user-attributes to another user's email is AliasExistsException; a free one becomes the sign-in name", () => {
    const h = harness();
    const p = pool(h, { UsernameAttributes: ['email'] });
    signUpAndConfirm(h, p, 'carol@example.com', 'carol@example.com').confirm();
    signUpAndConfirm(h, p, 'dave@example.com', 'dave@example.com').confirm();
    const token = p.signIn('dave@example.com').AuthenticationResult.AccessToken;
    const e = h.fail('UpdateUserAttributes', {
      AccessToken: token,
      UserAttributes: [{ Name: 'email', Value: 'carol@example.com' }],
    });
    expect([e.code, e.message]).toEqual([
      'AliasExistsException',
      'An account with the given email already exists.',
    ]);
    expect(p.signIn('carol@example.com').AuthenticationResult).toBeDefined();
    const admin = h.fail('AdminUpdateUserAttributes', {
      UserPoolId: p.poolId,
      Username: 'dave@example.com',
      UserAttributes: [
        { Name: 'email', Value: 'carol@example.com' },
        { Name: 'email_verified', Value: 'true' },
      ],
    });
    expect(admin.code).toBe('AliasExistsException');
    h.call('UpdateUserAttributes', {
      AccessToken: token,
      UserAttributes: [{ Name: 'email', Value: 'dave2@example.com' }],
    });
    expect(p.signIn('dave2@example.com').AuthenticationResult).toBeDefined();
    expect(p.failSignIn('dave@example.com').code).toBe('UserNotFoundException');
  });

  it('forgot-password, confirm-forgot-password and resend-confirmation-code take the email', () => {
    const h = harness();
    const p = pool(h, { UsernameAttributes: ['email'] });
    const s = signUpAndConfirm(h, p, 'carol@example.com', 'carol@example.com');
    const resent = h.call('ResendConfirmationCode', { ClientId: p.clientId, Username: 'carol@example.com' });
    expect(resent.CodeDeliveryDetails.Destination).toBe('c***@e***');
    const code = h.backend.latestCode(p.poolId, s.realName, 'CONFIRM_SIGN_UP')!;
    h.call('ConfirmSignUp', { ClientId: p.clientId, Username: 'carol@example.com', ConfirmationCode: code });
    h.call('ForgotPassword', { ClientId: p.clientId, Username: 'carol@example.com' });
    const reset = h.backend.latestCode(p.poolId, s.realName, 'RESET_PASSWORD')!;
    h.call('ConfirmForgotPassword', {
      ClientId: p.clientId,
      Username: 'carol@example.com',
      ConfirmationCode: reset,
      Password: 'N3w-passw0rd!',
    });
    expect(
      h.call('InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: p.clientId,
        AuthParameters: { USERNAME: 'carol@example.com', PASSWORD: 'N3w-passw0rd!' },
      }).AuthenticationResult,
    ).toBeDefined();
  });

  it('phone numbers: the messages for a pool of phone numbers, or of either', () => {
    const h = harness();
    const phone = pool(h, { UsernameAttributes: ['phone_number'], AutoVerifiedAttributes: ['phone_number'] });
    expect(
      h.fail('SignUp', { ClientId: phone.clientId, Username: 'carol@example.com', Password: PASSWORD })
        .message,
    ).toBe('Username should be a phone number.');
    const r = h.call('SignUp', { ClientId: phone.clientId, Username: '+15555550100', Password: PASSWORD });
    const m = h.backend.messages({ poolId: phone.poolId }).at(-1)!;
    expect(m).toMatchObject({ user: r.UserSub, medium: 'SMS', destination: '+15555550100' });
    h.call('ConfirmSignUp', { ClientId: phone.clientId, Username: '+15555550100', ConfirmationCode: m.code });
    expect(phone.signIn('+15555550100').AuthenticationResult).toBeDefined();
    const either = pool(h, { UsernameAttributes: ['email', 'phone_number'] });
    expect(
      h.fail('SignUp', { ClientId: either.clientId, Username: 'carol', Password: PASSWORD }).message,
    ).toBe('Username should be either an email or a phone number.');
  });
});

describe('AliasAttributes: a username, and aliases once verified', () => {
  function aliasPool(h: Harness) {
    return pool(h, { AliasAttributes: ['email', 'phone_number', 'preferred_username'] });
  }

  it('an email alias signs in only once verified; preferred_username at once; the username always', () => {
    const h = harness();
    const p = aliasPool(h);
    h.call('AdminCreateUser', {
      UserPoolId: p.poolId,
      Username: 'alice',
      UserAttributes: [
        { Name: 'email', Value: 'alice@example.com' },
        { Name: 'preferred_username', Value: 'ally' },
      ],
    });
    h.call('AdminSetUserPassword', {
      UserPoolId: p.poolId,
      Username: 'alice',
      Password: PASSWORD,
      Permanent: true,
    });
    expect(p.signIn('alice').AuthenticationResult).toBeDefined();
    expect(p.signIn('ally').AuthenticationResult).toBeDefined();
    const unverified = p.failSignIn('alice@example.com');
    expect([unverified.code, unverified.message]).toEqual(['UserNotFoundException', 'User does not exist.']);
    h.call('AdminUpdateUserAttributes', {
      UserPoolId: p.poolId,
      Username: 'ally',
      UserAttributes: [{ Name: 'email_verified', Value: 'true' }],
    });
    const tokens = p.signIn('alice@example.com').AuthenticationResult;
    expect(claimsOf(tokens.AccessToken).username).toBe('alice');
    expect(h.call('AdminGetUser', { UserPoolId: p.poolId, Username: 'alice@example.com' }).Username).toBe(
      'alice',
    );
  });

  it('a username that looks like an email address is refused', () => {
    const h = harness();
    const p = aliasPool(h);
    const e = h.fail('SignUp', { ClientId: p.clientId, Username: 'carol@example.com', Password: PASSWORD });
    expect([e.code, e.message]).toEqual([
      'InvalidParameterException',
      'Username cannot be of email format, since user pool is configured for email alias.',
    ]);
  });

  it('confirm-sign-up of an email another user verified: AliasExistsException, or the alias moves with ForceAliasCreation', () => {
    const h = harness();
    const p = aliasPool(h);
    signUpAndConfirm(h, p, 'carol', 'shared@example.com').confirm();
    expect(p.signIn('shared@example.com').AuthenticationResult).toBeDefined();
    const dave = signUpAndConfirm(h, p, 'dave', 'shared@example.com');
    const e = dave.failConfirm();
    expect([e.code, e.message]).toEqual([
      'AliasExistsException',
      'An account with the given email already exists.',
    ]);
    // Nothing changed: dave is still UNCONFIRMED, carol keeps the alias, and the code still works.
    expect(h.call('AdminGetUser', { UserPoolId: p.poolId, Username: 'dave' }).UserStatus).toBe('UNCONFIRMED');
    expect(claimsOf(p.signIn('shared@example.com').AuthenticationResult.AccessToken).username).toBe('carol');
    dave.confirm({ ForceAliasCreation: true });
  });

  it('ForceAliasCreation moves the alias: the other user keeps the address, unverified, and no longer signs in with it', () => {
    const h = harness();
    const p = aliasPool(h);
    signUpAndConfirm(h, p, 'carol', 'shared@example.com').confirm();
    signUpAndConfirm(h, p, 'dave', 'shared@example.com', { ForceAliasCreation: true }).confirm();
    const signedIn = p.signIn('shared@example.com').AuthenticationResult;
    expect(claimsOf(signedIn.AccessToken).username).toBe('dave');
    const carol = h.call('AdminGetUser', { UserPoolId: p.poolId, Username: 'carol' }).UserAttributes;
    expect(carol).toContainEqual({ Name: 'email', Value: 'shared@example.com' });
    expect(carol).toContainEqual({ Name: 'email_verified', Value: 'false' });
  });

  it('verify-user-attribute of a taken email is AliasExistsException; an administrator verifying it moves it', () => {
    const h = harness();
    const p = aliasPool(h);
    signUpAndConfirm(h, p, 'carol', 'carol@example.com').confirm();
    signUpAndConfirm(h, p, 'dave', 'dave@example.com').confirm();
    const token = p.signIn('dave').AuthenticationResult.AccessToken;
    h.call('UpdateUserAttributes', {
      AccessToken: token,
      UserAttributes: [{ Name: 'email', Value: 'carol@example.com' }],
    });
    // Unverified, the address is no alias yet: carol still signs in with it.
    expect(claimsOf(p.signIn('carol@example.com').AuthenticationResult.AccessToken).username).toBe('carol');
    const code = h.backend.latestCode(p.poolId, 'dave', 'VERIFY_ATTRIBUTE')!;
    const e = h.fail('VerifyUserAttribute', { AccessToken: token, AttributeName: 'email', Code: code });
    expect([e.code, e.message]).toEqual([
      'AliasExistsException',
      'An account with the given email already exists.',
    ]);
    h.call('AdminUpdateUserAttributes', {
      UserPoolId: p.poolId,
      Username: 'dave',
      UserAttributes: [{ Name: 'email_verified', Value: 'true' }],
    });
    expect(claimsOf(p.signIn('carol@example.com').AuthenticationResult.AccessToken).username).toBe('dave');
  });

  it('preferred_username is unique: AliasExistsException, for users and administrators alike', () => {
    const h = harness();
    const p = aliasPool(h);
    signUpAndConfirm(h, p, 'carol', 'carol@example.com').confirm();
    signUpAndConfirm(h, p, 'dave', 'dave@example.com').confirm();
    h.call('AdminUpdateUserAttributes', {
      UserPoolId: p.poolId,
      Username: 'carol',
      UserAttributes: [{ Name: 'preferred_username', Value: 'the "best"' }],
    });
    expect(p.signIn('the "best"').AuthenticationResult).toBeDefined();
    const token = p.signIn('dave').AuthenticationResult.AccessToken;
    const e = h.fail('UpdateUserAttributes', {
      AccessToken: token,
      UserAttributes: [{ Name: 'preferred_username', Value: 'the "best"' }],
    });
    expect([e.code, e.message]).toEqual([
      'AliasExistsException',
      'An account with the given preferred_username already exists.',
    ]);
    expect(
      h.fail('AdminUpdateUserAttributes', {
        UserPoolId: p.poolId,
        Username: 'dave',
        UserAttributes: [{ Name: 'preferred_username', Value: 'the "best"' }],
      }).code,
    ).toBe('AliasExistsException');
  });

  it('aliases are found in a state file of an older layout too (users parsed whole)', () => {
    const h = harness();
    const p = aliasPool(h);
    signUpAndConfirm(h, p, 'carol', 'carol@example.com').confirm();
    // Reformatted by hand: not the one-line-per-user layout, so every user is parsed on read.
    writeFileSync(h.stateFile, JSON.stringify(JSON.parse(readFileSync(h.stateFile, 'utf8')), null, 2), {
      mode: 0o600,
    });
    expect(claimsOf(p.signIn('carol@example.com').AuthenticationResult.AccessToken).username).toBe('carol');
  });
});

describe('a pool without sign-in attributes', () => {
  it('an email address is not a sign-in name', () => {
    const h = harness();
    const p = pool(h, {});
    signUpAndConfirm(h, p, 'carol', 'carol@example.com').confirm();
    expect(p.failSignIn('carol@example.com').code).toBe('UserNotFoundException');
    expect(
      h.fail('CreateUserPool', {
        PoolName: 'both',
        UsernameAttributes: ['email'],
        AliasAttributes: ['email'],
      }).message,
    ).toBe('Only one of AliasAttributes and UsernameAttributes can be specified.');
  });
});
