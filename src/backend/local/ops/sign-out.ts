// global-sign-out and revoke-token: tokens that stop working before they expire.
import { ServiceError } from '../../../errors.ts';
import type { Request, Response } from '../../../model/index.ts';
import type { Ctx } from '../context.ts';
import { refreshClaims } from '../tokens.ts';

export function globalSignOut(ctx: Ctx, req: Request<'GlobalSignOut'>): Response<'GlobalSignOut'> {
  const { user } = ctx.authenticate(req.AccessToken);
  // Every token issued up to now (iat <= signedOutAt) is refused from here on.
  user.signedOutAt = ctx.nowSec;
  return {};
}

export function revokeToken(ctx: Ctx, req: Request<'RevokeToken'>): Response<'RevokeToken'> {
  const { pool, client } = ctx.clientAnywhere(req.ClientId);
  if (!client.revocation) {
    throw new ServiceError(
      'UnsupportedOperationException',
      'Token revocation is not enabled for this client.',
    );
  }
  if (client.secret !== undefined && req.ClientSecret !== client.secret) {
    throw new ServiceError('UnauthorizedException', 'Invalid client credentials.');
  }
  // A refresh token of this pool (sealed), or one of its signed tokens (access, ID).
  const claims = refreshClaims(pool, req.Token);
  if (!claims) {
    // Cognito answers success for a token it cannot read, so as not to reveal anything.
    return {};
  }
  if (claims.token_use !== 'refresh') {
    throw new ServiceError('UnsupportedTokenTypeException', 'Only refresh tokens can be revoked.');
  }
  if (claims.client_id !== req.ClientId) {
    throw new ServiceError('UnauthorizedException', 'The token was not issued to this client.');
  }
  const exp = typeof claims.exp === 'number' ? claims.exp : ctx.nowSec + 86400;
  pool.revoked[String(claims.origin_jti)] = exp;
  return {};
}
