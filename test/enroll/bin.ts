// Runs the built program (bin/cognito-totp.js) in a clean environment: its own HOME, settings
// folder and state file, no AWS_* or colour variables from the machine running the tests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalBackend } from '../../src/backend/local/index.ts';
import { run } from '../../src/cli/run.ts';
import { type Call, type SeedOptions, seedPool as seed } from '../helpers/seed.ts';
import { fakeIo } from './fake-io.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'cognito-totp.js');

/** Builds once when dist/ is missing (npm test builds before vitest runs). */
export function ensureBuilt(): void {
  if (existsSync(join(ROOT, 'dist', 'boot.cjs')) || existsSync(join(ROOT, 'dist', 'main.js'))) return;
  const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout}\n${r.stderr}`);
}

export interface Sandbox {
  dir: string;
  stateFile: string;
  env: NodeJS.ProcessEnv;
}

export function sandbox(extra: NodeJS.ProcessEnv = {}): Sandbox {
  const dir = mkdtempSync(join(tmpdir(), 'ct-enroll-'));
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(AWS_|NO_COLOR$|FORCE_COLOR$|COGNITO_TOTP_|XDG_)/.test(k)) continue;
    env[k] = v;
  }
  Object.assign(env, {
    HOME: dir,
    COGNITO_TOTP_CONFIG_DIR: join(dir, 'config'),
    AWS_CONFIG_FILE: join(dir, 'aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'aws-credentials'),
    ...extra,
  });
  return { dir, stateFile: join(dir, 'state.json'), env };
}

export interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runBin(
  args: string[],
  opts: { env: NodeJS.ProcessEnv; input?: string; cwd?: string; timeout?: number },
): Result {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: opts.env,
    cwd: opts.cwd ?? ROOT,
    input: opts.input ?? '',
    encoding: 'utf8',
    timeout: opts.timeout ?? 30_000,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The shared seed (test/helpers/seed.ts) made in-process on the state file the program will use
 * (real clock): pool "shop", user alice.
 */
export function seedPool(stateFile: string, opts: SeedOptions = {}) {
  const b = new LocalBackend({ stateFile });
  const call: Call = (op, req) => b.callSync(op, req) as Record<string, any>;
  return { backend: b, call, ...seed(call, { poolName: 'shop', password: 'Passw0rd!x', ...opts }) };
}

/**
 * The same command in-process: run(io) with a fake Io, for behaviour that needs no process of its
 * own (signals, concurrency, start-up and real streams do: use runBin for those).
 */
export async function runIn(
  args: string[],
  opts: { env: NodeJS.ProcessEnv; input?: string; cwd?: string },
): Promise<Result> {
  const io = fakeIo({ argv: args, env: opts.env, cwd: opts.cwd ?? ROOT, stdin: opts.input ?? '' });
  const status = await run(io);
  return { status, stdout: io.stdoutText(), stderr: io.stderrText() };
}
