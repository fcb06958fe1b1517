// User pools and their MFA configuration.
import type { Request, Response } from '../../../model/index.ts';
import { type Ctx, invalidParameter } from '../context.ts';
import { dict, type Pool } from '../state/document.ts';
import { newSigningKey } from '../tokens.ts';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export const DEFAULT_PASSWORD_POLICY = {
  MinimumLength: 8,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
  TemporaryPasswordValidityDays: 7,
};

function arn(pool: Pool): string {
  const region = pool.id.slice(0, pool.id.indexOf('_'));
  return `arn:aws:cognito-idp:${region}:000000000000:userpool/${pool.id}`;
}

export function describePool(pool: Pool): NonNullable<Response<'DescribeUserPool'>['UserPool']> {
  return {
    Id: pool.id,
    Name: pool.name,
    Policies: (pool.extra.Policies ?? { PasswordPolicy: DEFAULT_PASSWORD_POLICY }) as never,
    DeletionProtection: pool.deletionProtection,
    LastModifiedDate: pool.modified,
    CreationDate: pool.created,
    ...(pool.extra.AutoVerifiedAttributes
      ? { AutoVerifiedAttributes: pool.extra.AutoVerifiedAttributes as never }
      : {}),
    ...(pool.extra.AliasAttributes ? { AliasAttributes: pool.extra.AliasAttributes as never } : {}),
    ...(pool.extra.UsernameAttributes ? { UsernameAttributes: pool.extra.UsernameAttributes as never } : {}),
    MfaConfiguration: pool.mfa,
    ...(pool.extra.DeviceConfiguration
      ? { DeviceConfiguration: pool.extra.DeviceConfiguration as never }
      : {}),
    EstimatedNumberOfUsers: Object.keys(pool.users).length,
    ...(pool.extra.UserPoolTags ? { UserPoolTags: pool.extra.UserPoolTags as never } : {}),
    AdminCreateUserConfig: (pool.extra.AdminCreateUserConfig ?? {
      AllowAdminCreateUserOnly: false,
      UnusedAccountValidityDays: 7,
    }) as never,
    Arn: arn(pool),
  };
}

/** The settings create-user-pool and update-user-pool share, as kept in `extra`: defaults for what is left out. */
function poolSettings(req: Request<'UpdateUserPool'> | Request<'CreateUserPool'>): Pool['extra'] {
  return {
    Policies: { PasswordPolicy: { ...DEFAULT_PASSWORD_POLICY, ...(req.Policies?.PasswordPolicy ?? {}) } },
    ...(req.AutoVerifiedAttributes ? { AutoVerifiedAttributes: req.AutoVerifiedAttributes } : {}),
    ...(req.DeviceConfiguration ? { DeviceConfiguration: req.DeviceConfiguration } : {}),
    ...(req.UserPoolTags ? { UserPoolTags: req.UserPoolTags } : {}),
    AdminCreateUserConfig: {
      AllowAdminCreateUserOnly: false,
      UnusedAccountValidityDays: 7,
      ...req.AdminCreateUserConfig,
    },
  };
}

/**
 * A pool signs in by username with aliases, or by email/phone number instead of a username, not
 * both (the developer guide, "Customizing sign-in attributes": the two options are exclusive).
 */
function checkSignInAttributes(req: Request<'CreateUserPool'>): void {
  if (req.AliasAttributes?.length && req.UsernameAttributes?.length)
    throw invalidParameter('Only one of AliasAttributes and UsernameAttributes can be specified.');
}

export function createUserPool(ctx: Ctx, req: Request<'CreateUserPool'>): Response<'CreateUserPool'> {
  const mfa = req.MfaConfiguration ?? 'OFF';
  if (mfa !== 'OFF') {
    // Cognito needs an SMS configuration to create a pool with MFA ON or OPTIONAL, and the local
    // emulator has no SMS: TOTP is switched on afterwards with set-user-pool-mfa-config.
    throw invalidParameter(
      'SMS configuration is required to create a user pool with MFA ON or OPTIONAL. Create it with MFA OFF, then run set-user-pool-mfa-config --software-token-mfa-configuration Enabled=true --mfa-configuration ' +
        mfa +
        '.',
    );
  }
  let id = ctx.seedId;
  if (id === undefined) {
    do id = `${ctx.env.region}_${ctx.randomString(9, ALNUM)}`;
    while (ctx.state.pools[id]);
  } else if (ctx.state.pools[id]) throw invalidParameter(`A user pool with the id ${id} exists already.`);
  checkSignInAttributes(req);
  const pool: Pool = {
    id,
    name: req.PoolName,
    created: ctx.nowSec,
    modified: ctx.nowSec,
    mfa,
    totpEnabled: false,
    deletionProtection: req.DeletionProtection ?? 'INACTIVE',
    extra: {
      ...poolSettings(req),
      ...(req.AliasAttributes ? { AliasAttributes: req.AliasAttributes } : {}),
      ...(req.UsernameAttributes ? { UsernameAttributes: req.UsernameAttributes } : {}),
    },
    key: newSigningKey(),
    clients: dict(),
    users: dict(),
    revoked: dict(),
  };
  ctx.state.pools[id] = pool;
  return { UserPool: describePool(pool) };
}

/**
 * update-user-pool. Cognito replaces the whole configuration: "If you don't provide a value for an
 * attribute, Amazon Cognito sets it to its default value" (the UpdateUserPool API reference, and the
 * developer guide's "Updating user pool and app client configuration"). So a setting left out goes
 * back to its default here too: MFA OFF, the default password policy, no device tracking (sign-ins
 * hand out no NewDeviceMetadata and ignore DEVICE_KEY; the users' device records stay), no auto-verified
 * attributes, no tags, deletion protection INACTIVE. Kept: the name when none is given (a pool
 * always has one), the sign-in attributes (not members of UpdateUserPool: fixed at creation, the
 * same guide's "Settings you can't change"), and the TOTP switch, which is set-user-pool-mfa-config's.
 */
export function updateUserPool(ctx: Ctx, req: Request<'UpdateUserPool'>): Response<'UpdateUserPool'> {
  const pool = ctx.pool(req.UserPoolId);
  const mfa = req.MfaConfiguration ?? 'OFF';
  if (mfa !== 'OFF' && !pool.totpEnabled) {
    // Cognito's answer when no factor could carry MFA: without SMS (not emulated) only TOTP can,
    // and it is turned on by set-user-pool-mfa-config. The text is Cognito's (aws/aws-cdk#12075,
    // hashicorp/terraform-provider-aws#7261); the hint after it is ours.
    throw invalidParameter(
      'SMS configuration and Auto verification for phone_number are required when MFA is required/optional. ' +
        `The local emulator has no SMS: turn TOTP on first with set-user-pool-mfa-config --software-token-mfa-configuration Enabled=true --mfa-configuration ${mfa}.`,
    );
  }
  const kept = {
    ...(pool.extra.AliasAttributes ? { AliasAttributes: pool.extra.AliasAttributes } : {}),
    ...(pool.extra.UsernameAttributes ? { UsernameAttributes: pool.extra.UsernameAttributes } : {}),
  };
  // Members create-user-pool does not take (an older or hand-written state's) are left alone.
  const other = Object.fromEntries(
    Object.entries(pool.extra).filter(([k]) => !REPLACED.has(k) && !(k in kept)),
  );
  pool.extra = { ...other, ...poolSettings(req), ...kept };
  pool.mfa = mfa;
  pool.deletionProtection = req.DeletionProtection ?? 'INACTIVE';
  if (req.PoolName !== undefined) pool.name = req.PoolName;
  pool.modified = ctx.nowSec;
  return {};
}

/** The members of `extra` update-user-pool replaces. */
const REPLACED = new Set([
  'Policies',
  'AutoVerifiedAttributes',
  'DeviceConfiguration',
  'UserPoolTags',
  'AdminCreateUserConfig',
]);

export function describeUserPool(ctx: Ctx, req: Request<'DescribeUserPool'>): Response<'DescribeUserPool'> {
  return { UserPool: describePool(ctx.pool(req.UserPoolId)) };
}

/** Pagination tokens are the offset to resume at, opaque to the caller. */
export function pageOf<T>(
  items: T[],
  token: string | undefined,
  limit: number,
): { page: T[]; next?: string } {
  let start = 0;
  if (token !== undefined) {
    start = Number.parseInt(Buffer.from(token, 'base64url').toString('utf8'), 10);
    if (!Number.isInteger(start) || start < 0) throw invalidParameter('Invalid pagination token.');
  }
  const page = items.slice(start, start + limit);
  const end = start + page.length;
  return end < items.length ? { page, next: Buffer.from(String(end)).toString('base64url') } : { page };
}

export function listUserPools(ctx: Ctx, req: Request<'ListUserPools'>): Response<'ListUserPools'> {
  const pools = Object.values(ctx.state.pools);
  const { page, next } = pageOf(pools, req.NextToken, req.MaxResults);
  return {
    UserPools: page.map((p) => ({
      Id: p.id,
      Name: p.name,
      LastModifiedDate: p.modified,
      CreationDate: p.created,
    })),
    ...(next ? { NextToken: next } : {}),
  };
}

export function deleteUserPool(ctx: Ctx, req: Request<'DeleteUserPool'>): Response<'DeleteUserPool'> {
  const pool = ctx.pool(req.UserPoolId);
  if (pool.deletionProtection === 'ACTIVE') {
    throw invalidParameter('The user pool cannot be deleted because deletion protection is activated.');
  }
  delete ctx.state.pools[pool.id];
  for (const [k, s] of Object.entries(ctx.state.sessions))
    if (s.pool === pool.id) delete ctx.state.sessions[k];
  return {};
}

function mfaConfigOf(pool: Pool): Response<'GetUserPoolMfaConfig'> {
  return {
    ...(pool.totpEnabled ? { SoftwareTokenMfaConfiguration: { Enabled: true } } : {}),
    MfaConfiguration: pool.mfa,
  };
}

export function setUserPoolMfaConfig(
  ctx: Ctx,
  req: Request<'SetUserPoolMfaConfig'>,
): Response<'SetUserPoolMfaConfig'> {
  const pool = ctx.pool(req.UserPoolId);
  const totp = req.SoftwareTokenMfaConfiguration?.Enabled ?? pool.totpEnabled;
  const mfa = req.MfaConfiguration ?? pool.mfa;
  if (mfa !== 'OFF' && !totp) {
    // Without SMS (not emulated) TOTP is the only factor: MFA ON or OPTIONAL needs it.
    throw invalidParameter(
      `Invalid MFA configuration given, can't turn on MFA without any enabled MFA factor. Add --software-token-mfa-configuration Enabled=true.`,
    );
  }
  pool.totpEnabled = totp;
  pool.mfa = mfa;
  pool.modified = ctx.nowSec;
  return mfaConfigOf(pool);
}

export function getUserPoolMfaConfig(
  ctx: Ctx,
  req: Request<'GetUserPoolMfaConfig'>,
): Response<'GetUserPoolMfaConfig'> {
  return mfaConfigOf(ctx.pool(req.UserPoolId));
}
