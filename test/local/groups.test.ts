// Groups on the local emulator (issue 16): the nine group operations, their errors as Cognito
// gives them, and the cognito:groups claim (by precedence) in the ID and access tokens.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LocalBackend } from '../../src/backend/local/index.ts';
import { ConfigError } from '../../src/errors.ts';
import { harness, seed } from '../helpers/local.ts';

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString());
const ROLE_A = 'arn:aws:iam::123456789012:role/Admins';
const ROLE_B = 'arn:aws:iam::123456789012:role/Readers';

function setup() {
  const h = harness();
  const s = seed(h, { totp: false });
  const group = (GroupName: string, extra: Record<string, unknown> = {}) =>
    h.call('CreateGroup', { UserPoolId: s.poolId, GroupName, ...extra }).Group;
  const add = (GroupName: string, Username = 'alice') =>
    h.call('AdminAddUserToGroup', { UserPoolId: s.poolId, Username, GroupName });
  return { h, ...s, group, add };
}

describe('groups: create, get, list, update, delete', () => {
  it('create-group returns the group with its dates; get-group and list-groups show it', () => {
    const { h, poolId, group } = setup();
    const created = group('admins', { Description: 'the admins', RoleArn: ROLE_A, Precedence: 1 });
    const now = Math.floor(h.clock.t / 1000);
    expect(created).toEqual({
      GroupName: 'admins',
      UserPoolId: poolId,
      Description: 'the admins',
      RoleArn: ROLE_A,
      Precedence: 1,
      LastModifiedDate: now,
      CreationDate: now,
    });
    // Members not given are absent, not null.
    expect(Object.keys(group('plain'))).toEqual([
      'GroupName',
      'UserPoolId',
      'LastModifiedDate',
      'CreationDate',
    ]);
    expect(h.call('GetGroup', { UserPoolId: poolId, GroupName: 'admins' }).Group).toEqual(created);
    expect(h.call('ListGroups', { UserPoolId: poolId }).Groups.map((g: any) => g.GroupName)).toEqual([
      'admins',
      'plain',
    ]);
  });

  it('list-groups pages with Limit and NextToken', () => {
    const { h, poolId, group } = setup();
    for (const n of ['a', 'b', 'c']) group(n);
    const first = h.call('ListGroups', { UserPoolId: poolId, Limit: 2 });
    expect(first.Groups.map((g: any) => g.GroupName)).toEqual(['a', 'b']);
    const second = h.call('ListGroups', { UserPoolId: poolId, Limit: 2, NextToken: first.NextToken });
    expect(second.Groups.map((g: any) => g.GroupName)).toEqual(['c']);
    expect(second.NextToken).toBeUndefined();
  });

  it('update-group changes what is given, keeps the rest, and moves LastModifiedDate', () => {
    const { h, poolId, group } = setup();
    group('admins', { Description: 'd', RoleArn: ROLE_A, Precedence: 5 });
    h.advance(60);
    const updated = h.call('UpdateGroup', { UserPoolId: poolId, GroupName: 'admins', Precedence: 0 }).Group;
    expect(updated).toMatchObject({ Description: 'd', RoleArn: ROLE_A, Precedence: 0 });
    expect(updated.LastModifiedDate - updated.CreationDate).toBe(60);
  });

  it('errors: GroupExistsException, ResourceNotFoundException (group, pool), service-side validation', () => {
    const { h, poolId, group } = setup();
    group('admins');
    const dup = h.fail('CreateGroup', { UserPoolId: poolId, GroupName: 'admins' });
    expect([dup.code, dup.message]).toEqual(['GroupExistsException', 'A group with the name already exists']);
    for (const op of ['GetGroup', 'UpdateGroup', 'DeleteGroup', 'ListUsersInGroup'] as const) {
      const e = h.fail(op, { UserPoolId: poolId, GroupName: 'nope' });
      expect([op, e.code, e.message]).toEqual([op, 'ResourceNotFoundException', 'Group not found.']);
    }
    const pool = h.fail('ListGroups', { UserPoolId: 'us-east-1_missing' });
    expect(pool.code).toBe('ResourceNotFoundException');
    expect(
      h.fail('CreateGroup', { UserPoolId: poolId, GroupName: 'x', RoleArn: 'not-an-arn-at-all-really' }).code,
    ).toBe('InvalidParameterException');
    expect(h.fail('CreateGroup', { UserPoolId: poolId, GroupName: 'x', Precedence: -1 }).code).toBe(
      'InvalidParameterException',
    );
  });

  it('delete-group removes it and its memberships; a group made again with the name starts empty', () => {
    const { h, poolId, group, add } = setup();
    group('admins');
    add('admins');
    h.call('DeleteGroup', { UserPoolId: poolId, GroupName: 'admins' });
    expect(h.call('ListGroups', { UserPoolId: poolId }).Groups).toEqual([]);
    expect(h.call('AdminListGroupsForUser', { UserPoolId: poolId, Username: 'alice' }).Groups).toEqual([]);
    group('admins');
    expect(h.call('ListUsersInGroup', { UserPoolId: poolId, GroupName: 'admins' }).Users).toEqual([]);
  });
});

describe('group membership', () => {
  it('add, list both ways, remove; adding twice keeps one membership', () => {
    const { h, poolId, group, add } = setup();
    group('readers', { Precedence: 10 });
    group('admins', { Precedence: 1 });
    add('readers');
    add('admins');
    add('admins');
    const mine = h.call('AdminListGroupsForUser', { UserPoolId: poolId, Username: 'alice' }).Groups;
    expect(mine.map((g: any) => g.GroupName)).toEqual(['admins', 'readers']);
    const users = h.call('ListUsersInGroup', { UserPoolId: poolId, GroupName: 'admins' }).Users;
    expect(users.map((u: any) => [u.Username, u.UserStatus, u.Enabled])).toEqual([
      ['alice', 'CONFIRMED', true],
    ]);
    h.call('AdminRemoveUserFromGroup', { UserPoolId: poolId, Username: 'alice', GroupName: 'admins' });
    expect(h.call('ListUsersInGroup', { UserPoolId: poolId, GroupName: 'admins' }).Users).toEqual([]);
    // Removing a user who is not a member is not an error.
    h.call('AdminRemoveUserFromGroup', { UserPoolId: poolId, Username: 'alice', GroupName: 'admins' });
  });

  it('errors: UserNotFoundException for a missing user, ResourceNotFoundException for a missing group', () => {
    const { h, poolId, group } = setup();
    group('admins');
    for (const op of ['AdminAddUserToGroup', 'AdminRemoveUserFromGroup'] as const) {
      const u = h.fail(op, { UserPoolId: poolId, Username: 'nobody', GroupName: 'admins' });
      expect([u.code, u.message]).toEqual(['UserNotFoundException', 'User does not exist.']);
      const g = h.fail(op, { UserPoolId: poolId, Username: 'alice', GroupName: 'nope' });
      expect([g.code, g.message]).toEqual(['ResourceNotFoundException', 'Group not found.']);
    }
    expect(h.fail('AdminListGroupsForUser', { UserPoolId: poolId, Username: 'nobody' }).code).toBe(
      'UserNotFoundException',
    );
  });

  it('admin-delete-user takes the user out of its groups', () => {
    const { h, poolId, group, add } = setup();
    group('admins');
    add('admins');
    h.call('AdminDeleteUser', { UserPoolId: poolId, Username: 'alice' });
    expect(h.call('ListUsersInGroup', { UserPoolId: poolId, GroupName: 'admins' }).Users).toEqual([]);
  });

  it('groups and memberships survive a new process reading the state file', () => {
    const { h, poolId, group, add } = setup();
    group('admins', { Precedence: 3, RoleArn: ROLE_A });
    add('admins');
    const again = new LocalBackend({ stateFile: h.stateFile, env: { now: () => h.clock.t } });
    const g = again.callSync('AdminListGroupsForUser', { UserPoolId: poolId, Username: 'alice' }) as any;
    expect(g.Groups.map((x: any) => [x.GroupName, x.Precedence, x.RoleArn])).toEqual([['admins', 3, ROLE_A]]);
  });

  it('a damaged group in the state file is reported (253), the file left as it was', () => {
    const { h, poolId, group } = setup();
    group('admins');
    const text = readFileSync(h.stateFile, 'utf8');
    const damaged = text.replace(
      /"groups":\{"admins":\{[^}]*\}\}/,
      '"groups":{"admins":{"created":"yesterday"}}',
    );
    expect(damaged).not.toBe(text);
    writeFileSync(h.stateFile, damaged);
    const again = new LocalBackend({ stateFile: h.stateFile });
    expect(() => again.callSync('ListGroups', { UserPoolId: poolId })).toThrow(ConfigError);
    expect(readFileSync(h.stateFile, 'utf8')).toBe(damaged);
  });
});

describe('the cognito:groups claim', () => {
  it('is absent for a user in no group', () => {
    const { signIn } = setup();
    const t = signIn().AuthenticationResult;
    expect(claimsOf(t.IdToken)['cognito:groups']).toBeUndefined();
    expect(claimsOf(t.AccessToken)['cognito:groups']).toBeUndefined();
  });

  it('lists the groups by precedence (lowest first, none last) in both tokens, with roles in the ID token', () => {
    const { h, poolId, group, add, signIn } = setup();
    group('zeta-no-precedence');
    group('readers', { Precedence: 10, RoleArn: ROLE_B });
    group('admins', { Precedence: 1, RoleArn: ROLE_A });
    for (const g of ['zeta-no-precedence', 'readers', 'admins']) add(g);
    const t = signIn().AuthenticationResult;
    const order = ['admins', 'readers', 'zeta-no-precedence'];
    const id = claimsOf(t.IdToken);
    expect(id['cognito:groups']).toEqual(order);
    expect(id['cognito:roles']).toEqual([ROLE_A, ROLE_B]);
    expect(id['cognito:preferred_role']).toBe(ROLE_A);
    const access = claimsOf(t.AccessToken);
    expect(access['cognito:groups']).toEqual(order);
    expect(access['cognito:roles']).toBeUndefined();

    // A new precedence reorders the next tokens; the access token still works with get-user.
    h.call('UpdateGroup', { UserPoolId: poolId, GroupName: 'readers', Precedence: 0 });
    const next = signIn().AuthenticationResult;
    expect(claimsOf(next.IdToken)['cognito:groups']).toEqual(['readers', 'admins', 'zeta-no-precedence']);
    expect(claimsOf(next.IdToken)['cognito:preferred_role']).toBe(ROLE_B);
    expect(h.call('GetUser', { AccessToken: next.AccessToken }).Username).toBe('alice');

    // Equal precedence: neither role is preferred.
    h.call('UpdateGroup', { UserPoolId: poolId, GroupName: 'admins', Precedence: 0 });
    expect(claimsOf(signIn().AuthenticationResult.IdToken)['cognito:preferred_role']).toBeUndefined();
  });

  it('refreshed tokens carry the membership of the moment; a removed group is gone from them', () => {
    const { h, poolId, clientId, group, add, signIn } = setup();
    group('admins');
    add('admins');
    const first = signIn().AuthenticationResult;
    expect(claimsOf(first.AccessToken)['cognito:groups']).toEqual(['admins']);
    h.call('AdminRemoveUserFromGroup', { UserPoolId: poolId, Username: 'alice', GroupName: 'admins' });
    const refreshed = h.call('InitiateAuth', {
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      ClientId: clientId,
      AuthParameters: { REFRESH_TOKEN: first.RefreshToken },
    }).AuthenticationResult;
    expect(claimsOf(refreshed.AccessToken)['cognito:groups']).toBeUndefined();
    expect(claimsOf(refreshed.IdToken)['cognito:groups']).toBeUndefined();
  });
});
