// Attributes on the local emulator (issue 16): update-user-attributes, admin-update-user-attributes,
// admin-delete-user-attributes, get-user-attribute-verification-code, verify-user-attribute, and
// list-users with --filter and --attributes-to-get.
import { describe, expect, it } from 'vitest';
import { harness, PASSWORD, seed } from '../helpers/local.ts';

const attrsOf = (user: any) => Object.fromEntries(user.UserAttributes.map((a: any) => [a.Name, a.Value]));

/** The seeded pool (no attribute auto-verified) and its user alice. */
function setup() {
  const h = harness();
  const s = seed(h, { totp: false });
  const access = () => s.signIn().AuthenticationResult.AccessToken as string;
  const key = { UserPoolId: s.poolId, Username: 'alice' };
  return { h, ...s, access, key };
}

describe('update-user-attributes', () => {
  it('changes attributes; a new email is unverified; no code when the pool does not auto-verify email', () => {
    const { h, key, access } = setup();
    h.call('AdminUpdateUserAttributes', {
      ...key,
      UserAttributes: [{ Name: 'email_verified', Value: 'true' }],
    });
    const r = h.call('UpdateUserAttributes', {
      AccessToken: access(),
      UserAttributes: [
        { Name: 'email', Value: 'alice@new.example' },
        { Name: 'given_name', Value: 'Alice' },
      ],
    });
    expect(r).toEqual({});
    expect(attrsOf(h.call('AdminGetUser', key))).toMatchObject({
      email: 'alice@new.example',
      email_verified: 'false',
      given_name: 'Alice',
    });
  });

  it('with email auto-verified: a code to the new address (masked), verify-user-attribute verifies it', () => {
    const h = harness();
    const poolId = h.call('CreateUserPool', { PoolName: 'p', AutoVerifiedAttributes: ['email'] }).UserPool.Id;
    const clientId = h.call('CreateUserPoolClient', {
      UserPoolId: poolId,
      ClientName: 'c',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }).UserPoolClient.ClientId;
    h.call('AdminCreateUser', { UserPoolId: poolId, Username: 'bob', MessageAction: 'SUPPRESS' });
    h.call('AdminSetUserPassword', {
      UserPoolId: poolId,
      Username: 'bob',
      Password: PASSWORD,
      Permanent: true,
    });
    const access = h.call('InitiateAuth', {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: 'bob', PASSWORD },
    }).AuthenticationResult.AccessToken;
    const r = h.call('UpdateUserAttributes', {
      AccessToken: access,
      UserAttributes: [{ Name: 'email', Value: 'bob@example.net' }],
    });
    expect(r.CodeDeliveryDetailsList).toEqual([
      { Destination: 'b***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' },
    ]);
    const [m] = h.backend.messages({ poolId, username: 'bob' });
    expect(m).toMatchObject({ kind: 'VERIFY_ATTRIBUTE', attribute: 'email', destination: 'bob@example.net' });
    const wrong = h.fail('VerifyUserAttribute', {
      AccessToken: access,
      AttributeName: 'email',
      Code: m!.code === '000000' ? '111111' : '000000',
    });
    expect(wrong.code).toBe('CodeMismatchException');
    expect(
      h.call('VerifyUserAttribute', { AccessToken: access, AttributeName: 'email', Code: m!.code }),
    ).toEqual({});
    const user = h.call('AdminGetUser', { UserPoolId: poolId, Username: 'bob' });
    expect(attrsOf(user).email_verified).toBe('true');
    const again = h.fail('VerifyUserAttribute', {
      AccessToken: access,
      AttributeName: 'email',
      Code: m!.code,
    });
    expect(again.code).toBe('ExpiredCodeException');
  });

  it('errors: sub and *_verified cannot be set by the user; a bad token', () => {
    const { h, access } = setup();
    const token = access();
    const sub = h.fail('UpdateUserAttributes', {
      AccessToken: token,
      UserAttributes: [{ Name: 'sub', Value: 'x' }],
    });
    expect(sub.code).toBe('InvalidParameterException');
    const verified = h.fail('UpdateUserAttributes', {
      AccessToken: token,
      UserAttributes: [{ Name: 'email_verified', Value: 'true' }],
    });
    expect(verified.code).toBe('InvalidParameterException');
    expect(
      h.fail('UpdateUserAttributes', { AccessToken: 'a.b.c', UserAttributes: [{ Name: 'name', Value: 'x' }] })
        .code,
    ).toBe('NotAuthorizedException');
  });
});

describe('admin-update-user-attributes / admin-delete-user-attributes', () => {
  it('an administrator may set email_verified with the email; attributes show in the next ID token', () => {
    const { h, key, signIn } = setup();
    h.call('AdminUpdateUserAttributes', {
      ...key,
      UserAttributes: [
        { Name: 'email', Value: 'a@b.example' },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'custom:team', Value: 'blue' },
      ],
    });
    const id = JSON.parse(
      Buffer.from(signIn().AuthenticationResult.IdToken.split('.')[1], 'base64url').toString(),
    );
    expect(id).toMatchObject({ email: 'a@b.example', email_verified: true, 'custom:team': 'blue' });
    h.call('AdminDeleteUserAttributes', { ...key, UserAttributeNames: ['custom:team', 'email'] });
    const after = attrsOf(h.call('AdminGetUser', key));
    expect(after['custom:team']).toBeUndefined();
    expect(after.email).toBeUndefined();
    expect(after.email_verified).toBeUndefined();
  });

  it('errors: unknown user, sub', () => {
    const { h, poolId, key } = setup();
    expect(
      h.fail('AdminUpdateUserAttributes', {
        UserPoolId: poolId,
        Username: 'nobody',
        UserAttributes: [{ Name: 'name', Value: 'x' }],
      }).code,
    ).toBe('UserNotFoundException');
    expect(h.fail('AdminDeleteUserAttributes', { ...key, UserAttributeNames: ['sub'] }).code).toBe(
      'InvalidParameterException',
    );
  });
});

describe('get-user-attribute-verification-code', () => {
  it('sends a code for email; refuses an attribute that cannot be verified or is not set', () => {
    const { h, poolId, access } = setup();
    const token = access();
    const r = h.call('GetUserAttributeVerificationCode', { AccessToken: token, AttributeName: 'email' });
    expect(r.CodeDeliveryDetails).toEqual({
      Destination: 'a***@e***',
      DeliveryMedium: 'EMAIL',
      AttributeName: 'email',
    });
    const code = h.backend.latestCode(poolId, 'alice', 'VERIFY_ATTRIBUTE')!;
    h.call('VerifyUserAttribute', { AccessToken: token, AttributeName: 'email', Code: code });
    expect(
      h.fail('GetUserAttributeVerificationCode', { AccessToken: token, AttributeName: 'given_name' }).code,
    ).toBe('InvalidParameterException');
    expect(
      h.fail('GetUserAttributeVerificationCode', { AccessToken: token, AttributeName: 'phone_number' }).code,
    ).toBe('InvalidParameterException');
  });
});

describe('list-users --filter / --attributes-to-get', () => {
  function many() {
    const s = setup();
    const { h, poolId } = s;
    for (const [u, email, given] of [
      ['bob', 'bob@example.com', 'Bob'],
      ['bobby', 'bobby@example.org', 'Robert'],
      ['carol', 'carol@example.com', 'Carol'],
    ] as const) {
      h.call('AdminCreateUser', {
        UserPoolId: poolId,
        Username: u,
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'given_name', Value: given },
        ],
      });
    }
    h.call('AdminDisableUser', { UserPoolId: poolId, Username: 'carol' });
    const names = (Filter: string) =>
      h.call('ListUsers', { UserPoolId: poolId, Filter }).Users.map((u: any) => u.Username);
    return { ...s, names };
  }

  it('= and ^= on username, email, given_name, sub, status and cognito:user_status', () => {
    const { h, poolId, names } = many();
    expect(names('username = "bob"')).toEqual(['bob']);
    expect(names('username ^= "bob"')).toEqual(['bob', 'bobby']);
    expect(names('email ^= "bob"')).toEqual(['bob', 'bobby']);
    expect(names('email = "carol@example.com"')).toEqual(['carol']);
    expect(names('given_name = "Robert"')).toEqual(['bobby']);
    expect(names('status = "Disabled"')).toEqual(['carol']);
    expect(names('cognito:user_status = "confirmed"')).toEqual(['alice']);
    expect(names('cognito:user_status = "FORCE_CHANGE_PASSWORD"')).toEqual(['bob', 'bobby', 'carol']);
    const sub = h.call('AdminGetUser', { UserPoolId: poolId, Username: 'bobby' }).UserAttributes[0].Value;
    expect(names(`sub = "${sub}"`)).toEqual(['bobby']);
    expect(names('  ')).toEqual(['alice', 'bob', 'bobby', 'carol']);
    expect(names('given_name = "Nobody \\"Quoted\\""')).toEqual([]);
  });

  it('a filter that does not parse, or on an attribute Cognito does not search: InvalidParameterException', () => {
    const { h, poolId } = many();
    for (const Filter of [
      'email = bob',
      'email == "x"',
      'custom:team = "blue"',
      'locale = "en"',
      'email = "a" and',
    ]) {
      const e = h.fail('ListUsers', { UserPoolId: poolId, Filter });
      expect([Filter, e.code, e.message]).toEqual([
        Filter,
        'InvalidParameterException',
        'Error while parsing filter.',
      ]);
    }
  });

  it('pages over the matching users only; --attributes-to-get keeps the named attributes', () => {
    const { h, poolId } = many();
    const first = h.call('ListUsers', { UserPoolId: poolId, Filter: 'email ^= "b"', Limit: 1 });
    expect(first.Users.map((u: any) => u.Username)).toEqual(['bob']);
    const second = h.call('ListUsers', {
      UserPoolId: poolId,
      Filter: 'email ^= "b"',
      Limit: 1,
      PaginationToken: first.PaginationToken,
    });
    expect(second.Users.map((u: any) => u.Username)).toEqual(['bobby']);
    expect(second.PaginationToken).toBeUndefined();
    const only = h.call('ListUsers', {
      UserPoolId: poolId,
      Filter: 'username = "bob"',
      AttributesToGet: ['email'],
    });
    expect(only.Users[0].Attributes).toEqual([{ Name: 'email', Value: 'bob@example.com' }]);
    expect(only.Users[0].UserStatus).toBe('FORCE_CHANGE_PASSWORD');
  });
});
