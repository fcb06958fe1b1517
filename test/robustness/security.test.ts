// Security properties that a functional test would not notice: secrets compared in constant time,
// forged access tokens refused, and the state file never readable by others, not even for a moment.
import { spawnSync } from 'node:child_process';
import {
  createHmac,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  sign,
  timingSafeEqual,
  verify,
} from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { secretHash } from '../../src/backend/local/context.ts';
import { codeAt, matchStep, stepAt } from '../../src/backend/local/totp.ts';
import { verifyRs256 } from '../../src/shared/rs256.ts';
import { constantTimeEqual } from '../../src/shared/sha.ts';
import { BIN, cleanEnv } from '../helpers/cli.ts';
import { harness, PASSWORD, seed } from '../helpers/local.ts';
import { pool, type Seeded, seedState, spawnCli } from '../helpers/robust.ts';

// The emulator takes node:crypto through one accessor (src/shared/node-crypto.ts) and compares TOTP
// codes and checks RS256 signatures in JavaScript when node:crypto is not loaded (shared/sha.ts,
// rs256.ts). Wrapping each of these (the real function still runs) lets a test see every
// comparison the code makes and, by forcing the answer, prove that it is this comparison, and
// nothing before it, that decides. `crypto.loaded` picks the signature path as the process would:
// OpenSSL once node:crypto is loaded (a server), JavaScript before (a one-shot verify).
const cryptoLoaded = vi.hoisted(() => ({ value: true }));
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  const timingSafeEqual = vi.fn(actual.timingSafeEqual);
  const verify = vi.fn(actual.verify);
  return { ...actual, timingSafeEqual, verify, default: { ...actual, timingSafeEqual, verify } };
});
vi.mock('../../src/shared/node-crypto.ts', async () => {
  const mocked = await import('node:crypto');
  return { nodeCrypto: () => mocked, nodeCryptoLoaded: () => cryptoLoaded.value };
});
vi.mock('../../src/shared/sha.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/shared/sha.ts')>();
  return { ...actual, constantTimeEqual: vi.fn(actual.constantTimeEqual) };
});
vi.mock('../../src/shared/rs256.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/shared/rs256.ts')>();
  return { ...actual, verifyRs256: vi.fn(actual.verifyRs256) };
});

const tse = vi.mocked(timingSafeEqual);
const cte = vi.mocked(constantTimeEqual);
const rsaVerify = vi.mocked(verify);
const jsVerify = vi.mocked(verifyRs256);

// mockReset puts back the real function given to vi.fn and forgets the calls.
afterEach(() => {
  tse.mockReset();
  cte.mockReset();
  rsaVerify.mockReset();
  jsVerify.mockReset();
  cryptoLoaded.value = true;
});

/**
 * What each constant-time comparison compared, in order: the two buffers' lengths and contents
 * (the emulator's own for TOTP codes first, then node:crypto's timingSafeEqual; no test here
 * makes both kinds at once).
 */
function comparisons(): { lengths: [number, number]; a: string; b: string }[] {
  return [...cte.mock.calls, ...tse.mock.calls].map(([a, b]) => {
    const x = Buffer.from(a as Uint8Array);
    const y = Buffer.from(b as Uint8Array);
    return { lengths: [x.length, y.length], a: x.toString('latin1'), b: y.toString('latin1') };
  });
}

/** `code` with the digit at `i` replaced by another. */
function changeDigit(code: string, i: number): string {
  return code.slice(0, i) + String((Number(code[i]) + 5) % 10) + code.slice(i + 1);
}

/** `s` with the character at `i` replaced by another base64 character. */
function changeChar(s: string, i: number): string {
  return s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
}

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY';
const NOW = Date.UTC(2026, 10, 22, 12, 0, 10);

describe('TOTP codes are compared in constant time (totp.ts matchStep)', () => {
  const step = stepAt(NOW);
  const window = [step - 1, step, step + 1].map((s) => codeAt(SECRET, s));
  const right = window[1]!;
  // Codes outside the ±1 window that differ from the right one in only the first or the last digit.
  const firstDigit = [1, 2, 3, 4, 6, 7, 8, 9]
    .map((d) => String((Number(right[0]) + d) % 10) + right.slice(1))
    .find((c) => !window.includes(c))!;
  const lastDigit = [1, 2, 3, 4, 6, 7, 8, 9]
    .map((d) => right.slice(0, 5) + String((Number(right[5]) + d) % 10))
    .find((c) => !window.includes(c))!;

  it('every code, right or wrong, is compared with all three window codes, 6 bytes against 6', () => {
    const traces: Record<string, ReturnType<typeof comparisons>> = {};
    const results: Record<string, number | undefined> = {};
    for (const [name, code] of Object.entries({
      right,
      early: window[0]!,
      late: window[2]!,
      firstDigit,
      lastDigit,
      zeros: window.includes('000000') ? '999999' : '000000',
      short: right.slice(0, 5), // not reachable through the API (UserCode is exactly 6 digits)
    })) {
      cte.mockClear();
      results[name] = matchStep(SECRET, code, NOW);
      traces[name] = comparisons();
      // All three candidates, in the same order, always: no return on the first match or mismatch.
      expect(
        traces[name]!.map((c) => c.a),
        name,
      ).toEqual(window);
      expect(
        traces[name]!.map((c) => c.lengths),
        name,
      ).toEqual([
        [6, 6],
        [6, 6],
        [6, 6],
      ]);
      // The given code is what was compared, not a prefix or a normalised form of it.
      for (const c of traces[name]!) expect(c.b, name).toBe(code.padEnd(6, '\0'));
    }
    expect(results).toEqual({
      right: step,
      early: step - 1,
      late: step + 1,
      firstDigit: undefined,
      lastDigit: undefined,
      zeros: undefined,
      short: undefined,
    });
    // A code wrong in its first digit and one wrong in its last digit take exactly the same path.
    const shape = (t: ReturnType<typeof comparisons>) => t.map((c) => [c.a, c.lengths]);
    expect(shape(traces.firstDigit!)).toEqual(shape(traces.lastDigit!));
    expect(shape(traces.right!)).toEqual(shape(traces.lastDigit!));
  });

  it("the answer is the constant-time comparison's alone: no other comparison decides", () => {
    cte.mockImplementation(() => false);
    expect(matchStep(SECRET, right, NOW)).toBeUndefined();
    // Only the second candidate (the current step) "matches": that step is returned, for any code.
    let n = 0;
    cte.mockImplementation(() => ++n % 3 === 2);
    expect(matchStep(SECRET, firstDigit, NOW)).toBe(step);
    expect(cte).toHaveBeenCalledTimes(3 + 3);
  });

  it('longer codes are refused on their length, which is public (every code has 6 digits)', () => {
    cte.mockClear();
    expect(matchStep(SECRET, `${right}0`, NOW)).toBeUndefined();
    expect(cte).not.toHaveBeenCalled();
  });
});

describe('constant-time checks through the emulator', () => {
  it('verify-software-token: right and wrong codes each make the same three 6-byte comparisons', () => {
    const h = harness();
    const s = seed(h);
    const token = s.signIn().AuthenticationResult.AccessToken as string;
    const { SecretCode } = h.call('AssociateSoftwareToken', { AccessToken: token });
    const window = [-1, 0, 1].map((k) => h.code(SecretCode, k));
    const wrong = [0, 5]
      .map((i) => changeDigit(window[1]!, i))
      .map((c) => (window.includes(c) ? changeDigit(c, 3) : c));
    for (const code of wrong) {
      cte.mockClear();
      tse.mockClear();
      expect(h.fail('VerifySoftwareToken', { AccessToken: token, UserCode: code }).code).toBe(
        'EnableSoftwareTokenMFAException',
      );
      expect(comparisons().map((c) => [c.a, c.lengths])).toEqual(window.map((w) => [w, [6, 6]]));
    }
    // Forced to say "different", the right code is refused: the digits are not compared elsewhere.
    cte.mockImplementation(() => false);
    expect(h.fail('VerifySoftwareToken', { AccessToken: token, UserCode: window[1] }).code).toBe(
      'EnableSoftwareTokenMFAException',
    );
    cte.mockReset();
    expect(h.call('VerifySoftwareToken', { AccessToken: token, UserCode: window[1] })).toEqual({
      Status: 'SUCCESS',
    });
    expect(comparisons().map((c) => [c.a, c.lengths])).toEqual(window.map((w) => [w, [6, 6]]));
  });

  it('the SOFTWARE_TOKEN_MFA challenge at sign-in goes through the same comparison', () => {
    const h = harness();
    const s = seed(h);
    const token = s.signIn().AuthenticationResult.AccessToken as string;
    const { SecretCode } = h.call('AssociateSoftwareToken', { AccessToken: token });
    h.call('VerifySoftwareToken', { AccessToken: token, UserCode: h.code(SecretCode) });
    h.call('SetUserMFAPreference', {
      AccessToken: token,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    });
    h.advance(60);
    const { Session } = s.signIn();
    const window = [-1, 0, 1].map((k) => h.code(SecretCode, k));
    cte.mockClear();
    tse.mockClear();
    cte.mockImplementation(() => false);
    const answer = (code: string) => ({
      ClientId: s.clientId,
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session,
      ChallengeResponses: { USERNAME: 'alice', SOFTWARE_TOKEN_MFA_CODE: code },
    });
    expect(h.fail('RespondToAuthChallenge', answer(window[1]!)).code).toBe('CodeMismatchException');
    expect(comparisons().map((c) => [c.a, c.lengths])).toEqual(window.map((w) => [w, [6, 6]]));
    cte.mockReset();
    expect(
      h.call('RespondToAuthChallenge', answer(window[1]!)).AuthenticationResult.AccessToken,
    ).toBeTruthy();
  });

  it('passwords (context.ts checkPassword): one comparison of two 32-byte scrypt digests, whatever differs', () => {
    const h = harness();
    const s = seed(h);
    const signIn = (password: string) =>
      h.fail('InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: s.clientId,
        AuthParameters: { USERNAME: 'alice', PASSWORD: password },
      });
    const digests: string[] = [];
    for (const wrong of [`x${PASSWORD.slice(1)}`, `${PASSWORD.slice(0, -1)}x`, PASSWORD.repeat(20)]) {
      tse.mockClear();
      expect(signIn(wrong).message).toBe('Incorrect username or password.');
      const [c, ...more] = comparisons();
      expect(more).toEqual([]);
      expect(c!.lengths).toEqual([32, 32]);
      digests.push(c!.a);
    }
    // The stored digest is what every attempt is compared with.
    expect(new Set(digests).size).toBe(1);
    // Forced "equal", a wrong password signs in: the comparison of the digests is what decides.
    tse.mockImplementationOnce(() => true);
    expect(
      h.call('InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: s.clientId,
        AuthParameters: { USERNAME: 'alice', PASSWORD: 'Not-the-passw0rd' },
      }).AuthenticationResult.AccessToken,
    ).toBeTruthy();
  });

  it('SECRET_HASH (ops/sign-in.ts): compared in constant time before the password', () => {
    const h = harness();
    const s = seed(h);
    const client = h.call('CreateUserPoolClient', {
      UserPoolId: s.poolId,
      ClientName: 'with-secret',
      GenerateSecret: true,
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
    }).UserPoolClient;
    const right = secretHash(client.ClientSecret, 'alice', client.ClientId);
    const initiate = (hash: string) => ({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: client.ClientId,
      AuthParameters: { USERNAME: 'alice', PASSWORD, SECRET_HASH: hash },
    });
    // 44 characters: 43 of base64 and '='. Wrong in the first, and in the last significant one.
    for (const wrong of [changeChar(right, 0), changeChar(right, 42)]) {
      tse.mockClear();
      expect(h.fail('InitiateAuth', initiate(wrong)).message).toBe(
        `Unable to verify secret hash for client ${client.ClientId}`,
      );
      expect(comparisons()).toEqual([{ lengths: [44, 44], a: right, b: wrong }]);
    }
    tse.mockClear();
    expect(h.call('InitiateAuth', initiate(right)).AuthenticationResult.AccessToken).toBeTruthy();
    expect(comparisons().map((c) => c.lengths)).toEqual([
      [44, 44],
      [32, 32],
    ]);
  });

  for (const path of ['OpenSSL (node:crypto loaded)', 'JavaScript (node:crypto not loaded)'] as const) {
    const native = path.startsWith('OpenSSL');
    const checks = native ? rsaVerify : jsVerify;
    /** The signed part and the signature each check was given. */
    const checked = () =>
      checks.mock.calls.map((c) =>
        native
          ? {
              alg: c[0],
              data: Buffer.from(c[1] as Uint8Array).toString(),
              sigLength: (c[3] as Uint8Array).length,
            }
          : {
              alg: 'sha256',
              data: Buffer.from(c[1] as Uint8Array).toString(),
              sigLength: (c[2] as Uint8Array).length,
            },
      );

    it(`access tokens (context.ts authenticate), by ${path}: the signature is checked by RSA verification, not compared`, () => {
      // There is no secret to compare a token with: the RS256 signature is verified with the pool's
      // public key over the whole signed part, so a signature wrong in its first byte and one wrong
      // in its last byte take the same path, and the verification's answer is what decides.
      const h = harness();
      const s = seed(h);
      const token = s.signIn().AuthenticationResult.AccessToken as string;
      cryptoLoaded.value = native;
      const [head, body, sig] = token.split('.') as [string, string, string];
      const raw = Buffer.from(sig, 'base64url');
      const flip = (i: number) => {
        const b = Buffer.from(raw);
        b[i] = b[i]! ^ 1;
        return `${head}.${body}.${b.toString('base64url')}`;
      };
      for (const forged of [flip(0), flip(raw.length - 1)]) {
        rsaVerify.mockClear();
        jsVerify.mockClear();
        tse.mockClear();
        cte.mockClear();
        expect(h.fail('VerifySoftwareToken', { AccessToken: forged, UserCode: '123456' }).message).toBe(
          'Invalid Access Token',
        );
        expect(checked()).toEqual([{ alg: 'sha256', data: `${head}.${body}`, sigLength: raw.length }]);
        // One path only, and nothing compared.
        expect((native ? jsVerify : rsaVerify).mock.calls).toEqual([]);
        expect(comparisons()).toEqual([]);
      }
      checks.mockImplementationOnce(() => true);
      expect(h.call('GetUser', { AccessToken: flip(0) }).Username).toBe('alice');
    });

    it(`a signature that verified is remembered (tokens.ts verified), by ${path}; a forged one is verified every time`, () => {
      const h = harness();
      const s = seed(h);
      const token = s.signIn().AuthenticationResult.AccessToken as string;
      cryptoLoaded.value = native;
      checks.mockClear();
      h.call('GetUser', { AccessToken: token });
      h.call('GetUser', { AccessToken: token });
      expect(checks).toHaveBeenCalledTimes(1);
      const [head, body, sig] = token.split('.') as [string, string, string];
      const bytes = Buffer.from(sig, 'base64url');
      bytes[0] = bytes[0]! ^ 1;
      const forged = `${head}.${body}.${bytes.toString('base64url')}`;
      for (let i = 0; i < 3; i++) {
        checks.mockClear();
        expect(h.fail('GetUser', { AccessToken: forged }).message).toBe('Invalid Access Token');
        expect(checks).toHaveBeenCalledTimes(1);
      }
      // Expiry is still checked on every use of a remembered token.
      h.advance(61 * 60);
      expect(h.fail('GetUser', { AccessToken: token }).message).toBe('Access Token has expired');
    });
  }
});

// ---------------------------------------------------------------------------------------------------
// Forged access tokens, through the built binary.

const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');

describe('forged access tokens are refused: NotAuthorizedException "Invalid Access Token", exit 254', () => {
  let seeded: Seeded;
  let forgeries: [string, string][];
  let alice: string;

  beforeAll(() => {
    seeded = seedState(join(mkdtempSync(join(tmpdir(), 'ct-sec-')), 'state.json'), ['alice', 'bob']);
    alice = seeded.tokens.get('alice')!;
    const otherId = (seeded.backend.callSync('CreateUserPool', { PoolName: 'other' }) as any).UserPool.Id;
    const state = seeded.backend.file.read();
    const mine = state.pools[seeded.poolId]!;
    const other = state.pools[otherId]!;
    const [head, body, sig] = alice.split('.') as [string, string, string];
    const header = JSON.parse(Buffer.from(head, 'base64url').toString());
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
    const bob = JSON.parse(Buffer.from(seeded.tokens.get('bob')!.split('.')[1]!, 'base64url').toString());
    const rsa = (pem: string, h: unknown, c: unknown) => {
      const signed = `${b64(h)}.${b64(c)}`;
      return `${signed}.${sign('sha256', Buffer.from(signed), createPrivateKey(pem)).toString('base64url')}`;
    };
    const hs256 = (secret: string | Buffer, kid = mine.key.kid) => {
      const signed = `${b64({ kid, alg: 'HS256' })}.${body}`;
      return `${signed}.${createHmac('sha256', secret).update(signed).digest('base64url')}`;
    };
    const publicKey: KeyObject = createPublicKey(createPrivateKey(mine.key.pem));
    const spki = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const pkcs1 = publicKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const jwk = JSON.stringify(publicKey.export({ format: 'jwk' }));
    forgeries = [
      // The payload changed (another user, a later expiry), the signature kept.
      [
        'payload changed to bob, signature kept',
        `${head}.${b64({ ...claims, sub: bob.sub, username: 'bob' })}.${sig}`,
      ],
      [
        'expiry moved a year on, signature kept',
        `${head}.${b64({ ...claims, exp: claims.exp + 365 * 86400 })}.${sig}`,
      ],
      // Right claims, signed with another pool's key (its own kid, and this pool's kid).
      ["signed by another pool's key", rsa(other.key.pem, { kid: other.key.kid, alg: 'RS256' }, claims)],
      ["another pool's key under this pool's kid", rsa(other.key.pem, header, claims)],
      // No signature at all.
      ['alg none, no signature', `${b64({ kid: mine.key.kid, alg: 'none' })}.${body}.`],
      ['alg none, signature kept', `${b64({ kid: mine.key.kid, alg: 'none' })}.${body}.${sig}`],
      ['alg None', `${b64({ kid: mine.key.kid, alg: 'None' })}.${body}.`],
      ['alg RS256, signature removed', `${head}.${body}.`],
      // Key confusion: HMAC keyed with the public key, as a verifier that trusts "alg" would check it.
      ['HS256 keyed with the public key (SPKI PEM)', hs256(spki)],
      ['HS256 keyed with the public key (PKCS#1 PEM)', hs256(pkcs1)],
      ['HS256 keyed with the public key (JWK)', hs256(jwk)],
      ['HS256 keyed with the public key (DER)', hs256(publicKey.export({ type: 'spki', format: 'der' }))],
    ];
  });

  it('for associate-software-token and verify-software-token; the state is untouched', async () => {
    const before = readFileSync(seeded.stateFile, 'utf8');
    const cases = forgeries.flatMap(([name, token]) => [
      { name, op: 'AssociateSoftwareToken', args: ['associate-software-token', '--access-token', token] },
      {
        name,
        op: 'VerifySoftwareToken',
        args: ['verify-software-token', '--access-token', token, '--user-code', '123456'],
      },
    ]);
    const results = await pool(cases, 4, (c) => spawnCli([...c.args, '--state-file', seeded.stateFile]));
    cases.forEach((c, i) => {
      const r = results[i]!;
      const label = `${c.name} (${c.op})`;
      expect({ label, status: r.status, stdout: r.stdout, stderr: r.stderr }).toEqual({
        label,
        status: 254,
        stdout: '',
        stderr: `\nAn error occurred (NotAuthorizedException) when calling the ${c.op} operation: Invalid Access Token\n`,
      });
    });
    expect(readFileSync(seeded.stateFile, 'utf8')).toBe(before);
    // The genuine token works: the refusals were about the forgeries, not a broken setup.
    const ok = await spawnCli([
      'associate-software-token',
      '--access-token',
      alice,
      '--state-file',
      seeded.stateFile,
    ]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout).SecretCode).toMatch(/^[A-Z2-7]{52}$/);
  });
});

// ---------------------------------------------------------------------------------------------------
// File modes from creation, with a umask that would let everyone read whatever is created loosely.

/** Runs the binary under `sh -c 'umask 000; exec ...'`, optionally inside strace. */
function underUmask000(args: string[], straceLog?: string) {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const node = [process.execPath, BIN, ...args].map(quote).join(' ');
  const traced = straceLog
    ? `strace -f -qq -y -e trace=${TRACED.join(',')} -o ${quote(straceLog)} ${node}`
    : node;
  return spawnSync('sh', ['-c', `umask 000; exec ${traced}`], {
    env: cleanEnv(),
    encoding: 'utf8',
    timeout: 60_000,
  });
}

/** Every system call that can create a file or folder, move one into place, or change its mode. */
const TRACED = [
  'open',
  'openat',
  'creat',
  'mkdir',
  'mkdirat',
  'rename',
  'renameat',
  'renameat2',
  'link',
  'linkat',
  'symlink',
  'symlinkat',
  'chmod',
  'fchmod',
  'fchmodat',
];

interface Call {
  name: string;
  /** The quoted path arguments, in order. */
  paths: string[];
  line: string;
}

/** Parses strace's log: one entry per call (the first half of an interrupted call has the arguments). */
function parseStrace(log: string): Call[] {
  const out: Call[] = [];
  for (const line of log.split('\n')) {
    const m = /^\d+\s+(\w+)\((.*)$/.exec(line);
    if (!m) continue; // "<... resumed>", exits, signals
    const paths = [...m[2]!.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((p) => p[1]!);
    // -y prints a descriptor's path as fd</path>: fchmod has no quoted path of its own.
    if (m[1] === 'fchmod') paths.push(/^\d+<([^>]*)>/.exec(m[2]!)?.[1] ?? '');
    out.push({ name: m[1]!, paths, line });
  }
  return out;
}

/** The mode argument (the last one) of a call, also when strace split the call in two. */
function modeOf(c: Call): string | undefined {
  return /, (0\d{3})(?:\)| <unfinished)/.exec(c.line)?.[1];
}

const STRACE_REASON = (() => {
  const probe = spawnSync('strace', ['-f', '-qq', '-o', '/dev/null', 'true'], { encoding: 'utf8' });
  if (probe.error) return `strace is not installed (${probe.error.message}); .ci/run installs it`;
  if (probe.status !== 0) return `strace cannot trace here (ptrace not permitted?): ${probe.stderr.trim()}`;
  return undefined;
})();

describe('file modes from creation, under umask 000', () => {
  it('a state file two folders deep: the folders 0700, the file 0600, no lock left behind', () => {
    const base = mkdtempSync(join(tmpdir(), 'ct-umask-'));
    const file = join(base, 'new', 'deeper', 'state.json');
    const r = underUmask000(['create-user-pool', '--pool-name', 'p', '--state-file', file]);
    expect(r.status, r.stderr).toBe(0);
    expect(statSync(join(base, 'new')).mode & 0o777).toBe(0o700);
    expect(statSync(join(base, 'new', 'deeper')).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(() => statSync(`${file}.lock`)).toThrow(/ENOENT/);
  });

  it('no moment when it is readable by others: created 0600/0700, the state file only ever renamed into place', (ctx) => {
    if (STRACE_REASON) ctx.skip(STRACE_REASON);
    const base = mkdtempSync(join(tmpdir(), 'ct-strace-'));
    const dir = join(base, 'new', 'deeper');
    const file = join(dir, 'state.json');
    const lock = `${file}.lock`;
    const inside = (p: string) => p.startsWith(`${base}/`);

    const traced = (args: string[]) => {
      const log = join(base, `strace-${Math.random().toString(36).slice(2)}.log`);
      const r = underUmask000([...args, '--state-file', file], log);
      expect(r.status, r.stderr).toBe(0);
      return {
        stdout: r.stdout,
        calls: parseStrace(readFileSync(log, 'utf8')).filter((c) => c.paths.some(inside)),
      };
    };
    // First the command that creates the folders and the file, then one that rewrites it.
    const created = traced(['create-user-pool', '--pool-name', 'p']);
    const first = created.calls;
    const poolId = JSON.parse(created.stdout).UserPool.Id as string;
    const { calls: second } = traced([
      'set-user-pool-mfa-config',
      '--user-pool-id',
      poolId,
      '--software-token-mfa-configuration',
      'Enabled=true',
      '--mfa-configuration',
      'OPTIONAL',
    ]);

    // And a third: by then the state before the last rewrite is kept beside it, and written over.
    const previous = join(dir, '.state.json.previous');
    const { calls: third } = traced([
      'update-user-pool',
      '--user-pool-id',
      poolId,
      '--mfa-configuration',
      'OFF',
    ]);

    for (const [run, calls] of [
      ['create', first],
      ['rewrite', second],
      ['reuse', third],
    ] as const) {
      // Folders: every attempt asks for 0700; the first run makes both levels.
      const mkdirs = calls.filter((c) => c.name === 'mkdir' || c.name === 'mkdirat');
      for (const c of mkdirs) expect(modeOf(c), c.line).toBe('0700');
      if (run === 'create')
        expect(new Set(mkdirs.map((c) => c.paths[0]))).toEqual(new Set([join(base, 'new'), dir]));

      // Every file created in there: O_CREAT|O_EXCL (no following a planted link) and mode 0600.
      const opens = calls.filter((c) => ['open', 'openat', 'creat'].includes(c.name));
      const created = opens.filter((c) => c.name === 'creat' || /O_CREAT/.test(c.line));
      for (const c of created) {
        expect(c.line, run).toMatch(/O_EXCL/);
        expect(modeOf(c), c.line).toBe('0600');
      }
      const createdPaths = new Set(created.map((c) => c.paths[0]!));
      // Among them the state file's temporary file (but when the previous state is written over) and
      // the lock's (written under a unique name).
      expect(
        [...createdPaths].some((p) => p.startsWith(join(dir, '.state.json.')) && p.endsWith('.tmp')),
        run,
      ).toBe(run !== 'reuse');
      expect(
        [...createdPaths].some((p) => p.startsWith(`${lock}.`)),
        run,
      ).toBe(true);
      // Neither the state file nor the lock is ever opened for creation under its own name.
      expect(created.filter((c) => c.paths[0] === file || c.paths[0] === lock)).toEqual([]);

      // The previous state appears only as a second name of the state file, made just before it is
      // replaced; it is opened (never created) only to be written over, without following a link.
      const moves = calls.filter((c) => /^(rename|link|symlink)/.test(c.name));
      for (const c of moves.filter((m) => m.paths[m.paths.length - 1] === previous)) {
        expect(c.name, run).toMatch(/^link/);
        expect(c.paths[0], c.line).toBe(file);
      }
      const tries = opens.filter((c) => c.paths[0] === previous);
      for (const c of tries) expect(c.line, run).toMatch(/O_RDWR.*O_NOFOLLOW|O_NOFOLLOW.*O_RDWR/);
      const writtenOver = tries.filter((c) => !/= -1 E/.test(c.line));
      expect(writtenOver.length > 0, run).toBe(run === 'reuse');
      // The state file appears only by renaming onto it one of those 0600 temporary files, or the
      // previous state once written over and moved to a temporary name.
      const fromPrevious = new Set(
        moves.filter((c) => /^rename/.test(c.name) && c.paths[0] === previous).map((c) => c.paths[1]!),
      );
      const ontoFile = moves.filter((c) => c.paths[c.paths.length - 1] === file);
      expect(ontoFile.length, run).toBeGreaterThan(0);
      for (const c of ontoFile) {
        expect(c.name, run).toMatch(/^rename/);
        expect(createdPaths.has(c.paths[0]!) || fromPrevious.has(c.paths[0]!), c.line).toBe(true);
      }
      expect(fromPrevious.size > 0, run).toBe(run === 'reuse');
      // The lock appears only by hard-linking a 0600 file made for it (or, without hard links,
      // by the O_EXCL creation checked above).
      for (const c of moves.filter((m) => m.paths[m.paths.length - 1] === lock)) {
        expect(c.name, run).toMatch(/^link/);
        expect(createdPaths.has(c.paths[0]!), c.line).toBe(true);
      }
      // Nothing loosens a mode afterwards.
      for (const c of calls.filter((x) => /chmod/.test(x.name)))
        expect(modeOf(c), c.line).toMatch(/^0[67]00$/);
    }
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(previous).mode & 0o777).toBe(0o600);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });
});
