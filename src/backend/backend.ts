// The Backend interface: one request in, one response (or a ServiceError) out. The local emulator
// and the remote client implement it; the CLI, the enroll wizard and the server only see this.
import type { OperationName, Request, Response } from '../model/index.ts';

export { ServiceError } from '../errors.ts';

export type Wire = Record<string, unknown>;

export interface Backend {
  /**
   * Calls an operation. The request holds API member names (PascalCase) with wire values; the
   * response is the JSON body as the service returns it (timestamps as epoch seconds).
   * Throws ServiceError for an error answer.
   */
  call<N extends OperationName>(op: N, request: Request<N>): Promise<Response<N>>;
  /** A line for --debug: which backend and where. */
  describe(): string;
  /**
   * Who an AccessToken or Session belongs to, for labelling an enrollment (local backend only:
   * a remote Session is opaque).
   */
  subjectInfo?(request: Wire): { username?: string; poolName?: string };
  /** The user pool of an app client, where the backend can tell without credentials (local). */
  poolIdOfClient?(clientId: string): string | undefined;
}

/** --debug logging, already masked by the caller's rules; a no-op when --debug is off. */
export type DebugLog = (message: string) => void;

/**
 * A call whose request was built from data rather than code (the CLI's pipeline, the server): its
 * shape was checked against the model at run time, which the compiler cannot see.
 */
export function callChecked(backend: Backend, op: OperationName, request: Wire): Promise<Wire> {
  return backend.call(op, request as Request<typeof op>) as Promise<Wire>;
}
