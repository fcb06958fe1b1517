// Owns Python's values and their printing: the objects JavaScript lacks (float vs int, OrderedDict,
// bytes, YAML scalars, dict insertion order), type(x).__name__, str(), repr() (CPython 3.11:
// Objects/unicodeobject.c unicode_repr, Python/pystrtod.c float repr 'r'), str ordering and
// truthiness, as AWS CLI v2 prints them in parameter errors (botocore/validate.py `%s`) and in its
// text/table/YAML formatters (awscli/formatter.py, table.py, text.py).
//
// AWS CLI v2 decodes JSON/YAML/shorthand into Python objects and botocore's validator prints them
// with `%s` (awscli/botocore/validate.py). To print the same bytes we keep the distinctions
// JavaScript would lose:
//   - a JSON `1.0` is a Python float, a JSON `1` an int: floats become `PyFloat`;
//   - ints beyond 2**53 keep every digit as `bigint`;
//   - objects decoded from a flag's JSON are `collections.OrderedDict` (argprocess.py passes
//     object_pairs_hook=OrderedDict) and print as `OrderedDict([('k', v)])`;
//   - fileb:// contents are `bytes` (a Node Buffer), printed as `b'...'`;
//   - YAML timestamps and !!binary/!!set values are `PyScalar`s that carry their Python type name
//     and str()/repr() text.
// None of these is valid for any member of our model, so they never get past client-side
// validation to a backend, except a bigint in an integer member (then the backend must serialise it).
//
// Answers are different: the formatters get plain JSON.parse values, rebuilt member by member by
// shapeOutput (so never an OrderedDict or PyScalar). One loss is built in there: JSON.parse has a
// single number type, so `1.0` in an answer arrives as the integer 1. Python would keep it a float
// and print `1.0`; we print `1` (integral numbers are taken as ints, which is what Cognito's integer
// members are).

/** A Python value that JavaScript has no exact counterpart for: we keep its type name and texts. */
export class PyScalar {
  constructor(
    /** The qualified Python class name, e.g. `datetime.date`. */
    readonly pyType: string,
    readonly str: string,
    readonly repr: string,
  ) {}
  /** Should one ever be serialised (it cannot pass validation): its str(), as botocore would fail anyway. */
  toJSON(): unknown {
    return this.str;
  }
}

/** A Python float (JSON `1.0`, `1e3`, `NaN`; YAML `1.5`, `.inf`). */
export class PyFloat extends PyScalar {
  constructor(readonly value: number) {
    const text = floatRepr(value);
    super('float', text, text);
  }
  override toJSON(): unknown {
    return this.value;
  }
}

const orderedDicts = new WeakSet<object>();
const keyOrders = new WeakMap<object, string[]>();
const keyObjects = new WeakMap<object, Map<string, unknown>>();

/**
 * Sets a key of a dict we decoded, remembering insertion order. Python dicts keep insertion order,
 * while a JavaScript object lists integer-like keys ("1", "42") first; messages and merges that walk
 * a dict use pyKeys() to see Python's order. `__proto__` is stored as an own key, never a prototype.
 */
export function setPyKey(obj: Record<string, unknown>, key: string, value: unknown, pyKey?: unknown): void {
  if (pyKey !== undefined && typeof pyKey !== 'string') {
    // A YAML key that is not a str in Python (1, None, True): JavaScript keeps str(key), we keep the key.
    let objects = keyObjects.get(obj);
    if (!objects) {
      objects = new Map();
      keyObjects.set(obj, objects);
    }
    objects.set(key, pyKey);
  }
  if (!Object.hasOwn(obj, key)) {
    const order = keyOrders.get(obj);
    if (order) order.push(key);
    else keyOrders.set(obj, [key]);
  }
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The keys of a dict in Python's order (insertion order when we built it, else Object.keys). */
export function pyKeys(obj: object): string[] {
  const keys = Object.keys(obj);
  const order = keyOrders.get(obj);
  if (!order) return keys;
  const seen = new Set(order);
  return [...order.filter((k) => Object.hasOwn(obj, k)), ...keys.filter((k) => !seen.has(k))];
}

/** The Python key behind a JavaScript key: the YAML int/None/bool it was, else the string itself. */
export function pyKeyObject(obj: object, key: string): unknown {
  const k = keyObjects.get(obj)?.get(key);
  return k === undefined ? key : k;
}

export function pyEntries(obj: object): [string, unknown][] {
  return pyKeys(obj).map((k) => [k, (obj as Record<string, unknown>)[k]]);
}

/** Marks an object decoded from a flag's JSON: Python holds it as a collections.OrderedDict. */
export function markOrderedDict<T extends object>(obj: T): T {
  orderedDicts.add(obj);
  return obj;
}

export function isOrderedDict(value: unknown): boolean {
  return typeof value === 'object' && value !== null && orderedDicts.has(value);
}

/** A plain dict as Python sees it: not an array, not one of our wrapper classes. */
export function isDict(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof PyScalar) &&
    !Buffer.isBuffer(value)
  );
}

/** Python int: a JS integer-valued number (not PyFloat) or a bigint. Booleans are ints too in Python. */
export function isPyInt(value: unknown): value is number | bigint {
  return (typeof value === 'number' && Number.isInteger(value)) || typeof value === 'bigint';
}

/** The Python class name of a decoded value, as `type(x).__name__` qualified the way str(type(x)) prints it. */
export function pyTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'NoneType';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'bigint') return 'int';
  // A JS number that is not an integer can only come from our own coercions; Python would hold a float.
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  if (value instanceof PyScalar) return value.pyType;
  if (Buffer.isBuffer(value)) return 'bytes';
  if (Array.isArray(value)) return 'list';
  if (isOrderedDict(value)) return 'collections.OrderedDict';
  return 'dict';
}

/** `str(type(x))`, e.g. `<class 'int'>`. */
export function pyClass(value: unknown): string {
  return `<class '${pyTypeName(value)}'>`;
}

/** Python's str(x): strings print raw, everything else as repr. */
export function pyStr(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof PyScalar) return value.str;
  return pyRepr(value);
}

/** Python's repr(x) for the values decoding can produce. */
export function pyRepr(value: unknown): string {
  // Iterative, with its own stack: the value may come from a request nested thousands deep (the
  // server's JSON.parse has no depth limit), and a validation message must never overflow the call
  // stack (issue 17, item 1). The stack holds values still to print and literal text between them.
  const out: string[] = [];
  const todo: unknown[] = [value];
  while (todo.length > 0) {
    const item = todo.pop();
    if (item instanceof Literal) {
      out.push(item.text);
      continue;
    }
    const parts = containerParts(item);
    if (parts === undefined) out.push(scalarRepr(item));
    else for (let i = parts.length - 1; i >= 0; i--) todo.push(parts[i]);
  }
  return out.join('');
}

/** Text printed as is between the values of a container. */
class Literal {
  constructor(readonly text: string) {}
}

/** A list's or dict's repr as literal pieces and the values between them, or undefined for a scalar. */
function containerParts(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) {
    const parts: unknown[] = [new Literal('[')];
    value.forEach((v, i) => {
      if (i > 0) parts.push(new Literal(', '));
      parts.push(v);
    });
    parts.push(new Literal(']'));
    return parts;
  }
  if (typeof value !== 'object' || value === null || value instanceof PyScalar || Buffer.isBuffer(value))
    return undefined;
  const entries = pyEntries(value);
  const ordered = isOrderedDict(value);
  if (ordered && entries.length === 0) return [new Literal('OrderedDict()')];
  const parts: unknown[] = [new Literal(ordered ? 'OrderedDict([' : '{')];
  entries.forEach(([k, v], i) => {
    const sep = i > 0 ? ', ' : '';
    parts.push(new Literal(ordered ? `${sep}(${strRepr(k)}, ` : `${sep}${strRepr(k)}: `), v);
    if (ordered) parts.push(new Literal(')'));
  });
  parts.push(new Literal(ordered ? '])' : '}'));
  return parts;
}

function scalarRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'string') return strRepr(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return pyNumber(value);
  if (value instanceof PyScalar) return value.repr;
  if (Buffer.isBuffer(value)) return bytesRepr(value);
  return String(value);
}

/**
 * How Python prints a number we hold as a JavaScript number: integral values as ints, in full (no
 * exponent), others as floats (see the file note for answers).
 */
export function pyNumber(n: number): string {
  if (Number.isInteger(n)) return Object.is(n, -0) ? '0' : BigInt(n).toString();
  return floatRepr(n);
}

/**
 * Python's float repr: the shortest round-tripping digits (as JavaScript), but in positional
 * notation only for decimal exponents -4..15, otherwise `1e+16` / `1e-05` (at least two exponent
 * digits), and always with a fractional part (`1.0`). CPython: Python/pystrtod.c, format code 'r'.
 */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Number.POSITIVE_INFINITY) return 'inf';
  if (x === Number.NEGATIVE_INFINITY) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const [mant = '', expText = '0'] = Math.abs(x).toExponential().split('e');
  const digits = mant.replace('.', '');
  const exp = Number(expText);
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp).toString().padStart(2, '0');
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${e}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const frac = digits.slice(exp + 1);
  return `${sign}${intPart}.${frac || '0'}`;
}

// Python's str.isprintable(): false for categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs other than ' '.
// Made on first use: the literal costs ~0.2 ms to create (\p{Cn} is most of Unicode), and only
// repr() of a non-ASCII string needs it, never a plain run.
let notPrintable: RegExp | undefined;
const NOT_PRINTABLE = {
  test(ch: string): boolean {
    notPrintable ??= /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;
    return notPrintable.test(ch);
  },
};

/** Python's repr() of a str: quote choice and escapes as CPython's unicode_repr. */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${hex(cp, 2)}`;
    else if (cp < 0x7f) out += ch;
    else if (ch !== ' ' && NOT_PRINTABLE.test(ch)) {
      if (cp <= 0xff) out += `\\x${hex(cp, 2)}`;
      else if (cp <= 0xffff) out += `\\u${hex(cp, 4)}`;
      else out += `\\U${hex(cp, 8)}`;
    } else out += ch;
  }
  return out + quote;
}

/** Python's repr() of bytes: `b'...'`, printable ASCII as is, the rest as \xNN. */
export function bytesRepr(b: Uint8Array): string {
  const hasSingle = b.includes(0x27);
  const quote = hasSingle && !b.includes(0x22) ? '"' : "'";
  let out = `b${quote}`;
  for (const byte of b) {
    const ch = String.fromCharCode(byte);
    if (ch === quote || ch === '\\') out += `\\${ch}`;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (byte < 0x20 || byte >= 0x7f) out += `\\x${hex(byte, 2)}`;
    else out += ch;
  }
  return out + quote;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** Python's str ordering: by code point (JS `<` compares UTF-16 units, which differs above U+FFFF). */
export function comparePy(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      // A surrogate (astral code point) sorts after every BMP character, including U+E000..U+FFFF.
      const xs = x >= 0xd800 && x <= 0xdfff;
      const ys = y >= 0xd800 && y <= 0xdfff;
      if (xs !== ys) return xs ? 1 : -1;
      return x - y;
    }
  }
  return a.length - b.length;
}

/** sorted(d.keys()): the keys in Python's str order. */
export function sortedKeys(o: object): string[] {
  return Object.keys(o).sort(comparePy);
}

/** Python truthiness of a JSON-like value (`if not current:` in the table formatter). */
export function pyTruthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}
