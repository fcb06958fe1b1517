// The answer and log line `serve` gives a failure that is not the request's (issue 17 item 11), for
// the causes a test cannot easily provoke in a real process: a lock timeout, running out of file
// descriptors, an error from the OS that nothing wrapped, and a plain bug. The full disk and the
// read-only file system are provoked for real in hostile.test.ts.
import { describe, expect, it } from 'vitest';
import { ConfigError, GeneralError } from '../../src/errors.ts';
import { faultAnswer } from '../../src/server/faults.ts';

function errno(code: string, message: string): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

describe('faultAnswer', () => {
  it('an explained failure (lock timeout, state file) keeps its message, on one line', () => {
    const f = faultAnswer(
      new GeneralError('Timed out after 10 s waiting for the lock /s/state.json.lock\n(held by pid 42).'),
    );
    expect(f.answer.status).toBe(500);
    expect(JSON.parse(f.answer.body)).toEqual({
      __type: 'InternalErrorException',
      message: 'Timed out after 10 s waiting for the lock /s/state.json.lock (held by pid 42).',
    });
    expect(f.answer.code).toBe('InternalErrorException');
    expect(f.log).not.toContain('\n');
    expect(faultAnswer(new ConfigError('Cannot write the state file /s: EROFS.')).log).toBe(
      'Cannot write the state file /s: EROFS.',
    );
  });

  it('an OS error nothing wrapped is said in words with its code', () => {
    for (const [code, words] of [
      ['EMFILE', 'too many open files'],
      ['ENOSPC', 'no space left'],
      ['EROFS', 'read-only'],
      ['EWEIRD', 'EWEIRD'],
    ] as const) {
      const f = faultAnswer(errno(code, `${code}: something, open '/s/state.json.journal'`));
      const message = JSON.parse(f.answer.body).message as string;
      expect(message, code).toContain(words);
      expect(message, code).toContain(`(${code})`);
      expect(f.log).toContain('/s/state.json.journal');
      expect(f.log).not.toMatch(/\n/);
    }
  });

  it('a bug: a generic message to the client, one line with the error and where it was thrown in the log, no stack', () => {
    let bug: unknown;
    try {
      (undefined as unknown as { x: number }).x;
    } catch (e) {
      bug = e;
    }
    const f = faultAnswer(bug);
    expect(JSON.parse(f.answer.body).message).toBe('An internal error occurred.');
    expect(f.log).toMatch(
      /^internal error: TypeError: Cannot read properties of undefined .* \(at .*faults\.test\.ts:\d+:\d+\)$/,
    );
    expect(f.log).not.toMatch(/\n/);
    expect(faultAnswer('a string thrown').log).toBe('internal error: a string thrown');
  });
});
