// cognito-totp serve: the local state file over Cognito's wire protocol (AWS JSON 1.1), for the
// AWS CLI, the SDKs and applications under test. See src/server/server.ts.
import { isAbsolute, join } from 'node:path';
import type { Command } from 'commander';
import type { Io } from '../cli/run.ts';
import { defaultStateFile } from '../cli/run.ts';
import { readSettings } from '../config/settings.ts';
import { EXIT, ParamError } from '../errors.ts';
import { startServer } from '../server/server.ts';
import { intOption, parseCommand } from './args.ts';

const NOTES = `Serves the local emulator's state file over Cognito's API (AWS JSON 1.1, POST /, X-Amz-Target),
so that the AWS CLI, the AWS SDKs and apps under test can use it:
  aws --endpoint-url http://127.0.0.1:9229 cognito-idp list-user-pools --max-results 10
Tokens it mints have iss = http://HOST:PORT/{userPoolId}; their keys are served at
  GET /{userPoolId}/.well-known/jwks.json and GET /{userPoolId}/.well-known/openid-configuration.
The CLI can change the same state file while the server runs (each request is one locked change).
Changes are written to a journal beside the file (STATE.journal), which every cognito-totp command
reads too; it is folded into the file when the server is idle for 200 ms and when it stops.
--port 0 picks a free port; the line on stderr says which.
Only requests addressed (Host header) to localhost, 127.0.0.1, [::1] or the --host address are
answered, and names given with --allowed-host: a web page cannot reach the server by DNS rebinding.
Browsers: CORS preflights are answered and every answer is readable by any origin, or only by the
--cors-origin ones. Limits: bodies up to 1 MiB, request headers within 10 s and the whole request
within 30 s, at most 500 connections (the slowest let go first when more come).
SIGTERM or SIGINT (Ctrl-C): stop accepting, finish requests in flight, fold the journal, exit 0.`;

export function options(cmd: Command): Command {
  return cmd
    .option('--port <port>', 'TCP port to listen on (0: any free port).', '9229')
    .option('--host <host>', 'Address to bind (loopback by default).', '127.0.0.1')
    .option(
      '--allowed-host <name>',
      'Also answer requests whose Host header is NAME (repeatable); by default only localhost, 127.0.0.1, [::1] and the --host address.',
      collect,
    )
    .option(
      '--cors-origin <origin>',
      'Let only pages from ORIGIN (e.g. http://localhost:3000) read the answers (repeatable); by default every origin may.',
      collect,
    );
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

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
  const parsed = parseCommand('serve', args, options, NOTES);
  if ('help' in parsed) {
    io.stdout(parsed.help);
    return EXIT.ok;
  }
  const { opts, globals, operands } = parsed;
  if (operands.length) throw new ParamError(`cognito-totp serve: unexpected argument '${operands[0]}'.`);
  const port = intOption(opts.port, '--port', 0, 65_535)!;
  const host = String(opts.host);
  const raw =
    globals.stateFile ??
    io.env.COGNITO_TOTP_STATE_FILE ??
    readSettings(io.env).stateFile ??
    defaultStateFile(io.env);
  const stateFile = isAbsolute(raw) ? raw : join(io.cwd, raw);
  const server = await startServer({
    stateFile,
    host,
    port,
    log: (line) => io.stderr(line.endsWith('\n') ? line : `${line}\n`),
    region: globals.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION ?? 'us-east-1',
    allowedHosts: hostNames(opts.allowedHost as string[] | undefined),
    corsOrigins: origins(opts.corsOrigin as string[] | undefined),
  });
  io.stderr(`cognito-totp serve: listening on ${server.url} (state file ${stateFile})\n`);
  // Signals are this command's business: the process-wide SIGINT handler (exit 130 at once) would
  // cut requests in flight, so it is set aside while serving.
  process.removeAllListeners('SIGINT');
  return await new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: string): void => {
      if (stopping) {
        io.stderr(`cognito-totp serve: ${signal} again, exiting now.\n`);
        process.exit(signal === 'SIGINT' ? EXIT.interrupted : 143);
      }
      stopping = true;
      io.stderr(`cognito-totp serve: ${signal}, finishing requests in flight...\n`);
      server.close().then(() => {
        io.stderr('cognito-totp serve: stopped.\n');
        resolve(EXIT.ok);
      });
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
  });
}
