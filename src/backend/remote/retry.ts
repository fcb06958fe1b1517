// When to try a call again and how long to wait first, as botocore decides it
// (retries/standard.py for `standard` and `adaptive`, data/_retry.json + retryhandler.py for `legacy`).
import type { RetryMode } from '../../config/aws-config.ts';

export type { RetryMode };

/** What one attempt produced: an HTTP error answer, or a transport failure (no answer). */
export type AttemptOutcome =
  | { readonly kind: 'http'; readonly status: number; readonly code: string }
  | { readonly kind: 'transport' };

/** standard.py ThrottledRetryableChecker._THROTTLED_ERROR_CODES. */
const THROTTLING_CODES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'TransactionInProgressException',
  'RequestLimitExceeded',
  'BandwidthLimitExceeded',
  'LimitExceededException',
  'RequestThrottled',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException',
]);
/** standard.py TransientRetryableChecker. */
const TRANSIENT_CODES = new Set(['RequestTimeout', 'RequestTimeoutException', 'PriorRequestNotComplete']);
const TRANSIENT_STATUS = new Set([500, 502, 503, 504]);

/** _retry.json __default__ policies (legacy mode): codes count only with HTTP 400. */
const LEGACY_CODES_400 = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottledException',
  'ProvisionedThroughputExceededException',
]);
const LEGACY_STATUS = new Set([429, 500, 502, 503, 504, 509]);

/**
 * Whether the outcome may be retried (attempts left aside). Every transport failure is retryable in
 * both modes: botocore's ConnectionError and HTTPClientError families (connect, timeouts, TLS,
 * closed connection, proxy). Cognito's model marks no error `retryable`, so the modeled check adds
 * nothing. `adaptive` retries like `standard`; its client-side rate limiter only matters for a
 * client that makes many calls, and this one makes one.
 */
export function isRetryable(mode: RetryMode, outcome: AttemptOutcome): boolean {
  if (outcome.kind === 'transport') return true;
  if (mode === 'legacy') {
    return (
      LEGACY_STATUS.has(outcome.status) || (outcome.status === 400 && LEGACY_CODES_400.has(outcome.code))
    );
  }
  return (
    TRANSIENT_STATUS.has(outcome.status) ||
    TRANSIENT_CODES.has(outcome.code) ||
    THROTTLING_CODES.has(outcome.code)
  );
}

/**
 * Seconds to wait after failed attempt number `attempt` (1-based): `rand * 2 ** (attempt - 1)`,
 * truncated at 20 s in standard mode (ExponentialBackoff, full jitter); legacy mode has no cap.
 */
export function retryDelaySeconds(mode: RetryMode, attempt: number, random: () => number): number {
  const delay = random() * 2 ** (attempt - 1);
  return mode === 'legacy' ? delay : Math.min(delay, 20);
}

/**
 * Whether a final error answer reports " (reached max retries: N)". Standard mode checks the
 * attempt count before anything else (StandardRetryConditions: MaxAttemptsChecker first, which
 * records MaxAttemptsReached), so any error on the last allowed attempt reports it, even one that
 * would not have been retried (with AWS_MAX_ATTEMPTS=1: "(reached max retries: 0)"). Legacy mode
 * records it only for a retryable error (retryhandler.MaxAttemptsDecorator).
 */
export function reportsMaxRetries(
  mode: RetryMode,
  retryable: boolean,
  attempt: number,
  maxAttempts: number,
): boolean {
  if (attempt < maxAttempts) return false;
  return mode === 'legacy' ? retryable : true;
}
