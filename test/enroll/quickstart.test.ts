// quickstart on a fresh machine: a demo pool, client and user, a verified authenticator preferred
// for sign-in, a QR code that scans, and printed next commands that work when pasted into a shell.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generatePassword } from '../../src/commands/quickstart.ts';
import { BIN, ensureBuilt, runBin, sandbox } from './bin.ts';
import { decodeScreen } from './screen-image.ts';

beforeAll(() => ensureBuilt());

function field(stdout: string, name: string): string {
  const m = new RegExp(`^${name}:\\s+(\\S+)`, 'm').exec(stdout);
  if (!m) throw new Error(`no ${name} in:\n${stdout}`);
  return m[1]!;
}

describe('quickstart', () => {
  it('on a fresh machine ends with a verified, preferred authenticator in the default state file', () => {
    const box = sandbox();
    const r = runBin(['quickstart'], { env: box.env });
    expect(r.status, r.stderr).toBe(0);
    const stateFile = join(box.dir, '.local', 'state', 'cognito-totp', 'state.json');
    expect(existsSync(stateFile)).toBe(true);
    const poolId = field(r.stdout, 'User pool');
    const secret = field(r.stdout, 'TOTP secret');
    expect(field(r.stdout, 'User')).toBe('demo-user');
    expect(r.stderr).toMatch(/Verified with a code generated from the secret \(\d{6}\)/);
    // The QR code on stderr is the enrollment of that secret, and so is the URI line.
    const uri = `otpauth://totp/cognito-totp-demo:demo-user?secret=${secret}&issuer=cognito-totp-demo`;
    expect(decodeScreen(r.stderr, 'dark')).toEqual([uri]);
    expect(field(r.stdout, 'URI')).toBe(uri);
    const user = JSON.parse(
      runBin(['admin-get-user', '--user-pool-id', poolId, '--username', 'demo-user'], { env: box.env })
        .stdout,
    );
    expect(user.PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');
    expect(user.UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(user.UserStatus).toBe('CONFIRMED');
    const mfa = JSON.parse(
      runBin(['get-user-pool-mfa-config', '--user-pool-id', poolId], { env: box.env }).stdout,
    );
    expect(mfa).toMatchObject({
      SoftwareTokenMfaConfiguration: { Enabled: true },
      MfaConfiguration: 'OPTIONAL',
    });
  });

  it('prints next commands that sign in with the password and a TOTP code when pasted into a shell', () => {
    const box = sandbox();
    const r = runBin(['quickstart', '--no-qr', '--state-file', 'my state.json'], {
      env: box.env,
      cwd: box.dir,
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('\u2580');
    expect(r.stderr).not.toContain('\x1b[40m');
    const block = /^ {2}SESSION=[\s\S]*?\n\n/m.exec(r.stdout)?.[0];
    expect(block, r.stdout).toBeDefined();
    expect(block).toContain("--state-file 'my state.json'");
    // A `cognito-totp` on PATH that is the built program.
    const binDir = join(box.dir, 'bin');
    mkdirSync(binDir);
    writeFileSync(join(binDir, 'cognito-totp'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(join(binDir, 'cognito-totp'), 0o755);
    const out = execFileSync('bash', ['-euo', 'pipefail', '-c', block!], {
      cwd: box.dir,
      env: { ...box.env, PATH: `${binDir}:${process.env.PATH}` },
      encoding: 'utf8',
    });
    const answer = JSON.parse(out);
    expect(answer.AuthenticationResult.AccessToken).toMatch(/^ey/);
    expect(answer.AuthenticationResult.TokenType).toBe('Bearer');
    expect(existsSync(join(box.dir, 'my state.json'))).toBe(true);
  });

  it('runs again: a second demo pool, with --username, --pool-name and COGNITO_TOTP_STATE_FILE', () => {
    const box = sandbox();
    const env = { ...box.env, COGNITO_TOTP_STATE_FILE: join(box.dir, 'env-state.json') };
    expect(runBin(['quickstart', '--no-qr'], { env }).status).toBe(0);
    const r = runBin(['quickstart', '--no-qr', '--username', 'zoë', '--pool-name', 'Second Demo'], { env });
    expect(r.status, r.stderr).toBe(0);
    expect(field(r.stdout, 'User')).toBe('zoë');
    expect(r.stdout).toContain("USERNAME='zoë'");
    const pools = JSON.parse(runBin(['list-user-pools', '--max-results', '10'], { env }).stdout).UserPools;
    expect(pools.map((p: { Name: string }) => p.Name).sort()).toEqual(['Second Demo', 'cognito-totp-demo']);
    expect(existsSync(join(box.dir, '.local'))).toBe(false);
  });

  it('refuses to create a pool at an endpoint it was not pointed at on the command line', () => {
    const box = sandbox({ AWS_ENDPOINT_URL: 'http://127.0.0.1:9', AWS_REGION: 'us-east-1' });
    const r = runBin(['quickstart'], { env: box.env });
    expect(r.status).toBe(252);
    expect(r.stderr).toMatch(/would send it to remote http:\/\/127\.0\.0\.1:9/);
    expect(r.stderr).toMatch(/pass --endpoint-url or --remote to confirm/);
  });

  it('prints its help', () => {
    const r = runBin(['quickstart', '--help'], { env: sandbox().env });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/--username <name>/);
    expect(r.stdout).toMatch(/--no-qr/);
  });
});

describe('generatePassword', () => {
  it("meets Cognito's default policy and needs no quoting", () => {
    for (let i = 0; i < 500; i++) {
      const p = generatePassword();
      expect(p).toHaveLength(20);
      expect(p).toMatch(/^[A-Za-z]/);
      expect(p).toMatch(/[a-z]/);
      expect(p).toMatch(/[A-Z]/);
      expect(p).toMatch(/[0-9]/);
      expect(p).toMatch(/[._-]/);
      expect(p).toMatch(/^[A-Za-z0-9._-]+$/);
    }
  });
});
