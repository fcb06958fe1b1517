// Self-service sign-up on the local emulator (issue 16): sign-up, confirm-sign-up with the code from
// the outbox, resend-confirmation-code, admin-confirm-sign-up, and the errors Cognito gives.
import { describe, expect, it } from 'vitest';
import { secretHash } from '../../src/backend/local/context.ts';
import { harness, PASSWORD } from '../helpers/local.ts';

function setup(
  pool: Record<string, unknown> = { AutoVerifiedAttributes: ['email'] },
  client: Record<string, unknown> = {},
) {
  const h = harness();
  const poolId = h.call('CreateUserPool', { PoolName: 'signup', ...pool }).UserPool.Id as string;
  const c = h.call('CreateUserPoolClient', {
    UserPoolId: poolId,
    ClientName: 'app',
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    ...client,
  }).UserPoolClient;
  const clientId = c.ClientId as string;
  const signUp = (Username = 'carol', extra: Record<string, unknown> = {}) =>
    h.call('SignUp', {
      ClientId: clientId,
      Username,
      Password: PASSWORD,
      UserAttributes: [{ Name: 'email', Value: 'carol@example.com' }],
      ...extra,
    });
  const code = (Username = 'carol') => h.backend.latestCode(poolId, Username, 'CONFIRM_SIGN_UP');
  const signIn = (Username = 'carol') =>
    h.call('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: Username, PASSWORD },
    });
  return { h, poolId, clientId, clientSecret: c.ClientSecret as string | undefined, signUp, code, signIn };
}

describe('sign-up', () => {
  it('creates an UNCONFIRMED user, sends a code to the auto-verified email (masked in the answer)', () => {
    const { h, poolId, signUp } = setup();
    const r = signUp();
    expect(r.UserConfirmed).toBe(false);
    expect(r.UserSub).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.CodeDeliveryDetails).toEqual({
      Destination: 'c***@e***',
      DeliveryMedium: 'EMAIL',
      AttributeName: 'email',
    });
    const user = h.call('AdminGetUser', { UserPoolId: poolId, Username: 'carol' });
    expect(user.UserStatus).toBe('UNCONFIRMED');
    expect(user.UserAttributes).toContainEqual({ Name: 'sub', Value: r.UserSub });
    const [m] = h.backend.messages({ poolId, username: 'carol' });
    expect(m).toMatchObject({
      pool: poolId,
      user: 'carol',
      kind: 'CONFIRM_SIGN_UP',
      medium: 'EMAIL',
      attribute: 'email',
      destination: 'carol@example.com',
    });
    expect(m!.code).toMatch(/^[0-9]{6}$/);
  });

  it('an UNCONFIRMED user cannot sign in: UserNotConfirmedException', () => {
    const { h, clientId, signUp } = setup();
    signUp();
    const e = h.fail('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: 'carol', PASSWORD },
    });
    expect([e.code, e.message]).toEqual(['UserNotConfirmedException', 'User is not confirmed.']);
  });

  it('checks the password policy, the name, the client, and a pool that allows admins only', () => {
    const { h, clientId, signUp } = setup();
    const weak = h.fail('SignUp', { ClientId: clientId, Username: 'dave', Password: 'password' });
    expect([weak.code, weak.message]).toEqual([
      'InvalidPasswordException',
      'Password did not conform with policy: Password must have uppercase characters',
    ]);
    signUp();
    expect(h.fail('SignUp', { ClientId: clientId, Username: 'carol', Password: PASSWORD }).code).toBe(
      'UsernameExistsException',
    );
    expect(h.fail('SignUp', { ClientId: 'nosuchclient', Username: 'x', Password: PASSWORD }).code).toBe(
      'ResourceNotFoundException',
    );
    const closed = setup({ AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } });
    const e = closed.h.fail('SignUp', { ClientId: closed.clientId, Username: 'x', Password: PASSWORD });
    expect([e.code, e.message]).toEqual([
      'NotAuthorizedException',
      'SignUp is not permitted for this user pool',
    ]);
  });

  it('a client with a secret needs SECRET_HASH', () => {
    const { h, clientId, clientSecret } = setup(undefined, { GenerateSecret: true });
    const e = h.fail('SignUp', { ClientId: clientId, Username: 'carol', Password: PASSWORD });
    expect(e.code).toBe('NotAuthorizedException');
    const ok = h.call('SignUp', {
      ClientId: clientId,
      Username: 'carol',
      Password: PASSWORD,
      SecretHash: secretHash(clientSecret!, 'carol', clientId),
    });
    expect(ok.UserConfirmed).toBe(false);
  });

  it('without AutoVerifiedAttributes no code is sent; admin-confirm-sign-up confirms', () => {
    const { h, poolId, signUp, signIn } = setup({});
    const r = signUp();
    expect(r.CodeDeliveryDetails).toBeUndefined();
    expect(h.backend.messages({ poolId })).toEqual([]);
    expect(h.call('AdminConfirmSignUp', { UserPoolId: poolId, Username: 'carol' })).toEqual({});
    expect(h.call('AdminGetUser', { UserPoolId: poolId, Username: 'carol' }).UserStatus).toBe('CONFIRMED');
    expect(signIn().AuthenticationResult.AccessToken).toBeTypeOf('string');
    const again = h.fail('AdminConfirmSignUp', { UserPoolId: poolId, Username: 'carol' });
    expect([again.code, again.message]).toEqual([
      'NotAuthorizedException',
      'User cannot be confirmed. Current status is CONFIRMED',
    ]);
    expect(h.fail('AdminConfirmSignUp', { UserPoolId: poolId, Username: 'nobody' }).code).toBe(
      'UserNotFoundException',
    );
  });

  it('a phone number auto-verified goes by SMS, masked to its last four digits', () => {
    const { h, clientId } = setup({ AutoVerifiedAttributes: ['email', 'phone_number'] });
    const r = h.call('SignUp', {
      ClientId: clientId,
      Username: 'erin',
      Password: PASSWORD,
      UserAttributes: [
        { Name: 'email', Value: 'erin@example.com' },
        { Name: 'phone_number', Value: '+15555550123' },
      ],
    });
    expect(r.CodeDeliveryDetails).toEqual({
      Destination: '+*******0123',
      DeliveryMedium: 'SMS',
      AttributeName: 'phone_number',
    });
  });
});

describe('confirm-sign-up', () => {
  it('the code confirms the user, verifies the email, and then sign-in works', () => {
    const { h, poolId, clientId, signUp, code, signIn } = setup();
    signUp();
    expect(
      h.call('ConfirmSignUp', { ClientId: clientId, Username: 'carol', ConfirmationCode: code() }),
    ).toEqual({});
    const user = h.call('AdminGetUser', { UserPoolId: poolId, Username: 'carol' });
    expect(user.UserStatus).toBe('CONFIRMED');
    expect(user.UserAttributes).toContainEqual({ Name: 'email_verified', Value: 'true' });
    const id = JSON.parse(
      Buffer.from(signIn().AuthenticationResult.IdToken.split('.')[1], 'base64url').toString(),
    );
    expect(id.email_verified).toBe(true);
  });

  it('a wrong code: CodeMismatchException; five wrong codes: LimitExceededException, even for the right one', () => {
    const { h, clientId, signUp, code } = setup();
    signUp();
    const right = code()!;
    const wrong = right === '000000' ? '111111' : '000000';
    const req = (c: string) => ({ ClientId: clientId, Username: 'carol', ConfirmationCode: c });
    const e = h.fail('ConfirmSignUp', req(wrong));
    expect([e.code, e.message]).toEqual([
      'CodeMismatchException',
      'Invalid verification code provided, please try again.',
    ]);
    for (let i = 0; i < 4; i++)
      expect(h.fail('ConfirmSignUp', req(wrong)).code).toBe('CodeMismatchException');
    const limited = h.fail('ConfirmSignUp', req(right));
    expect([limited.code, limited.message]).toEqual([
      'LimitExceededException',
      'Attempt limit exceeded, please try after some time.',
    ]);
    // A new code starts afresh.
    h.call('ResendConfirmationCode', { ClientId: clientId, Username: 'carol' });
    expect(h.call('ConfirmSignUp', req(code()!))).toEqual({});
  });

  it('a code expires after 24 hours (ExpiredCodeException) and is single use', () => {
    const { h, clientId, signUp, code } = setup();
    signUp();
    const c = code()!;
    h.advance(24 * 3600);
    const e = h.fail('ConfirmSignUp', { ClientId: clientId, Username: 'carol', ConfirmationCode: c });
    expect([e.code, e.message]).toEqual([
      'ExpiredCodeException',
      'Invalid code provided, please request a code again.',
    ]);
    h.call('ResendConfirmationCode', { ClientId: clientId, Username: 'carol' });
    const fresh = code()!;
    h.advance(24 * 3600 - 1);
    h.call('ConfirmSignUp', { ClientId: clientId, Username: 'carol', ConfirmationCode: fresh });
    const reuse = h.fail('ConfirmSignUp', { ClientId: clientId, Username: 'carol', ConfirmationCode: fresh });
    expect([reuse.code, reuse.message]).toEqual([
      'NotAuthorizedException',
      'User cannot be confirmed. Current status is CONFIRMED',
    ]);
  });

  it('resend-confirmation-code: a new code replaces the old one; errors for unknown and confirmed users', () => {
    const { h, clientId, signUp, code } = setup();
    signUp();
    const first = code()!;
    const r = h.call('ResendConfirmationCode', { ClientId: clientId, Username: 'carol' });
    expect(r.CodeDeliveryDetails).toEqual({
      Destination: 'c***@e***',
      DeliveryMedium: 'EMAIL',
      AttributeName: 'email',
    });
    const second = code()!;
    if (first !== second) {
      expect(
        h.fail('ConfirmSignUp', { ClientId: clientId, Username: 'carol', ConfirmationCode: first }).code,
      ).toBe('CodeMismatchException');
    }
    h.call('ConfirmSignUp', { ClientId: clientId, Username: 'carol', ConfirmationCode: second });
    const done = h.fail('ResendConfirmationCode', { ClientId: clientId, Username: 'carol' });
    expect([done.code, done.message]).toEqual(['InvalidParameterException', 'User is already confirmed.']);
    const none = h.fail('ResendConfirmationCode', { ClientId: clientId, Username: 'nobody' });
    expect([none.code, none.message]).toEqual([
      'UserNotFoundException',
      'Username/client id combination not found.',
    ]);
    expect(
      h.fail('ConfirmSignUp', { ClientId: clientId, Username: 'nobody', ConfirmationCode: '123456' }).code,
    ).toBe('UserNotFoundException');
  });
});
