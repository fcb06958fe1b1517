// Shell completion: the committed scripts are exactly what the generator makes from the model, and
// each works in its real shell — bash (COMP_WORDS driving the function), zsh (a pseudo-terminal
// pressing Tab) and fish (complete -C) — for commands, flags and the choices of their values.

import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { memberFlags } from '../../src/cli/program.ts';
import completionCommand, {
  COMPLETION_FILES,
  completionScript,
  completionSpec,
  SHELLS,
} from '../../src/commands/completion.ts';
import { commandNames } from '../../src/commands/specs.ts';
import { cliName, operations } from '../../src/model/index.ts';
import { ROOT, sandbox } from './bin.ts';
import { fakeIo } from './fake-io.ts';

const file = (shell: (typeof SHELLS)[number]) => join(ROOT, 'completions', COMPLETION_FILES[shell]);
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

describe('completions/ is what the generator makes', () => {
  for (const shell of SHELLS) {
    it(`${COMPLETION_FILES[shell]} is up to date (regenerate: npm run build && node scripts/gen-completions.mjs)`, () => {
      expect(readFileSync(file(shell), 'utf8')).toBe(completionScript(shell));
    });
  }

  it('`cognito-totp completion SHELL` prints the same script; a bad shell is a parameter error', async () => {
    for (const shell of SHELLS) {
      const io = fakeIo();
      expect(await completionCommand([shell], io)).toBe(0);
      expect(io.stdoutText()).toBe(completionScript(shell));
    }
    await expect(completionCommand(['powershell'], fakeIo())).rejects.toThrow(/unknown shell 'powershell'/);
    await expect(completionCommand([], fakeIo())).rejects.toThrow(/which shell/);
  });

  it('the spec holds every operation with every member flag, and the extra commands', () => {
    const spec = completionSpec();
    for (const op of Object.values(operations)) {
      const cmd = spec.commands.find((c) => c.name === cliName(op.name));
      expect(cmd, op.name).toBeDefined();
      for (const f of memberFlags(op)) expect(cmd!.flags.map((x) => x.flag)).toContain(f.flag);
    }
    for (const extra of ['quickstart', 'enroll', 'totp', 'configure', 'completion', 'help']) {
      expect(spec.commands.map((c) => c.name)).toContain(extra);
    }
  });
});

/** What bash completes for the words (the last one being completed), via COMP_WORDS/COMP_CWORD. */
function bashComplete(words: string[]): string[] {
  const script = `
source "$1"
shift
COMP_WORDS=("$@")
COMP_CWORD=$((\${#COMP_WORDS[@]} - 1))
COMP_LINE="\${COMP_WORDS[*]}"
COMP_POINT=\${#COMP_LINE}
COMPREPLY=()
_cognito_totp cognito-totp "\${COMP_WORDS[COMP_CWORD]}" "\${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\\n' "\${COMPREPLY[@]}"
`;
  const out = execFileSync('bash', ['--norc', '--noprofile', '-c', script, 'bash', file('bash'), ...words], {
    encoding: 'utf8',
    cwd: ROOT,
  });
  return out.split('\n').filter((l) => l !== '');
}

const ALL_OPS = Object.keys(operations).map(cliName);

describe('bash', () => {
  it('registers itself for cognito-totp (complete -p)', () => {
    const out = execFileSync(
      'bash',
      ['--norc', '--noprofile', '-c', `source "$1"; complete -p cognito-totp`, 'bash', file('bash')],
      {
        encoding: 'utf8',
      },
    );
    expect(out.trim()).toBe('complete -F _cognito_totp cognito-totp');
  });

  it('completes commands, also after cognito-idp and after global options', () => {
    expect(bashComplete(['cognito-totp', 'as'])).toEqual(['associate-software-token']);
    expect(bashComplete(['cognito-totp', 'q'])).toEqual(['quickstart']);
    expect(bashComplete(['cognito-totp', 'cognito-'])).toEqual(['cognito-idp']);
    expect(bashComplete(['cognito-totp', 'cognito-idp', 'verify'])).toEqual(['verify-software-token']);
    expect(bashComplete(['cognito-totp', 'cognito-idp', ''])).toEqual(ALL_OPS);
    expect(bashComplete(['cognito-totp', '--region', 'us-east-1', '--debug', 'ini'])).toEqual([
      'initiate-auth',
    ]);
    // Every operation, every own command of the registry, help and cognito-idp.
    expect(bashComplete(['cognito-totp', '']).length).toBe(ALL_OPS.length + commandNames.length + 2);
  });

  it("completes a command's flags and the global ones", () => {
    expect(bashComplete(['cognito-totp', 'initiate-auth', '--auth'])).toEqual([
      '--auth-flow',
      '--auth-parameters',
    ]);
    expect(bashComplete(['cognito-totp', 'associate-software-token', '--qr'])).toEqual([
      '--qr',
      '--qr-small',
    ]);
    expect(bashComplete(['cognito-totp', 'verify-software-token', '--user-code', '123456', '--fr'])).toEqual([
      '--friendly-device-name',
    ]);
    expect(bashComplete(['cognito-totp', 'create-user-pool-client', '--no-g'])).toEqual([
      '--no-generate-secret',
    ]);
    expect(bashComplete(['cognito-totp', 'totp', '--re'])).toEqual(['--remaining', '--remote', '--region']);
    expect(bashComplete(['cognito-totp', 'enroll', '--gen'])).toEqual(['--generate-code']);
    expect(bashComplete(['cognito-totp', '--st'])).toEqual(['--state-file']);
  });

  it('completes the choices of --output, --color, --generate-cli-skeleton, --auth-flow, --challenge-name', () => {
    expect(bashComplete(['cognito-totp', 'list-users', '--output', ''])).toEqual([
      'json',
      'text',
      'table',
      'yaml',
      'yaml-stream',
      'off',
    ]);
    expect(bashComplete(['cognito-totp', '--color', ''])).toEqual(['on', 'off', 'auto']);
    expect(bashComplete(['cognito-totp', 'get-user', '--generate-cli-skeleton', ''])).toEqual([
      'input',
      'output',
      'yaml-input',
    ]);
    expect(bashComplete(['cognito-totp', 'initiate-auth', '--auth-flow', 'USER_P'])).toEqual([
      'USER_PASSWORD_AUTH',
    ]);
    expect(bashComplete(['cognito-totp', 'admin-initiate-auth', '--auth-flow', 'ADMIN_U'])).toEqual([
      'ADMIN_USER_PASSWORD_AUTH',
    ]);
    expect(bashComplete(['cognito-totp', 'respond-to-auth-challenge', '--challenge-name', 'SOFT'])).toEqual([
      'SOFTWARE_TOKEN_MFA',
    ]);
    expect(
      bashComplete(['cognito-totp', 'cognito-idp', 'respond-to-auth-challenge', '--challenge-name', 'MFA']),
    ).toEqual(['MFA_SETUP']);
  });

  it('completes each word of a list value, files for --state-file, nothing for free values', () => {
    expect(
      bashComplete([
        'cognito-totp',
        'create-user-pool-client',
        '--explicit-auth-flows',
        'ALLOW_USER_PASSWORD_AUTH',
        'ALLOW_RE',
      ]),
    ).toEqual(['ALLOW_REFRESH_TOKEN_AUTH']);
    expect(bashComplete(['cognito-totp', '--state-file', 'completions/cognito-totp.b'])).toEqual([
      'completions/cognito-totp.bash',
    ]);
    expect(bashComplete(['cognito-totp', 'initiate-auth', '--client-id', ''])).toEqual([]);
    // After a value, options again.
    expect(bashComplete(['cognito-totp', 'initiate-auth', '--client-id', 'abc', '--auth-f'])).toEqual([
      '--auth-flow',
    ]);
  });

  it('completes the arguments of configure and completion', () => {
    expect(bashComplete(['cognito-totp', 'configure', ''])).toEqual(['list', 'get', 'set', 'unset']);
    expect(bashComplete(['cognito-totp', 'configure', 'set', 'b'])).toEqual(['backend']);
    expect(bashComplete(['cognito-totp', 'configure', 'set', 'output', 'yaml'])).toEqual([
      'yaml',
      'yaml-stream',
    ]);
    expect(bashComplete(['cognito-totp', 'configure', 'get', 'co'])).toEqual(['color']);
    expect(bashComplete(['cognito-totp', 'completion', ''])).toEqual(['bash', 'zsh', 'fish']);
  });
});

describe.skipIf(!has('zsh'))('zsh (a pseudo-terminal pressing Tab)', () => {
  const box = sandbox();
  const zsh = (line: string): string[] =>
    execFileSync('zsh', [join(ROOT, 'test/enroll/zsh-capture.zsh'), join(ROOT, 'completions'), line], {
      encoding: 'utf8',
      env: { ...box.env, HOME: box.dir },
      timeout: 20_000,
    })
      .split(/\r?\n/)
      .filter((l) => l !== '')
      .map((l) => l.replace(/ -- .*$/, ''));

  it('completes commands, flags and choices', () => {
    expect(zsh('cognito-totp as')).toEqual(['associate-software-token']);
    expect(zsh('cognito-totp cognito-idp verify-s')).toEqual(['verify-software-token']);
    expect(zsh('cognito-totp initiate-auth --au').sort()).toEqual(['--auth-flow', '--auth-parameters']);
    expect(zsh('cognito-totp initiate-auth --auth-flow USER_P')).toEqual(['USER_PASSWORD_AUTH']);
    expect(zsh('cognito-totp respond-to-auth-challenge --challenge-name MFA')).toEqual(['MFA_SETUP']);
    expect(zsh('cognito-totp list-users --output yaml').sort()).toEqual(['yaml', 'yaml-stream']);
    expect(zsh('cognito-totp --color a')).toEqual(['auto']);
    expect(zsh('cognito-totp get-user --generate-cli-skeleton yaml')).toEqual(['yaml-input']);
    expect(zsh('cognito-totp configure set output yaml-')).toEqual(['yaml-stream']);
    expect(zsh('cognito-totp completion f')).toEqual(['fish']);
  });
});

describe.skipIf(!has('fish'))('fish (complete -C)', () => {
  const fish = (line: string): string[] =>
    execFileSync('fish', ['-N', '-c', `source $argv[1]; complete -C $argv[2]`, file('fish'), line], {
      encoding: 'utf8',
      cwd: ROOT,
    })
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => l.replace(/\t.*$/, ''));

  it('completes commands, flags and choices without errors', () => {
    expect(fish('cognito-totp as')).toEqual(['associate-software-token']);
    expect(fish('cognito-totp cognito-idp verify-s')).toEqual(['verify-software-token']);
    expect(fish('cognito-totp --region us-east-1 ini')).toEqual(['initiate-auth']);
    expect(fish('cognito-totp initiate-auth --au').sort()).toEqual(['--auth-flow', '--auth-parameters']);
    expect(fish('cognito-totp initiate-auth --auth-flow USER_P')).toEqual(['USER_PASSWORD_AUTH']);
    expect(fish('cognito-totp respond-to-auth-challenge --challenge-name MFA')).toEqual(['MFA_SETUP']);
    expect(fish('cognito-totp list-users --output yaml').sort()).toEqual(['yaml', 'yaml-stream']);
    expect(fish('cognito-totp get-user --generate-cli-skeleton ').sort()).toEqual([
      'input',
      'output',
      'yaml-input',
    ]);
    expect(
      fish('cognito-totp create-user-pool-client --explicit-auth-flows ALLOW_USER_PASSWORD_AUTH ALLOW_RE'),
    ).toEqual(['ALLOW_REFRESH_TOKEN_AUTH']);
    expect(fish('cognito-totp configure set output yaml-')).toEqual(['yaml-stream']);
    expect(fish('cognito-totp completion ').sort()).toEqual(['bash', 'fish', 'zsh']);
  });
});
