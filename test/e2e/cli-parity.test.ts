// The command line end to end through the built binary: argparse-style errors with v2's usage
// block (aws -> cognito-totp), validation, skeletons, help, --version and the cognito-idp prefix.
import { describe, expect, it } from 'vitest';
import { run, tempStateFile } from '../helpers/cli.ts';

const USAGE =
  '\nusage: cognito-totp [options] <command> <subcommand> [<subcommand> ...] [parameters]\n' +
  'To see help text, you can run:\n\n  cognito-totp help\n  cognito-totp <command> help\n  cognito-totp <command> <subcommand> help\n\n';

describe('argument errors (exit 252, usage block first)', () => {
  it('missing required flag', () => {
    const r = run(['verify-software-token', '--access-token', 'x']);
    expect([r.status, r.stdout]).toEqual([252, '']);
    expect(r.stderr).toBe(
      `${USAGE}cognito-totp: error: the following arguments are required: --user-code\n\n`,
    );
  });
  it('a flag without its value, even when followed by another flag', () => {
    const r = run(['verify-software-token', '--access-token', '--user-code', '123456']);
    expect(r.status).toBe(252);
    expect(r.stderr).toBe(`${USAGE}cognito-totp: error: argument --access-token: expected one argument\n\n`);
  });
  it('unknown options, all leftover words listed', () => {
    const r = run(['verify-software-token', '--user-code', '123456', '--bogus-flag', '1']);
    expect(r.status).toBe(252);
    expect(r.stderr).toBe(`${USAGE}Unknown options: --bogus-flag, 1\n\n`);
  });
  it('an invalid choice, in two columns of 40', () => {
    const r = run(['associate-software-token', '--generate-cli-skeleton', 'nope']);
    expect(r.status).toBe(252);
    expect(r.stderr).toBe(
      `${USAGE}cognito-totp: error: argument --generate-cli-skeleton: Invalid choice, valid choices are:\n\n` +
        `${'input'.padEnd(40)} | ${'output'.padEnd(40)}\n${'yaml-input'.padEnd(40)}\n\n`,
    );
  });
});

describe('validation and input documents', () => {
  it('lists every problem in model order', () => {
    const r = run(['verify-software-token', '--session', 'short', '--user-code', '12345']);
    expect(r.status).toBe(252);
    expect(r.stderr).toBe(
      '\nParameter validation failed:\nInvalid length for parameter Session, value: 5, valid min length: 20\n' +
        'Invalid length for parameter UserCode, value: 5, valid min length: 6\n',
    );
  });
  it('flags win over --cli-input-json; malformed documents are refused', () => {
    const state = tempStateFile();
    const r = run([
      'verify-software-token',
      '--cli-input-json',
      '{"AccessToken": "a.b.c", "UserCode": "000000"}',
      '--user-code',
      '12',
      '--state-file',
      state,
    ]);
    expect(r.stderr).toContain('Invalid length for parameter UserCode, value: 2');
    const bad = run(['verify-software-token', '--cli-input-json', '{nope']);
    expect([bad.status, bad.stderr]).toEqual([
      252,
      "\nError parsing parameter 'cli-input-json': Invalid JSON received.\n",
    ]);
    const two = run(['verify-software-token', '--cli-input-json', '{}', '--cli-input-yaml', 'UserCode: "1"']);
    expect([two.status, two.stderr]).toEqual([252, '\nOnly one --cli-input- parameter may be specified.\n']);
  });
  it('a bad --query is refused before anything is sent', () => {
    const r = run(['associate-software-token', '--access-token', 'x', '--query', '[SecretCode']);
    expect(r.status).toBe(252);
    expect(r.stderr).toBe(
      '\nBad value for --query [SecretCode: Invalid jmespath expression: Incomplete expression:\n"[SecretCode"\n            ^\n',
    );
  });
});

describe('skeletons, help, version, the cognito-idp prefix', () => {
  it('prints v2 input skeletons with nothing sent, and an output skeleton that passes validation', () => {
    expect(run(['cognito-idp', 'associate-software-token', '--generate-cli-skeleton']).stdout).toBe(
      '{\n    "AccessToken": "",\n    "Session": ""\n}\n',
    );
    const out = JSON.parse(run(['associate-software-token', '--generate-cli-skeleton', 'output']).stdout);
    expect(out.SecretCode.length).toBeGreaterThanOrEqual(16);
    expect(out.Session.length).toBeGreaterThanOrEqual(20);
  });
  it('renders help from the model, as `help` and `--help`', () => {
    const a = run(['verify-software-token', 'help']);
    const b = run(['cognito-idp', 'verify-software-token', '--help']);
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    for (const section of ['NAME', 'DESCRIPTION', 'SYNOPSIS', 'OPTIONS', 'GLOBAL OPTIONS', 'OUTPUT']) {
      expect(a.stdout).toMatch(new RegExp(`^${section}$`, 'm'));
    }
    expect(a.stdout).toContain('--user-code (string) [REQUIRED]');
    expect(a.stdout).toContain('Constraints: length 6, pattern [0-9]+');
  });
  it('--version', () => {
    expect(run(['--version']).stdout).toMatch(/^cognito-totp\/\d+\.\d+\.\d+ Node\.js\/v\d+/);
  });
});
