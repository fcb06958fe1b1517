// cognito-totp sign-in on remembered devices, in-process (run(io) with a fake Io, real state files
// and device files, the real clock): --remember-device confirms the sign-in's new device with a
// real SRP verifier and writes the device file; --device-file (or the --device-* flags) then signs
// in on it through DEVICE_SRP_AUTH / DEVICE_PASSWORD_VERIFIER, checked for real by the emulator,
// and skips SOFTWARE_TOKEN_MFA. A forgotten device, and every refusal of the options and the file.
import { chmodSync, existsSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LocalBackend } from '../../src/backend/local/index.ts';
import { codeAt, stepAt } from '../../src/backend/local/totp.ts';
import { run } from '../../src/cli/run.ts';
import { sandbox } from './bin.ts';
import { fakeIo } from './fake-io.ts';

const PASSWORD = 'Passw0rd!dev';
const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString());

/** A pool with the given DeviceConfiguration (none: no tracking), TOTP optional, an SRP client, alice and bob. */
function setup(deviceConfiguration?: Record<string, boolean>) {
  const box = sandbox();
  const b = new LocalBackend({ stateFile: box.stateFile });
  const call = (op: string, req: Record<string, unknown>) =>
    b.callSync(op as never, req as never) as Record<string, any>;
  const poolId = call('CreateUserPool', {
    PoolName: 'devices',
    ...(deviceConfiguration ? { DeviceConfiguration: deviceConfiguration } : {}),
  }).UserPool.Id as string;
  call('SetUserPoolMfaConfig', {
    UserPoolId: poolId,
    SoftwareTokenMfaConfiguration: { Enabled: true },
    MfaConfiguration: 'OPTIONAL',
  });
  const clientId = call('CreateUserPoolClient', {
    UserPoolId: poolId,
    ClientName: 'app',
    ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  }).UserPoolClient.ClientId as string;
  for (const u of ['alice', 'bob']) {
    call('AdminCreateUser', { UserPoolId: poolId, Username: u, MessageAction: 'SUPPRESS' });
    call('AdminSetUserPassword', { UserPoolId: poolId, Username: u, Password: PASSWORD, Permanent: true });
  }
  const cli = async (argv: string[], stdin = '') => {
    const io = fakeIo({ argv: [...argv, '--state-file', box.stateFile], env: box.env, stdin });
    const rc = await run(io);
    return { rc, out: io.stdoutText(), err: io.stderrText() };
  };
  const signIn = (extra: string[], username = 'alice') =>
    cli(
      ['sign-in', '--client-id', clientId, '--username', username, '--password-stdin', ...extra],
      `${PASSWORD}\n`,
    );
  /** TOTP on for alice, verified with the previous step's code (the sign-ins use later ones). */
  const enrolAlice = () => {
    const token = call('InitiateAuth', {
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'alice', PASSWORD },
    }).AuthenticationResult?.AccessToken;
    const secret = call('AssociateSoftwareToken', { AccessToken: token }).SecretCode as string;
    call('VerifySoftwareToken', { AccessToken: token, UserCode: codeAt(secret, stepAt(Date.now()) - 1) });
    call('SetUserMFAPreference', {
      AccessToken: token,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    });
    return secret;
  };
  const devices = (username = 'alice') =>
    call('AdminListDevices', { UserPoolId: poolId, Username: username }).Devices as any[];
  return {
    box,
    call,
    poolId,
    clientId,
    cli,
    signIn,
    enrolAlice,
    devices,
    file: join(box.dir, 'alice.device'),
  };
}

const status = (d: any) =>
  d.DeviceAttributes.find((a: any) => a.Name === 'dev:device_remembered_status').Value;
const challengesIn = (debug: string) => [...debug.matchAll(/sign-in: challenge (\w+)/g)].map((m) => m[1]);

describe('cognito-totp sign-in --remember-device / --device-file', () => {
  it('remembers the device on the user prompt, writes a 0600 device file, and the next sign-in on it skips the TOTP code', async () => {
    const s = setup({ ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true });
    const secret = s.enrolAlice();
    const first = await s.signIn([
      '--totp-code',
      codeAt(secret, stepAt(Date.now())),
      '--device-file',
      s.file,
      '--remember-device',
    ]);
    expect(first.rc, first.err).toBe(0);
    // stdout is still initiate-auth's document; the note is on stderr.
    const result = JSON.parse(first.out).AuthenticationResult;
    const key = result.NewDeviceMetadata.DeviceKey as string;
    expect(first.err).toContain(`Remembered this device (${key}); its key and password are in ${s.file}`);
    expect(statSync(s.file).mode & 0o777).toBe(0o600);
    const kept = JSON.parse(readFileSync(s.file, 'utf8'));
    expect(kept).toMatchObject({
      ClientId: s.clientId,
      Username: 'alice',
      DeviceKey: key,
      DeviceGroupKey: result.NewDeviceMetadata.DeviceGroupKey,
    });
    expect(Buffer.from(kept.DevicePassword, 'base64')).toHaveLength(40);
    // Confirmed with a verifier, and remembered (update-device-status: the pool asks the user).
    const [listed] = s.devices();
    expect(listed.DeviceKey).toBe(key);
    expect(status(listed)).toBe('remembered');
    expect(listed.DeviceAttributes).toContainEqual({
      Name: 'device_name',
      Value: `cognito-totp on ${hostname()}`,
    });

    // On the device: no code given and no terminal, yet it signs in (the device proof replaces it).
    const again = await s.signIn([
      '--device-file',
      s.file,
      '--query',
      'AuthenticationResult.AccessToken',
      '--output',
      'text',
      '--debug',
    ]);
    expect(again.rc, again.err).toBe(0);
    expect(claimsOf(again.out.trim()).device_key).toBe(key);
    expect(challengesIn(again.err)).toEqual(['DEVICE_SRP_AUTH', 'DEVICE_PASSWORD_VERIFIER']);
    // --debug says it signs in on the device, never the device's password.
    expect(again.err).toContain(`on the remembered device of ${s.file}`);
    expect(again.err).not.toContain(kept.DevicePassword);
    expect(s.devices()[0].DeviceLastAuthenticatedDate).toBeGreaterThan(0);

    // The same device given by flags.
    const byFlags = await s.signIn([
      '--device-key',
      kept.DeviceKey,
      '--device-group-key',
      kept.DeviceGroupKey,
      '--device-password',
      kept.DevicePassword,
    ]);
    expect(byFlags.rc, byFlags.err).toBe(0);
    expect(JSON.parse(byFlags.out).AuthenticationResult.NewDeviceMetadata).toBeUndefined();
    // A wrong device password: the emulator checks the device's proof for real.
    const wrong = await s.signIn([
      '--device-key',
      kept.DeviceKey,
      '--device-group-key',
      kept.DeviceGroupKey,
      '--device-password',
      `${kept.DevicePassword.slice(0, -4)}AAA=`,
    ]);
    expect(wrong.rc).toBe(254);
    expect(wrong.err).toContain('(NotAuthorizedException) when calling the RespondToAuthChallenge operation');
    // Without the device: the TOTP code is asked, which cannot be without a terminal.
    const without = await s.signIn([]);
    expect(without.rc).toBe(252);
    expect(without.err).toContain('--totp-code is missing');
  });

  it('a forgotten device: a note, a new device; --remember-device replaces the file, and an existing one is signed in on first', async () => {
    const s = setup({ ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: false });
    const made = await s.signIn(['--device-file', s.file, '--remember-device', '--device-name', 'ci']);
    expect(made.rc, made.err).toBe(0);
    const oldKey = JSON.parse(readFileSync(s.file, 'utf8')).DeviceKey;
    expect(s.devices()[0].DeviceAttributes).toContainEqual({ Name: 'device_name', Value: 'ci' });
    // Run again with --remember-device: the file's device signs in (no new device), and stays.
    const same = await s.signIn(['--device-file', s.file, '--remember-device', '--debug']);
    expect(same.rc, same.err).toBe(0);
    expect(challengesIn(same.err)).toEqual(['DEVICE_SRP_AUTH', 'DEVICE_PASSWORD_VERIFIER']);
    expect(JSON.parse(readFileSync(s.file, 'utf8')).DeviceKey).toBe(oldKey);
    expect(s.devices()).toHaveLength(1);

    // USER_PASSWORD_AUTH sends the key in AuthParameters: the same device steps follow.
    const byPassword = await s.signIn([
      '--device-file',
      s.file,
      '--auth-flow',
      'USER_PASSWORD_AUTH',
      '--debug',
    ]);
    expect(challengesIn(byPassword.err)).toEqual(['DEVICE_SRP_AUTH', 'DEVICE_PASSWORD_VERIFIER']);

    s.call('AdminForgetDevice', { UserPoolId: s.poolId, Username: 'alice', DeviceKey: oldKey });
    // Refused at InitiateAuth for USER_PASSWORD_AUTH, at the PASSWORD_VERIFIER answer for SRP: both
    // go on without the key.
    const goneByPassword = await s.signIn(['--device-file', s.file, '--auth-flow', 'USER_PASSWORD_AUTH']);
    expect(goneByPassword.rc, goneByPassword.err).toBe(0);
    expect(goneByPassword.err).toContain('no longer knows the device');
    const gone = await s.signIn(['--device-file', s.file, '--debug']);
    expect(gone.rc, gone.err).toBe(0);
    expect(gone.err).toContain(`The user pool no longer knows the device of ${s.file} (it was forgotten)`);
    expect(gone.err).toContain('run with --remember-device to remember this one');
    expect(challengesIn(gone.err)).toEqual([]);
    expect(JSON.parse(gone.out).AuthenticationResult.NewDeviceMetadata.DeviceKey).not.toBe(oldKey);

    const replaced = await s.signIn(['--device-file', s.file, '--remember-device']);
    expect(replaced.rc, replaced.err).toBe(0);
    const newKey = JSON.parse(readFileSync(s.file, 'utf8')).DeviceKey;
    expect(newKey).not.toBe(oldKey);
    expect(s.devices().map((d) => d.DeviceKey)).toEqual([newKey]);
    const onNew = await s.signIn(['--device-file', s.file, '--debug']);
    expect(challengesIn(onNew.err)).toEqual(['DEVICE_SRP_AUTH', 'DEVICE_PASSWORD_VERIFIER']);
  });

  it('refuses what does not fit before signing in: the options, a file of another user, a missing one', async () => {
    const s = setup({ DeviceOnlyRememberedOnUserPrompt: false });
    const cases: [string[], string][] = [
      [['--remember-device'], '--remember-device needs --device-file PATH'],
      [
        ['--device-key', 'us-east-1_00000000-0000-4000-8000-000000000000'],
        'give --device-key, --device-group-key and --device-password together',
      ],
      [
        ['--device-key', 'not-a-key', '--device-group-key', '-g', '--device-password', 'p'],
        "--device-key 'not-a-key' is not a device key",
      ],
      [
        [
          '--device-key',
          'us-east-1_0',
          '--device-group-key',
          '-g',
          '--device-password',
          'p',
          '--device-file',
          s.file,
        ],
        'not both',
      ],
      [['--device-file', s.file], `there is no device file ${s.file}`],
      [['--device-name', 'x'], '--device-name goes with --remember-device'],
    ];
    for (const [args, message] of cases) {
      const r = await s.signIn(args);
      expect([r.rc, r.err]).toEqual([252, expect.stringContaining(message)]);
      expect(r.out).toBe('');
    }
    expect((await s.signIn(['--device-file', s.file, '--remember-device'])).rc).toBe(0);
    const bob = await s.signIn(['--device-file', s.file], 'bob');
    expect([bob.rc, bob.err]).toEqual([
      252,
      expect.stringContaining(`is alice's through client ${s.clientId}`),
    ]);
    writeFileSync(join(s.box.dir, 'junk.device'), '{"DeviceKey": 1}', { mode: 0o600 });
    const junk = await s.signIn(['--device-file', join(s.box.dir, 'junk.device')]);
    expect([junk.rc, junk.err]).toEqual([252, expect.stringContaining('is not a cognito-totp device file')]);
  });

  it('trusts no device file others could read, write or plant: mode, link, folder (exit 253)', async () => {
    const s = setup({ DeviceOnlyRememberedOnUserPrompt: false });
    expect((await s.signIn(['--device-file', s.file, '--remember-device'])).rc).toBe(0);
    const secret = JSON.parse(readFileSync(s.file, 'utf8')).DevicePassword;
    chmodSync(s.file, 0o644);
    const open = await s.signIn(['--device-file', s.file]);
    expect([open.rc, open.err]).toEqual([
      253,
      expect.stringContaining('can be read or written by other users (mode 0644)'),
    ]);
    expect(open.err).not.toContain(secret);
    chmodSync(s.file, 0o600);
    const link = join(s.box.dir, 'link.device');
    symlinkSync(s.file, link);
    const linked = await s.signIn(['--device-file', link]);
    expect([linked.rc, linked.err]).toEqual([253, expect.stringContaining('is a symbolic link')]);
    // --remember-device into a folder others may write: refused before signing in (no new device).
    const shared = join(s.box.dir, 'shared');
    (await import('node:fs')).mkdirSync(shared, { mode: 0o777 });
    chmodSync(shared, 0o777);
    const before = s.devices().length;
    const planted = await s.signIn(['--device-file', join(shared, 'd'), '--remember-device']);
    expect([planted.rc, planted.err]).toEqual([
      253,
      expect.stringContaining('can be written by other users'),
    ]);
    expect(existsSync(join(shared, 'd'))).toBe(false);
    expect(s.devices()).toHaveLength(before);
  });

  it('--remember-device on a pool that tracks no devices: a clear error, no file, nothing printed', async () => {
    const s = setup();
    const r = await s.signIn(['--device-file', s.file, '--remember-device']);
    expect(r.rc).toBe(255);
    expect(r.err).toContain('cannot remember this device: the sign-in gave no NewDeviceMetadata');
    expect(r.out).toBe('');
    expect(existsSync(s.file)).toBe(false);
  });
});
