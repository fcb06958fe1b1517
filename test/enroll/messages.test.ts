// cognito-totp messages: the outbox read in-process through run(io), a sign-up completed from it.
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.ts';
import { sandbox } from './bin.ts';
import { fakeIo } from './fake-io.ts';

describe('cognito-totp messages', () => {
  it('lists the confirmation code a sign-up sent, by pool and user; the code confirms the sign-up', async () => {
    const box = sandbox();
    const cli = async (...argv: string[]) => {
      const io = fakeIo({ argv: [...argv, '--state-file', box.stateFile], env: box.env });
      const rc = await run(io);
      return { rc, out: io.stdoutText(), err: io.stderrText() };
    };
    const pool = (
      await cli(
        'create-user-pool',
        '--pool-name',
        'p',
        '--auto-verified-attributes',
        'email',
        '--query',
        'UserPool.Id',
        '--output',
        'text',
      )
    ).out.trim();
    const client = (
      await cli(
        'create-user-pool-client',
        '--user-pool-id',
        pool,
        '--client-name',
        'c',
        '--query',
        'UserPoolClient.ClientId',
        '--output',
        'text',
      )
    ).out.trim();
    for (const name of ['bob', 'carol']) {
      const up = await cli(
        'sign-up',
        '--client-id',
        client,
        '--username',
        name,
        '--password',
        'Passw0rd!x',
        '--user-attributes',
        `Name=email,Value=${name}@example.com`,
      );
      expect(up.rc, up.err).toBe(0);
      expect(JSON.parse(up.out).CodeDeliveryDetails.Destination).toMatch(/^[a-z]\*\*\*@e\*\*\*$/);
    }
    const all = await cli('messages');
    expect(all.rc, all.err).toBe(0);
    const messages = JSON.parse(all.out).Messages;
    expect(messages.map((m: { Username: string }) => m.Username)).toEqual(['bob', 'carol']);
    expect(messages[0]).toMatchObject({
      UserPoolId: pool,
      Kind: 'CONFIRM_SIGN_UP',
      Medium: 'EMAIL',
      Destination: 'bob@example.com',
    });
    const code = (
      await cli(
        'messages',
        '--user-pool-id',
        pool,
        '--username',
        'carol',
        '--query',
        'Messages[-1].Code',
        '--output',
        'text',
      )
    ).out.trim();
    expect(code).toMatch(/^\d{6}$/);
    const confirmed = await cli(
      'confirm-sign-up',
      '--client-id',
      client,
      '--username',
      'carol',
      '--confirmation-code',
      code,
    );
    expect(confirmed.rc, confirmed.err).toBe(0);
    const status = await cli(
      'admin-get-user',
      '--user-pool-id',
      pool,
      '--username',
      'carol',
      '--query',
      'UserStatus',
      '--output',
      'text',
    );
    expect(status.out.trim()).toBe('CONFIRMED');
    const none = await cli('messages', '--username', 'nobody');
    expect(JSON.parse(none.out)).toEqual({ Messages: [] });
  });
});
