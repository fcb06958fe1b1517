// Colour on stderr only, and only when asked for or on a terminal: --color, the color setting,
// FORCE_COLOR, NO_COLOR, TERM=dumb; stdout (JSON, text, table) is never coloured. Plus what a plain
// command loads: none of the packages only some commands need.
import { beforeAll, describe, expect, it } from 'vitest';
import { colorFlag, perLine, stderrStyles, wantColor } from '../../src/cli/color.ts';
import { ensureBuilt, runBin, sandbox } from './bin.ts';
import { fakeIo } from './fake-io.ts';

const ESC = '\x1b[';

describe('wantColor precedence', () => {
  const none = () => undefined;
  const on = () => 'on';
  const off = () => 'off';
  const cases: [string, NodeJS.ProcessEnv, boolean, string | undefined, () => string | undefined, boolean][] =
    [
      ['auto on a terminal', {}, true, undefined, none, true],
      ['auto off a terminal', {}, false, undefined, none, false],
      ['auto on a dumb terminal', { TERM: 'dumb' }, true, undefined, none, false],
      ['--color on off a terminal', {}, false, 'on', none, true],
      ['--color off on a terminal', {}, true, 'off', none, false],
      ['--color auto on a terminal', {}, true, 'auto', none, true],
      ['NO_COLOR on a terminal', { NO_COLOR: '1' }, true, undefined, none, false],
      ['NO_COLOR empty is not set', { NO_COLOR: '' }, true, undefined, none, true],
      ['--color on beats NO_COLOR', { NO_COLOR: '1' }, false, 'on', none, true],
      ['FORCE_COLOR off a terminal', { FORCE_COLOR: '1' }, false, undefined, none, true],
      ['FORCE_COLOR empty counts as on', { FORCE_COLOR: '' }, false, undefined, none, true],
      ['FORCE_COLOR=0 on a terminal', { FORCE_COLOR: '0' }, true, undefined, none, false],
      ['FORCE_COLOR=false on a terminal', { FORCE_COLOR: 'false' }, true, undefined, none, false],
      ['FORCE_COLOR beats NO_COLOR', { FORCE_COLOR: '1', NO_COLOR: '1' }, false, undefined, none, true],
      ['--color off beats FORCE_COLOR', { FORCE_COLOR: '1' }, true, 'off', none, false],
      ['setting on off a terminal', {}, false, undefined, on, true],
      ['setting on beats NO_COLOR (no-color.org)', { NO_COLOR: '1' }, false, undefined, on, true],
      ['setting off on a terminal', {}, true, undefined, off, false],
      ['setting off beats FORCE_COLOR', { FORCE_COLOR: '1' }, true, undefined, off, false],
      ['--color on beats setting off', {}, false, 'on', off, true],
      ['setting auto is no opinion', {}, true, undefined, () => 'auto', true],
    ];
  for (const [name, env, tty, flag, setting, expected] of cases) {
    it(name, () => expect(wantColor(env, tty, flag, setting)).toBe(expected));
  }

  it('a broken settings file does not stop colour decisions', () => {
    expect(
      wantColor({}, true, undefined, () => {
        throw new Error('broken');
      }),
    ).toBe(true);
  });

  it('finds --color X and --color=X in argv, the last winning', () => {
    expect(colorFlag(['x', '--color', 'on'])).toBe('on');
    expect(colorFlag(['--color=off', 'x'])).toBe('off');
    expect(colorFlag(['--color', 'on', '--color=off'])).toBe('off');
    expect(colorFlag(['--', '--color', 'on'])).toBeUndefined();
    expect(colorFlag([])).toBeUndefined();
  });
});

describe('stderrStyles', () => {
  it('is plain when colour is off, ANSI per line when on', async () => {
    const plain = await stderrStyles(fakeIo({ stderrIsTTY: true }), 'off');
    expect(plain.error('boom')).toBe('boom');
    const styled = await stderrStyles(fakeIo(), 'on');
    expect(styled.error('boom')).toBe('\x1b[31mboom\x1b[39m');
    expect(perLine(styled.error, 'a\n\nb')).toBe('\x1b[31ma\x1b[39m\n\n\x1b[31mb\x1b[39m');
  });
});

describe('through the built program', () => {
  beforeAll(() => ensureBuilt());

  const failing = ['describe-user-pool', '--user-pool-id', 'us-east-1_nope'];

  it('error lines are red with --color on, FORCE_COLOR or the color setting; plain otherwise', () => {
    const box = sandbox();
    const args = [...failing, '--state-file', box.stateFile];
    const red = runBin([...args, '--color', 'on'], { env: box.env });
    expect(red.status).toBe(254);
    expect(red.stderr).toBe(
      '\n\x1b[31mAn error occurred (ResourceNotFoundException) when calling the DescribeUserPool operation: User pool us-east-1_nope does not exist.\x1b[39m\n',
    );
    expect(runBin(args, { env: { ...box.env, FORCE_COLOR: '1' } }).stderr).toContain(`${ESC}31m`);
    const plain = runBin(args, { env: box.env });
    expect(plain.stderr).not.toContain(ESC);
    expect(plain.stderr).toBe(red.stderr.replace(/\x1b\[\d+m/g, ''));
    expect(runBin([...args, '--color', 'on'], { env: { ...box.env, NO_COLOR: '1' } }).stderr).toContain(ESC);
    expect(
      runBin([...args, '--color', 'off'], { env: { ...box.env, FORCE_COLOR: '1' } }).stderr,
    ).not.toContain(ESC);
    runBin(['configure', 'set', 'color', 'on'], { env: box.env });
    expect(runBin(args, { env: box.env }).stderr).toContain(`${ESC}31m`);
    expect(runBin([...args, '--color', 'off'], { env: box.env }).stderr).not.toContain(ESC);
  });

  it('parameter errors keep the usage block plain and colour the message', () => {
    const box = sandbox();
    const r = runBin(['list-user-pools', '--color', 'on'], { env: box.env });
    expect(r.status).toBe(252);
    expect(r.stderr).toMatch(/^\nusage: cognito-totp/);
    expect(r.stderr).toContain(
      '\x1b[31mcognito-totp: error: the following arguments are required: --max-results\x1b[39m',
    );
  });

  it('stdout is never coloured, whatever --color and FORCE_COLOR say', () => {
    const box = sandbox({ FORCE_COLOR: '3' });
    runBin(['create-user-pool', '--pool-name', 'p', '--state-file', box.stateFile], { env: box.env });
    for (const output of ['json', 'text', 'table', 'yaml']) {
      const r = runBin(
        [
          'list-user-pools',
          '--max-results',
          '5',
          '--output',
          output,
          '--color',
          'on',
          '--state-file',
          box.stateFile,
        ],
        { env: box.env },
      );
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).not.toContain('\x1b');
    }
  });
});

describe('what a plain command loads', () => {
  beforeAll(() => ensureBuilt());

  const LAZY =
    /Module\._load REQUEST (conf|chalk|enquirer|qrcode-terminal) |node_modules\/(conf|chalk|enquirer|qrcode-terminal)\//;

  function loaded(args: string[], env: NodeJS.ProcessEnv): string[] {
    const r = runBin(args, { env: { ...env, NODE_DEBUG: 'module,esm' } });
    return [
      ...new Set(
        r.stderr.split('\n').flatMap((l) => {
          const m = LAZY.exec(l);
          return m ? [m[1] ?? m[2]!] : [];
        }),
      ),
    ].sort();
  }

  it('an operation, a failing one and totp load none of conf, chalk, enquirer, qrcode-terminal', () => {
    const box = sandbox();
    expect(loaded(['create-user-pool', '--pool-name', 'p', '--state-file', box.stateFile], box.env)).toEqual(
      [],
    );
    expect(
      loaded(['describe-user-pool', '--user-pool-id', 'us-east-1_x', '--state-file', box.stateFile], box.env),
    ).toEqual([]);
    expect(loaded(['totp', '--secret', 'JBSWY3DPEHPK3PXP'], box.env)).toEqual([]);
    // Settings in a file are read without conf.
    runBin(['configure', 'set', 'output', 'text'], { env: box.env });
    expect(loaded(['list-user-pools', '--max-results', '5', '--state-file', box.stateFile], box.env)).toEqual(
      [],
    );
    expect(loaded(['configure', 'list'], box.env)).toEqual([]);
  });

  it('each is loaded where it is needed', () => {
    const box = sandbox();
    expect(loaded(['configure', 'set', 'issuer', 'X'], box.env)).toEqual(['conf']);
    expect(
      loaded(
        [
          'describe-user-pool',
          '--user-pool-id',
          'us-east-1_x',
          '--color',
          'on',
          '--state-file',
          box.stateFile,
        ],
        box.env,
      ),
    ).toEqual(['chalk']);
    expect(loaded(['quickstart', '--state-file', box.stateFile], box.env)).toEqual(['qrcode-terminal']);
  });
});
