// Owns the Python builtins AWS CLI v2's parameter handling runs on decoded input: len() of a str
// (code points), str.isspace()/strip(), and int() with CPython 3.11's accepted syntax and error texts
// (Objects/longobject.c, the 4300-digit limit of sys.int_info), as shorthand and validation need them.
import { bytesRepr, isPyInt, PyFloat, pyTypeName, strRepr } from './value.ts';

/** Python's len() of a str: code points, not UTF-16 units (a lone surrogate counts as one). */
export function pyLen(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** The characters Python's str.isspace() (and `\s` in a str pattern) accepts. */
export const PY_WHITESPACE_CLASS =
  '\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const LEADING_WS = new RegExp(`^[${PY_WHITESPACE_CLASS}]+`, 'u');
const TRAILING_WS = new RegExp(`[${PY_WHITESPACE_CLASS}]+$`, 'u');

export function pyLstrip(s: string): string {
  return s.replace(LEADING_WS, '');
}
export function pyRstrip(s: string): string {
  return s.replace(TRAILING_WS, '');
}
export function pyStrip(s: string): string {
  return pyRstrip(pyLstrip(s));
}

/** A Python exception other than the ones AWS CLI v2 reports as parameter errors; `message` is str(e). */
export class PyRuntimeError extends Error {
  override readonly name = 'PyRuntimeError';
  constructor(
    /** ValueError, TypeError, AttributeError, IndexError ... */
    readonly pyType: string,
    message: string,
  ) {
    super(message);
  }
}

const MAX_INT_DIGITS = 4300;

/**
 * Python's int(x) for the values shorthand and flags can hold: a str (surrounding whitespace,
 * a sign, `_` between digits and any Unicode decimal digits allowed), or bytes (ASCII only).
 * Anything else is a TypeError, a bad literal a ValueError, with CPython's texts.
 */
export function pyInt(value: unknown): number | bigint {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (isPyInt(value)) return value;
  if (value instanceof PyFloat) {
    if (!Number.isFinite(value.value)) {
      throw new PyRuntimeError(
        Number.isNaN(value.value) ? 'ValueError' : 'OverflowError',
        Number.isNaN(value.value)
          ? 'cannot convert float NaN to integer'
          : 'cannot convert float infinity to integer',
      );
    }
    return exactInt(BigInt(Math.trunc(value.value)));
  }
  let text: string;
  if (typeof value === 'string') text = value;
  else if (Buffer.isBuffer(value)) text = value.toString('latin1');
  else {
    throw new PyRuntimeError(
      'TypeError',
      `int() argument must be a string, a bytes-like object or a real number, not '${pyTypeName(value).replace(/^collections\./, '')}'`,
    );
  }
  const m = /^([+-]?)((?:\p{Nd}(?:_?\p{Nd})*))$/u.exec(pyStrip(text));
  if (!m) {
    const shown = Buffer.isBuffer(value) ? bytesRepr(value) : [...strRepr(text)].slice(0, 200).join('');
    throw new PyRuntimeError('ValueError', `invalid literal for int() with base 10: ${shown}`);
  }
  let digits = '';
  for (const ch of m[2]!.replaceAll('_', '')) digits += String(decimalDigitValue(ch));
  if (digits.length > MAX_INT_DIGITS) {
    throw new PyRuntimeError(
      'ValueError',
      `Exceeds the limit (${MAX_INT_DIGITS} digits) for integer string conversion: value has ${digits.length} digits; use sys.set_int_max_str_digits() to increase the limit`,
    );
  }
  return exactInt(BigInt(m[1] === '-' ? `-${digits}` : digits));
}

function exactInt(n: bigint): number | bigint {
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
}

/**
 * The value of a Unicode decimal digit. Unicode keeps every Nd run as ten consecutive code points
 * from 0 to 9 (a stability policy), so the value is the distance from the start of its run mod 10.
 */
function decimalDigitValue(ch: string): number {
  let cp = ch.codePointAt(0)!;
  if (cp <= 0x39) return cp - 0x30;
  let n = 0;
  while (/\p{Nd}/u.test(String.fromCodePoint(cp - 1))) {
    cp--;
    n++;
  }
  return n % 10;
}
