// Every operation run with --debug, on the local emulator and against moto through the remote
// backend: no SecretCode, access/ID/refresh token, Session, password, client secret or user code
// ever appears on stderr, and on stdout only inside the JSON output the command was asked for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalBackend } from '../../src/backend/local/index.ts';
import { codeAt, stepAt } from '../../src/backend/local/totp.ts';
import { cliName, type OperationName, operations } from '../../src/model/index.ts';
import { newDeviceSecret, SrpClient } from '../../src/srp/client.ts';
import { tempStateFile } from '../helpers/cli.ts';
import { type Moto, startMoto } from '../helpers/moto.ts';
import { type AsyncResult, dirtyLines, spawnCli } from '../helpers/robust.ts';

const PASSWORD = 'Sup3r-Secret-Passw0rd!';
const TEMP_PASSWORD = 'Temp0rary-Secret!';
const NEW_PASSWORD = 'N3w-Secret-Passw0rd!';

/** Every string value in a JSON document. */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (typeof v === 'object' && v !== null) for (const x of Object.values(v)) strings(x, out);
  return out;
}

const SECRET_KEYS = [
  'SecretCode',
  'Session',
  'AccessToken',
  'IdToken',
  'RefreshToken',
  'ClientSecret',
  // SRP's challenge (issue 15)
  'SRP_B',
  'SALT',
  'SECRET_BLOCK',
];
function secretsIn(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) for (const x of v) secretsIn(x, out);
  else if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) {
      if (SECRET_KEYS.includes(k) && typeof x === 'string' && x.length >= 16) out.push(x);
      else secretsIn(x, out);
    }
  }
  return out;
}

interface Flow {
  secrets: Set<string>;
  codes: Set<string>;
  ops: Set<string>;
  statuses: Record<string, number | null>;
  run(args: string[]): Promise<AsyncResult & { body: any }>;
}

function flow(target: string[], env: Record<string, string> = {}): Flow {
  const f: Flow = {
    secrets: new Set([PASSWORD, TEMP_PASSWORD, NEW_PASSWORD]),
    codes: new Set(),
    ops: new Set(),
    statuses: {},
    async run(args) {
      f.ops.add(args[0] as string);
      const r = await spawnCli([...args, ...target, '--debug'], { env, timeoutMs: 60_000 });
      f.statuses[args[0] as string] = r.status;
      const where = `${args[0]} (exit ${r.status})`;
      expect(r.timedOut, where).toBe(false);
      expect(dirtyLines(r.stderr), where).toEqual([]);
      expect(r.stderr, `${where}: --debug printed nothing`).toMatch(/DEBUG/);
      let body: any;
      if (r.stdout.trim() !== '') body = JSON.parse(r.stdout); // stdout is the output document and nothing else
      // What this command returned is allowed on stdout; learn it so later commands are checked for it.
      const returned = new Set([...strings(body)]);
      for (const s of secretsIn(body)) f.secrets.add(s);
      for (const s of f.secrets) {
        expect(r.stderr.includes(s), `${where}: a secret (${s.slice(0, 6)}…) on stderr`).toBe(false);
        if (r.stdout.includes(s))
          expect(returned.has(s), `${where}: a secret on stdout outside the output`).toBe(true);
      }
      for (const c of f.codes) {
        expect(
          new RegExp(`(?<![0-9])${c}(?![0-9])`).test(r.stderr),
          `${where}: user code ${c} on stderr`,
        ).toBe(false);
        expect(
          new RegExp(`(?<![0-9])${c}(?![0-9])`).test(r.stdout),
          `${where}: user code ${c} on stdout`,
        ).toBe(false);
      }
      return { ...r, body };
    },
  };
  return f;
}

/** Goes through every operation; `strict` (the local emulator) also requires each step to work. */
async function everyOperation(f: Flow, strict: boolean, stateFile?: string) {
  const ok = (r: AsyncResult) => {
    if (strict) expect(r.status, r.stderr).toBe(0);
    return r.status === 0;
  };
  const code = (secret: string, offset = 0) => {
    const c = codeAt(secret, stepAt(Date.now()) + offset);
    f.codes.add(c);
    return c;
  };
  let r = await f.run(['create-user-pool', '--pool-name', 'secrets']);
  ok(r);
  const pool = r.body?.UserPool?.Id as string;
  ok(
    await f.run([
      'set-user-pool-mfa-config',
      '--user-pool-id',
      pool,
      '--software-token-mfa-configuration',
      'Enabled=true',
      '--mfa-configuration',
      'OPTIONAL',
    ]),
  );
  ok(await f.run(['get-user-pool-mfa-config', '--user-pool-id', pool]));
  ok(await f.run(['describe-user-pool', '--user-pool-id', pool]));
  ok(await f.run(['list-user-pools', '--max-results', '10']));
  await deviceOperations(f, strict);
  const flows = [
    'ALLOW_USER_PASSWORD_AUTH',
    'ALLOW_ADMIN_USER_PASSWORD_AUTH',
    'ALLOW_REFRESH_TOKEN_AUTH',
    'ALLOW_USER_SRP_AUTH',
  ];
  r = await f.run([
    'create-user-pool-client',
    '--user-pool-id',
    pool,
    '--client-name',
    'app',
    '--explicit-auth-flows',
    ...flows,
  ]);
  ok(r);
  const client = r.body?.UserPoolClient?.ClientId as string;
  // A client with a secret: create and describe return it (the requested output), nothing else shows it.
  r = await f.run([
    'create-user-pool-client',
    '--user-pool-id',
    pool,
    '--client-name',
    'withsecret',
    '--generate-secret',
  ]);
  ok(r);
  ok(
    await f.run([
      'describe-user-pool-client',
      '--user-pool-id',
      pool,
      '--client-id',
      r.body?.UserPoolClient?.ClientId,
    ]),
  );
  ok(await f.run(['describe-user-pool-client', '--user-pool-id', pool, '--client-id', client]));

  for (const u of ['alice', 'bob']) {
    ok(
      await f.run([
        'admin-create-user',
        '--user-pool-id',
        pool,
        '--username',
        u,
        '--temporary-password',
        TEMP_PASSWORD,
        '--message-action',
        'SUPPRESS',
      ]),
    );
  }
  ok(
    await f.run([
      'admin-set-user-password',
      '--user-pool-id',
      pool,
      '--username',
      'alice',
      '--password',
      PASSWORD,
      '--permanent',
    ]),
  );
  const signIn = () =>
    f.run([
      'initiate-auth',
      '--auth-flow',
      'USER_PASSWORD_AUTH',
      '--client-id',
      client,
      '--auth-parameters',
      `USERNAME=alice,PASSWORD=${PASSWORD}`,
    ]);
  // SRP: SRP_A, SRP_B, SALT, SECRET_BLOCK and the claim signature stay out of --debug.
  const srp = new SrpClient(pool);
  r = await f.run([
    'initiate-auth',
    '--auth-flow',
    'USER_SRP_AUTH',
    '--client-id',
    client,
    '--auth-parameters',
    `USERNAME=alice,SRP_A=${srp.srpA}`,
  ]);
  ok(r);
  f.secrets.add(srp.srpA);
  if (r.body?.ChallengeName === 'PASSWORD_VERIFIER') {
    const answer = srp.answer(r.body.ChallengeParameters, PASSWORD);
    f.secrets.add(answer.PASSWORD_CLAIM_SIGNATURE!);
    ok(
      await f.run([
        'respond-to-auth-challenge',
        '--client-id',
        client,
        '--challenge-name',
        'PASSWORD_VERIFIER',
        '--challenge-responses',
        JSON.stringify(answer),
      ]),
    );
  }
  r = await signIn();
  ok(r);
  const tokens = r.body?.AuthenticationResult ?? {};
  const access = tokens.AccessToken as string;
  r = await f.run(['associate-software-token', '--access-token', access]);
  ok(r);
  const secret = r.body?.SecretCode as string;
  if (secret) {
    // A wrong code first (the error must not echo the code or the token), then the right one.
    f.codes.add('000000');
    const bad = await f.run(['verify-software-token', '--access-token', access, '--user-code', '000000']);
    if (strict) expect(bad.status).toBe(254);
    ok(
      await f.run([
        'verify-software-token',
        '--access-token',
        access,
        '--user-code',
        code(secret),
        '--friendly-device-name',
        'phone',
      ]),
    );
  }
  ok(
    await f.run([
      'set-user-mfa-preference',
      '--access-token',
      access,
      '--software-token-mfa-settings',
      'Enabled=true,PreferredMfa=true',
    ]),
  );
  ok(await f.run(['get-user', '--access-token', access]));
  ok(await f.run(['admin-get-user', '--user-pool-id', pool, '--username', 'alice']));
  ok(await f.run(['list-users', '--user-pool-id', pool]));
  // Groups (issue 16): alice joins one, so the sign-in below mints tokens with cognito:groups.
  const grp = ['--user-pool-id', pool, '--group-name', 'admins'];
  ok(await f.run(['create-group', ...grp, '--precedence', '1', '--description', 'the admins']));
  ok(await f.run(['get-group', ...grp]));
  ok(await f.run(['update-group', ...grp, '--precedence', '2']));
  ok(await f.run(['list-groups', '--user-pool-id', pool]));
  ok(await f.run(['admin-add-user-to-group', ...grp, '--username', 'alice']));
  ok(await f.run(['admin-add-user-to-group', ...grp, '--username', 'bob']));
  ok(await f.run(['admin-remove-user-from-group', ...grp, '--username', 'bob']));
  ok(await f.run(['admin-list-groups-for-user', '--user-pool-id', pool, '--username', 'alice']));
  ok(await f.run(['list-users-in-group', ...grp]));
  const bob = ['--user-pool-id', pool, '--username', 'bob'];
  ok(await f.run(['admin-disable-user', ...bob]));
  ok(await f.run(['admin-enable-user', ...bob]));
  ok(await f.run(['admin-user-global-sign-out', ...bob]));

  // Sign-in with the TOTP challenge (the next time step's code: the last one was used by verify).
  r = await signIn();
  ok(r);
  let laterAccess = access;
  if (r.body?.Session && secret) {
    const mfa = await f.run([
      'respond-to-auth-challenge',
      '--client-id',
      client,
      '--challenge-name',
      'SOFTWARE_TOKEN_MFA',
      '--session',
      r.body.Session,
      '--challenge-responses',
      `USERNAME=alice,SOFTWARE_TOKEN_MFA_CODE=${code(secret, 1)}`,
    ]);
    // Revoking the first sign-in's refresh token below also revokes its access token.
    if (ok(mfa)) laterAccess = mfa.body.AuthenticationResult.AccessToken;
  }
  // The admin flow, with bob's temporary password and a new one.
  r = await f.run([
    'admin-initiate-auth',
    '--user-pool-id',
    pool,
    '--client-id',
    client,
    '--auth-flow',
    'ADMIN_USER_PASSWORD_AUTH',
    '--auth-parameters',
    `USERNAME=bob,PASSWORD=${TEMP_PASSWORD}`,
  ]);
  ok(r);
  if (r.body?.Session) {
    ok(
      await f.run([
        'admin-respond-to-auth-challenge',
        '--user-pool-id',
        pool,
        '--client-id',
        client,
        '--challenge-name',
        'NEW_PASSWORD_REQUIRED',
        '--session',
        r.body.Session,
        '--challenge-responses',
        `USERNAME=bob,NEW_PASSWORD=${NEW_PASSWORD}`,
      ]),
    );
  }
  ok(
    await f.run([
      'admin-set-user-mfa-preference',
      '--user-pool-id',
      pool,
      '--username',
      'alice',
      '--software-token-mfa-settings',
      'Enabled=false,PreferredMfa=false',
    ]),
  );
  if (tokens.RefreshToken) {
    ok(
      await f.run([
        'initiate-auth',
        '--auth-flow',
        'REFRESH_TOKEN_AUTH',
        '--client-id',
        client,
        '--auth-parameters',
        `REFRESH_TOKEN=${tokens.RefreshToken}`,
      ]),
    );
    ok(
      await f.run([
        'get-tokens-from-refresh-token',
        '--client-id',
        client,
        '--refresh-token',
        tokens.RefreshToken,
      ]),
    );
    ok(await f.run(['revoke-token', '--token', tokens.RefreshToken, '--client-id', client]));
  }
  // A tampered token: refused, and the message does not quote it.
  const tampered = `${access.slice(0, -4)}AAAA`;
  f.secrets.add(tampered);
  const refused = await f.run(['get-user', '--access-token', tampered]);
  expect(refused.status).not.toBe(0);
  ok(await f.run(['get-user-auth-factors', '--access-token', laterAccess]));
  ok(await f.run(['global-sign-out', '--access-token', laterAccess]));
  ok(await f.run(['admin-delete-user', '--user-pool-id', pool, '--username', 'bob']));
  // delete-user with a fresh sign-in of alice (the tokens above are signed out).
  r = await signIn();
  if (r.body?.Session && secret) {
    r = await f.run([
      'respond-to-auth-challenge',
      '--client-id',
      client,
      '--challenge-name',
      'SOFTWARE_TOKEN_MFA',
      '--session',
      r.body.Session,
      '--challenge-responses',
      `USERNAME=alice,SOFTWARE_TOKEN_MFA_CODE=${code(secret, 2)}`,
    ]);
  }
  const last = r.body?.AuthenticationResult?.AccessToken as string | undefined;
  if (last) ok(await f.run(['delete-user', '--access-token', last]));
  else if (strict) expect.unreachable('alice could not sign in for delete-user');
  ok(await f.run(['delete-group', '--user-pool-id', pool, '--group-name', 'admins']));
  ok(await f.run(['delete-user-pool', '--user-pool-id', pool]));
  await accountJourney(f, ok, stateFile);
}

/**
 * Sign-up and passwords (issue 16) on a pool that auto-verifies email: the codes come from the
 * local outbox (read from the state file, as a test would), and must show up nowhere.
 */
async function accountJourney(f: Flow, ok: (r: AsyncResult) => boolean, stateFile: string | undefined) {
  const codeOf = (pool: string, user: string) => {
    const c = stateFile ? new LocalBackend({ stateFile }).latestCode(pool, user) : undefined;
    if (c) f.codes.add(c);
    return c ?? '123456';
  };
  let r = await f.run(['create-user-pool', '--pool-name', 'signup', '--auto-verified-attributes', 'email']);
  ok(r);
  const pool = r.body?.UserPool?.Id as string;
  r = await f.run([
    'create-user-pool-client',
    '--user-pool-id',
    pool,
    '--client-name',
    'app',
    '--explicit-auth-flows',
    'ALLOW_USER_PASSWORD_AUTH',
    'ALLOW_REFRESH_TOKEN_AUTH',
  ]);
  ok(r);
  const client = r.body?.UserPoolClient?.ClientId as string;
  const signUp = (user: string) =>
    f.run([
      'sign-up',
      '--client-id',
      client,
      '--username',
      user,
      '--password',
      PASSWORD,
      '--user-attributes',
      `Name=email,Value=${user}@example.com`,
    ]);
  ok(await signUp('carol'));
  ok(await f.run(['resend-confirmation-code', '--client-id', client, '--username', 'carol']));
  const who = ['--client-id', client, '--username', 'carol'];
  ok(await f.run(['confirm-sign-up', ...who, '--confirmation-code', codeOf(pool, 'carol')]));
  ok(await signUp('dave'));
  ok(await f.run(['admin-confirm-sign-up', '--user-pool-id', pool, '--username', 'dave']));
  r = await f.run([
    'initiate-auth',
    '--auth-flow',
    'USER_PASSWORD_AUTH',
    '--client-id',
    client,
    '--auth-parameters',
    `USERNAME=carol,PASSWORD=${PASSWORD}`,
  ]);
  ok(r);
  const access = r.body?.AuthenticationResult?.AccessToken as string | undefined;
  if (access) {
    ok(
      await f.run([
        'change-password',
        '--access-token',
        access,
        '--previous-password',
        PASSWORD,
        '--proposed-password',
        NEW_PASSWORD,
      ]),
    );
  }
  if (access) {
    // Attributes: a new email gets a code (auto-verified pool), verified with it.
    ok(
      await f.run([
        'update-user-attributes',
        '--access-token',
        access,
        '--user-attributes',
        'Name=email,Value=carol@example.org',
      ]),
    );
    ok(
      await f.run([
        'verify-user-attribute',
        '--access-token',
        access,
        '--attribute-name',
        'email',
        '--code',
        codeOf(pool, 'carol'),
      ]),
    );
    ok(
      await f.run([
        'get-user-attribute-verification-code',
        '--access-token',
        access,
        '--attribute-name',
        'email',
      ]),
    );
  }
  const carol = ['--user-pool-id', pool, '--username', 'carol'];
  ok(
    await f.run([
      'admin-update-user-attributes',
      ...carol,
      '--user-attributes',
      'Name=given_name,Value=Carol',
    ]),
  );
  ok(await f.run(['admin-delete-user-attributes', ...carol, '--user-attribute-names', 'given_name']));
  ok(
    await f.run([
      'list-users',
      '--user-pool-id',
      pool,
      '--filter',
      'username = "carol"',
      '--attributes-to-get',
      'email',
    ]),
  );
  ok(await f.run(['forgot-password', ...who]));
  ok(
    await f.run([
      'confirm-forgot-password',
      ...who,
      '--confirmation-code',
      codeOf(pool, 'carol'),
      '--password',
      TEMP_PASSWORD,
    ]),
  );
  ok(await f.run(['admin-reset-user-password', '--user-pool-id', pool, '--username', 'carol']));
  ok(
    await f.run([
      'confirm-forgot-password',
      ...who,
      '--confirmation-code',
      codeOf(pool, 'carol'),
      '--password',
      PASSWORD,
    ]),
  );
  ok(await f.run(['list-user-pool-clients', '--user-pool-id', pool]));
  ok(
    await f.run([
      'update-user-pool',
      '--user-pool-id',
      pool,
      '--auto-verified-attributes',
      'email',
      '--policies',
      'PasswordPolicy={MinimumLength=8}',
    ]),
  );
  const app = ['--user-pool-id', pool, '--client-id', client];
  ok(await f.run(['update-user-pool-client', ...app, '--prevent-user-existence-errors', 'ENABLED']));
  ok(await f.run(['delete-user-pool-client', ...app]));
  ok(await f.run(['delete-user-pool', '--user-pool-id', pool]));
}

/**
 * Remembered devices (issue 16): the device password, its SRP salt and verifier, and the device
 * proof stay out of --debug, through confirm-device and the DEVICE_SRP_AUTH sign-in.
 */
async function deviceOperations(f: Flow, strict: boolean) {
  const ok = (r: AsyncResult) => {
    if (strict) expect(r.status, r.stderr).toBe(0);
    return r.status === 0;
  };
  let r = await f.run([
    'create-user-pool',
    '--pool-name',
    'devices',
    '--device-configuration',
    'ChallengeRequiredOnNewDevice=true,DeviceOnlyRememberedOnUserPrompt=true',
  ]);
  ok(r);
  const pool = r.body?.UserPool?.Id as string;
  r = await f.run([
    'create-user-pool-client',
    '--user-pool-id',
    pool,
    '--client-name',
    'app',
    '--explicit-auth-flows',
    'ALLOW_USER_PASSWORD_AUTH',
    'ALLOW_REFRESH_TOKEN_AUTH',
  ]);
  ok(r);
  const client = r.body?.UserPoolClient?.ClientId as string;
  const user = ['--user-pool-id', pool, '--username', 'dave'];
  ok(await f.run(['admin-create-user', ...user, '--message-action', 'SUPPRESS']));
  ok(await f.run(['admin-set-user-password', ...user, '--password', PASSWORD, '--permanent']));
  const signIn = (extra = '') =>
    f.run([
      'initiate-auth',
      '--auth-flow',
      'USER_PASSWORD_AUTH',
      '--client-id',
      client,
      '--auth-parameters',
      `USERNAME=dave,PASSWORD=${PASSWORD}${extra}`,
    ]);
  r = await signIn();
  ok(r);
  const meta = r.body?.AuthenticationResult?.NewDeviceMetadata;
  if (strict) expect(meta, 'a pool with DeviceConfiguration hands out NewDeviceMetadata').toBeTruthy();
  if (!meta) return; // moto: no devices
  const access = r.body.AuthenticationResult.AccessToken as string;
  const device = newDeviceSecret(meta.DeviceGroupKey, meta.DeviceKey);
  for (const s of [device.password, device.config.Salt, device.config.PasswordVerifier]) f.secrets.add(s);
  const key = ['--device-key', device.deviceKey];
  r = await f.run([
    'confirm-device',
    '--access-token',
    access,
    ...key,
    '--device-secret-verifier-config',
    JSON.stringify(device.config),
    '--device-name',
    'laptop',
  ]);
  ok(r);
  ok(
    await f.run([
      'update-device-status',
      '--access-token',
      access,
      ...key,
      '--device-remembered-status',
      'remembered',
    ]),
  );
  ok(await f.run(['get-device', '--access-token', access, ...key]));
  ok(await f.run(['list-devices', '--access-token', access]));
  ok(await f.run(['admin-get-device', ...user, ...key]));
  ok(await f.run(['admin-list-devices', ...user]));
  ok(
    await f.run(['admin-update-device-status', ...user, ...key, '--device-remembered-status', 'remembered']),
  );
  // The device's own sign-in: DEVICE_SRP_AUTH, then DEVICE_PASSWORD_VERIFIER.
  r = await signIn(`,DEVICE_KEY=${device.deviceKey}`);
  ok(r);
  const srp = new SrpClient(pool, { poolName: device.groupKey });
  f.secrets.add(srp.srpA);
  r = await f.run([
    'respond-to-auth-challenge',
    '--client-id',
    client,
    '--challenge-name',
    'DEVICE_SRP_AUTH',
    '--session',
    r.body?.Session,
    '--challenge-responses',
    JSON.stringify({ USERNAME: 'dave', DEVICE_KEY: device.deviceKey, SRP_A: srp.srpA }),
  ]);
  ok(r);
  const proof = srp.answerDevice(r.body?.ChallengeParameters ?? {}, 'dave', device);
  f.secrets.add(proof.PASSWORD_CLAIM_SIGNATURE!);
  r = await f.run([
    'respond-to-auth-challenge',
    '--client-id',
    client,
    '--challenge-name',
    'DEVICE_PASSWORD_VERIFIER',
    '--challenge-responses',
    JSON.stringify(proof),
  ]);
  ok(r);
  if (strict) expect(r.body?.AuthenticationResult?.AccessToken).toBeTruthy();
  ok(await f.run(['forget-device', '--access-token', access, ...key]));
  // A second device, forgotten by the administrator before it is confirmed.
  r = await signIn();
  ok(r);
  const second = r.body?.AuthenticationResult?.NewDeviceMetadata?.DeviceKey as string;
  ok(await f.run(['admin-forget-device', ...user, '--device-key', second]));
  ok(await f.run(['delete-user-pool', '--user-pool-id', pool]));
}

describe('secrets stay out of --debug output', () => {
  it('local backend: every operation', async () => {
    const stateFile = tempStateFile();
    const f = flow(['--state-file', stateFile]);
    await everyOperation(f, true, stateFile);
    const all = (Object.keys(operations) as OperationName[]).map(cliName);
    expect(all.filter((op) => !f.ops.has(op))).toEqual([]);
  }, 120_000);

  describe('remote backend against moto', () => {
    let moto: Moto | undefined;
    let why = '';
    beforeAll(async () => {
      try {
        moto = await startMoto();
      } catch (e) {
        why = String(e);
      }
    });
    afterAll(async () => {
      await moto?.stop();
    });

    it('every operation moto answers', async (ctx) => {
      if (!moto) ctx.skip(`moto_server unavailable: ${why}`);
      const m = moto as Moto;
      const f = flow(['--endpoint-url', m.endpoint, '--region', 'us-east-1'], {
        AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKE1234',
        AWS_SECRET_ACCESS_KEY: 'fake-secret-access-key-value-1234567890',
      });
      f.secrets.add('fake-secret-access-key-value-1234567890');
      await everyOperation(f, false);
      console.log(`moto exit codes: ${JSON.stringify(f.statuses)}`);
      // Not vacuous: the secret-bearing calls really went through moto.
      expect(f.statuses['initiate-auth']).toBe(0);
      expect(f.statuses['associate-software-token']).toBe(0);
    }, 120_000);
  });
});
