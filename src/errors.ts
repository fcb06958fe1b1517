// The error taxonomy. Every failure the program reports is one of these; cli/report.ts alone maps
// them to exit codes (AWS CLI v2's awscli/constants.py: 252 parameter, 253 configuration,
// 254 service, 255 anything else, 130 interrupted).

export const EXIT = {
  ok: 0,
  param: 252,
  config: 253,
  service: 254,
  general: 255,
  interrupted: 130,
} as const;

/** Bad command line or input document (argparse errors, validation, --cli-input-*, --query). */
export class ParamError extends Error {
  override readonly name = 'ParamError';
  /** When set, the AWS usage block is printed before the message (argparse-style errors). */
  readonly usage: boolean;
  constructor(message: string, opts: { usage?: boolean } = {}) {
    super(message);
    this.usage = opts.usage ?? false;
  }
}

/** The environment or configuration is unusable: no region, no credentials, a bad state file. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Anything else we can explain: cannot connect, profile not found, lock timeout. */
export class GeneralError extends Error {
  override readonly name = 'GeneralError';
}

/**
 * An error answer of the service (or of the local emulator acting as the service): Cognito's error
 * code, its message, and the HTTP status it travels with over the wire.
 */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  readonly code: string;
  readonly status: number;
  /** Retries made before giving up, printed as " (reached max retries: N)" by v2. */
  retries?: number;
  constructor(code: string, message: string, status = 400) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

/**
 * A ServiceError raised by one operation of a command that makes several calls (enroll,
 * quickstart, sign-in): the error boundary names that operation, as the AWS CLI names the one it
 * called.
 */
export class OperationFailed extends Error {
  override readonly name = 'OperationFailed';
  readonly operation: string;
  readonly error: ServiceError;
  constructor(operation: string, cause: ServiceError) {
    super(cause.message);
    this.operation = operation;
    this.error = cause;
  }
  get code(): string {
    return this.error.code;
  }
}
