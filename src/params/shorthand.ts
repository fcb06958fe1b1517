// AWS CLI shorthand syntax and the unpacking of a flag's raw value into a typed value, ported from
// AWS CLI v2 2.9.19: awscli/shorthand.py (ShorthandParser, BackCompatVisitor) and
// awscli/argprocess.py (ParamShorthandParser, unpack_cli_arg). The port keeps v2's control flow,
// backtracking and error texts, and counts positions in code points as Python does, so the caret
// line of an error lands where v2 puts it.
import { GeneralError, ParamError } from '../errors.ts';
import type { Shape } from '../model/types.ts';
import {
  PY_WHITESPACE_CLASS,
  PyRuntimeError,
  pyInt,
  pyLstrip,
  pyRstrip,
  pyStrip,
} from '../python/builtins.ts';
import { PyJsonError, PyRecursionError, pyJsonLoads } from '../python/json-loads.ts';
import { isDict, pyEntries, pyStr, pyTypeName, setPyKey } from '../python/value.ts';

/**
 * A shorthand syntax error. `message` is v2's text without the "Error parsing parameter '--x': "
 * prefix, which unpackArgument adds once it knows the flag; it is a ParamError (rc 252) either way.
 */
export class ShorthandParseError extends ParamError {}

const EOF = Symbol('EOF');

// The character classes of shorthand.py. Python matches code points, and `\uffff` is the top of
// these ranges, so characters beyond the BMP are outside them (the `u` flag keeps that true here).
const START_WORD = '!#-&(-+\\--<>-Z\\\\-z|-\\uffff';
const FIRST_FOLLOW = `${PY_WHITESPACE_CLASS}!#-&(-+\\--\\\\^-|~-\\uffff`;
const SECOND_FOLLOW = `${PY_WHITESPACE_CLASS}!#-&(-+\\--<>-\\uffff`;
const ESCAPED_COMMA = '(\\\\,)';
const FIRST_VALUE = new RegExp(
  `^(?:${ESCAPED_COMMA}|[${START_WORD}])(?:${ESCAPED_COMMA}|[${FIRST_FOLLOW}])*`,
  'u',
);
const SECOND_VALUE = new RegExp(
  `^(?:${ESCAPED_COMMA}|[${START_WORD}])(?:${ESCAPED_COMMA}|[${SECOND_FOLLOW}])*`,
  'u',
);
const SINGLE_QUOTED = /^'(?:\\\\|\\'|[^'])*'/u;
const DOUBLE_QUOTED = /^"(?:\\\\|\\"|[^"])*"/u;
const REGEX_NAMES = new Map<RegExp, string>([
  [SINGLE_QUOTED, 'singled quoted'],
  [DOUBLE_QUOTED, 'double quoted'],
  [SECOND_VALUE, 'second'],
]);
const KEY_CHARS = /^[A-Za-z0-9\-_.#/:]$/;
// string.whitespace: what _consume_whitespace skips (ASCII only, unlike \s).
const ASCII_WS = new Set([' ', '\t', '\n', '\r', '\v', '\f']);

class SyntaxErr extends ShorthandParseError {}

/** ShorthandParseError._error_location: the input with a caret under the failing code point. */
function errorLocation(value: readonly string[], index: number): string {
  let consumed = value.join('');
  let remaining = '';
  let numSpaces = index;
  const before = value.slice(0, index);
  const lastNl = before.lastIndexOf('\n');
  if (lastNl >= 0) numSpaces = index - lastNl - 1;
  const after = value.slice(index);
  const nextNl = after.indexOf('\n');
  if (nextNl >= 0) {
    consumed = value.slice(0, index + nextNl).join('');
    remaining = value.slice(index + nextNl).join('');
  }
  return `${consumed}\n${' '.repeat(numSpaces)}^${remaining}`;
}

function syntaxError(value: readonly string[], expected: string, actual: string, index: number): SyntaxErr {
  return new SyntaxErr(
    `Expected: '${expected}', received: '${actual}' for input:\n${errorLocation(value, index)}`,
  );
}

class ShorthandParser {
  private s: string[] = [];
  private i = 0;

  parse(value: string): Record<string, unknown> {
    this.s = Array.from(value);
    this.i = 0;
    return this.parameter();
  }

  private parameter(): Record<string, unknown> {
    const params: Record<string, unknown> = {};
    const [key, val] = this.keyval();
    setPyKey(params, key, val);
    let lastIndex = this.i;
    while (this.i < this.s.length) {
      this.expect(',', true);
      const [k, v] = this.keyval();
      if (Object.hasOwn(params, k)) {
        throw new ShorthandParseError(
          `Second instance of key "${k}" encountered for input:\n${errorLocation(this.s, lastIndex + 1)}\n` +
            'This is often because there is a preceding "," instead of a space.',
        );
      }
      setPyKey(params, k, v);
      lastIndex = this.i;
    }
    return params;
  }

  private keyval(): [string, unknown] {
    const key = this.key();
    this.expect('=', true);
    return [key, this.values()];
  }

  private key(): string {
    const start = this.i;
    while (!this.atEof() && KEY_CHARS.test(this.s[this.i]!)) this.i++;
    return this.s.slice(start, this.i).join('');
  }

  private values(): unknown {
    if (this.atEof()) return '';
    const c = this.current();
    if (c === '[') return this.explicitList();
    if (c === '{') return this.hashLiteral();
    return this.csvValue();
  }

  private csvValue(): unknown {
    const first = this.firstValue();
    this.consumeWhitespace();
    if (this.atEof() || this.s[this.i] !== ',') return first;
    this.expect(',', true);
    const csv: unknown[] = [first];
    for (;;) {
      try {
        const current = this.secondValue();
        this.consumeWhitespace();
        if (this.atEof()) {
          csv.push(current);
          break;
        }
        this.expect(',', true);
        csv.push(current);
      } catch (e) {
        if (!(e instanceof SyntaxErr)) throw e;
        // a=b,c=d: the "c" was a key, not a second value; back up to the comma before it.
        if (this.atEof()) throw e;
        this.backtrackTo(',');
        break;
      }
    }
    return csv.length === 1 ? first : csv;
  }

  private value(): string {
    const m = FIRST_VALUE.exec(this.rest());
    if (m) return pyRstrip(this.consume(m[0]).replaceAll('\\,', ','));
    return '';
  }

  private explicitList(): unknown[] {
    this.expect('[', true);
    const values: unknown[] = [];
    while (this.current() !== ']') {
      values.push(this.explicitValues());
      this.consumeWhitespace();
      if (this.current() !== ']') {
        this.expect(',');
        this.consumeWhitespace();
      }
    }
    this.expect(']');
    return values;
  }

  private explicitValues(): unknown {
    const c = this.current();
    if (c === '[') return this.explicitList();
    if (c === '{') return this.hashLiteral();
    return this.firstValue();
  }

  private hashLiteral(): Record<string, unknown> {
    this.expect('{', true);
    const keyvals: Record<string, unknown> = {};
    while (this.current() !== '}') {
      const key = this.key();
      this.expect('=', true);
      const v = this.explicitValues();
      this.consumeWhitespace();
      if (this.current() !== '}') {
        this.expect(',');
        this.consumeWhitespace();
      }
      setPyKey(keyvals, key, v);
    }
    this.expect('}');
    return keyvals;
  }

  private firstValue(): string {
    const c = this.current();
    if (c === "'") return this.quoted(SINGLE_QUOTED, "'");
    if (c === '"') return this.quoted(DOUBLE_QUOTED, '"');
    return this.value();
  }

  private secondValue(): string {
    const c = this.current();
    if (c === "'") return this.quoted(SINGLE_QUOTED, "'");
    if (c === '"') return this.quoted(DOUBLE_QUOTED, '"');
    return pyRstrip(this.mustConsume(SECOND_VALUE).replaceAll('\\,', ','));
  }

  private quoted(regex: RegExp, quote: string): string {
    const text = this.mustConsume(regex);
    const inner = Array.from(text).slice(1, -1).join('');
    return inner.replaceAll(`\\${quote}`, quote).replaceAll('\\\\', '\\');
  }

  private expect(char: string, consumeWhitespace = false): void {
    if (consumeWhitespace) this.consumeWhitespace();
    if (this.i >= this.s.length) throw syntaxError(this.s, char, 'EOF', this.i);
    const actual = this.s[this.i]!;
    if (actual !== char) throw syntaxError(this.s, char, actual, this.i);
    this.i++;
    if (consumeWhitespace) this.consumeWhitespace();
  }

  private mustConsume(regex: RegExp): string {
    const m = regex.exec(this.rest());
    if (m) return this.consume(m[0]);
    throw syntaxError(this.s, `<${REGEX_NAMES.get(regex)}>`, '<none>', this.i);
  }

  private consume(matched: string): string {
    this.i += Array.from(matched).length;
    return matched;
  }

  private rest(): string {
    return this.s.slice(this.i).join('');
  }

  private current(): string | typeof EOF {
    return this.i < this.s.length ? this.s[this.i]! : EOF;
  }

  private atEof(): boolean {
    return this.i >= this.s.length;
  }

  private backtrackTo(char: string): void {
    while (this.i >= 0 && this.s[this.i] !== char) this.i--;
  }

  private consumeWhitespace(): void {
    while (this.i < this.s.length && ASCII_WS.has(this.s[this.i]!)) this.i++;
  }
}

/**
 * Parses shorthand syntax (`Enabled=true,PreferredMfa=false`, `a={b=c}`, `a=[x,y]`, `a=x,y`) into
 * plain values: every scalar is a string until `unpackArgument` coerces it by the shape. Throws
 * ShorthandParseError with v2's message (no "Error parsing parameter" prefix).
 */
export function parseShorthand(text: string): Record<string, unknown> {
  return new ShorthandParser().parse(text);
}

// ---- BackCompatVisitor: shorthand values coerced by the model (shorthand.py) ----

function visit(
  parent: Record<string | number, unknown>,
  shape: Shape,
  name: string | number,
  value: unknown,
): void {
  switch (shape.type) {
    case 'structure':
      if (!isDict(value)) return;
      for (const [member, memberShape] of Object.entries(shape.members)) {
        visit(value, memberShape, member, Object.hasOwn(value, member) ? value[member] : undefined);
      }
      return;
    case 'list':
      if (!Array.isArray(value)) {
        // "foo=bar" where bar should be ["bar"].
        if (value !== undefined && value !== null) parent[name] = [value];
        return;
      }
      value.forEach((element, i) => {
        visit(value as unknown as Record<number, unknown>, shape.member, i, element);
      });
      return;
    case 'map':
      if (!isDict(value)) return;
      for (const [k, v] of pyEntries(value)) visit(value, shape.value, k, v);
      return;
    case 'integer':
    case 'long':
      if (value === undefined || value === null) return;
      parent[name] = pyInt(value);
      return;
    case 'boolean': {
      if (value === undefined || value === null) return;
      const lowered = pyLower(value);
      if (lowered === 'true') parent[name] = true;
      else if (lowered === 'false') parent[name] = false;
      return;
    }
    default:
      return;
  }
}

function pyLower(value: unknown): string {
  if (typeof value === 'string') return value.toLowerCase();
  throw new PyRuntimeError(
    'AttributeError',
    `'${pyTypeName(value).replace(/^collections\./, '')}' object has no attribute 'lower'`,
  );
}

// ---- argprocess.py: from a flag's raw value to the value botocore receives ----

/** The raw value of a flag after file:// loading: a string, fileb:// bytes, several words (nargs '+'), or a boolean switch. */
export type RawArgument = string | Buffer | readonly (string | Buffer)[] | boolean;

function isComplex(shape: Shape): boolean {
  return shape.type === 'structure' || shape.type === 'list' || shape.type === 'map';
}

/** _supports_shorthand_syntax: structures, maps, and lists of those (not lists of scalars). */
function supportsShorthand(shape: Shape): boolean {
  if (!isComplex(shape)) return false;
  return shape.type !== 'list' || isComplex(shape.member);
}

function looksLikeJson(check: unknown): boolean {
  if (typeof check !== 'string') return false;
  const stripped = pyStrip(check);
  return stripped.startsWith('[') || stripped.startsWith('{');
}

/**
 * Turns a flag's raw value into the typed value v2 would send, the way awscli/argprocess.py does:
 *  - string members: as given (a fileb:// Buffer stays bytes, and validation rejects it as v2 does);
 *  - integer/long: Python int() of the text;
 *  - boolean members are `--flag` / `--no-flag` switches: the CLI passes true/false and it is kept
 *    (v2's BooleanArgument never unpacks; a string here follows unpack_scalar_cli_arg);
 *  - structures, maps and lists of those: JSON when the value starts with `{` or `[`, else shorthand,
 *    whose scalars are then coerced by the shape (ints, 'true'/'false' booleans);
 *  - lists: the CLI passes the words (nargs '+'); one word starting with `[` is JSON, else each word
 *    is a member value (shorthand for structures).
 *
 * Errors: ParamError with v2's text. Where v2 fails with a raw Python exception instead (int('abc'),
 * `'list' object has no attribute 'lower'`, fileb:// bytes given to shorthand, JSON nested beyond
 * Python's recursion limit) v2 exits 255, not 252: those are GeneralErrors with Python's text.
 */
export function unpackArgument(shape: Shape, raw: RawArgument, flag: string): unknown {
  try {
    return unpack(shape, raw, flag);
  } catch (e) {
    if (e instanceof PyRuntimeError || e instanceof PyRecursionError) throw new GeneralError(e.message);
    throw e;
  }
}

function unpack(shape: Shape, raw: RawArgument, flag: string): unknown {
  if (typeof raw === 'boolean') return raw;
  if (supportsShorthand(shape)) {
    const check = Array.isArray(raw) && raw.length > 0 ? raw[0] : raw;
    if (!looksLikeJson(check)) return parseAsShorthand(shape, raw, flag);
  }
  return unpackCliArg(shape, raw, flag);
}

function parseAsShorthand(
  shape: Shape,
  raw: string | Buffer | readonly (string | Buffer)[],
  flag: string,
): unknown {
  try {
    // The one special case of ParamShorthandParser that can apply to any service: a structure whose
    // only member is a string named Value may be given bare (`--x shutdown` -> {"Value": "shutdown"}).
    if (
      shape.type === 'structure' &&
      typeof raw === 'string' &&
      Object.keys(shape.members).length === 1 &&
      shape.members.Value?.type === 'string' &&
      !raw.includes('=')
    ) {
      return { Value: raw };
    }
    let parsed: unknown;
    if (typeof raw === 'string' || Buffer.isBuffer(raw)) parsed = parseShorthandValue(raw);
    else parsed = raw.map((v) => parseShorthandValue(v));
    visit({}, shape, '', parsed);
    return parsed;
  } catch (e) {
    if (e instanceof ShorthandParseError)
      throw new ParamError(`Error parsing parameter '${flag}': ${e.message}`);
    throw e;
  }
}

function parseShorthandValue(v: string | Buffer): Record<string, unknown> {
  if (typeof v === 'string') return parseShorthand(v);
  // fileb:// bytes: shorthand.py indexes the bytes and compares ints with str (a TypeError), or, for
  // empty bytes, fails while formatting its own error message.
  if (v.length === 0) throw new PyRuntimeError('TypeError', "a bytes-like object is required, not 'str'");
  throw new PyRuntimeError('TypeError', "'in <string>' requires string as left operand, not int");
}

function parseJsonArg(value: string, flag: string): unknown {
  try {
    return pyJsonLoads(value, { orderedDicts: true });
  } catch (e) {
    if (e instanceof PyJsonError) {
      throw new ParamError(
        `Error parsing parameter '${flag}': Invalid JSON: ${e.message}\nJSON received: ${value}`,
      );
    }
    throw e;
  }
}

/** `value.lstrip()[0]`, which is an IndexError on an empty or blank string in v2. */
function firstAfterLstrip(value: string): string {
  const stripped = pyLstrip(value);
  if (stripped === '') throw new PyRuntimeError('IndexError', 'string index out of range');
  return Array.from(stripped)[0]!;
}

function unpackCliArg(
  shape: Shape,
  value: string | Buffer | readonly (string | Buffer)[],
  flag: string,
): unknown {
  switch (shape.type) {
    case 'string':
    case 'timestamp':
      return value;
    case 'integer':
    case 'long':
      return pyInt(value);
    case 'boolean':
      if (typeof value === 'string' && value.toLowerCase() === 'false') return false;
      return value.length > 0;
    case 'structure':
    case 'map':
      if (typeof value === 'string' && firstAfterLstrip(value) === '{') return parseJsonArg(value, flag);
      if (typeof value !== 'string') {
        // Unreachable from the CLI: non-text values of structures go to shorthand first.
        throw new PyRuntimeError('AttributeError', `'${pyTypeName(value)}' object has no attribute 'lstrip'`);
      }
      throw new ParamError(`Error parsing parameter '${flag}': Invalid JSON:\n${value}`);
    case 'list': {
      if (typeof value === 'string') {
        if (firstAfterLstrip(value) === '[') return parseJsonArg(value, flag);
      } else if (!Buffer.isBuffer(value) && value.length === 1 && typeof value[0] === 'string') {
        const single = pyStrip(value[0]);
        if (single !== '' && single.startsWith('[')) return parseJsonArg(value[0], flag);
      }
      // Each element on its own: words of nargs '+', or, after file:// loading, the characters of
      // the text (v2 iterates the string), or the byte values of fileb:// bytes.
      const elements: unknown[] = Buffer.isBuffer(value)
        ? [...value]
        : typeof value === 'string'
          ? Array.from(value)
          : [...value];
      try {
        return elements.map((v) => unpackCliArg(shape.member, v as string | Buffer, flag));
      } catch (e) {
        if (e instanceof PyRuntimeError && (e.pyType === 'ValueError' || e.pyType === 'TypeError')) {
          throw new ParamError(`Error parsing parameter '${flag}': ${pyStr(elements[0])}`);
        }
        throw e;
      }
    }
  }
}
