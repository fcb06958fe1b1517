// How often a user may ask for a code (issue 16): resend-confirmation-code, forgot-password and
// get-user-attribute-verification-code give LimitExceededException past 5 requests an hour (the
// lower bound Cognito documents; src/backend/local/ops/codes.ts says where the numbers come from).
// The clock is the harness's: the hour passes without sleeping.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Harness, harness, PASSWORD, seed } from '../helpers/local.ts';

const LIMIT = ['LimitExceededException', 'Attempt limit exceeded, please try after some time.'];

function signedUp(h: Harness) {
  const poolId = h.call('CreateUserPool', { PoolName: 'codes', AutoVerifiedAttributes: ['email'] }).UserPool
    .Id as string;
  const clientId = h.call('CreateUserPoolClient', { UserPoolId: poolId, ClientName: 'app' }).UserPoolClient
    .ClientId as string;
  h.call('SignUp', {
    ClientId: clientId,
    Username: 'carol',
    Password: PASSWORD,
    UserAttributes: [{ Name: 'email', Value: 'carol@example.com' }],
  });
  return { poolId, clientId };
}

const sent = (h: Harness, poolId: string) => h.backend.messages({ poolId }).length;

describe('code requests are limited to 5 an hour per user and kind of code', () => {
  it('resend-confirmation-code: the sixth within the hour is refused, sends nothing, and the hour frees it', () => {
    const h = harness();
    const { poolId, clientId } = signedUp(h);
    const resend = () => h.call('ResendConfirmationCode', { ClientId: clientId, Username: 'carol' });
    for (let i = 0; i < 5; i++) {
      resend();
      h.advance(60);
    }
    const before = sent(h, poolId);
    const e = h.fail('ResendConfirmationCode', { ClientId: clientId, Username: 'carol' });
    expect([e.code, e.message]).toEqual(LIMIT);
    expect(sent(h, poolId)).toBe(before);
    // The first request leaves the window an hour after it was made: a second before, still refused.
    h.advance(3600 - 5 * 60 - 1);
    expect(h.fail('ResendConfirmationCode', { ClientId: clientId, Username: 'carol' }).code).toBe(LIMIT[0]);
    h.advance(1);
    expect(resend().CodeDeliveryDetails.Destination).toBe('c***@e***');
    expect(sent(h, poolId)).toBe(before + 1);
  });

  it('a refused request leaves the pending code working', () => {
    const h = harness();
    const { poolId, clientId } = signedUp(h);
    for (let i = 0; i < 5; i++) h.call('ResendConfirmationCode', { ClientId: clientId, Username: 'carol' });
    const code = h.backend.latestCode(poolId, 'carol', 'CONFIRM_SIGN_UP')!;
    h.fail('ResendConfirmationCode', { ClientId: clientId, Username: 'carol' });
    h.call('ConfirmSignUp', { ClientId: clientId, Username: 'carol', ConfirmationCode: code });
    expect(h.call('AdminGetUser', { UserPoolId: poolId, Username: 'carol' }).UserStatus).toBe('CONFIRMED');
  });

  it('forgot-password: the sixth is refused; the limit is per kind of code and per user', () => {
    const h = harness();
    const { poolId, clientId } = seed(h, { totp: false });
    h.call('AdminUpdateUserAttributes', {
      UserPoolId: poolId,
      Username: 'alice',
      UserAttributes: [{ Name: 'email_verified', Value: 'true' }],
    });
    const forgot = (Username: string) => h.call('ForgotPassword', { ClientId: clientId, Username });
    for (let i = 0; i < 5; i++) forgot('alice');
    const e = h.fail('ForgotPassword', { ClientId: clientId, Username: 'alice' });
    expect([e.code, e.message]).toEqual(LIMIT);
    // Another kind of code for the same user is counted apart.
    const token = h.call('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: 'alice', PASSWORD },
    }).AuthenticationResult.AccessToken;
    h.call('GetUserAttributeVerificationCode', { AccessToken: token, AttributeName: 'email' });
    // Another user is counted apart.
    h.call('AdminCreateUser', {
      UserPoolId: poolId,
      Username: 'bob',
      UserAttributes: [
        { Name: 'email', Value: 'bob@example.com' },
        { Name: 'email_verified', Value: 'true' },
      ],
    });
    h.call('AdminSetUserPassword', {
      UserPoolId: poolId,
      Username: 'bob',
      Password: PASSWORD,
      Permanent: true,
    });
    expect(forgot('bob').CodeDeliveryDetails.Destination).toBe('b***@e***');
    // The reset code sent last still works.
    const code = h.backend.latestCode(poolId, 'alice', 'RESET_PASSWORD')!;
    h.call('ConfirmForgotPassword', {
      ClientId: clientId,
      Username: 'alice',
      ConfirmationCode: code,
      Password: 'N3w-passw0rd!',
    });
  });

  it('get-user-attribute-verification-code: the sixth is refused', () => {
    const h = harness();
    const { clientId } = seed(h, { totp: false });
    const token = h.call('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: 'alice', PASSWORD },
    }).AuthenticationResult.AccessToken;
    for (let i = 0; i < 5; i++)
      h.call('GetUserAttributeVerificationCode', { AccessToken: token, AttributeName: 'email' });
    const e = h.fail('GetUserAttributeVerificationCode', { AccessToken: token, AttributeName: 'email' });
    expect([e.code, e.message]).toEqual(LIMIT);
    // An hour on (the access token lives an hour too: a fresh one).
    h.advance(3600);
    const fresh = h.call('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: 'alice', PASSWORD },
    }).AuthenticationResult.AccessToken;
    h.call('GetUserAttributeVerificationCode', { AccessToken: fresh, AttributeName: 'email' });
  });

  it('request times of the wrong type in the state file are reported naming it, never used', () => {
    const h = harness();
    const { clientId } = signedUp(h);
    h.call('ResendConfirmationCode', { ClientId: clientId, Username: 'carol' });
    const text = readFileSync(h.stateFile, 'utf8');
    expect(text).toContain('"sends":{"CONFIRM_SIGN_UP":[');
    writeFileSync(
      h.stateFile,
      text.replace(/"sends":\{"CONFIRM_SIGN_UP":\[[^\]]*\]/, '"sends":{"CONFIRM_SIGN_UP":["x"]'),
    );
    let message = '';
    try {
      h.backend.callSync('ResendConfirmationCode', { ClientId: clientId, Username: 'carol' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain(h.stateFile);
    expect(message).toContain('user "carol" of pool');
    expect(message).toContain('has malformed code request times');
  });
});
