// Codes the pool "sends" (sign-up confirmation, password reset, attribute verification): made with
// the injected randomness, kept on the user as a hash with an expiry and a count of wrong tries,
// and put in the pool's outbox in clear, since the emulator has no email or SMS. Also how Cognito
// masks a destination in CodeDeliveryDetails.
import { ServiceError } from '../../../errors.ts';
import { nodeCrypto } from '../../../shared/node-crypto.ts';
import type { Ctx } from '../context.ts';
import { dict, type OutboxMessage, type Pool, type State, type User } from '../state/document.ts';
import { persisting } from '../state/file.ts';

/** The outbox keeps the latest messages of each pool only, so the state file stays bounded. */
export const OUTBOX_MAX = 100;

/** Wrong tries a code allows before Cognito answers LimitExceededException. */
const MAX_CODE_FAILURES = 5;

export type CodePurpose = 'CONFIRM_SIGN_UP' | 'RESET_PASSWORD' | `VERIFY:${string}`;

/**
 * How long a code works: sign-up and attribute codes 24 hours, password reset codes 1 hour (the
 * Cognito developer guide: "the confirmation code ... expires in 24 hours"; ForgotPassword's code
 * "is valid for one hour").
 */
function validitySeconds(purpose: CodePurpose): number {
  return purpose === 'RESET_PASSWORD' ? 3600 : 86400;
}

const hashOf = (code: string) => nodeCrypto().createHash('sha256').update(code).digest('hex');

/**
 * Masks a destination as Cognito does in CodeDeliveryDetails: an email keeps the first character
 * of each side of the @ (alice@example.com -> a***@e***), a phone number its + and last 4 digits.
 */
export function maskDestination(medium: 'EMAIL' | 'SMS', value: string): string {
  if (medium === 'EMAIL') {
    const at = value.lastIndexOf('@');
    if (at <= 0) return `${value.slice(0, 1)}***`;
    return `${value.slice(0, 1)}***@${value.slice(at + 1, at + 2)}***`;
  }
  const digits = value.replace(/[^0-9]/g, '');
  return `${value.startsWith('+') ? '+' : ''}${'*'.repeat(Math.max(0, digits.length - 4))}${digits.slice(-4)}`;
}

export interface Delivery {
  medium: 'EMAIL' | 'SMS';
  attribute: 'email' | 'phone_number';
  destination: string;
}

export function deliveryDetails(d: Delivery) {
  return {
    Destination: maskDestination(d.medium, d.destination),
    DeliveryMedium: d.medium,
    AttributeName: d.attribute,
  };
}

export function deliveryTo(user: User, attribute: 'email' | 'phone_number'): Delivery | undefined {
  const value = user.attrs[attribute];
  if (value === undefined || value === '') return undefined;
  return { medium: attribute === 'email' ? 'EMAIL' : 'SMS', attribute, destination: value };
}

/**
 * How many codes of one purpose a user may ask for (resend-confirmation-code, forgot-password,
 * get-user-attribute-verification-code) within SEND_WINDOW seconds; the next request is
 * LimitExceededException until the oldest leaves the window. Cognito does not publish its numbers:
 * the developer guide ("Recovering user accounts") says "In a given hour, we allow between five and
 * 20 attempts for a user to request or enter a password reset code", and a sixth forgot-password
 * request within the hour was refused in amazon-cognito-identity-js#548. The emulator takes the
 * lower bound, 5 an hour, for every kind of code, so that a test meets the limit the soonest
 * Cognito may apply it.
 */
export const SENDS_PER_WINDOW = 5;
export const SEND_WINDOW = 3600;

/** Counts a request for a code of `purpose`, or refuses it when the window holds SENDS_PER_WINDOW already. */
export function checkSendRate(ctx: Ctx, user: User, purpose: CodePurpose): void {
  const recent = (user.sends?.[purpose] ?? []).filter((at) => at > ctx.nowSec - SEND_WINDOW);
  if (recent.length >= SENDS_PER_WINDOW)
    throw new ServiceError('LimitExceededException', 'Attempt limit exceeded, please try after some time.');
  if (!user.sends) user.sends = dict();
  user.sends[purpose] = [...recent, ctx.nowSec];
}

/**
 * Makes a 6-digit code for `purpose`, replacing any earlier one (an earlier code stops working),
 * and puts it in the outbox addressed to `delivery`.
 */
export function sendCode(
  ctx: Ctx,
  pool: Pool,
  username: string,
  user: User,
  purpose: CodePurpose,
  delivery: Delivery,
  kind: OutboxMessage['kind'],
): void {
  const n = Buffer.from(ctx.env.randomBytes(4)).readUInt32BE(0) % 1_000_000;
  const code = String(n).padStart(6, '0');
  if (!user.codes) user.codes = dict();
  user.codes[purpose] = {
    hash: hashOf(code),
    exp: ctx.nowSec + validitySeconds(purpose),
    failures: 0,
    attribute: delivery.attribute,
  };
  const outbox = pool.outbox ?? [];
  const message: OutboxMessage = {
    at: ctx.nowSec,
    user: username,
    kind,
    medium: delivery.medium,
    attribute: delivery.attribute,
    destination: delivery.destination,
    code,
  };
  outbox.push(message);
  ctx.sent.push({ pool: pool.id, ...message });
  pool.outbox = outbox.slice(-OUTBOX_MAX);
}

/**
 * Checks a code and uses it up. Cognito's answers: no code or an expired one -> ExpiredCodeException,
 * a wrong one -> CodeMismatchException (the count of wrong tries is kept even though the call
 * fails), and after MAX_CODE_FAILURES wrong tries -> LimitExceededException until a new code is
 * sent. Returns the attribute the code went to.
 */
export function consumeCode(ctx: Ctx, user: User, purpose: CodePurpose, code: string): string | undefined {
  const pending = user.codes?.[purpose];
  const expired = () =>
    new ServiceError('ExpiredCodeException', 'Invalid code provided, please request a code again.');
  if (!pending) throw expired();
  if (pending.failures >= MAX_CODE_FAILURES)
    throw new ServiceError('LimitExceededException', 'Attempt limit exceeded, please try after some time.');
  const given = Buffer.from(hashOf(code));
  const stored = Buffer.from(pending.hash);
  if (given.length !== stored.length || !nodeCrypto().timingSafeEqual(given, stored)) {
    pending.failures += 1;
    throw persisting(
      new ServiceError('CodeMismatchException', 'Invalid verification code provided, please try again.'),
    );
  }
  if (pending.exp <= ctx.nowSec) throw expired();
  delete user.codes![purpose];
  if (Object.keys(user.codes!).length === 0) delete user.codes;
  return pending.attribute;
}

export interface ListedMessage extends OutboxMessage {
  pool: string;
}

/** The outbox, oldest first, optionally of one pool and one user (the `messages` command reads it). */
export function listMessages(
  state: State,
  filter: { poolId?: string; username?: string } = {},
): ListedMessage[] {
  const out: ListedMessage[] = [];
  for (const pool of Object.values(state.pools)) {
    if (filter.poolId !== undefined && pool.id !== filter.poolId) continue;
    for (const m of pool.outbox ?? []) {
      if (filter.username !== undefined && m.user !== filter.username) continue;
      out.push({ pool: pool.id, ...m });
    }
  }
  return out.sort((a, b) => a.at - b.at);
}
