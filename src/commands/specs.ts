// cognito-totp's own commands as data (after citty's commands-as-data): each one's name, the line
// top-level help gives it, its options, the notes its --help ends with and the positional words
// completion offers. Parsing (args.ts), top-level help and completions read this table; the code
// of each command is loaded only when it runs (registry.ts).
import { type Command, Option } from 'commander';
import { configPath, SETTING_KEYS, SETTINGS } from '../config/settings.ts';
import { ParamError } from '../errors.ts';

/** Words offered for the next positional argument after `after` (the positionals so far). */
export interface PositionalRule {
  after: readonly string[];
  words: readonly string[];
}

export interface CommandSpec {
  /** The line top-level help and completions show. */
  readonly summary: string;
  /** The command's own options (the global options are added after them, hidden from help). */
  readonly options?: (cmd: Command) => Command;
  /** What --help prints after the options. */
  readonly notes?: (env: NodeJS.ProcessEnv) => string;
  /** What completion offers for positional arguments. */
  readonly positionals?: readonly PositionalRule[];
}

export const ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

export function checkAlgorithm(v: string): Algorithm {
  const a = v.toUpperCase().replace('-', '');
  if (!(ALGORITHMS as readonly string[]).includes(a)) {
    throw new ParamError(`Invalid algorithm '${v}': choose from ${ALGORITHMS.join(', ')}.`);
  }
  return a as Algorithm;
}

const CONFIGURE_ACTIONS = ['list', 'get', 'set', 'unset'] as const;

export const SHELLS = ['bash', 'zsh', 'fish'] as const;

/** The flows sign-in, enroll and quickstart sign in with (authenticate.ts), named once here. */
export const AUTH_FLOWS = ['USER_SRP_AUTH', 'USER_PASSWORD_AUTH'] as const;
export type AuthFlow = (typeof AUTH_FLOWS)[number];

/** A repeatable option's values, in order. */
function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export const commandSpecs = {
  quickstart: {
    summary: 'Create a demo pool and user locally, enrol a TOTP authenticator and verify it, in one step.',
    options: (cmd) =>
      cmd
        .description(
          'Create a demo user pool, app client and user on the local emulator, enrol a TOTP authenticator and verify it, then print the commands to sign in with it.',
        )
        .option('--username <name>', 'the demo user (default: demo-user)')
        .option('--pool-name <name>', 'the demo user pool (default: cognito-totp-demo)')
        .option(
          '--issuer <name>',
          'the issuer the authenticator app shows (default: the issuer setting, else the pool name)',
        )
        .option('--no-qr', 'do not draw the QR code (the secret and the otpauth:// URI are still printed)')
        .option('--qr-small', 'draw a compact QR code with half blocks')
        .addOption(
          new Option('--auth-flow <flow>', 'how the demo user signs in (default USER_PASSWORD_AUTH)').choices(
            AUTH_FLOWS,
          ),
        ),
    notes: () => `Each run creates a new demo pool (pools are told apart by their id, not their name).
It runs on the local emulator (state file: --state-file, COGNITO_TOTP_STATE_FILE, the stateFile
setting, else ~/.local/state/cognito-totp/state.json). To run it against an endpoint instead, say so
on the command line with --endpoint-url or --remote.`,
  },
  enroll: {
    summary: 'Interactive wizard: sign in, associate, scan the QR code, verify, make TOTP preferred.',
    options: (cmd) =>
      cmd
        .description(
          'Set up a TOTP authenticator app for a user, step by step: sign in, scan the QR code, type a code, done.',
        )
        .option('--access-token <token>', 'an access token of the user (skips signing in)')
        .option(
          '--session <session>',
          'the Session of an MFA_SETUP challenge (with --username and --client-id)',
        )
        .option('--username <name>', 'the user name to sign in with')
        .option('--password <password>', 'the password to sign in with; - reads it from stdin')
        .option('--client-id <id>', 'the app client to sign in through')
        .addOption(
          new Option(
            '--auth-flow <flow>',
            'how to sign in (default USER_PASSWORD_AUTH, then USER_SRP_AUTH if the client allows only that)',
          ).choices(AUTH_FLOWS),
        )
        .option(
          '--user-pool-id <id>',
          'the user pool, for SRP on Amazon Cognito (found from the client locally)',
        )
        .option(
          '--client-secret <secret>',
          "the app client's secret, when it has one (SECRET_HASH is computed)",
        )
        .option(
          '--new-password <password>',
          'the new password when the user must change theirs at first sign-in',
        )
        .option('--code <code>', 'verify the association made earlier (enroll --no-verify) with this code')
        .option('--generate-code', 'verify with a code computed from the secret (test users, CI)')
        .option('--no-verify', 'associate and show the secret, then stop (verify later with --code)')
        .option('--device-name <name>', 'the friendly device name stored with the authenticator')
        .option(
          '--issuer <name>',
          'the issuer the app shows (default: the issuer setting, else the pool name)',
        )
        .option('--account-name <name>', 'the account name the app shows (default: the user name)')
        .option('--no-qr', 'do not draw the QR code')
        .option('--qr-small', 'draw a compact QR code with half blocks')
        .option('--prefer', 'make TOTP the preferred MFA without asking (the default without a terminal)')
        .option('--no-prefer', 'enable TOTP for sign-in without making it the preferred MFA'),
    notes: () => `In a terminal, enroll asks for whatever the flags do not give. Without one (stdin not a
terminal) it asks nothing: pass the answers as flags.

  sign in    --access-token TOKEN
             or --username NAME --password PASSWORD --client-id ID  (--password - reads stdin)
             or --session SESSION --username NAME --client-id ID    (an MFA_SETUP challenge)
  verify     --generate-code     associate, verify with a code computed from the secret, done
             --no-verify         associate and print the secret as JSON, stop; later:
             --code CODE         verify that association with a code from the app

Without a terminal the result is printed as JSON on stdout:
  {"Status": "SUCCESS", "SecretCode": "...", "OtpauthUri": "otpauth://...", "PreferredMfa": true}
Ctrl-C stops at any question (exit 130); the state file is never left half written.
Exit codes: 0 verified, 130 interrupted, 252 missing or bad flags, 254 a service error (a locked
verification after too many wrong codes is TooManyRequestsException).`,
  },
  messages: {
    summary: 'List the codes the local emulator would have sent by email or SMS (the outbox).',
    options: (cmd) =>
      cmd
        .description(
          'List what the local emulator would have sent by email or SMS: sign-up confirmation, password reset and attribute verification codes, oldest first.',
        )
        .option('--user-pool-id <id>', 'only the messages of this user pool')
        .option('--username <name>', 'only the messages to this user'),
    notes:
      () => `The emulator sends no email or SMS: each code goes to an outbox in the state file (the latest
100 per pool), and serve logs one line per message. The code of the latest sign-up of alice:
  cognito-totp messages --user-pool-id POOL --username alice --query 'Messages[-1].Code' --output text
The responses' CodeDeliveryDetails are masked as Cognito masks them (a***@e***); here the
destination is whole: it is your own test data.`,
  },
  seed: {
    summary: 'Apply a YAML or JSON file of pools, clients and users to the local state (idempotent).',
    options: (cmd) =>
      cmd
        .description(
          'Apply a YAML or JSON file of user pools, app clients and users to the local state, idempotently: fixed ids, passwords and TOTP secrets for test suites.',
        )
        .usage('FILE'),
    notes: () => `The file (YAML or JSON):
  pools:
    - id: us-east-1_TestPool1          # optional: fixed, so app config does not change between runs
      name: app
      mfa: OPTIONAL                     # OFF | OPTIONAL (default) | ON; TOTP on unless totp: false
      autoVerifiedAttributes: [email]   # sign-up sends a code (to the outbox: cognito-totp messages)
      clients:
        - id: testclient1               # optional; matched by name when absent
          name: web
          authFlows: [ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]   # default: SRP, password, refresh
          secret: s3cr3t                # or generateSecret: true; none by default
      users:
        - username: alice
          password: Passw0rd!           # CONFIRMED; or temporaryPassword: (FORCE_CHANGE_PASSWORD)
          attributes: { email: alice@example.com }
          totpSecret: JBSWY3DPEHPK3PXPJBSWY3DP   # a verified authenticator: codes known in advance
Running it again changes nothing it made; pools and clients without an id are matched by name.
Prints the ids: Pools[].Id, Pools[].Clients[].ClientId (--output text|yaml work).
serve --seed FILE applies the same file when the server starts.`,
  },
  'sign-in': {
    summary: 'Sign a user in (SRP by default, as the SDKs) and print the tokens as initiate-auth does.',
    options: (cmd) =>
      cmd
        .description(
          "Sign a user in and print the AuthenticationResult as initiate-auth prints it: USER_SRP_AUTH (the SDKs' default, answered here) or USER_PASSWORD_AUTH, then the TOTP code, a new password or MFA setup.",
        )
        .option('--client-id <id>', 'the app client to sign in through')
        .option('--username <name>', 'the user name (or an alias the pool allows)')
        .option(
          '--user-pool-id <id>',
          'the user pool (SRP needs it; found from the client on the local emulator)',
        )
        .addOption(
          new Option(
            '--auth-flow <flow>',
            'USER_SRP_AUTH (default, as the SDKs) or USER_PASSWORD_AUTH',
          ).choices(AUTH_FLOWS),
        )
        .option(
          '--client-secret <secret>',
          "the app client's secret, when it has one (SECRET_HASH is computed)",
        )
        .option(
          '--password <password>',
          'the password (visible to other users in ps: prefer --password-stdin)',
        )
        .option('--password-stdin', 'read the password from standard input')
        .option('--totp-code <code>', 'the code of the authenticator app, for SOFTWARE_TOKEN_MFA')
        .option(
          '--totp-secret <secret>',
          'compute the SOFTWARE_TOKEN_MFA code from this base32 secret (tests, CI)',
        )
        .option('--new-password <password>', 'the new password when NEW_PASSWORD_REQUIRED')
        .option(
          '--device-file <path>',
          'sign in on the remembered device kept in this file (with --remember-device: where it is kept)',
        )
        .option(
          '--remember-device',
          'confirm and remember the device of this sign-in, its key and password saved to --device-file',
        )
        .option(
          '--device-name <name>',
          'the DeviceName confirm-device gives it (default: cognito-totp on HOST)',
        )
        .option('--device-key <key>', 'sign in on this remembered device (with the next two)')
        .option('--device-group-key <key>', "the device's DeviceGroupKey")
        .option(
          '--device-password <password>',
          "the device's password (visible in ps: prefer --device-file)",
        ),
    notes: () => `The password: --password-stdin, --password, else asked (no echo) in a terminal.
Challenges: SOFTWARE_TOKEN_MFA takes --totp-code or --totp-secret, else asks; NEW_PASSWORD_REQUIRED
takes --new-password, else asks; MFA_SETUP (the pool requires MFA and the user has none) runs the
enrollment in a terminal: the QR code, then the code the app shows. Without a terminal a question
that has no flag is an error (exit 252), never a hang.
Output: the last answer, as initiate-auth prints it:
  TOKEN=$(cognito-totp sign-in --client-id ID --username alice --password-stdin \\
    --query AuthenticationResult.AccessToken --output text < password.txt)
Works on the local emulator, on serve (--endpoint-url) and on Amazon Cognito (--remote, with
--user-pool-id for SRP): the way to sign in through an app client that allows only SRP.
Remembered devices (the pool has a DeviceConfiguration), as the SDKs do them:
  cognito-totp sign-in ... --device-file alice.device --remember-device   # once: TOTP code asked
  cognito-totp sign-in ... --device-file alice.device                     # then: no TOTP code
--remember-device confirms the new device (confirm-device with a random device password's SRP
verifier, then update-device-status remembered if the pool asks the user) and writes the file
(mode 0600, never through a link); with an existing file it signs in on that device first. A
device the pool forgot is dropped and the sign-in goes on as a new device (a note on stderr).`,
  },
  totp: {
    summary: 'Print the current TOTP code of a secret (for scripts and tests).',
    options: (cmd) =>
      cmd
        .description('Print the current TOTP code of a secret (RFC 6238), for scripts and tests.')
        .option('--secret <secret>', 'the base32 secret, file://PATH, - (stdin) or an otpauth:// URI')
        .option('--digits <n>', 'digits of the code (default 6, as Cognito)')
        .option('--period <seconds>', 'seconds per code (default 30, as Cognito)')
        .addOption(
          // choices() for help and completion; the parser accepts any case (sha256).
          new Option('--algorithm <name>', 'HMAC hash: SHA1 (default, as Cognito), SHA256 or SHA512')
            .choices(ALGORITHMS)
            .argParser(checkAlgorithm),
        )
        .option('--at <time>', 'the time to compute the code for: epoch seconds or ISO 8601 (default: now)')
        .option('--remaining', 'also print the seconds the code stays valid'),
    notes: () => `Output:
  The code, one line: 123456
  With --remaining, the code and the whole seconds it stays valid, one space apart: 123456 17
  (read code left <<< "$(cognito-totp totp --secret - --remaining < secret.txt)")

The secret:
  SECRET        base32, as associate-software-token returns it (spaces, padding, lower case allowed)
  file://PATH   read from a file (relative to the current folder)
  -             read from standard input
  otpauth://... an enrollment URI; its algorithm, digits and period apply unless given as flags
  A secret on the command line is visible to other users of the machine (ps): prefer - or file://.

Examples:
  cognito-totp totp --secret JBSWY3DPEHPK3PXP
  cognito-totp totp --secret file://secret.txt --at 2026-01-01T00:00:00Z
  cognito-totp respond-to-auth-challenge ... --challenge-responses USERNAME=alice,SOFTWARE_TOKEN_MFA_CODE=$(cognito-totp totp --secret file://secret.txt)`,
  },
  configure: {
    summary: 'Read and change settings: configure list|get|set|unset.',
    options: (cmd) =>
      cmd
        .description("Read and change cognito-totp's settings.")
        .usage('list | get KEY | set KEY VALUE | unset KEY'),
    notes: (env) => {
      const keys = SETTING_KEYS.map((k) => {
        const spec = SETTINGS[k];
        const values = spec.choices ? ` (${spec.choices.join('|')})` : '';
        return `  ${k}${values}\n      ${spec.doc}`;
      }).join('\n');
      return `Actions:
  list             every setting, KEY=VALUE per line (unset ones are left out)
  get KEY          the value alone; exit 1 (nothing printed) when it is not set
  set KEY VALUE    store a value (checked first)
  unset KEY        remove a value

Settings:
${keys}

Stored in ${configPath(env)}
(COGNITO_TOTP_CONFIG_DIR moves the folder). --debug shows which settings a command used.`;
    },
    // Actions, then keys, then a key's values.
    positionals: [
      { after: [], words: CONFIGURE_ACTIONS },
      ...(['get', 'set', 'unset'] as const).map((a) => ({ after: [a], words: SETTING_KEYS })),
      ...SETTING_KEYS.flatMap((k) => {
        const choices = SETTINGS[k].choices;
        return choices ? [{ after: ['set', k], words: choices }] : [];
      }),
    ],
  },
  completion: {
    summary: 'Print the shell completion script: completion bash|zsh|fish.',
    options: (cmd) =>
      cmd.description('Print the shell completion script for bash, zsh or fish.').usage('bash|zsh|fish'),
    notes: () => `Install:
  bash   source <(cognito-totp completion bash)                      (in ~/.bashrc)
  zsh    cognito-totp completion zsh > ~/.zfunc/_cognito-totp        (fpath=(~/.zfunc $fpath) before compinit)
  fish   cognito-totp completion fish > ~/.config/fish/completions/cognito-totp.fish
The same scripts are in the package's completions/ folder.`,
    positionals: [{ after: [], words: SHELLS }],
  },
  serve: {
    summary: "Serve the local state over Cognito's wire protocol for the AWS CLI and SDKs.",
    options: (cmd) =>
      cmd
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
        )
        .option('--seed <file>', 'Apply this seed file (see cognito-totp seed --help) before serving.'),
    notes:
      () => `Serves the local emulator's state file over Cognito's API (AWS JSON 1.1, POST /, X-Amz-Target),
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
SIGTERM or SIGINT (Ctrl-C): stop accepting, finish requests in flight, fold the journal, exit 0.`,
  },
} satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof commandSpecs;

export const commandNames = Object.keys(commandSpecs) as CommandName[];

/** The spec of a command name from argv (own keys only: `toString` is no command). */
export function commandSpec(name: string): CommandSpec | undefined {
  return Object.hasOwn(commandSpecs, name) ? commandSpecs[name as CommandName] : undefined;
}
