// A local backend on a fresh temporary state file with a clock the test moves by hand.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalBackend } from '../../src/backend/local/index.ts';
import { codeAt, stepAt } from '../../src/backend/local/totp.ts';
import { ServiceError } from '../../src/errors.ts';
import type { OperationName } from '../../src/model/index.ts';
import { type SeedOptions, seedPool } from './seed.ts';

export interface Harness {
  backend: LocalBackend;
  stateFile: string;
  clock: { t: number };
  /** Moves the clock forward by seconds. */
  advance(seconds: number): void;
  call(op: OperationName, req: Record<string, unknown>): Record<string, any>;
  /** The ServiceError a call fails with (fails the test if it succeeds). */
  fail(op: OperationName, req: Record<string, unknown>): ServiceError;
  /** The code of `secret` at the current time, shifted by `steps` time steps. */
  code(secret: string, steps?: number): string;
}

export function harness(start = Date.UTC(2026, 10, 22, 12, 0, 0)): Harness {
  const dir = mkdtempSync(join(tmpdir(), 'ct-local-'));
  const stateFile = join(dir, 'state', 'state.json');
  const clock = { t: start };
  const backend = new LocalBackend({ stateFile, env: { now: () => clock.t } });
  const h: Harness = {
    backend,
    stateFile,
    clock,
    advance: (s) => {
      clock.t += s * 1000;
    },
    call: (op, req) => backend.callSync(op, req) as Record<string, any>,
    fail: (op, req) => {
      try {
        backend.callSync(op, req);
      } catch (e) {
        if (e instanceof ServiceError) return e;
        throw e;
      }
      throw new Error(`${op} succeeded but was expected to fail`);
    },
    code: (secret, steps = 0) => codeAt(secret, stepAt(clock.t) + steps),
  };
  return h;
}

export { PASSWORD } from './seed.ts';

/** A pool with TOTP enabled, a client allowing USER_PASSWORD_AUTH, and a confirmed user alice. */
export function seed(h: Harness, opts: Omit<SeedOptions, 'poolName' | 'username' | 'password'> = {}) {
  return seedPool(h.call, opts);
}
