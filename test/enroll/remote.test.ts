// enroll and quickstart on the remote backend: the same commands against moto_server (a Cognito
// emulator speaking the AWS JSON 1.1 protocol), chosen with --endpoint-url as a user would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.ts';
import enrollCommand from '../../src/commands/enroll.ts';
import quickstartCommand from '../../src/commands/quickstart.ts';
import { type Moto, startMoto } from '../helpers/moto.ts';
import { fakeIo } from './fake-io.ts';

let moto: Moto;
beforeAll(async () => {
  moto = await startMoto();
});
afterAll(async () => {
  await moto?.stop();
});

const env = () => ({
  HOME: '/nonexistent-home',
  COGNITO_TOTP_CONFIG_DIR: '/nonexistent-config',
  AWS_CONFIG_FILE: '/nonexistent-aws-config',
  AWS_ACCESS_KEY_ID: 'testing',
  AWS_SECRET_ACCESS_KEY: 'testing',
  AWS_REGION: 'us-east-1',
});

describe('on the remote backend (moto_server)', () => {
  it('quickstart --endpoint-url creates the demo there and verifies', async () => {
    const io = fakeIo({ env: env() });
    const rc = await quickstartCommand(['--endpoint-url', moto.endpoint, '--no-qr'], io);
    expect(rc, io.stderrText()).toBe(0);
    expect(io.stderrText()).toMatch(new RegExp(`remote ${moto.endpoint.replace(/\./g, '\\.')}`));
    expect(io.stderrText()).toMatch(/Verified with a code generated from the secret/);
    expect(io.stdoutText()).toMatch(/--endpoint-url http:\/\/127\.0\.0\.1:\d+ --client-id/);
  });

  it('enroll signs in, associates, verifies and prefers, non-interactively', async () => {
    const qs = fakeIo({ env: env() });
    expect(await quickstartCommand(['--endpoint-url', moto.endpoint, '--no-qr'], qs)).toBe(0);
    const poolId = /User pool:\s+(\S+)/.exec(qs.stdoutText())![1]!;
    const clientId = /App client:\s+(\S+)/.exec(qs.stdoutText())![1]!;
    const aws = async (...argv: string[]) => {
      const io = fakeIo({ env: env(), argv: [...argv, '--endpoint-url', moto.endpoint] });
      const rc = await run(io);
      expect(rc, io.stderrText()).toBe(0);
      return io.stdoutText() ? JSON.parse(io.stdoutText()) : undefined;
    };
    await aws(
      'admin-create-user',
      '--user-pool-id',
      poolId,
      '--username',
      'carol',
      '--message-action',
      'SUPPRESS',
    );
    await aws(
      'admin-set-user-password',
      '--user-pool-id',
      poolId,
      '--username',
      'carol',
      '--password',
      'Passw0rd!x',
      '--permanent',
    );
    const io = fakeIo({ env: env() });
    const rc = await enrollCommand(
      [
        '--endpoint-url',
        moto.endpoint,
        '--client-id',
        clientId,
        '--username',
        'carol',
        '--password',
        'Passw0rd!x',
        '--generate-code',
      ],
      io,
    );
    expect(rc, io.stderrText()).toBe(0);
    const out = JSON.parse(io.stdoutText());
    expect(out).toMatchObject({ Status: 'SUCCESS', PreferredMfa: true });
    // No pool name from a remote token: the issuer falls back to AWSCognito.
    expect(out.OtpauthUri).toMatch(/^otpauth:\/\/totp\/AWSCognito:carol\?secret=/);
    const user = await aws('admin-get-user', '--user-pool-id', poolId, '--username', 'carol');
    expect(user.PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');
  });
});
