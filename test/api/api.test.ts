// The programmatic API as a test suite uses it: imported by the package's own name (the built
// dist/api.js and its declarations), the emulator started in-process with a seed, the AWS SDK v3
// signing in against it with a TOTP code computed in advance, and the published types checked by
// the TypeScript compiler from a consumer's point of view.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  CognitoIdentityProviderClient,
  ConfirmSignUpCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { latestCode, type SeedDocument, seed, startServer, totpCode } from 'cognito-totp';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

const DOC: SeedDocument = {
  pools: [
    {
      id: 'us-east-1_ApiTest01',
      name: 'app',
      mfa: 'OPTIONAL',
      autoVerifiedAttributes: ['email'],
      clients: [{ id: 'apitestclient', name: 'web' }],
      users: [{ username: 'alice', password: 'Passw0rd!', totpSecret: SECRET }],
    },
  ],
};

const stateFile = () => join(mkdtempSync(join(tmpdir(), 'ct-api-')), 'state.json');

describe('the programmatic API', () => {
  it('startServer with a seed: fixed ids, a known TOTP secret, the SDK signs in through SOFTWARE_TOKEN_MFA', async () => {
    const file = stateFile();
    const server = await startServer({ stateFile: file, seed: DOC });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(server.seeded?.Pools[0]).toMatchObject({
        Id: 'us-east-1_ApiTest01',
        Clients: [{ ClientId: 'apitestclient', ClientName: 'web' }],
        Users: [{ Username: 'alice', UserStatus: 'CONFIRMED' }],
      });
      const sdk = new CognitoIdentityProviderClient({
        endpoint: server.url,
        region: 'us-east-1',
        credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
      });
      const first = await sdk.send(
        new InitiateAuthCommand({
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: 'apitestclient',
          AuthParameters: { USERNAME: 'alice', PASSWORD: 'Passw0rd!' },
        }),
      );
      expect(first.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
      const done = await sdk.send(
        new RespondToAuthChallengeCommand({
          ClientId: 'apitestclient',
          ChallengeName: 'SOFTWARE_TOKEN_MFA',
          Session: first.Session,
          ChallengeResponses: { USERNAME: 'alice', SOFTWARE_TOKEN_MFA_CODE: totpCode(SECRET) },
        }),
      );
      expect(done.AuthenticationResult?.AccessToken).toBeTruthy();
      sdk.destroy();
    } finally {
      await server.stop();
    }
    // Stopped: one plain JSON file holding what the seed made.
    expect(readFileSync(file, 'utf8')).toContain('"us-east-1_ApiTest01"');
  });

  it('a sign-up through the server: its log says the code, latestCode reads it, and it confirms', async () => {
    const file = stateFile();
    const lines: string[] = [];
    const server = await startServer({ stateFile: file, seed: DOC, log: (l) => lines.push(l) });
    const sdk = new CognitoIdentityProviderClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    });
    try {
      await sdk.send(
        new SignUpCommand({
          ClientId: 'apitestclient',
          Username: 'bob',
          Password: 'Passw0rd!',
          UserAttributes: [{ Name: 'email', Value: 'bob@example.com' }],
        }),
      );
      const sent = latestCode(file, {
        userPoolId: 'us-east-1_ApiTest01',
        username: 'bob',
        kind: 'CONFIRM_SIGN_UP',
      });
      expect(sent).toMatchObject({ kind: 'CONFIRM_SIGN_UP', destination: 'bob@example.com' });
      expect(sent!.code).toMatch(/^\d{6}$/);
      expect(lines.join('\n')).toContain(
        `message CONFIRM_SIGN_UP for "bob" in us-east-1_ApiTest01 to bob@example.com: code ${sent!.code}`,
      );
      await sdk.send(
        new ConfirmSignUpCommand({
          ClientId: 'apitestclient',
          Username: 'bob',
          ConfirmationCode: sent!.code,
        }),
      );
      expect(latestCode(file, { userPoolId: 'us-east-1_ApiTest01', username: 'nobody' })).toBeUndefined();
    } finally {
      sdk.destroy();
      await server.stop();
    }
  });

  it('seed is idempotent, and a bad document is refused with its path, nothing applied', () => {
    const file = stateFile();
    const a = seed(file, DOC);
    const b = seed(file, DOC);
    expect(b).toEqual(a);
    const text = readFileSync(file, 'utf8');
    expect(text.match(/"us-east-1_ApiTest01"/g)?.length).toBeGreaterThanOrEqual(1);
    expect(() =>
      seed(file, { pools: [{ name: 'x', users: [{ username: 'b', totpSecret: 'not base32!' }] }] }),
    ).toThrow(/pools\[0\]\.users\[0\]\.totpSecret/);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('totpCode is RFC 6238 (the RFC test vector, and oathtool)', () => {
    // RFC 6238 appendix B, SHA-1 key "12345678901234567890" at T = 59 s: 94287082 (8 digits).
    const rfcKey = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    expect(totpCode(rfcKey, { at: 59_000, digits: 8 })).toBe('94287082');
    expect(totpCode(rfcKey, { at: new Date(1111111109_000), digits: 8 })).toBe('07081804');
    const at = Date.UTC(2030, 0, 1, 0, 0, 0);
    const oath = spawnSync('oathtool', ['--totp', '-b', `--now=2030-01-01 00:00:00 UTC`, SECRET], {
      encoding: 'utf8',
    });
    expect(oath.status, oath.stderr).toBe(0);
    expect(totpCode(SECRET, { at })).toBe(oath.stdout.trim());
  });

  it('its published declarations type-check in a consumer, and refuse a misspelt seed key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ct-consumer-'));
    mkdirSync(join(dir, 'node_modules', '@types'), { recursive: true });
    symlinkSync(ROOT, join(dir, 'node_modules', 'cognito-totp'));
    symlinkSync(join(ROOT, 'node_modules', '@types', 'node'), join(dir, 'node_modules', '@types', 'node'));
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'NodeNext',
          target: 'ES2022',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
        },
      }),
    );
    writeFileSync(
      join(dir, 'setup.ts'),
      [
        "import { startServer, totpCode, type SeedDocument } from 'cognito-totp';",
        "const doc: SeedDocument = { pools: [{ name: 'app', users: [{ username: 'a', password: 'p' }] }] };",
        "const server = await startServer({ stateFile: '/tmp/x.json', seed: doc });",
        'const url: string = server.url;',
        "const code: string = totpCode('JBSWY3DPEHPK3PXP', { at: new Date() });",
        '// @ts-expect-error a misspelt key of the seed document',
        "const bad: SeedDocument = { pools: [{ nam: 'app' }] };",
        'await server.stop();',
        'export { url, code, bad };',
      ].join('\n'),
    );
    const tsc = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir],
      {
        encoding: 'utf8',
      },
    );
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });
});
