// Owns YAML loading as AWS CLI v2 does it for --cli-input-yaml: ruamel.yaml 0.17 `YAML(typ='safe',
// pure=True).load()` (awscli/customizations/cliinput.py), YAML 1.2 implicit typing. The `yaml`
// package parses the text (its failsafe schema leaves every scalar a string) and this module types
// the scalars with ruamel's 1.2 resolvers and constructors, so `1.0` is a float, `017` the int 17,
// `2020-01-01` a datetime.date, `yes` a string, as v2 sees them.
//
// `yaml` is loaded on first use only (a synchronous require, see shared/lazy.ts): most runs
// never read YAML and start-up stays cheap.
import type * as YamlModule from 'yaml';
import { loadYaml } from '../shared/lazy.ts';
import { PyRuntimeError, pyInt } from './builtins.ts';
import { isDict, PyFloat, PyScalar, pyEntries, pyStr, setPyKey, strRepr } from './value.ts';

/** Any error ruamel reports as a YAMLError: v2 words all of them "Invalid YAML received." */
export class PyYamlError extends Error {
  override readonly name = 'PyYamlError';
}

let yamlModule: typeof YamlModule | undefined;
function yamlLib(): typeof YamlModule {
  yamlModule ??= loadYaml();
  return yamlModule;
}

// ruamel's Reader refuses these characters anywhere in the stream (reader.py NON_PRINTABLE).
const NON_PRINTABLE = /[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

const T = 'tag:yaml.org,2002:';

/** Python's value of a YAML document (None for an empty one). Throws PyYamlError or PyRuntimeError. */
export function pyYamlLoad(input: string | Buffer): unknown {
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    try {
      text = decodeYamlBytes(input);
    } catch {
      throw new PyYamlError("'utf-8' codec can't decode bytes");
    }
  }
  if (text.startsWith('\ufeff')) text = text.slice(1);
  if (NON_PRINTABLE.test(text)) throw new PyYamlError('special characters are not allowed');
  const Y = yamlLib();
  const docs = Y.parseAllDocuments(text, { schema: 'failsafe', version: '1.2', uniqueKeys: false });
  if (!Array.isArray(docs)) return null; // an empty stream
  if (docs.length > 1) throw new PyYamlError('expected a single document in the stream');
  const doc = docs[0];
  if (doc === undefined) return null;
  if (doc.errors.length > 0) throw new PyYamlError(doc.errors[0]!.message);
  return construct(Y, doc, doc.contents);
}

// ruamel's Reader: UTF-16 when the bytes start with its BOM, else UTF-8 (strict).
function decodeYamlBytes(b: Buffer): string {
  if (b[0] === 0xff && b[1] === 0xfe)
    return new TextDecoder('utf-16le', { fatal: true }).decode(b.subarray(2));
  if (b[0] === 0xfe && b[1] === 0xff)
    return new TextDecoder('utf-16be', { fatal: true }).decode(b.subarray(2));
  return new TextDecoder('utf-8', { fatal: true }).decode(b);
}

function construct(
  Y: typeof YamlModule,
  doc: YamlModule.Document.Parsed,
  node: unknown,
  seen = new Set<unknown>(),
): unknown {
  if (node === null || node === undefined) return null;
  if (Y.isAlias(node)) {
    const target = node.resolve(doc);
    if (target === undefined || seen.has(target)) throw new PyYamlError('found undefined or recursive alias');
    return construct(Y, doc, target, new Set([...seen, target]));
  }
  if (Y.isScalar(node)) return constructScalar(node);
  if (Y.isSeq(node)) {
    checkTag(node.tag, [`${T}seq`]);
    return node.items.map((item) => construct(Y, doc, item, seen));
  }
  if (Y.isMap(node)) {
    const isSet = node.tag === `${T}set` || node.tag === '!!set';
    if (!isSet) checkTag(node.tag, [`${T}map`]);
    // Merge keys (`<<: *base`), as ruamel's flatten_mapping: the merged pairs come first (of several
    // merged maps, earlier ones win), explicit keys after them override without counting as duplicates.
    const merged: [string, unknown][] = [];
    const explicit: YamlModule.Pair[] = [];
    for (const pair of node.items) {
      if (
        Y.isScalar(pair.key) &&
        pair.key.type === 'PLAIN' &&
        pair.key.tag === undefined &&
        pair.key.value === '<<'
      ) {
        const target = Y.isAlias(pair.value) ? pair.value.resolve(doc) : pair.value;
        const maps = Y.isSeq(target) ? [...target.items].reverse() : [target];
        for (const m of maps) {
          const value = construct(Y, doc, m, seen);
          if (!isDict(value)) throw new PyYamlError('expected a mapping for merging');
          merged.push(...pyEntries(value));
        }
      } else explicit.push(pair);
    }
    const obj: Record<string, unknown> = {};
    for (const [k, v] of merged) setPyKey(obj, k, v);
    const keys: string[] = [];
    const explicitKeys = new Set<string>();
    for (const pair of explicit) {
      const key = construct(Y, doc, pair.key, seen);
      if (typeof key === 'object' && key !== null && !(key instanceof PyScalar)) {
        throw new PyYamlError('found unhashable key');
      }
      // Python keeps non-string keys (1, None); a JavaScript object key is a string: the object gets
      // str(key) and remembers the Python key (pyKeyObject). Keys 1 and '1' in one map would collide.
      const k = pyStr(key);
      if (explicitKeys.has(k)) throw new PyYamlError(`found duplicate key "${k}"`);
      explicitKeys.add(k);
      keys.push(k);
      setPyKey(obj, k, isSet ? null : construct(Y, doc, pair.value, seen), key);
    }
    if (isSet) {
      // Python orders a set by hash, which is randomised per process; insertion order is our best guess.
      const text = keys.length ? `{${keys.map((k) => strRepr(k)).join(', ')}}` : 'set()';
      return new PyScalar('set', text, text);
    }
    return obj;
  }
  throw new PyYamlError('unexpected node');
}

function checkTag(tag: string | undefined, allowed: readonly string[]): void {
  if (tag === undefined || tag === '!' || allowed.includes(tag)) return;
  throw new PyYamlError(`could not determine a constructor for the tag '${tag}'`);
}

// The YAML 1.2 implicit resolvers of ruamel/yaml/resolver.py: each applies only to scalars starting
// with one of its characters ('' for the empty scalar), and they are tried in that file's order.
const RESOLVERS: readonly [string, string, RegExp][] = [
  ['bool', 'tTfF', /^(?:true|True|TRUE|false|False|FALSE)$/],
  [
    'float',
    '-+0123456789.',
    /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)|[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  ],
  ['int', '-+0123456789', /^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$/],
  ['merge', '<', /^<<$/],
  ['null', '~nN', /^(?:~|null|Null|NULL|)$/],
  [
    'timestamp',
    '0123456789',
    /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
  ],
  ['value', '=', /^=$/],
];

function implicitTag(plain: string): string | undefined {
  const first = plain.charAt(0);
  for (const [name, starts, re] of RESOLVERS) {
    if ((first === '' ? plain === '' && name === 'null' : starts.includes(first)) && re.test(plain))
      return name;
  }
  return undefined;
}

/** Whether ruamel would read this plain scalar as something other than a string (so a dump must quote it). */
export function resolvesAsNonString(plain: string): boolean {
  return implicitTag(plain) !== undefined;
}

function constructScalar(node: YamlModule.Scalar): unknown {
  // The scalar's text as written (unescaped): the yaml package has already turned the tags it knows
  // (!!binary, !!timestamp) into values of its own, and we construct them the Python way instead.
  const value = (node as YamlModule.Scalar.Parsed).source ?? String(node.value ?? '');
  let tag = node.tag;
  if (tag === undefined || tag === '?') {
    if (node.type !== 'PLAIN') return value;
    tag = `${T}${implicitTag(value) ?? 'str'}`;
  }
  if (tag.startsWith('!!')) tag = T + tag.slice(2);
  switch (tag) {
    case `${T}str`:
    case '!':
      return value;
    case `${T}null`:
      return null;
    case `${T}bool`: {
      const b = ({ true: true, false: false } as Record<string, boolean>)[value.toLowerCase()];
      if (b === undefined) throw new PyRuntimeError('KeyError', strRepr(value.toLowerCase()));
      return b;
    }
    case `${T}int`:
      return constructInt(value);
    case `${T}float`:
      return constructFloat(value);
    case `${T}timestamp`:
      return constructTimestamp(value);
    case `${T}binary`: {
      const bytes = Buffer.from(value.replace(/\s+/g, ''), 'base64');
      return bytes;
    }
    default:
      throw new PyYamlError(`could not determine a constructor for the tag '${tag}'`);
  }
}

function constructInt(raw: string): number | bigint {
  let v = raw.replaceAll('_', '');
  if (v === '') throw new PyRuntimeError('IndexError', 'string index out of range');
  const negative = v[0] === '-';
  if (v[0] === '+' || v[0] === '-') v = v.slice(1);
  const bases: Record<string, number> = { '0b': 2, '0x': 16, '0o': 8 };
  const base = bases[v.slice(0, 2)];
  let n: bigint;
  if (v === '0') n = 0n;
  else if (base !== undefined) {
    const digits = v.slice(2);
    const valid = { 2: /^[01]+$/, 8: /^[0-7]+$/, 16: /^[0-9a-fA-F]+$/ }[base as 2 | 8 | 16];
    if (!valid.test(digits)) {
      throw new PyRuntimeError(
        'ValueError',
        `invalid literal for int() with base ${base}: ${strRepr(digits)}`,
      );
    }
    n = [...digits].reduce((acc, d) => acc * BigInt(base) + BigInt(Number.parseInt(d, base)), 0n);
  } else {
    const i = pyInt(v);
    n = BigInt(i);
  }
  if (negative) n = -n;
  return n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(n) : n;
}

function constructFloat(raw: string): PyFloat {
  let v = raw.replaceAll('_', '').toLowerCase();
  const sign = v[0] === '-' ? -1 : 1;
  if (v[0] === '+' || v[0] === '-') v = v.slice(1);
  if (v === '.inf') return new PyFloat(sign * Number.POSITIVE_INFINITY);
  if (v === '.nan') return new PyFloat(Number.NaN);
  // Python's float() accepts what the resolver let through: '1.', '.5', '1e5'.
  const n = Number(v.endsWith('.') ? `${v}0` : v.replace(/\.e/, '.0e'));
  if (Number.isNaN(n))
    throw new PyRuntimeError('ValueError', `could not convert string to float: ${strRepr(v)}`);
  return new PyFloat(sign * n);
}

const TIMESTAMP =
  /^([0-9]{4})-([0-9][0-9]?)-([0-9][0-9]?)(?:(?:[Tt]|[ \t]+)([0-9][0-9]?):([0-9][0-9]):([0-9][0-9])(?:\.([0-9]*))?(?:[ \t]*(Z|([-+])([0-9][0-9]?)(?::([0-9][0-9]))?))?)?$/;

/** ruamel.yaml.util.create_timestamp: a datetime.date, or a naive datetime.datetime shifted to UTC. */
function constructTimestamp(raw: string): PyScalar {
  const m = TIMESTAMP.exec(raw);
  if (!m) throw new PyYamlError(`failed to construct timestamp from "${raw}"`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  checkDate(year, month, day);
  if (m[4] === undefined) {
    const str = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
    return new PyScalar('datetime.date', str, `datetime.date(${year}, ${month}, ${day})`);
  }
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (hour > 23) throw new PyRuntimeError('ValueError', 'hour must be in 0..23');
  if (minute > 59) throw new PyRuntimeError('ValueError', 'minute must be in 0..59');
  if (second > 59) throw new PyRuntimeError('ValueError', 'second must be in 0..59');
  let frac = 0;
  const fraction = m[7];
  if (fraction) {
    frac = Number(fraction.slice(0, 6).padEnd(6, '0'));
    if (fraction.length > 6 && Number(fraction[6]) > 4) frac += 1;
  }
  let extraSeconds = 0;
  if (frac > 999999) {
    frac = 0;
    extraSeconds = 1;
  }
  let deltaMs = 0;
  if (m[9]) {
    const tz = (Number(m[10]) * 60 + Number(m[11] ?? 0)) * 60_000 + extraSeconds * 1000;
    deltaMs = m[9] === '-' ? -tz : tz;
  } else if (extraSeconds) {
    deltaMs = -1000;
  }
  // setUTCFullYear, unlike Date.UTC, does not read years 0..99 as 1900..1999.
  const local = new Date(0);
  local.setUTCFullYear(year, month - 1, day);
  local.setUTCHours(hour, minute, second, 0);
  const t = new Date(local.getTime() - deltaMs);
  const [Y, Mo, D, H, Mi, S] = [
    t.getUTCFullYear(),
    t.getUTCMonth() + 1,
    t.getUTCDate(),
    t.getUTCHours(),
    t.getUTCMinutes(),
    t.getUTCSeconds(),
  ];
  const str = `${pad(Y, 4)}-${pad(Mo, 2)}-${pad(D, 2)} ${pad(H, 2)}:${pad(Mi, 2)}:${pad(S, 2)}${frac ? `.${pad(frac, 6)}` : ''}`;
  const parts = [Y, Mo, D, H, Mi];
  if (S || frac) parts.push(S);
  if (frac) parts.push(frac);
  return new PyScalar('datetime.datetime', str, `datetime.datetime(${parts.join(', ')})`);
}

function checkDate(year: number, month: number, day: number): void {
  if (year < 1) throw new PyRuntimeError('ValueError', `year ${year} is out of range`);
  if (month < 1 || month > 12) throw new PyRuntimeError('ValueError', 'month must be in 1..12');
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > days) throw new PyRuntimeError('ValueError', 'day is out of range for month');
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
