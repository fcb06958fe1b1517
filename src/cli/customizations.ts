// Per-operation customizations keyed by operation, as aws-cli's customizations/ do: options an
// operation has beyond the model's members, and what happens after its answer is printed. Shared
// code asks this table instead of testing an operation's name.
import type { Backend, Wire } from '../backend/backend.ts';
import type { OperationName } from '../model/index.ts';
import type { Io } from '../shared/io.ts';
import { type GlobalOption, operationExtras, pagingOptions } from './globals.ts';

/** cognito-totp's additions to associate-software-token: show the enrollment to a person. */
const enrollmentOptions: readonly GlobalOption[] = [
  {
    flag: '--qr',
    doc: 'After the normal output, print to stderr a QR code of the otpauth:// enrollment URI, and the URI.',
  },
  {
    flag: '--qr-small',
    doc: 'As --qr, with a compact QR code drawn with half blocks (for small terminals).',
  },
  {
    flag: '--otpauth-uri',
    doc: 'After the normal output, print the otpauth:// enrollment URI to stderr, without a QR code.',
  },
  {
    flag: '--issuer',
    value: 'string',
    doc: 'Issuer shown by the authenticator app (default: the issuer setting, else the user pool name in local mode, else AWSCognito).',
  },
  {
    flag: '--account-name',
    value: 'string',
    doc: 'Account name shown by the authenticator app (default: the user name of the access token or session).',
  },
];

/** What an after-print hook gets: the command line's extra options, the call and its answer. */
export interface AfterPrint {
  io: Io;
  extras: Readonly<Record<string, string | boolean | undefined>>;
  request: Wire;
  response: Wire;
  backend: Backend;
}

export interface Customization {
  /** Options beyond the model's members and the extras every operation has. */
  readonly options?: readonly GlobalOption[];
  /** Runs after the answer is printed (exit 0 so far); its module is loaded only then. */
  readonly afterPrint?: (ctx: AfterPrint) => Promise<void>;
}

export const customizations: Readonly<Partial<Record<OperationName, Customization>>> = {
  // --qr / --qr-small / --otpauth-uri: the enrollment shown to a person, on stderr.
  AssociateSoftwareToken: {
    options: enrollmentOptions,
    afterPrint: async (ctx) => (await import('./enrollment.ts')).showEnrollment(ctx),
  },
};

/** Options beyond the model's members that an operation has: the skeleton and input options,
 * paging options when it pages, and its customization's. */
export function extrasOf(op: { name: string; paginator?: unknown }): readonly GlobalOption[] {
  const own = customizations[op.name as OperationName]?.options ?? [];
  return [...operationExtras, ...(op.paginator ? pagingOptions : []), ...own];
}
