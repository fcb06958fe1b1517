// An enrollment shown to a person: the otpauth:// URI (Google's Key Uri Format) and its QR code
// drawn in the terminal, on stderr so that stdout stays exactly what the AWS CLI prints.

import type { Backend, Wire } from '../backend/backend.ts';
import { readSetting } from '../config/settings.ts';
import { GeneralError } from '../errors.ts';
import type { Io } from '../shared/io.ts';
import { loadQrcodeTerminal } from '../shared/lazy.ts';

export interface OtpauthParams {
  secret: string;
  issuer: string;
  accountName: string;
  algorithm?: 'SHA1' | 'SHA256' | 'SHA512';
  digits?: number;
  period?: number;
}

/**
 * `otpauth://totp/ISSUER:ACCOUNT?secret=SECRET&issuer=ISSUER`, per
 * https://github.com/google/google-authenticator/wiki/Key-Uri-Format: label parts percent-encoded,
 * the secret in base32 without padding, algorithm/digits/period only when not the defaults
 * (SHA1, 6, 30), since some apps ignore them and others refuse values they do not support.
 */
export function buildOtpauthUri(p: OtpauthParams): string {
  const secret = p.secret.replace(/[\s=]/g, '').toUpperCase();
  const label = `${encodeURIComponent(p.issuer)}:${encodeURIComponent(p.accountName)}`;
  let query = `secret=${secret}&issuer=${encodeURIComponent(p.issuer)}`;
  if (p.algorithm !== undefined && p.algorithm !== 'SHA1') query += `&algorithm=${p.algorithm}`;
  if (p.digits !== undefined && p.digits !== 6) query += `&digits=${p.digits}`;
  if (p.period !== undefined && p.period !== 30) query += `&period=${p.period}`;
  return `otpauth://totp/${label}?${query}`;
}

/** The user name claim of an access token, read without checking it (a label, not a decision). */
export function accountNameFromToken(token: string): string | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (typeof claims !== 'object' || claims === null) return undefined;
    const c = claims as Record<string, unknown>;
    const name = c.username ?? c['cognito:username'];
    return typeof name === 'string' && name !== '' ? name : undefined;
  } catch {
    return undefined;
  }
}

export interface EnrollmentDisplay {
  secret: string;
  issuer: string;
  accountName: string;
  mode: 'qr' | 'qr-small' | 'uri';
}

/** Light modules around the symbol: ISO/IEC 18004 asks for 4; scanners struggle with less. */
export const QUIET_ZONE = 4;

/**
 * The QR code's modules (true = dark), from qrcode-terminal. Its public API only draws, so the
 * matrix is read back from its full-size drawing: one `ESC[40m  ESC[0m` (dark) or `ESC[47m  ESC[0m`
 * (light) per module, inside a one-module light border that is dropped here.
 */
export async function qrMatrix(text: string): Promise<boolean[][]> {
  const qrcode = loadQrcodeTerminal();
  let drawn = '';
  qrcode.generate(text, { small: false }, (s) => {
    drawn = s;
  });
  const rows = drawn
    .split('\n')
    .filter((l) => l !== '')
    .map((line) => {
      const cell = /\x1b\[(40|47)m {2}\x1b\[0m/g;
      // Anything else on the line means a drawing this parser does not know: refuse it below.
      if (line.replace(cell, '') !== '') return [];
      return [...line.matchAll(cell)].map((m) => m[1] === '40');
    });
  const size = rows.length - 2;
  const ok =
    size >= 21 &&
    (size - 17) % 4 === 0 &&
    rows.every((r) => r.length === size + 2) &&
    rows[0]!.every((d) => !d) &&
    rows[size + 1]!.every((d) => !d);
  if (!ok) throw new GeneralError('Could not draw the QR code (qrcode-terminal drew something unexpected).');
  return rows.slice(1, size + 1).map((r) => r.slice(1, size + 1));
}

// Explicit black and white, whatever the terminal's theme: a QR code is an image, so it is drawn
// in colour even when --color is off (a dark-on-light or light-on-dark default would invert it).
const FG = { dark: '\x1b[30m', light: '\x1b[97m' };
const BG = { dark: '\x1b[40m', light: '\x1b[107m' };
const RESET = '\x1b[0m';

function withQuietZone(modules: boolean[][]): boolean[][] {
  const width = modules.length + 2 * QUIET_ZONE;
  const blank = () => new Array<boolean>(width).fill(false);
  const pad = new Array<boolean>(QUIET_ZONE).fill(false);
  return [
    ...Array.from({ length: QUIET_ZONE }, blank),
    ...modules.map((r) => [...pad, ...r, ...pad]),
    ...Array.from({ length: QUIET_ZONE }, blank),
  ];
}

/** Two columns per module (a square on most fonts), a background colour each. */
export function drawQr(modules: boolean[][]): string {
  const out: string[] = [];
  for (const row of withQuietZone(modules)) {
    let line = '';
    let bg: boolean | undefined;
    for (const dark of row) {
      if (dark !== bg) line += dark ? BG.dark : BG.light;
      bg = dark;
      line += '  ';
    }
    out.push(line + RESET);
  }
  return `${out.join('\n')}\n`;
}

/** One column and half a row per module: `▀` in the upper module's colour on the lower one's. */
export function drawQrSmall(modules: boolean[][]): string {
  const grid = withQuietZone(modules);
  if (grid.length % 2 === 1) grid.push(new Array<boolean>(grid[0]!.length).fill(false));
  const out: string[] = [];
  for (let y = 0; y < grid.length; y += 2) {
    const top = grid[y]!;
    const bottom = grid[y + 1]!;
    let line = '';
    let fg: boolean | undefined;
    let bg: boolean | undefined;
    for (let x = 0; x < top.length; x++) {
      const t = top[x]!;
      const b = bottom[x]!;
      if (t !== fg) line += t ? FG.dark : FG.light;
      if (b !== bg) line += b ? BG.dark : BG.light;
      fg = t;
      bg = b;
      line += '\u2580';
    }
    out.push(line + RESET);
  }
  return `${out.join('\n')}\n`;
}

/** The QR code of `text`, ready to print. */
export async function renderQr(text: string, small: boolean): Promise<string> {
  const modules = await qrMatrix(text);
  return small ? drawQrSmall(modules) : drawQr(modules);
}

/** Prints the enrollment to stderr: the QR code (unless mode is 'uri') then the URI. */
export async function printEnrollment(io: Io, d: EnrollmentDisplay): Promise<void> {
  const uri = buildOtpauthUri({ secret: d.secret, issuer: d.issuer, accountName: d.accountName });
  if (d.mode !== 'uri') io.stderr(`\n${await renderQr(uri, d.mode === 'qr-small')}\n`);
  io.stderr(`${uri}\n`);
}

/** --qr / --qr-small / --otpauth-uri after associate-software-token: the enrollment for a person, on
 * stderr so pipes stay clean. */
export async function showEnrollment({
  io,
  extras,
  request,
  response,
  backend,
}: {
  io: Io;
  extras: Readonly<Record<string, string | boolean | undefined>>;
  request: Wire;
  response: Wire;
  backend: Backend;
}): Promise<void> {
  const mode = extras['--qr-small']
    ? 'qr-small'
    : extras['--qr']
      ? 'qr'
      : extras['--otpauth-uri']
        ? 'uri'
        : undefined;
  const secret = response.SecretCode;
  if (!mode || typeof secret !== 'string') return;
  const subject = backend.subjectInfo ? backend.subjectInfo(request) : {};
  const fromToken =
    typeof request.AccessToken === 'string' ? accountNameFromToken(request.AccessToken) : undefined;
  const accountName =
    (typeof extras['--account-name'] === 'string' ? extras['--account-name'] : undefined) ??
    subject.username ??
    fromToken;
  if (accountName === undefined) {
    io.stderr(
      'warning: the user name cannot be read from a Session here; pass --account-name to label the entry.\n',
    );
  }
  const issuer =
    (typeof extras['--issuer'] === 'string' ? extras['--issuer'] : undefined) ??
    readSetting(io.env, 'issuer') ??
    subject.poolName ??
    'AWSCognito';
  await printEnrollment(io, { secret, issuer, accountName: accountName ?? 'user', mode });
}
