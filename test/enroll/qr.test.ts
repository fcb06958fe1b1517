// The enrollment URI and its QR code: built per Google's Key Uri Format, drawn with a quiet zone in
// explicit black and white, and read back by zbarimg from an image of what the terminal shows, on a
// dark and on a light theme, in both sizes, and through the built program's --qr.
import { randomBytes } from 'node:crypto';
import { Secret } from 'otpauth';
import qrcodeTerminal from 'qrcode-terminal';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  accountNameFromToken,
  buildOtpauthUri,
  printEnrollment,
  QUIET_ZONE,
  qrMatrix,
  renderQr,
} from '../../src/cli/enrollment.ts';
import { ensureBuilt, runBin, sandbox, seedPool } from './bin.ts';
import { fakeIo } from './fake-io.ts';
import { decodeScreen, screenToPixels } from './screen-image.ts';

const secret52 = () =>
  new Secret({ buffer: randomBytes(32).buffer as ArrayBuffer }).base32.replace(/=+$/, '');

describe('buildOtpauthUri (Key Uri Format)', () => {
  it('labels ISSUER:ACCOUNT, repeats the issuer, and leaves default parameters out', () => {
    expect(buildOtpauthUri({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'Example', accountName: 'alice' })).toBe(
      'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example',
    );
    expect(
      buildOtpauthUri({
        secret: 'JBSWY3DPEHPK3PXP',
        issuer: 'Example',
        accountName: 'alice',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
      }),
    ).toBe('otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP&issuer=Example');
  });

  it('percent-encodes the label parts and the issuer parameter', () => {
    expect(
      buildOtpauthUri({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'ACME Co: Dev', accountName: 'jo@example.com' }),
    ).toBe(
      'otpauth://totp/ACME%20Co%3A%20Dev:jo%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co%3A%20Dev',
    );
    expect(buildOtpauthUri({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'Café', accountName: 'zoë' })).toBe(
      'otpauth://totp/Caf%C3%A9:zo%C3%AB?secret=JBSWY3DPEHPK3PXP&issuer=Caf%C3%A9',
    );
  });

  it('drops padding and spaces from the secret and upper-cases it', () => {
    expect(buildOtpauthUri({ secret: 'jbsw y3dp ehpk 3pxp====', issuer: 'X', accountName: 'a' })).toBe(
      'otpauth://totp/X:a?secret=JBSWY3DPEHPK3PXP&issuer=X',
    );
  });

  it('adds algorithm, digits and period only where they differ from the defaults', () => {
    expect(
      buildOtpauthUri({
        secret: 'JBSWY3DPEHPK3PXP',
        issuer: 'X',
        accountName: 'a',
        algorithm: 'SHA256',
        digits: 8,
        period: 60,
      }),
    ).toBe('otpauth://totp/X:a?secret=JBSWY3DPEHPK3PXP&issuer=X&algorithm=SHA256&digits=8&period=60');
  });
});

describe('accountNameFromToken', () => {
  const jwt = (claims: object) =>
    `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;
  it('reads username, else cognito:username, without checking the signature', () => {
    expect(accountNameFromToken(jwt({ username: 'alice', 'cognito:username': 'x' }))).toBe('alice');
    expect(accountNameFromToken(jwt({ 'cognito:username': 'bob' }))).toBe('bob');
  });
  it('gives undefined for anything else', () => {
    expect(accountNameFromToken(jwt({ sub: '1' }))).toBeUndefined();
    expect(accountNameFromToken('not-a-jwt')).toBeUndefined();
    expect(accountNameFromToken('a.%%%.c')).toBeUndefined();
    expect(accountNameFromToken(`a.${Buffer.from('[1]').toString('base64url')}.c`)).toBeUndefined();
  });
});

describe('the QR code in the terminal', () => {
  const uris = [
    buildOtpauthUri({ secret: secret52(), issuer: 'cognito-totp-demo', accountName: 'demo-user' }),
    buildOtpauthUri({ secret: secret52(), issuer: 'ACME Co: Dev', accountName: 'jo@example.com' }),
    buildOtpauthUri({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'Café', accountName: 'zoë' }),
    buildOtpauthUri({ secret: secret52(), issuer: 'a'.repeat(60), accountName: 'b'.repeat(60) }),
  ];

  for (const small of [false, true]) {
    for (const theme of ['dark', 'light'] as const) {
      it(`${small ? 'qr-small' : 'qr'} decodes back to the exact URI on a ${theme} theme`, async () => {
        for (const uri of uris) expect(decodeScreen(await renderQr(uri, small), theme)).toEqual([uri]);
      });
    }
  }

  it('has a quiet zone of at least 4 light modules on every side', async () => {
    const uri = uris[0]!;
    const modules = await qrMatrix(uri);
    expect(QUIET_ZONE).toBeGreaterThanOrEqual(4);
    // qr: a module is 2 columns by 1 row, i.e. 2x2 pixels; qr-small: 1x1 pixel.
    for (const [small, px] of [
      [false, 2],
      [true, 1],
    ] as const) {
      const pixels = screenToPixels(await renderQr(uri, small));
      const margin = QUIET_ZONE * px;
      const size = modules.length * px;
      expect(pixels[0]!.length).toBe(size + 2 * margin);
      for (let y = 0; y < pixels.length; y++) {
        for (let x = 0; x < pixels[y]!.length; x++) {
          const inside = y >= margin && y < margin + size && x >= margin && x < margin + size;
          if (!inside) expect(pixels[y]![x], `pixel ${x},${y} of ${small ? 'qr-small' : 'qr'}`).toBe(255);
        }
      }
    }
  });

  it("qrcode-terminal's own half-block drawing does not scan on a light theme (why it is redrawn)", () => {
    let drawn = '';
    qrcodeTerminal.generate(uris[0]!, { small: true }, (s) => {
      drawn = s;
    });
    const asShown = drawn
      .split('\n')
      .map((l) => `\x1b[0m${l}`)
      .join('\n');
    expect(decodeScreen(asShown, 'dark')).toEqual([uris[0]]);
    expect(decodeScreen(asShown, 'light')).toEqual([]);
  });

  it('printEnrollment writes the QR and the URI to stderr only; uri mode writes the URI alone', async () => {
    const d = { secret: 'JBSWY3DPEHPK3PXP', issuer: 'Shop', accountName: 'alice' };
    const uri = 'otpauth://totp/Shop:alice?secret=JBSWY3DPEHPK3PXP&issuer=Shop';
    for (const mode of ['qr', 'qr-small'] as const) {
      const io = fakeIo();
      await printEnrollment(io, { ...d, mode });
      expect(io.stdoutText()).toBe('');
      expect(io.stderrText().endsWith(`\n${uri}\n`)).toBe(true);
      expect(decodeScreen(io.stderrText(), 'dark')).toEqual([uri]);
    }
    const io = fakeIo();
    await printEnrollment(io, { ...d, mode: 'uri' });
    expect(io.stderrText()).toBe(`${uri}\n`);
    expect(io.stdoutText()).toBe('');
  });
});

describe('associate-software-token --qr through the built program', () => {
  beforeAll(() => ensureBuilt());

  for (const flag of ['--qr', '--qr-small']) {
    it(`${flag}: stdout is exactly the JSON; stderr's QR decodes to the URI of that secret`, () => {
      const box = sandbox();
      const seed = seedPool(box.stateFile, { poolName: 'Shop Dev', username: 'alice' });
      const token = seed.signIn().AuthenticationResult.AccessToken as string;
      const r = runBin(
        ['associate-software-token', '--access-token', token, flag, '--state-file', box.stateFile],
        {
          env: box.env,
        },
      );
      expect(r.status, r.stderr).toBe(0);
      const secret = JSON.parse(r.stdout).SecretCode as string;
      expect(r.stdout).toBe(`{\n    "SecretCode": "${secret}"\n}\n`);
      const uri = `otpauth://totp/Shop%20Dev:alice?secret=${secret}&issuer=Shop%20Dev`;
      expect(decodeScreen(r.stderr, 'dark')).toEqual([uri]);
      expect(decodeScreen(r.stderr, 'light')).toEqual([uri]);
      expect(r.stderr.trimEnd().endsWith(uri)).toBe(true);
    });
  }

  it('--otpauth-uri --issuer --account-name prints that URI alone on stderr', () => {
    const box = sandbox();
    const seed = seedPool(box.stateFile);
    const token = seed.signIn().AuthenticationResult.AccessToken as string;
    const r = runBin(
      [
        'associate-software-token',
        '--access-token',
        token,
        '--otpauth-uri',
        '--issuer',
        'My App',
        '--account-name',
        'alice@example.com',
        '--state-file',
        box.stateFile,
      ],
      { env: box.env },
    );
    expect(r.status, r.stderr).toBe(0);
    const secret = JSON.parse(r.stdout).SecretCode as string;
    expect(r.stderr).toBe(`otpauth://totp/My%20App:alice%40example.com?secret=${secret}&issuer=My%20App\n`);
  });

  it('the issuer setting names the issuer when --issuer is not given', () => {
    const box = sandbox();
    const seed = seedPool(box.stateFile);
    expect(runBin(['configure', 'set', 'issuer', 'Acme'], { env: box.env }).status).toBe(0);
    const token = seed.signIn().AuthenticationResult.AccessToken as string;
    const r = runBin(
      ['associate-software-token', '--access-token', token, '--otpauth-uri', '--state-file', box.stateFile],
      {
        env: box.env,
      },
    );
    expect(r.stderr).toMatch(/^otpauth:\/\/totp\/Acme:alice\?secret=[A-Z2-7]+&issuer=Acme\n$/);
  });
});
