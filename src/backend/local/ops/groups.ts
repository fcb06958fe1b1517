// Groups of a user pool: the groups themselves (kept on the pool), their members (kept on each
// user, so a token's cognito:groups claim reads one user and the pool's header, not every user).
import { ServiceError } from '../../../errors.ts';
import type { Request, Response } from '../../../model/index.ts';
import type { Ctx } from '../context.ts';
import { dict, type Group, type Pool, type User } from '../state/document.ts';
import { userGroups } from '../tokens.ts';
import { pageOf } from './user-pools.ts';
import { userType } from './users.ts';

type GroupView = NonNullable<Response<'GetGroup'>['Group']>;

function groupsOf(pool: Pool): Record<string, Group> {
  if (!pool.groups) pool.groups = dict();
  return pool.groups;
}

/** Cognito's answer for a group that is not there (moto gives the same text). */
function group(pool: Pool, name: string): Group {
  const g = pool.groups?.[name];
  if (!g) throw new ServiceError('ResourceNotFoundException', 'Group not found.');
  return g;
}

function view(pool: Pool, name: string, g: Group): GroupView {
  return {
    GroupName: name,
    UserPoolId: pool.id,
    ...(g.description !== undefined ? { Description: g.description } : {}),
    ...(g.roleArn !== undefined ? { RoleArn: g.roleArn } : {}),
    ...(g.precedence !== undefined ? { Precedence: g.precedence } : {}),
    LastModifiedDate: g.modified,
    CreationDate: g.created,
  };
}

export function createGroup(ctx: Ctx, req: Request<'CreateGroup'>): Response<'CreateGroup'> {
  const pool = ctx.pool(req.UserPoolId);
  const groups = groupsOf(pool);
  // The message is moto's (moto/cognitoidp/models.py); no source gives Cognito's exact text.
  if (groups[req.GroupName])
    throw new ServiceError('GroupExistsException', 'A group with the name already exists');
  const g: Group = {
    ...(req.Description !== undefined ? { description: req.Description } : {}),
    ...(req.RoleArn !== undefined ? { roleArn: req.RoleArn } : {}),
    ...(req.Precedence !== undefined ? { precedence: req.Precedence } : {}),
    created: ctx.nowSec,
    modified: ctx.nowSec,
  };
  groups[req.GroupName] = g;
  return { Group: view(pool, req.GroupName, g) };
}

export function getGroup(ctx: Ctx, req: Request<'GetGroup'>): Response<'GetGroup'> {
  const pool = ctx.pool(req.UserPoolId);
  return { Group: view(pool, req.GroupName, group(pool, req.GroupName)) };
}

export function listGroups(ctx: Ctx, req: Request<'ListGroups'>): Response<'ListGroups'> {
  const pool = ctx.pool(req.UserPoolId);
  const all = Object.entries(pool.groups ?? {});
  const { page, next } = pageOf(all, req.NextToken, req.Limit || 60);
  return { Groups: page.map(([name, g]) => view(pool, name, g)), ...(next ? { NextToken: next } : {}) };
}

export function updateGroup(ctx: Ctx, req: Request<'UpdateGroup'>): Response<'UpdateGroup'> {
  const pool = ctx.pool(req.UserPoolId);
  const g = group(pool, req.GroupName);
  if (req.Description !== undefined) g.description = req.Description;
  if (req.RoleArn !== undefined) g.roleArn = req.RoleArn;
  if (req.Precedence !== undefined) g.precedence = req.Precedence;
  g.modified = ctx.nowSec;
  return { Group: view(pool, req.GroupName, g) };
}

export function deleteGroup(ctx: Ctx, req: Request<'DeleteGroup'>): Response<'DeleteGroup'> {
  const pool = ctx.pool(req.UserPoolId);
  group(pool, req.GroupName);
  delete pool.groups![req.GroupName];
  // Members are on the users: each one that named the group leaves it (a rare operation, so a
  // walk over the pool's users; a group made again with the same name starts empty).
  for (const name of Object.keys(pool.users)) {
    const u = pool.users[name]!;
    if (u.groups?.includes(req.GroupName)) leave(u, req.GroupName);
  }
  return {};
}

function leave(user: User, name: string): void {
  const rest = (user.groups ?? []).filter((n) => n !== name);
  if (rest.length) user.groups = rest;
  else delete user.groups;
}

export function adminAddUserToGroup(
  ctx: Ctx,
  req: Request<'AdminAddUserToGroup'>,
): Response<'AdminAddUserToGroup'> {
  const pool = ctx.pool(req.UserPoolId);
  const user = ctx.user(pool, req.Username);
  group(pool, req.GroupName);
  // Adding a member twice is not an error in Cognito; the user stays in the group once.
  if (!user.groups?.includes(req.GroupName)) user.groups = [...(user.groups ?? []), req.GroupName];
  return {};
}

export function adminRemoveUserFromGroup(
  ctx: Ctx,
  req: Request<'AdminRemoveUserFromGroup'>,
): Response<'AdminRemoveUserFromGroup'> {
  const pool = ctx.pool(req.UserPoolId);
  const user = ctx.user(pool, req.Username);
  group(pool, req.GroupName);
  leave(user, req.GroupName);
  return {};
}

export function adminListGroupsForUser(
  ctx: Ctx,
  req: Request<'AdminListGroupsForUser'>,
): Response<'AdminListGroupsForUser'> {
  const pool = ctx.pool(req.UserPoolId);
  const user = ctx.user(pool, req.Username);
  const mine = userGroups(pool, user);
  const { page, next } = pageOf(mine, req.NextToken, req.Limit || 60);
  return {
    Groups: page.map(({ name, group: g }) => view(pool, name, g)),
    ...(next ? { NextToken: next } : {}),
  };
}

export function listUsersInGroup(ctx: Ctx, req: Request<'ListUsersInGroup'>): Response<'ListUsersInGroup'> {
  const pool = ctx.pool(req.UserPoolId);
  group(pool, req.GroupName);
  const members: [string, User][] = [];
  for (const name of Object.keys(pool.users)) {
    const u = pool.users[name]!;
    if (u.groups?.includes(req.GroupName)) members.push([name, u]);
  }
  const { page, next } = pageOf(members, req.NextToken, req.Limit || 60);
  return { Users: page.map(([name, u]) => userType(name, u)), ...(next ? { NextToken: next } : {}) };
}
