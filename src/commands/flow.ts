// What quickstart and enroll share: calling an operation so that a failure names it (as the AWS
// CLI prints it), reporting that failure, the shell quoting of printed commands, the debug logger.
import type { Backend, Wire } from '../backend/backend.ts';
import type { Styles } from '../cli/color.ts';
import type { Io } from '../cli/run.ts';
import { EXIT, ServiceError } from '../errors.ts';
import type { OperationName } from '../model/index.ts';

/** A ServiceError and the operation that raised it. */
export class OperationFailed extends Error {
  override readonly name = 'OperationFailed';
  readonly operation: OperationName;
  readonly error: ServiceError;
  constructor(operation: OperationName, cause: ServiceError) {
    super(cause.message);
    this.operation = operation;
    this.error = cause;
  }
  get code(): string {
    return this.error.code;
  }
}

export async function callOp(backend: Backend, op: OperationName, request: Wire): Promise<Wire> {
  try {
    return await backend.call(op, request);
  } catch (e) {
    if (e instanceof ServiceError) throw new OperationFailed(op, e);
    throw e;
  }
}

/** The AWS CLI's line for a service error, exit 254. */
export function reportFailure(io: Io, styles: Styles, e: OperationFailed): number {
  const retries = e.error.retries !== undefined ? ` (reached max retries: ${e.error.retries})` : '';
  io.stderr(
    `\n${styles.error(`An error occurred (${e.code}) when calling the ${e.operation} operation${retries}: ${e.message}`)}\n`,
  );
  return EXIT.service;
}

/** A word as a POSIX shell reads it back: bare when safe, else in single quotes. */
export function shellQuote(s: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** --debug lines in the AWS CLI's layout, as run.ts writes them. */
export function debugLog(io: Io, on: boolean): (msg: string) => void {
  if (!on) return () => {};
  return (msg) => {
    const d = new Date();
    const iso = d.toISOString();
    const stamp = `${iso.slice(0, 10)} ${iso.slice(11, 19)},${String(d.getMilliseconds()).padStart(3, '0')}`;
    io.stderr(`${stamp} - MainThread - cognito-totp - DEBUG - ${msg}\n`);
  };
}

/** The global flags a printed follow-up command must repeat to reach the same backend and state. */
export function sameBackendFlags(g: {
  stateFile?: string;
  endpointUrl?: string;
  remote: boolean;
  region?: string;
  profile?: string;
}): string {
  const out: string[] = [];
  if (g.stateFile !== undefined) out.push('--state-file', shellQuote(g.stateFile));
  if (g.endpointUrl !== undefined) out.push('--endpoint-url', shellQuote(g.endpointUrl));
  if (g.remote) out.push('--remote');
  if (g.region !== undefined) out.push('--region', shellQuote(g.region));
  if (g.profile !== undefined) out.push('--profile', shellQuote(g.profile));
  return out.length ? ` ${out.join(' ')}` : '';
}
