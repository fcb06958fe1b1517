// associate-software-token and verify-software-token: the mission. Semantics and their sources are
// in docs/emulator-semantics.md §1 and the README's emulator section.
import { ServiceError } from '../../../errors.ts';
import type { Request, Response } from '../../../model/index.ts';
import { type Ctx, invalidParameter, isLockedOut, lockoutEnd } from '../context.ts';
import type { Pool, User } from '../state/document.ts';
import { persisting } from '../state/file.ts';
import { matchStep, newSecret } from '../totp.ts';

interface Subject {
  pool: Pool;
  user: User;
  username: string;
  /** Present when the call came with a Session: the session's key and client. */
  session?: { key: string; client: string; admin: boolean };
}

/** Exactly one of AccessToken and Session: the API reference says "not both". */
function subjectOf(
  ctx: Ctx,
  req: { AccessToken?: string; Session?: string },
  steps: Parameters<Ctx['peekSession']>[1],
): Subject {
  if (req.AccessToken !== undefined && req.Session !== undefined) {
    throw invalidParameter('Specify either AccessToken or Session, not both.');
  }
  if (req.AccessToken !== undefined) return ctx.authenticate(req.AccessToken);
  if (req.Session !== undefined) {
    const rec = ctx.peekSession(req.Session, steps);
    const pool = ctx.pool(rec.pool);
    return {
      pool,
      user: ctx.user(pool, rec.user),
      username: rec.user,
      session: { key: rec.key, client: rec.client, admin: rec.admin },
    };
  }
  throw invalidParameter('Specify either AccessToken or Session: one of them is required.');
}

function requireTotpOnPool(pool: Pool): void {
  if (!pool.totpEnabled) {
    throw new ServiceError(
      'SoftwareTokenMFANotFoundException',
      'Software Token MFA has not been enabled by the userPool.',
    );
  }
}

export function associateSoftwareToken(
  ctx: Ctx,
  req: Request<'AssociateSoftwareToken'>,
): Response<'AssociateSoftwareToken'> {
  // A Session from initiate-auth (MFA_SETUP) or from an earlier associate (starting over).
  const s = subjectOf(ctx, req, ['MFA_SETUP', 'ASSOCIATED']);
  requireTotpOnPool(s.pool);
  const secret = newSecret(ctx.env.randomBytes);
  // A new association replaces the pending, unverified one; a verified token keeps working until
  // the new one is verified (current API reference wording, docs/emulator-semantics.md §1.6).
  s.user.pending = { secret, created: ctx.nowSec, failures: 0, lockUntil: 0 };
  s.user.modified = ctx.nowSec;
  if (!s.session) return { SecretCode: secret };
  ctx.useSession(s.session.key);
  return {
    SecretCode: secret,
    Session: ctx.newSession(s.pool, s.session.client, s.username, 'ASSOCIATED', s.session.admin),
  };
}

export function verifySoftwareToken(
  ctx: Ctx,
  req: Request<'VerifySoftwareToken'>,
): Response<'VerifySoftwareToken'> {
  const s = subjectOf(ctx, req, ['ASSOCIATED']);
  requireTotpOnPool(s.pool);
  const { user } = s;
  if (!user.pending && !user.totp) {
    throw invalidParameter('User has not associated a software token: call associate-software-token first.');
  }
  // The association being verified: the pending one, else the verified token itself (verifying it
  // again is harmless, and replaying its last code is refused like at sign-in). Wrong codes count
  // either way, five in a row lock it (the README's rule): against the pending secret on the
  // association, against the verified one on the user's sign-in counter, since both guess the same
  // secret and must not get five tries each (issue 17, item 5: without a count, a verified
  // authenticator's code was brute-forced through serve in about 80 s).
  const { pending } = user;
  const secret = pending?.secret ?? user.totp!.secret;
  if (isLockedOut(pending ? pending.lockUntil : user.mfaLockUntil, ctx.nowMs)) {
    throw new ServiceError(
      'TooManyRequestsException',
      'Too many failed attempts to verify the software token. Wait and try again later.',
    );
  }
  const step = matchStep(secret, req.UserCode, ctx.nowMs);
  if (step === undefined) {
    if (pending) {
      pending.failures += 1;
      const end = lockoutEnd(pending.failures, ctx.nowMs);
      if (end > 0) pending.lockUntil = end;
    } else {
      user.mfaFailures += 1;
      const end = lockoutEnd(user.mfaFailures, ctx.nowMs);
      if (end > 0) user.mfaLockUntil = end;
    }
    throw persisting(
      new ServiceError('EnableSoftwareTokenMFAException', 'Code mismatch and fail enable Software Token MFA'),
    );
  }
  if (!user.pending && step <= user.lastStep) {
    throw new ServiceError('ExpiredCodeException', 'Your software token has already been used once.');
  }
  if (!user.pending) user.mfaFailures = 0;
  const device = req.FriendlyDeviceName ?? user.totp?.device;
  user.totp = { secret, verifiedAt: ctx.nowSec, ...(device !== undefined ? { device } : {}) };
  delete user.pending;
  user.lastStep = step;
  user.modified = ctx.nowSec;
  if (!s.session) return { Status: 'SUCCESS' };
  ctx.useSession(s.session.key);
  return {
    Status: 'SUCCESS',
    Session: ctx.newSession(s.pool, s.session.client, s.username, 'VERIFIED', s.session.admin),
  };
}
