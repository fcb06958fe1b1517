// What associate-software-token --qr / --otpauth-uri print to stderr: not built yet.
import { GeneralError } from '../errors.ts';
import type { Io } from './run.ts';

export interface EnrollmentDisplay {
  secret: string;
  issuer: string;
  accountName: string;
  mode: 'qr' | 'qr-small' | 'uri';
}

export async function printEnrollment(_io: Io, _d: EnrollmentDisplay): Promise<void> {
  throw new GeneralError('--qr and --otpauth-uri are not built yet.');
}

/** The user name claim of an access token, read without checking it (a label, not a decision). */
export function accountNameFromToken(_token: string): string | undefined {
  return undefined;
}
