// Owns json.loads, as AWS CLI v2 runs it (CPython 3.11, the C scanner in Modules/_json.c): the same
// accepted language (NaN, Infinity, -Infinity; ints vs floats), the same Python values (see value.ts)
// and the same error text, e.g. `Expecting ',' delimiter: line 1 column 42 (char 41)`, because v2
// prints that text for a bad JSON flag value. Positions count code points, as Python does. Used for
// flag values, --cli-input-json and the literals of --query (src/output/query.ts).
import { markOrderedDict, PyFloat, setPyKey } from './value.ts';

/** json.JSONDecodeError or another ValueError json.loads raises; `message` is Python's str(e). */
export class PyJsonError extends Error {
  override readonly name = 'PyJsonError';
}

/**
 * Python's RecursionError while decoding deeply nested JSON. It is not a ValueError, so v2 does not
 * turn it into a parameter error: it ends as a general error (rc 255).
 */
export class PyRecursionError extends Error {
  override readonly name = 'PyRecursionError';
}

export interface PyJsonOptions {
  /** Objects become collections.OrderedDict (argprocess.py's object_pairs_hook=OrderedDict). */
  readonly orderedDicts?: boolean;
}

// CPython's default recursion limit is 1000 and v2 has used roughly a hundred frames by the time it
// decodes; the exact depth at which v2 fails cannot be reproduced, so we fail at a comparable depth.
const MAX_DEPTH = 900;
// CPython 3.11 refuses to convert ints of more than 4300 digits (sys.int_info.default_max_str_digits).
const MAX_INT_DIGITS = 4300;

class Stop {
  constructor(readonly pos: number) {}
}

const WS = new Set([' ', '\t', '\n', '\r']);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

class Scanner {
  private depth = 0;
  constructor(
    private readonly s: readonly string[],
    private readonly doc: string[],
    private readonly ordered: boolean,
  ) {}

  error(msg: string, pos: number): never {
    throw new PyJsonError(formatJsonError(msg, this.doc, pos));
  }

  scanOnce(idx: number): [unknown, number] {
    const s = this.s;
    const len = s.length;
    if (idx >= len) throw new Stop(idx);
    const c = s[idx];
    switch (c) {
      case '"':
        return this.scanString(idx + 1);
      case '{':
        return this.nested('object', () => this.parseObject(idx + 1));
      case '[':
        return this.nested('array', () => this.parseArray(idx + 1));
      case 'n':
        if (idx + 3 < len && s[idx + 1] === 'u' && s[idx + 2] === 'l' && s[idx + 3] === 'l')
          return [null, idx + 4];
        break;
      case 't':
        if (idx + 3 < len && s[idx + 1] === 'r' && s[idx + 2] === 'u' && s[idx + 3] === 'e')
          return [true, idx + 4];
        break;
      case 'f':
        if (idx + 4 < len && s.slice(idx + 1, idx + 5).join('') === 'alse') return [false, idx + 5];
        break;
      case 'N':
        if (idx + 2 < len && s[idx + 1] === 'a' && s[idx + 2] === 'N')
          return [new PyFloat(Number.NaN), idx + 3];
        break;
      case 'I':
        if (idx + 7 < len && s.slice(idx + 1, idx + 8).join('') === 'nfinity')
          return [new PyFloat(Number.POSITIVE_INFINITY), idx + 8];
        break;
      case '-':
        if (idx + 8 < len && s.slice(idx + 1, idx + 9).join('') === 'Infinity')
          return [new PyFloat(Number.NEGATIVE_INFINITY), idx + 9];
        break;
    }
    return this.matchNumber(idx);
  }

  private nested(kind: string, parse: () => [unknown, number]): [unknown, number] {
    if (++this.depth > MAX_DEPTH) {
      throw new PyRecursionError(
        `maximum recursion depth exceeded while decoding a JSON ${kind} from a unicode string`,
      );
    }
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  private matchNumber(start: number): [unknown, number] {
    const s = this.s;
    const endIdx = s.length - 1;
    let idx = start;
    if (s[idx] === '-') {
      idx++;
      if (idx > endIdx) throw new Stop(start);
    }
    if (s[idx] !== undefined && s[idx]! >= '1' && s[idx]! <= '9') {
      idx++;
      while (idx <= endIdx && isDigit(s[idx])) idx++;
    } else if (s[idx] === '0') {
      idx++;
    } else {
      throw new Stop(start);
    }
    let isFloat = false;
    if (idx < endIdx && s[idx] === '.' && isDigit(s[idx + 1])) {
      isFloat = true;
      idx += 2;
      while (idx <= endIdx && isDigit(s[idx])) idx++;
    }
    if (idx < endIdx && (s[idx] === 'e' || s[idx] === 'E')) {
      const eStart = idx;
      idx++;
      if (idx < endIdx && (s[idx] === '-' || s[idx] === '+')) idx++;
      while (idx <= endIdx && isDigit(s[idx])) idx++;
      if (isDigit(s[idx - 1])) isFloat = true;
      else idx = eStart;
    }
    const text = s.slice(start, idx).join('');
    if (isFloat) return [new PyFloat(Number.parseFloat(text)), idx];
    return [parseInt10(text), idx];
  }

  private scanString(end: number): [string, number] {
    const s = this.s;
    const len = s.length;
    const begin = end - 1;
    const chunks: string[] = [];
    for (;;) {
      let next = end;
      let c = '';
      for (; next < len; next++) {
        c = s[next]!;
        if (c === '"' || c === '\\') break;
        if (c.codePointAt(0)! <= 0x1f) this.error('Invalid control character at', next);
      }
      if (next >= len || !(c === '"' || c === '\\')) this.error('Unterminated string starting at', begin);
      if (next !== end) chunks.push(s.slice(end, next).join(''));
      next++;
      if (c === '"') {
        end = next;
        break;
      }
      if (next === len) this.error('Unterminated string starting at', begin);
      c = s[next]!;
      if (c !== 'u') {
        end = next + 1;
        const simple = ESCAPES[c];
        if (simple === undefined) this.error('Invalid \\escape', end - 2);
        chunks.push(simple);
      } else {
        next++;
        end = next + 4;
        if (end >= len) this.error('Invalid \\uXXXX escape', next - 1);
        let cp = this.hex4(next, end);
        next = end;
        if (cp >= 0xd800 && cp <= 0xdbff && end + 6 < len && s[next] === '\\' && s[next + 1] === 'u') {
          end += 6;
          const cp2 = this.hex4(next + 2, end);
          if (cp2 >= 0xdc00 && cp2 <= 0xdfff) cp = 0x10000 + (((cp - 0xd800) << 10) | (cp2 - 0xdc00));
          else end -= 6;
        }
        chunks.push(String.fromCodePoint(cp));
      }
    }
    return [chunks.join(''), end];
  }

  private hex4(from: number, end: number): number {
    let v = 0;
    for (let i = from; i < end; i++) {
      const ch = this.s[i]!;
      if (!/^[0-9a-fA-F]$/.test(ch)) this.error('Invalid \\uXXXX escape', end - 5);
      v = (v << 4) | Number.parseInt(ch, 16);
    }
    return v;
  }

  private skipWs(idx: number): number {
    while (idx < this.s.length && WS.has(this.s[idx]!)) idx++;
    return idx;
  }

  private parseObject(start: number): [unknown, number] {
    const s = this.s;
    const endIdx = s.length - 1;
    const obj: Record<string, unknown> = {};
    let idx = this.skipWs(start);
    if (idx > endIdx || s[idx] !== '}') {
      for (;;) {
        if (idx > endIdx || s[idx] !== '"')
          this.error('Expecting property name enclosed in double quotes', idx);
        const [key, afterKey] = this.scanString(idx + 1);
        idx = this.skipWs(afterKey);
        if (idx > endIdx || s[idx] !== ':') this.error("Expecting ':' delimiter", idx);
        idx = this.skipWs(idx + 1);
        const [value, afterValue] = this.scanOnce(idx);
        setPyKey(obj, key, value);
        idx = this.skipWs(afterValue);
        if (idx <= endIdx && s[idx] === '}') break;
        if (idx > endIdx || s[idx] !== ',') this.error("Expecting ',' delimiter", idx);
        idx = this.skipWs(idx + 1);
      }
    }
    return [this.ordered ? markOrderedDict(obj) : obj, idx + 1];
  }

  private parseArray(start: number): [unknown, number] {
    const s = this.s;
    const endIdx = s.length - 1;
    const arr: unknown[] = [];
    let idx = this.skipWs(start);
    if (idx > endIdx || s[idx] !== ']') {
      for (;;) {
        const [value, afterValue] = this.scanOnce(idx);
        arr.push(value);
        idx = this.skipWs(afterValue);
        if (idx <= endIdx && s[idx] === ']') break;
        if (idx > endIdx || s[idx] !== ',') this.error("Expecting ',' delimiter", idx);
        idx = this.skipWs(idx + 1);
      }
    }
    return [arr, idx + 1];
  }
}

const ESCAPES: Record<string, string | undefined> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** int(text) for a JSON integer literal: a number when exact, else a bigint. */
function parseInt10(text: string): number | bigint {
  const digits = text.startsWith('-') ? text.length - 1 : text.length;
  if (digits > MAX_INT_DIGITS) {
    throw new PyJsonError(
      `Exceeds the limit (${MAX_INT_DIGITS} digits) for integer string conversion: value has ${digits} digits; use sys.set_int_max_str_digits() to increase the limit`,
    );
  }
  const n = Number(text);
  if (Number.isSafeInteger(n)) return Object.is(n, -0) ? 0 : n;
  return BigInt(text);
}

/** `msg: line L column C (char P)` as json.JSONDecodeError words it (positions in code points). */
function formatJsonError(msg: string, doc: readonly string[], pos: number): string {
  let lineno = 1;
  let lastNl = -1;
  for (let i = 0; i < pos && i < doc.length; i++) {
    if (doc[i] === '\n') {
      lineno++;
      lastNl = i;
    }
  }
  return `${msg}: line ${lineno} column ${pos - lastNl} (char ${pos})`;
}

/**
 * json.loads(text). Throws PyJsonError with Python's message for anything json.loads rejects with
 * a ValueError, PyRecursionError for nesting deeper than Python manages.
 */
export function pyJsonLoads(text: string, opts: PyJsonOptions = {}): unknown {
  const chars = Array.from(text);
  const scanner = new Scanner(chars, chars, opts.orderedDicts ?? false);
  if (chars[0] === '\ufeff') scanner.error('Unexpected UTF-8 BOM (decode using utf-8-sig)', 0);
  let idx = 0;
  while (idx < chars.length && WS.has(chars[idx]!)) idx++;
  let value: unknown;
  let end: number;
  try {
    [value, end] = scanner.scanOnce(idx);
  } catch (e) {
    if (e instanceof Stop) scanner.error('Expecting value', e.pos);
    throw e;
  }
  while (end < chars.length && WS.has(chars[end]!)) end++;
  if (end !== chars.length) scanner.error('Extra data', end);
  return value;
}

/**
 * json.loads(bytes): Python detects UTF-8/16/32 from the first bytes (json.detect_encoding) and
 * decodes with 'surrogatepass'; a decoding failure is a UnicodeDecodeError, i.e. a ValueError.
 */
export function pyJsonLoadsBytes(bytes: Uint8Array, opts: PyJsonOptions = {}): unknown {
  return pyJsonLoads(decodeJsonBytes(bytes), opts);
}

export function decodeJsonBytes(b: Uint8Array): string {
  const enc = detectEncoding(b);
  try {
    if (enc === 'utf-32-le' || enc === 'utf-32-be' || enc === 'utf-32') return decodeUtf32(b, enc);
    const label = TEXT_DECODER_LABEL[enc] ?? 'utf-8';
    let bytes = b;
    if (enc === 'utf-16' && b[0] === 0xfe)
      return new TextDecoder('utf-16be', { fatal: true }).decode(b.subarray(2));
    if (enc === 'utf-16') bytes = b.subarray(2);
    // TextDecoder drops a UTF-8 BOM by default; utf-8 (not utf-8-sig) must keep it for the BOM error.
    return new TextDecoder(label, { fatal: true, ignoreBOM: enc !== 'utf-8-sig' }).decode(bytes);
  } catch {
    throw new PyJsonError(`'${enc}' codec can't decode bytes`);
  }
}

const TEXT_DECODER_LABEL: Record<string, string> = {
  'utf-8': 'utf-8',
  'utf-8-sig': 'utf-8',
  'utf-16': 'utf-16le',
  'utf-16-le': 'utf-16le',
  'utf-16-be': 'utf-16be',
};

// json.detect_encoding (Lib/json/__init__.py).
function detectEncoding(b: Uint8Array): string {
  const starts = (...xs: number[]) => xs.every((x, i) => b[i] === x);
  if (starts(0x00, 0x00, 0xfe, 0xff) || starts(0xff, 0xfe, 0x00, 0x00)) return 'utf-32';
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff)) return 'utf-16';
  if (starts(0xef, 0xbb, 0xbf)) return 'utf-8-sig';
  if (b.length >= 4) {
    if (!b[0]) return b[1] ? 'utf-16-be' : 'utf-32-be';
    if (!b[1]) return b[2] || b[3] ? 'utf-16-le' : 'utf-32-le';
  } else if (b.length === 2) {
    if (!b[0]) return 'utf-16-be';
    if (!b[1]) return 'utf-16-le';
  }
  return 'utf-8';
}

function decodeUtf32(b: Uint8Array, enc: string): string {
  let bytes = b;
  let little = enc === 'utf-32-le';
  if (enc === 'utf-32') {
    little = b[0] === 0xff;
    bytes = b.subarray(4);
  }
  if (bytes.length % 4 !== 0) throw new Error('truncated');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let out = '';
  for (let i = 0; i < bytes.length; i += 4) {
    const cp = view.getUint32(i, little);
    if (cp > 0x10ffff) throw new Error('out of range');
    out += String.fromCodePoint(cp);
  }
  return out;
}
