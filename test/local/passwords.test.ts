// Passwords on the local emulator (issue 16): change-password, forgot-password and
// confirm-forgot-password with the code from the outbox, admin-reset-user-password
// (RESET_REQUIRED, then PasswordResetRequiredException at sign-in until the new password is set).
import { describe, expect, it } from 'vitest';
import { harness, PASSWORD, seed } from '../helpers/local.ts';

const NEW = 'N3w-Passw0rd!';

/** alice (seeded: email not verified) and bob (email verified), both CONFIRMED with PASSWORD. */
function setup() {
  const h = harness();
  const s = seed(h, { totp: false });
  h.call('AdminCreateUser', {
    UserPoolId: s.poolId,
    Username: 'bob',
    UserAttributes: [
      { Name: 'email', Value: 'bob@example.org' },
      { Name: 'email_verified', Value: 'true' },
    ],
  });
  h.call('AdminSetUserPassword', {
    UserPoolId: s.poolId,
    Username: 'bob',
    Password: PASSWORD,
    Permanent: true,
  });
  const auth = (password: string, USERNAME = 'bob') => ({
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: s.clientId,
    AuthParameters: { USERNAME, PASSWORD: password },
  });
  const signInWith = (password: string) => h.call('InitiateAuth', auth(password));
  const failSignIn = (password: string) => h.fail('InitiateAuth', auth(password));
  const code = () => h.backend.latestCode(s.poolId, 'bob', 'RESET_PASSWORD');
  const bob = { UserPoolId: s.poolId, Username: 'bob' };
  return { h, ...s, bob, signInWith, failSignIn, code };
}

describe('change-password', () => {
  it('with the right previous password: the new one signs in, the old one no longer, the token still works', () => {
    const { h, signInWith, failSignIn } = setup();
    const access = signInWith(PASSWORD).AuthenticationResult.AccessToken;
    expect(
      h.call('ChangePassword', { AccessToken: access, PreviousPassword: PASSWORD, ProposedPassword: NEW }),
    ).toEqual({});
    expect(signInWith(NEW).AuthenticationResult).toBeDefined();
    expect(failSignIn(PASSWORD).message).toBe('Incorrect username or password.');
    expect(h.call('GetUser', { AccessToken: access }).Username).toBe('bob');
  });

  it('errors: wrong previous password (NotAuthorizedException), weak proposal (InvalidPasswordException), bad token', () => {
    const { h, signInWith } = setup();
    const access = signInWith(PASSWORD).AuthenticationResult.AccessToken;
    const wrong = h.fail('ChangePassword', {
      AccessToken: access,
      PreviousPassword: 'Wr0ng-pass!',
      ProposedPassword: NEW,
    });
    expect([wrong.code, wrong.message]).toEqual([
      'NotAuthorizedException',
      'Incorrect username or password.',
    ]);
    const weak = h.fail('ChangePassword', {
      AccessToken: access,
      PreviousPassword: PASSWORD,
      ProposedPassword: 'short',
    });
    expect([weak.code, weak.message]).toEqual([
      'InvalidPasswordException',
      'Password does not conform to policy: Password not long enough',
    ]);
    expect(
      h.fail('ChangePassword', { AccessToken: 'x.y.z', PreviousPassword: PASSWORD, ProposedPassword: NEW })
        .code,
    ).toBe('NotAuthorizedException');
    expect(signInWith(PASSWORD).AuthenticationResult).toBeDefined();
  });
});

describe('forgot-password / confirm-forgot-password', () => {
  it('sends a code to the verified email (masked), and the code sets a new password', () => {
    const { h, poolId, clientId, code, signInWith, failSignIn } = setup();
    const r = h.call('ForgotPassword', { ClientId: clientId, Username: 'bob' });
    expect(r.CodeDeliveryDetails).toEqual({
      Destination: 'b***@e***',
      DeliveryMedium: 'EMAIL',
      AttributeName: 'email',
    });
    const [m] = h.backend.messages({ poolId, username: 'bob' });
    expect(m).toMatchObject({ kind: 'RESET_PASSWORD', destination: 'bob@example.org' });
    // Until confirmed, the old password still works (forgot-password changes nothing else).
    expect(signInWith(PASSWORD).AuthenticationResult).toBeDefined();
    expect(
      h.call('ConfirmForgotPassword', {
        ClientId: clientId,
        Username: 'bob',
        ConfirmationCode: code(),
        Password: NEW,
      }),
    ).toEqual({});
    expect(signInWith(NEW).AuthenticationResult).toBeDefined();
    expect(failSignIn(PASSWORD).code).toBe('NotAuthorizedException');
    // Single use.
    const again = h.fail('ConfirmForgotPassword', {
      ClientId: clientId,
      Username: 'bob',
      ConfirmationCode: m!.code,
      Password: 'An0ther-Passw0rd!',
    });
    expect(again.code).toBe('ExpiredCodeException');
  });

  it('errors: no verified contact, unknown user, disabled user, wrong / expired code, weak password', () => {
    const { h, clientId, bob, code } = setup();
    const none = h.fail('ForgotPassword', { ClientId: clientId, Username: 'alice' });
    expect([none.code, none.message]).toEqual([
      'InvalidParameterException',
      'Cannot reset password for the user as there is no registered/verified email or phone_number',
    ]);
    const unknown = h.fail('ForgotPassword', { ClientId: clientId, Username: 'nobody' });
    expect([unknown.code, unknown.message]).toEqual([
      'UserNotFoundException',
      'Username/client id combination not found.',
    ]);
    h.call('ForgotPassword', { ClientId: clientId, Username: 'bob' });
    const right = code()!;
    const req = (c: string, Password = NEW) => ({
      ClientId: clientId,
      Username: 'bob',
      ConfirmationCode: c,
      Password,
    });
    const mismatch = h.fail('ConfirmForgotPassword', req(right === '000000' ? '111111' : '000000'));
    expect(mismatch.code).toBe('CodeMismatchException');
    const weak = h.fail('ConfirmForgotPassword', req(right, 'weak'));
    expect(weak.code).toBe('InvalidPasswordException');
    h.advance(3600);
    const expired = h.fail('ConfirmForgotPassword', req(right));
    expect([expired.code, expired.message]).toEqual([
      'ExpiredCodeException',
      'Invalid code provided, please request a code again.',
    ]);
    h.call('AdminDisableUser', bob);
    const disabled = h.fail('ForgotPassword', { ClientId: clientId, Username: 'bob' });
    expect([disabled.code, disabled.message]).toEqual(['NotAuthorizedException', 'User is disabled.']);
  });
});

describe('admin-reset-user-password', () => {
  it('RESET_REQUIRED: the old password gets PasswordResetRequiredException until the code sets a new one', () => {
    const { h, clientId, bob, code, signInWith, failSignIn } = setup();
    expect(h.call('AdminResetUserPassword', bob)).toEqual({});
    expect(h.call('AdminGetUser', bob).UserStatus).toBe('RESET_REQUIRED');
    const e = failSignIn(PASSWORD);
    expect([e.code, e.message]).toEqual([
      'PasswordResetRequiredException',
      'Password reset required for the user',
    ]);
    h.call('ConfirmForgotPassword', {
      ClientId: clientId,
      Username: 'bob',
      ConfirmationCode: code(),
      Password: NEW,
    });
    expect(h.call('AdminGetUser', bob).UserStatus).toBe('CONFIRMED');
    expect(signInWith(NEW).AuthenticationResult).toBeDefined();
  });

  it('errors: unknown user, no verified contact', () => {
    const { h, poolId } = setup();
    expect(h.fail('AdminResetUserPassword', { UserPoolId: poolId, Username: 'nobody' }).code).toBe(
      'UserNotFoundException',
    );
    expect(h.fail('AdminResetUserPassword', { UserPoolId: poolId, Username: 'alice' }).code).toBe(
      'InvalidParameterException',
    );
    expect(h.call('AdminGetUser', { UserPoolId: poolId, Username: 'alice' }).UserStatus).toBe('CONFIRMED');
  });
});
