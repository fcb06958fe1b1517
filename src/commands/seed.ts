// cognito-totp seed FILE: pools, app clients and users from a YAML or JSON file applied to the
// local state, idempotently (src/backend/local/seed.ts), for test suites that need the same ids,
// passwords and TOTP secrets on every run. `serve --seed FILE` applies the same file at start.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { localTarget, resolvePath } from '../cli/compose.ts';
import { debugLogger } from '../cli/report.ts';
import { EXIT, ParamError } from '../errors.ts';
import type { Io } from '../shared/io.ts';
import { loadYaml } from '../shared/lazy.ts';
import { parseCommand } from './args.ts';

/** Far above any seed a test suite writes; a seed file is read whole, so it is bounded. */
const MAX_SEED_BYTES = 4 * 1024 * 1024;

/** The seed document of a file: JSON when it starts with `{`, else YAML (a superset anyway). */
export async function readSeedFile(io: Pick<Io, 'env' | 'cwd'>, file: string): Promise<unknown> {
  const path = resolvePath(io, file);
  let text: string;
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const st = fstatSync(fd);
    if (!st.isFile()) throw new ParamError(`The seed file ${path} is not a regular file.`);
    if (st.size > MAX_SEED_BYTES) throw new ParamError(`The seed file ${path} is larger than 4 MiB.`);
    const buf = Buffer.alloc(st.size);
    let got = 0;
    while (got < buf.length) {
      const n = readSync(fd, buf, got, buf.length - got, got);
      if (n === 0) break;
      got += n;
    }
    text = buf.subarray(0, got).toString('utf8');
  } catch (e) {
    if (e instanceof ParamError) throw e;
    throw new ParamError(
      `Cannot read the seed file ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}.`,
    );
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  try {
    if (/^\s*\{/.test(text)) return JSON.parse(text);
    return loadYaml().parse(text, { maxAliasCount: 100 });
  } catch (e) {
    throw new ParamError(
      `The seed file ${path} is not valid JSON or YAML: ${(e as Error).message.split('\n')[0]}`,
    );
  }
}

export default async function seedCommand(args: string[], io: Io): Promise<number> {
  const parsed = parseCommand('seed', args, io.env);
  if ('help' in parsed) {
    io.stdout(parsed.help);
    return EXIT.ok;
  }
  const { globals, operands } = parsed;
  const [file, ...rest] = operands;
  if (file === undefined)
    throw new ParamError("cognito-totp seed: which file? See 'cognito-totp seed --help'.");
  if (rest.length) throw new ParamError(`cognito-totp seed: unexpected argument '${rest[0]}'.`);
  const doc = await readSeedFile(io, file);
  const log = debugLogger(io, globals.debug);
  const { stateFile, region } = await localTarget(io, globals, log);
  const { LocalBackend } = await import('../backend/local/index.ts');
  const { OperationFailed, ServiceError } = await import('../errors.ts');
  const { SeedError } = await import('../backend/local/seed.ts');
  let result: unknown;
  try {
    result = new LocalBackend({ stateFile, env: { region } }).seed(doc);
  } catch (e) {
    // Named as what it is: the seed, not an operation the user called.
    if (e instanceof SeedError) throw new ParamError(`cognito-totp: ${e.message}`);
    if (e instanceof ServiceError) throw new OperationFailed('Seed', e);
    throw e;
  }
  const { formatOutput } = await import('../output/format.ts');
  const format = (globals.output ?? 'json') as Parameters<typeof formatOutput>[1];
  io.stdout(formatOutput(result, format, 'Seed'));
  return EXIT.ok;
}
