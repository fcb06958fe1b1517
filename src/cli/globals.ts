// The global options of AWS CLI v2 (plus cognito-totp's own --state-file and --remote), as data:
// the program, the argv pre-check, help, completions and the Globals type all read this table.
import { COLOR_MODES, OUTPUT_FORMATS } from '../output/formats.ts';

export interface GlobalOption {
  flag: string;
  /** Name of the value in help, or undefined for a switch. */
  value?: string;
  choices?: readonly string[];
  doc: string;
}

/** A global option and the key it has in Globals (a `--no-x` switch is `x`, true unless given). */
export interface GlobalEntry extends GlobalOption {
  readonly key: string;
}

export const SKELETON_TYPES = ['input', 'output', 'yaml-input'] as const;

const GLOBAL_TABLE = [
  {
    flag: '--debug',
    key: 'debug',
    doc: 'Log what the program does to stderr (configuration, backend, request and response), secrets masked.',
  },
  {
    flag: '--endpoint-url',
    key: 'endpointUrl',
    value: 'URL',
    doc: 'Send the request to this URL (a Cognito-compatible endpoint) instead of the local emulator.',
  },
  {
    flag: '--remote',
    key: 'remote',
    doc: "Send the request to the region's Amazon Cognito endpoint instead of the local emulator.",
  },
  {
    flag: '--state-file',
    key: 'stateFile',
    value: 'PATH',
    doc: 'The local emulator state file (default: see README; env COGNITO_TOTP_STATE_FILE).',
  },
  { flag: '--no-verify-ssl', key: 'verifySsl', doc: 'Do not verify TLS certificates of the endpoint.' },
  {
    flag: '--no-paginate',
    key: 'paginate',
    doc: 'Disable automatic pagination: a paginated command makes one call and prints the first page.',
  },
  {
    flag: '--output',
    key: 'output',
    value: 'string',
    choices: OUTPUT_FORMATS,
    doc: 'The formatting style for command output.',
  },
  {
    flag: '--query',
    key: 'query',
    value: 'string',
    doc: 'A JMESPath query to use in filtering the response data.',
  },
  {
    flag: '--profile',
    key: 'profile',
    value: 'string',
    doc: 'Use a specific profile from your AWS credential and config files.',
  },
  {
    flag: '--region',
    key: 'region',
    value: 'string',
    doc: 'The region to use. Overrides config/env settings.',
  },
  { flag: '--version', key: 'version', doc: 'Display the version of this tool.' },
  { flag: '--color', key: 'color', value: 'string', choices: COLOR_MODES, doc: 'Turn on/off color output.' },
  {
    flag: '--no-sign-request',
    key: 'signRequest',
    doc: 'Do not sign requests. Credentials will not be loaded.',
  },
  {
    flag: '--ca-bundle',
    key: 'caBundle',
    value: 'string',
    doc: 'The CA certificate bundle to use when verifying TLS certificates.',
  },
  {
    flag: '--cli-read-timeout',
    key: 'readTimeout',
    value: 'int',
    doc: 'The maximum socket read time in seconds (0: no limit). Default 60.',
  },
  {
    flag: '--cli-connect-timeout',
    key: 'connectTimeout',
    value: 'int',
    doc: 'The maximum socket connect time in seconds (0: no limit). Default 60.',
  },
  {
    flag: '--no-cli-pager',
    key: 'cliPager',
    doc: 'Accepted for AWS CLI compatibility; output is never paged.',
  },
] as const satisfies readonly GlobalEntry[];

export const globalOptions: readonly GlobalEntry[] = GLOBAL_TABLE;

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

type Entry = (typeof GLOBAL_TABLE)[number];

/**
 * The global options of one command line, by key: a value option is its string (absent when not
 * given), a switch a boolean (`--no-x` switches are true unless given).
 */
export type Globals = {
  -readonly [E in Entry as E extends { value: string } ? E['key'] : never]?: string;
} & { -readonly [E in Entry as E extends { value: string } ? never : E['key']]: boolean };

/** The global options as parsed by commander (keyed by flag) turned into Globals. */
export function toGlobals(g: Readonly<Record<string, string | boolean | undefined>>): Globals {
  const out: Record<string, string | boolean> = {};
  for (const o of globalOptions) {
    const v = g[o.flag];
    if (o.value !== undefined) {
      if (typeof v === 'string') out[o.key] = v;
    } else out[o.key] = o.flag.startsWith('--no-') ? v !== false : v === true;
  }
  return out as Globals;
}
