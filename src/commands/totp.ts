// cognito-totp totp: the current code of a TOTP secret (RFC 6238), for scripts and tests. The codes
// come from the same codeAt the local emulator verifies with; a test holds them to oathtool's.
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { codeAt, stepAt } from '../backend/local/totp.ts';
import { EXIT, ParamError } from '../errors.ts';
import type { Io } from '../shared/io.ts';
import { intOption, parseCommand } from './args.ts';
import { type Algorithm, checkAlgorithm } from './specs.ts';

export interface TotpSpec {
  secret: string;
  algorithm: Algorithm;
  digits: number;
  period: number;
}

/** Base32 as authenticator apps accept it: spaces, `=` padding and case do not matter. */
export function normaliseSecret(raw: string): string {
  const s = raw.replace(/[\s=-]/g, '').toUpperCase();
  if (s === '') throw new ParamError('The secret is empty.');
  if (!/^[A-Z2-7]+$/.test(s)) {
    throw new ParamError(
      'The secret is not base32 (letters A-Z and digits 2-7, as associate-software-token returns).',
    );
  }
  return s;
}

/** The secret and any parameters carried by an otpauth:// URI. */
export function parseOtpauth(uri: string): Partial<TotpSpec> & { secret: string } {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new ParamError('The otpauth:// URI cannot be parsed.');
  }
  if (url.host !== 'totp') throw new ParamError(`Only otpauth://totp/ URIs are supported, not ${url.host}.`);
  const secret = url.searchParams.get('secret');
  if (!secret) throw new ParamError('The otpauth:// URI has no secret parameter.');
  const out: Partial<TotpSpec> & { secret: string } = { secret: normaliseSecret(secret) };
  const algorithm = url.searchParams.get('algorithm')?.toUpperCase();
  if (algorithm !== undefined) out.algorithm = checkAlgorithm(algorithm);
  const digits = url.searchParams.get('digits');
  if (digits !== null) out.digits = intOption(digits, 'digits (in the URI)', 4, 10)!;
  const period = url.searchParams.get('period');
  if (period !== null) out.period = intOption(period, 'period (in the URI)', 1, 86_400)!;
  return out;
}

/**
 * --at: whole or fractional epoch seconds, or an ISO 8601 date-time (one without an offset is
 * taken as UTC, so that a script gives the same answer everywhere).
 */
export function parseAt(v: string): number {
  if (/^\d+(\.\d+)?$/.test(v)) return Math.floor(Number(v) * 1000);
  let s = v.trim();
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s)) s = `${s.replace(' ', 'T')}Z`;
  const ms = /^\d{4}-\d{2}-\d{2}/.test(s) ? Date.parse(s) : Number.NaN;
  if (!Number.isFinite(ms) || ms < 0) {
    throw new ParamError(
      `Invalid --at '${v}': give epoch seconds (1767225600) or an ISO 8601 time (2026-01-01T00:00:00Z).`,
    );
  }
  return ms;
}

/** The code at a time, and the whole seconds left in its window. */
export function totpAt(spec: TotpSpec, ms: number): { code: string; remaining: number } {
  const code = codeAt(spec.secret, stepAt(ms, spec.period), {
    algorithm: spec.algorithm,
    digits: spec.digits,
    period: spec.period,
  });
  const remaining = spec.period - (Math.floor(ms / 1000) % spec.period);
  return { code, remaining };
}

async function readSecret(value: string, io: Io): Promise<string> {
  if (value === '-') return io.readStdin();
  if (value.startsWith('file://')) {
    const path = value.slice('file://'.length);
    try {
      return readFileSync(isAbsolute(path) ? path : join(io.cwd, path), 'utf8');
    } catch (e) {
      throw new ParamError(`Unable to load the secret from ${value}: ${(e as Error).message}`);
    }
  }
  return value;
}

/** The options of `totp` (also read by the completion generator). */

export default async function totpCommand(args: string[], io: Io, now = () => Date.now()): Promise<number> {
  const parsed = parseCommand('totp', args, io.env);
  if ('help' in parsed) {
    io.stdout(parsed.help);
    return EXIT.ok;
  }
  const { opts, operands } = parsed;
  if (operands.length) throw new ParamError(`cognito-totp totp: unexpected argument '${operands[0]}'.`);
  if (typeof opts.secret !== 'string') {
    throw new ParamError(
      "cognito-totp totp: the --secret option is required.\nSee 'cognito-totp totp --help'.",
    );
  }
  const raw = (await readSecret(opts.secret, io)).trim();
  const fromUri = raw.startsWith('otpauth://') ? parseOtpauth(raw) : { secret: normaliseSecret(raw) };
  const spec: TotpSpec = {
    secret: fromUri.secret,
    algorithm:
      typeof opts.algorithm === 'string' ? checkAlgorithm(opts.algorithm) : (fromUri.algorithm ?? 'SHA1'),
    digits: intOption(opts.digits, '--digits', 4, 10) ?? fromUri.digits ?? 6,
    period: intOption(opts.period, '--period', 1, 86_400) ?? fromUri.period ?? 30,
  };
  const ms = typeof opts.at === 'string' ? parseAt(opts.at) : now();
  const { code, remaining } = totpAt(spec, ms);
  io.stdout(opts.remaining ? `${code} ${remaining}\n` : `${code}\n`);
  return EXIT.ok;
}
