// cognito-totp serve: the local state file over Cognito's wire protocol (AWS JSON 1.1), for the
// AWS CLI, the SDKs and applications under test. See src/server/server.ts.
import { localTarget } from '../cli/compose.ts';
import { debugLogger } from '../cli/report.ts';
import { EXIT, ParamError } from '../errors.ts';
import { startServer } from '../server/server.ts';
import type { Io, StopSignal } from '../shared/io.ts';
import { intOption, parseCommand } from './args.ts';

/** --allowed-host values: host names or addresses, a port allowed and ignored. */
function hostNames(values: string[] | undefined): string[] {
  for (const v of values ?? []) {
    if (!/^(\[[0-9a-fA-F:.]+\]|[^\s/:@[\]]+|[0-9a-fA-F:]+)(:\d+)?$/.test(v))
      throw new ParamError(
        `cognito-totp serve: argument --allowed-host: '${v}' is not a host name or address.`,
      );
  }
  return values ?? [];
}

/** --cors-origin values: origins as browsers send them (scheme://host[:port], no path). */
function origins(values: string[] | undefined): string[] {
  return (values ?? []).map((v) => {
    const trimmed = v.replace(/\/+$/, '');
    let origin: string | undefined;
    try {
      origin = new URL(trimmed).origin;
    } catch {
      origin = undefined;
    }
    if (origin === undefined || origin === 'null' || origin.toLowerCase() !== trimmed.toLowerCase())
      throw new ParamError(
        `cognito-totp serve: argument --cors-origin: '${v}' is not an origin (scheme://host[:port], as http://localhost:3000).`,
      );
    return trimmed;
  });
}

export default async function serveCommand(args: string[], io: Io): Promise<number> {
  const parsed = parseCommand('serve', args, io.env);
  if ('help' in parsed) {
    io.stdout(parsed.help);
    return EXIT.ok;
  }
  const { opts, globals, operands } = parsed;
  if (operands.length) throw new ParamError(`cognito-totp serve: unexpected argument '${operands[0]}'.`);
  const port = intOption(opts.port, '--port', 0, 65_535)!;
  const host = String(opts.host);
  // The state file and region every other command would use (the composition root): `~/` and the
  // settings apply here as they do to the CLI.
  const { stateFile, region } = await localTarget(io, globals, debugLogger(io, globals.debug));
  if (typeof opts.seed === 'string') {
    const { readSeedFile } = await import('./seed.ts');
    const doc = await readSeedFile(io, opts.seed);
    const { LocalBackend } = await import('../backend/local/index.ts');
    const { OperationFailed, ServiceError } = await import('../errors.ts');
    const { SeedError } = await import('../backend/local/seed.ts');
    try {
      const seeded = new LocalBackend({ stateFile, env: { region } }).seed(doc);
      const pools = seeded.Pools.map(
        (p) => `${p.Id} (${p.Clients.map((c) => c.ClientId).join(', ') || 'no clients'})`,
      );
      io.stderr(`cognito-totp serve: seeded ${opts.seed}: ${pools.join('; ') || 'nothing'}\n`);
    } catch (e) {
      if (e instanceof SeedError) throw new ParamError(`cognito-totp: ${e.message}`);
      if (e instanceof ServiceError) throw new OperationFailed('Seed', e);
      throw e;
    }
  }
  const server = await startServer({
    stateFile,
    host,
    port,
    log: (line) => io.stderr(line.endsWith('\n') ? line : `${line}\n`),
    region,
    allowedHosts: hostNames(opts.allowedHost as string[] | undefined),
    corsOrigins: origins(opts.corsOrigin as string[] | undefined),
  });
  io.stderr(`cognito-totp serve: listening on ${server.url} (state file ${stateFile})\n`);
  // Signals are this command's business: the default (exit 130 at once) would cut requests in
  // flight, so it takes them over while serving.
  return await new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: StopSignal): void => {
      if (stopping) {
        io.stderr(`cognito-totp serve: ${signal} again, exiting now.\n`);
        io.exitNow?.(signal === 'SIGINT' ? EXIT.interrupted : 143);
        return;
      }
      stopping = true;
      io.stderr(`cognito-totp serve: ${signal}, finishing requests in flight...\n`);
      server.close().then(() => {
        io.stderr('cognito-totp serve: stopped.\n');
        resolve(EXIT.ok);
      });
    };
    io.onStopSignal?.(stop);
  });
}
