// botocore's retry decisions, mode by mode.
import { describe, expect, test } from 'vitest';
import { isRetryable, reportsMaxRetries, retryDelaySeconds } from '../../src/backend/remote/retry.ts';

const http = (status: number, code: string) => ({ kind: 'http', status, code }) as const;

describe('isRetryable', () => {
  test('standard: 5xx, throttling and transient codes, transport failures; not other 4xx', () => {
    expect(isRetryable('standard', http(500, 'InternalErrorException'))).toBe(true);
    expect(isRetryable('standard', http(504, '504'))).toBe(true);
    expect(isRetryable('standard', http(400, 'TooManyRequestsException'))).toBe(true);
    // Cognito's LimitExceededException is on botocore's throttling list, so v2 retries it.
    expect(isRetryable('standard', http(400, 'LimitExceededException'))).toBe(true);
    expect(isRetryable('standard', http(400, 'RequestTimeoutException'))).toBe(true);
    expect(isRetryable('standard', { kind: 'transport' })).toBe(true);
    expect(isRetryable('standard', http(400, 'CodeMismatchException'))).toBe(false);
    expect(isRetryable('standard', http(429, '429'))).toBe(false);
    expect(isRetryable('standard', http(501, 'NotImplemented'))).toBe(false);
    expect(isRetryable('adaptive', http(400, 'ThrottlingException'))).toBe(true);
  });

  test('legacy (_retry.json): 429/509 too, but TooManyRequestsException is not retried', () => {
    expect(isRetryable('legacy', http(429, '429'))).toBe(true);
    expect(isRetryable('legacy', http(509, '509'))).toBe(true);
    expect(isRetryable('legacy', http(400, 'ThrottlingException'))).toBe(true);
    expect(isRetryable('legacy', http(400, 'TooManyRequestsException'))).toBe(false);
    expect(isRetryable('legacy', { kind: 'transport' })).toBe(true);
  });
});

describe('delays and the max-retries note', () => {
  test('rand * 2^(attempt-1), capped at 20 s except in legacy mode', () => {
    expect([1, 2, 3].map((a) => retryDelaySeconds('standard', a, () => 0.25))).toEqual([0.25, 0.5, 1]);
    expect(retryDelaySeconds('standard', 10, () => 1)).toBe(20);
    expect(retryDelaySeconds('legacy', 10, () => 1)).toBe(512);
  });

  test('standard notes any error on the last attempt; legacy only a retryable one', () => {
    expect(reportsMaxRetries('standard', false, 1, 1)).toBe(true);
    expect(reportsMaxRetries('standard', true, 2, 3)).toBe(false);
    expect(reportsMaxRetries('legacy', false, 1, 1)).toBe(false);
    expect(reportsMaxRetries('legacy', true, 5, 5)).toBe(true);
  });
});
