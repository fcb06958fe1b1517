// The global options of AWS CLI v2 (plus cognito-totp's own --state-file and --remote), as data:
// the program, the argv pre-check, help and completions all read this table.

export interface GlobalOption {
  flag: string;
  /** Name of the value in help, or undefined for a switch. */
  value?: string;
  choices?: readonly string[];
  doc: string;
}

export const OUTPUT_FORMATS = ['json', 'text', 'table', 'yaml', 'yaml-stream', 'off'] as const;
export const SKELETON_TYPES = ['input', 'output', 'yaml-input'] as const;
export const COLOR_MODES = ['on', 'off', 'auto'] as const;

export const globalOptions: readonly GlobalOption[] = [
  {
    flag: '--debug',
    doc: 'Log what the program does to stderr (configuration, backend, request and response), secrets masked.',
  },
  {
    flag: '--endpoint-url',
    value: 'URL',
    doc: 'Send the request to this URL (a Cognito-compatible endpoint) instead of the local emulator.',
  },
  {
    flag: '--remote',
    doc: "Send the request to the region's Amazon Cognito endpoint instead of the local emulator.",
  },
  {
    flag: '--state-file',
    value: 'PATH',
    doc: 'The local emulator state file (default: see README; env COGNITO_TOTP_STATE_FILE).',
  },
  { flag: '--no-verify-ssl', doc: 'Do not verify TLS certificates of the endpoint.' },
  {
    flag: '--no-paginate',
    doc: 'Disable automatic pagination: a paginated command makes one call and prints the first page.',
  },
  {
    flag: '--output',
    value: 'string',
    choices: OUTPUT_FORMATS,
    doc: 'The formatting style for command output.',
  },
  { flag: '--query', value: 'string', doc: 'A JMESPath query to use in filtering the response data.' },
  {
    flag: '--profile',
    value: 'string',
    doc: 'Use a specific profile from your AWS credential and config files.',
  },
  { flag: '--region', value: 'string', doc: 'The region to use. Overrides config/env settings.' },
  { flag: '--version', doc: 'Display the version of this tool.' },
  { flag: '--color', value: 'string', choices: COLOR_MODES, doc: 'Turn on/off color output.' },
  { flag: '--no-sign-request', doc: 'Do not sign requests. Credentials will not be loaded.' },
  {
    flag: '--ca-bundle',
    value: 'string',
    doc: 'The CA certificate bundle to use when verifying TLS certificates.',
  },
  {
    flag: '--cli-read-timeout',
    value: 'int',
    doc: 'The maximum socket read time in seconds (0: no limit). Default 60.',
  },
  {
    flag: '--cli-connect-timeout',
    value: 'int',
    doc: 'The maximum socket connect time in seconds (0: no limit). Default 60.',
  },
  { flag: '--no-cli-pager', doc: 'Accepted for AWS CLI compatibility; output is never paged.' },
];

/** Options every operation has besides its members (awscli's customizations). */
export const operationExtras: readonly GlobalOption[] = [
  {
    flag: '--cli-input-json',
    value: 'string',
    doc: 'Reads arguments from the JSON string provided (or file://path). The JSON string follows the format provided by --generate-cli-skeleton. Arguments given on the command line override the JSON-provided values.',
  },
  {
    flag: '--cli-input-yaml',
    value: 'string',
    doc: 'Reads arguments from the YAML string provided (or file://path), as --cli-input-json does. This may not be specified along with --cli-input-json.',
  },
  {
    flag: '--generate-cli-skeleton',
    value: 'string',
    choices: SKELETON_TYPES,
    doc: 'Prints a JSON skeleton to standard output without sending an API request. input (the default) and yaml-input print a sample input; output prints a sample output whose placeholders satisfy the model.',
  },
];

/** What AWS CLI v2 adds to a paginated operation (awscli/customizations/paginate.py). */
export const pagingOptions: readonly GlobalOption[] = [
  {
    flag: '--starting-token',
    value: 'string',
    doc: 'A token to specify where to start paginating. This is the NextToken from a previously truncated response.',
  },
  {
    flag: '--page-size',
    value: 'integer',
    doc: "The size of each page to get in the service call. This does not affect the number of items returned in the command's output: a smaller page size means more calls, each returning fewer items.",
  },
  {
    flag: '--max-items',
    value: 'integer',
    doc: "The total number of items to return in the command's output. If more are available, a NextToken is provided in the output; give it to --starting-token to resume.",
  },
];

/** cognito-totp's additions to associate-software-token: show the enrollment to a person. */
export const enrollmentOptions: readonly GlobalOption[] = [
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

/** Options beyond the model's members that one operation has (e.g. --qr on associate-software-token). */
export function extrasOf(op: { name: string; paginator?: unknown }): readonly GlobalOption[] {
  if (op.name === 'AssociateSoftwareToken') return [...operationExtras, ...enrollmentOptions];
  return op.paginator ? [...operationExtras, ...pagingOptions] : operationExtras;
}

export interface Globals {
  debug: boolean;
  endpointUrl?: string;
  remote: boolean;
  stateFile?: string;
  verifySsl: boolean;
  output?: string;
  query?: string;
  profile?: string;
  region?: string;
  color?: string;
  signRequest: boolean;
  caBundle?: string;
  readTimeout?: string;
  connectTimeout?: string;
}
