// What the commands that make several calls share (quickstart, enroll): calling an operation so
// that a failure names it (the error boundary prints it as the AWS CLI would), and the shell
// quoting of the follow-up commands they print.
import type { Backend } from '../backend/backend.ts';
import { GeneralError, OperationFailed, ServiceError } from '../errors.ts';
import type { OperationName, Request, Response } from '../model/index.ts';

export async function callOp<N extends OperationName>(
  backend: Backend,
  op: N,
  request: Request<N>,
): Promise<Response<N>> {
  try {
    return await backend.call(op, request);
  } catch (e) {
    if (e instanceof ServiceError) throw new OperationFailed(op, e);
    throw e;
  }
}

/** A word as a POSIX shell reads it back: bare when safe, else in single quotes. */
export function shellQuote(s: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, `'\\''`)}'`;
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

/** A member every real answer has (the model marks all output members optional): its absence is an
 * endpoint that is not Cognito-compatible, said plainly instead of carried on as `undefined`. */
export function present<T>(value: T | undefined | null, op: OperationName, path: string): T {
  if (value === undefined || value === null) throw new GeneralError(`${op} answered without ${path}.`);
  return value;
}
