// The error boundary: every failure of every command becomes its message on stderr (the AWS CLI's
// wording and layout, red when stderr takes colour) and one exit code (AWS CLI v2's
// awscli/constants.py: 252 parameter, 253 configuration, 254 service, 255 anything else).
// The --debug logger lives here too, so debug lines and error lines share one layout.
import { ConfigError, EXIT, GeneralError, OperationFailed, ParamError, ServiceError } from '../errors.ts';
import type { Io } from '../shared/io.ts';
import { USAGE } from './usage.ts';

/** --debug lines in the AWS CLI's layout; a no-op when --debug is off. */
export function debugLogger(io: Io, on: boolean): (msg: string) => void {
  if (!on) return () => {};
  return (msg) => {
    const iso = new Date().toISOString();
    io.stderr(
      `${iso.slice(0, 10)} ${iso.slice(11, 19)},${iso.slice(20, 23)} - MainThread - cognito-totp - DEBUG - ${msg}\n`,
    );
  };
}

/** The AWS CLI's line for a service error. */
function serviceLine(e: ServiceError, operation: string | undefined): string {
  const retries = e.retries !== undefined ? ` (reached max retries: ${e.retries})` : '';
  return `An error occurred (${e.code}) when calling the ${operation ?? 'unknown'} operation${retries}: ${e.message}`;
}

/**
 * Writes what went wrong and returns the exit code. `operation` names the operation a bare
 * ServiceError came from; an OperationFailed names its own.
 */
export async function reportError(
  io: Io,
  e: unknown,
  ctx: { operation?: string | undefined; debug: boolean },
): Promise<number> {
  // Error lines in red when stderr takes colour (--color, the color setting, FORCE_COLOR, NO_COLOR).
  const { stderrStyles, perLine } = await import('./color.ts');
  const red = (await stderrStyles(io)).error;
  const say = (message: string) => io.stderr(`\n${perLine(red, message)}\n`);
  if (e instanceof ParamError) {
    if (e.usage) io.stderr(`\n${USAGE}\n${perLine(red, e.message)}\n\n`);
    else say(e.message);
    return EXIT.param;
  }
  if (e instanceof ConfigError) {
    say(e.message);
    return EXIT.config;
  }
  if (e instanceof OperationFailed) {
    say(serviceLine(e.error, e.operation));
    return EXIT.service;
  }
  if (e instanceof ServiceError) {
    say(serviceLine(e, ctx.operation));
    return EXIT.service;
  }
  if (e instanceof GeneralError) {
    say(e.message);
    return EXIT.general;
  }
  // A bug of ours: say so plainly; the stack only with --debug.
  const err = e instanceof Error ? e : new Error(String(e));
  say(ctx.debug && err.stack ? err.stack : `Unexpected error: ${err.message}`);
  return EXIT.general;
}
