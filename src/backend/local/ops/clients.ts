// App clients: token validities, allowed auth flows and the AuthSessionValidity of challenge sessions.
import type { Request, Response } from '../../../model/index.ts';
import { type Ctx, invalidParameter } from '../context.ts';
import type { Client, Pool } from '../state/document.ts';

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

// Cognito's defaults for a client created without them: SRP, custom auth and refresh allowed,
// access and ID tokens for 60 minutes, refresh tokens for 30 days, sessions for 3 minutes.
const DEFAULT_FLOWS = ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH'];

function describeClient(
  pool: Pool,
  id: string,
  c: Client,
): NonNullable<Response<'DescribeUserPoolClient'>['UserPoolClient']> {
  return {
    UserPoolId: pool.id,
    ClientName: c.name,
    ClientId: id,
    ...(c.secret !== undefined ? { ClientSecret: c.secret } : {}),
    LastModifiedDate: c.modified,
    CreationDate: c.created,
    RefreshTokenValidity: c.refreshValidity,
    AccessTokenValidity: c.accessValidity,
    IdTokenValidity: c.idValidity,
    TokenValidityUnits: c.units as never,
    ExplicitAuthFlows: c.flows as never,
    EnableTokenRevocation: c.revocation,
    AuthSessionValidity: c.authSessionValidity,
    RefreshTokenRotation:
      c.rotation === undefined
        ? { Feature: 'DISABLED' }
        : { Feature: 'ENABLED', RetryGracePeriodSeconds: c.rotation },
  };
}

export function createUserPoolClient(
  ctx: Ctx,
  req: Request<'CreateUserPoolClient'>,
): Response<'CreateUserPoolClient'> {
  const pool = ctx.pool(req.UserPoolId);
  let id = ctx.seedId;
  if (id === undefined) {
    do id = ctx.randomString(26, LOWER_ALNUM);
    while (pool.clients[id]);
  } else if (pool.clients[id]) throw invalidParameter(`An app client with the id ${id} exists already.`);
  const explicitUnits = req.TokenValidityUnits ?? {};
  const client: Client = {
    name: req.ClientName,
    ...(req.GenerateSecret ? { secret: ctx.randomString(51, ALNUM) } : {}),
    created: ctx.nowSec,
    modified: ctx.nowSec,
    accessValidity: req.AccessTokenValidity ?? 60,
    idValidity: req.IdTokenValidity ?? 60,
    refreshValidity: req.RefreshTokenValidity ?? 30,
    units: {
      // A validity given without a unit is in hours (access, ID) or days (refresh), as in Cognito.
      AccessToken: explicitUnits.AccessToken ?? (req.AccessTokenValidity !== undefined ? 'hours' : 'minutes'),
      IdToken: explicitUnits.IdToken ?? (req.IdTokenValidity !== undefined ? 'hours' : 'minutes'),
      RefreshToken: explicitUnits.RefreshToken ?? 'days',
    },
    flows: req.ExplicitAuthFlows ? [...req.ExplicitAuthFlows] : [...DEFAULT_FLOWS],
    revocation: req.EnableTokenRevocation ?? true,
    authSessionValidity: req.AuthSessionValidity ?? 3,
    ...(req.RefreshTokenRotation?.Feature === 'ENABLED'
      ? { rotation: req.RefreshTokenRotation.RetryGracePeriodSeconds ?? 0 }
      : {}),
  };
  pool.clients[id] = client;
  return { UserPoolClient: describeClient(pool, id, client) };
}

export function describeUserPoolClient(
  ctx: Ctx,
  req: Request<'DescribeUserPoolClient'>,
): Response<'DescribeUserPoolClient'> {
  const pool = ctx.pool(req.UserPoolId);
  return { UserPoolClient: describeClient(pool, req.ClientId, ctx.client(pool, req.ClientId)) };
}
