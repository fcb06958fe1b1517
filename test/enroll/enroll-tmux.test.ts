// The enroll wizard driven as a person would, in a real terminal (tmux): the built program, keys
// typed, the screen read back (the QR code on it decoded by zbarimg). Happy path, a wrong code then
// the right one, the lockout, Ctrl-C, and no terminal on stdin.
import { readFileSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { codeAt, stepAt } from '../../src/backend/local/totp.ts';
import { BIN, ensureBuilt, runBin, sandbox, seedPool } from './bin.ts';
import { decodeScreen } from './screen-image.ts';
import { hasTmux, Terminal } from './tmux.ts';

const terminals: Terminal[] = [];
afterEach(() => {
  for (const t of terminals.splice(0)) t.kill();
});

function start(args: string[], env: NodeJS.ProcessEnv, cwd: string): Terminal {
  const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const t = Terminal.start(`'${process.execPath}' '${BIN}' ${quoted}`, env, cwd);
  terminals.push(t);
  return t;
}

function setup(opts: Parameters<typeof seedPool>[1] = {}) {
  const box = sandbox({ TERM: 'xterm-256color' });
  const seed = seedPool(box.stateFile, opts);
  const user = () => seed.call('AdminGetUser', { UserPoolId: seed.poolId, Username: seed.username });
  return { box, seed, user };
}

const current = (secret: string) => codeAt(secret, stepAt(Date.now()));
function wrong(secret: string): string {
  const now = stepAt(Date.now());
  const taken = new Set([-1, 0, 1, 2].map((d) => codeAt(secret, now + d)));
  let n = 111111;
  while (taken.has(String(n))) n++;
  return String(n);
}

describe.skipIf(!hasTmux)('enroll in a real terminal (tmux)', () => {
  beforeAll(() => ensureBuilt());

  it('happy path: choose, sign in, scan (the QR on screen decodes to the URI), type the code, prefer', async () => {
    const { box, seed, user } = setup({ poolName: 'Shop', username: 'alice' });
    const t = start(['enroll', '--state-file', box.stateFile], box.env, box.dir);
    await t.waitFor(/How do you want to sign in\?/);
    t.press('Enter');
    await t.waitFor(/App client ID/);
    t.type(seed.clientId);
    t.press('Enter');
    await t.waitFor(/User name/);
    t.type(seed.username);
    t.press('Enter');
    await t.waitFor(/Password/);
    t.type(seed.password);
    t.press('Enter');
    await t.waitFor(/Type the 6-digit code the app shows[\s\S]*Code/);
    const secret = (await t.waitFor(/Secret: ([A-Z2-7]{52})/))[1]!;
    const uri = `otpauth://totp/Shop:alice?secret=${secret}&issuer=Shop`;
    expect(t.screen()).toContain(uri);
    // The QR code as the terminal shows it, on either theme.
    expect(decodeScreen(t.screen(true), 'dark')).toEqual([uri]);
    expect(decodeScreen(t.screen(true), 'light')).toEqual([uri]);
    // The password was not echoed.
    expect(t.screen()).not.toContain(seed.password);
    t.type(current(secret));
    t.press('Enter');
    await t.waitFor(/Make TOTP the preferred MFA for this user\?/);
    t.press('Enter');
    expect(await t.exitCode()).toBe(0);
    expect(t.screen()).toMatch(/✔ Code accepted: the authenticator is verified/);
    expect(t.screen()).toMatch(/Done: alice signs in with a code from the app from now on\./);
    expect(user()).toMatchObject({
      PreferredMfaSetting: 'SOFTWARE_TOKEN_MFA',
      UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
    });
  });

  it('a wrong code, then the right one (and no to preferring it)', async () => {
    const { box, seed, user } = setup();
    const t = start(
      [
        'enroll',
        '--state-file',
        box.stateFile,
        '--client-id',
        seed.clientId,
        '--username',
        seed.username,
        '--qr-small',
      ],
      box.env,
      box.dir,
    );
    await t.waitFor(/Password/);
    t.type(seed.password);
    t.press('Enter');
    const secret = (await t.waitFor(/Secret: ([A-Z2-7]{52})/))[1]!;
    await t.waitFor(/Code/);
    expect(decodeScreen(t.screen(true), 'light')).toEqual([
      `otpauth://totp/shop:alice?secret=${secret}&issuer=shop`,
    ]);
    t.type(wrong(secret));
    t.press('Enter');
    await t.waitFor(/✘ That code is not right\. Type the code the app shows now/);
    t.type(current(secret));
    t.press('Enter');
    await t.waitFor(/Make TOTP the preferred MFA for this user\?/);
    t.type('n');
    t.press('Enter');
    expect(await t.exitCode()).toBe(0);
    expect(t.screen()).toMatch(/TOTP is enabled for sign-in \(not the preferred MFA\)/);
    expect(user().UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(user().PreferredMfaSetting).toBeUndefined();
  });

  it('wrong codes until the lockout: reported, exit 254', async () => {
    const { box, seed, user } = setup();
    const t = start(
      [
        'enroll',
        '--state-file',
        box.stateFile,
        '--client-id',
        seed.clientId,
        '--username',
        seed.username,
        '--password',
        seed.password,
        '--no-qr',
      ],
      box.env,
      box.dir,
    );
    const secret = (await t.waitFor(/Secret: ([A-Z2-7]{52})/))[1]!;
    for (let i = 1; i <= 12; i++) {
      await t.waitFor(/(\? Code[^\n]*\n?[^✘]*$)|Too many wrong codes/);
      if (/Too many wrong codes/.test(t.screen())) break;
      t.type(wrong(secret));
      t.press('Enter');
      await t.waitFor(new RegExp(`(That code is not right[\\s\\S]*){${i}}|Too many wrong codes`));
    }
    expect(await t.exitCode()).toBe(254);
    expect(t.screen()).toMatch(/✘ Too many wrong codes: Cognito has locked verification for now/);
    expect(t.screen()).toMatch(
      /An error occurred \(TooManyRequestsException\) when calling the VerifySoftwareToken operation/,
    );
    expect(user().UserMFASettingList).toBeUndefined();
  });

  it('Ctrl-C at the code question exits 130, and the state file is whole and unverified', async () => {
    const { box, seed, user } = setup();
    const t = start(
      [
        'enroll',
        '--state-file',
        box.stateFile,
        '--client-id',
        seed.clientId,
        '--username',
        seed.username,
        '--password',
        seed.password,
      ],
      box.env,
      box.dir,
    );
    await t.waitFor(/Type the 6-digit code[\s\S]*Code/);
    t.type('12');
    t.press('C-c');
    expect(await t.exitCode()).toBe(130);
    expect(t.screen()).toMatch(/Cancelled\. Nothing else was changed\./);
    JSON.parse(readFileSync(box.stateFile, 'utf8'));
    expect(user().UserMFASettingList).toBeUndefined();
  });

  it('Ctrl-C at the first question exits 130 and writes nothing', async () => {
    const { box } = setup();
    const before = readFileSync(box.stateFile, 'utf8');
    const t = start(['enroll', '--state-file', box.stateFile], box.env, box.dir);
    await t.waitFor(/How do you want to sign in\?/);
    t.press('C-c');
    expect(await t.exitCode()).toBe(130);
    expect(readFileSync(box.stateFile, 'utf8')).toBe(before);
  });

  it('no terminal on stdin: says which flags to pass, at once (exit 252), even with a terminal for output', async () => {
    const { box } = setup();
    const t = Terminal.start(
      `'${process.execPath}' '${BIN}' enroll --state-file '${box.stateFile}' < /dev/null`,
      box.env,
      box.dir,
    );
    terminals.push(t);
    expect(await t.exitCode(10_000)).toBe(252);
    expect(t.screen()).toMatch(/standard input is not a terminal, so it cannot ask/);
    expect(t.screen()).toMatch(/--username NAME --password PASSWORD --client-id ID/);
    // And from a pipe, outside any terminal.
    const r = runBin(['enroll', '--state-file', box.stateFile], { env: box.env, timeout: 10_000 });
    expect(r.status).toBe(252);
    expect(r.stderr).toMatch(/Pass the answers as flags/);
  });

  it('in a terminal, colour is on by default for headings and error lines (stderr), off with --color off', async () => {
    const { box } = setup();
    const t = start(
      ['describe-user-pool', '--user-pool-id', 'us-east-1_nope', '--state-file', box.stateFile],
      box.env,
      box.dir,
    );
    expect(await t.exitCode()).toBe(254);
    expect(t.screen(true)).toMatch(/\x1b\[31mAn error occurred \(ResourceNotFoundException\)/);
    const plain = start(
      [
        'describe-user-pool',
        '--user-pool-id',
        'us-east-1_nope',
        '--state-file',
        box.stateFile,
        '--color',
        'off',
      ],
      box.env,
      box.dir,
    );
    expect(await plain.exitCode()).toBe(254);
    expect(plain.screen(true)).not.toMatch(/\x1b\[31m/);
    const noColor = start(['enroll', '--state-file', box.stateFile], { ...box.env, NO_COLOR: '1' }, box.dir);
    await noColor.waitFor(/Set up an authenticator app/);
    expect(noColor.screen(true)).not.toMatch(/\x1b\[[0-9;]*36m[^\n]*Set up an authenticator app/);
    const colour = start(['enroll', '--state-file', box.stateFile], box.env, box.dir);
    await colour.waitFor(/Set up an authenticator app/);
    expect(colour.screen(true)).toMatch(/\x1b\[[0-9;]*36m[^\n]*Set up an authenticator app/);
  });
});
