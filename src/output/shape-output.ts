// What AWS CLI v2 does to an answer before any formatter sees it: botocore's JSON parser
// (awscli/botocore/parsers.py, BaseJSONParser) keeps the members of the operation's output shape, in
// model order, recursively, and the CLI's timestamp parser (awscli/customizations/timestampformat.py,
// cli_timestamp_format=iso8601 by default) turns every timestamp into datetime.isoformat() in the
// local zone. Unknown members and ResponseMetadata disappear; null members are left out.
import type { Shape, StructureShape } from '../model/types.ts';

export interface ShapeOutputOptions {
  /**
   * IANA zone for timestamps, e.g. 'UTC' or 'Asia/Kolkata'. Default: the process's local zone, as
   * v2's dateutil tzlocal() uses (so TZ=... changes v2's output, and ours).
   */
  readonly timeZone?: string;
  /** v2's cli_timestamp_format: 'iso8601' (its default) or 'wire' (timestamps left as received). */
  readonly timestampFormat?: 'iso8601' | 'wire';
}

export function shapeOutput(
  shape: StructureShape,
  raw: unknown,
  opts: ShapeOutputOptions = {},
): Record<string, unknown> {
  // A 200 answer that is not a JSON object: botocore reads a non-JSON body as {"message": body},
  // which has no modelled member, so v2 prints nothing. (A JSON array or string makes v2 crash.)
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return {};
  return parseStructure(shape, raw as Record<string, unknown>, opts);
}

function parseStructure(
  shape: StructureShape,
  value: Record<string, unknown>,
  opts: ShapeOutputOptions,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(shape.members)) {
    const v = Object.hasOwn(value, name) ? value[name] : undefined;
    // botocore skips a member whose value is null (raw_value is not None).
    if (v !== null && v !== undefined) out[name] = parse(member, v, opts);
  }
  return out;
}

function parse(shape: Shape, value: unknown, opts: ShapeOutputOptions): unknown {
  switch (shape.type) {
    case 'structure':
      // A list item or map value may be null: botocore returns None for it and it prints as null.
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
      return parseStructure(shape, value as Record<string, unknown>, opts);
    case 'list':
      return pyIterate(value).map((item) => parse(shape.member, item, opts));
    case 'map': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = parse(shape.value, v, opts);
      return out;
    }
    case 'timestamp':
      return opts.timestampFormat === 'wire' ? value : isoTimestamp(value, opts.timeZone);
    default:
      // botocore's JSON parser passes strings, numbers and booleans through without checking types.
      return value;
  }
}

/** `for item in node` in Python: a list's items, a string's characters, a dict's keys. */
function pyIterate(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return Array.from(value);
  if (value !== null && typeof value === 'object') return Object.keys(value);
  // botocore fails (TypeError) on a number or boolean where a list belongs; we give an empty list.
  return [];
}

// ---- timestamps: botocore.utils.parse_timestamp(value).isoformat() ----

// Python's float() syntax (what parse_timestamp tries first on a string).
const PY_FLOAT = /^\s*[-+]?(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][-+]?\d(?:_?\d)*)?\s*$/;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[-+]\d{2}(?::?\d{2})?)?$/i;

export function isoTimestamp(value: unknown, timeZone?: string): unknown {
  if (typeof value === 'number') return fromTimestamp(value, timeZone);
  if (typeof value !== 'string') return value;
  if (PY_FLOAT.test(value)) return fromTimestamp(Number(value.trim().replaceAll('_', '')), timeZone);
  // Any other string goes through dateutil.parser.parse, which keeps the zone written in it. We read
  // ISO 8601 (what Cognito would send) and leave anything else as received.
  const m = ISO.exec(value);
  if (!m) return value;
  const [, y, mo, d, h, mi, s = '00', frac, zone] = m;
  let out = `${y}-${mo}-${d}T${h}:${mi}:${s}`;
  // dateutil keeps microseconds (the first six digits); isoformat() omits them when zero.
  const us = frac ? frac.slice(0, 6).padEnd(6, '0') : '000000';
  if (us !== '000000') out += `.${us}`;
  if (zone) {
    if (zone.toUpperCase() === 'Z') return out + '+00:00';
    const digits = zone.replace(':', '');
    out += `${digits.slice(0, 3)}:${digits.length > 3 ? digits.slice(3, 5) : '00'}`;
  }
  return out;
}

/** datetime.fromtimestamp(x, tzlocal()).isoformat(), e.g. 2026-11-22T02:10:13.123000+00:00. */
function fromTimestamp(x: number, timeZone?: string): string {
  if (!Number.isFinite(x)) return String(x);
  // CPython's _PyTime_DoubleToDenominator: split off the fraction, microseconds rounded half-even.
  let seconds = Math.trunc(x);
  let us = roundHalfEven((x - seconds) * 1e6);
  if (us >= 1e6) {
    us -= 1e6;
    seconds += 1;
  } else if (us < 0) {
    us += 1e6;
    seconds -= 1;
  }
  const ms = seconds * 1000;
  const wall = timeZone === undefined ? localWall(ms) : zonedWall(ms, timeZone);
  const offsetMin = Math.round((wall.asUtc - ms) / 60000);
  let out = `${pad(wall.year, 4)}-${pad(wall.month, 2)}-${pad(wall.day, 2)}T${pad(wall.hour, 2)}:${pad(wall.minute, 2)}:${pad(wall.second, 2)}`;
  if (us !== 0) out += `.${pad(us, 6)}`;
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  return `${out}${sign}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`;
}

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** The wall-clock fields read as if they were UTC: their distance from the instant is the offset. */
  asUtc: number;
}

function localWall(ms: number): Wall {
  const d = new Date(ms);
  const w = {
    year: d.getFullYear(),
    month: d.getMonth() + 1,
    day: d.getDate(),
    hour: d.getHours(),
    minute: d.getMinutes(),
    second: d.getSeconds(),
  };
  return { ...w, asUtc: ms - d.getTimezoneOffset() * 60000 };
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

function zonedWall(ms: number, timeZone: string): Wall {
  let fmt = zoneFormats.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zoneFormats.set(timeZone, fmt);
  }
  const parts: Record<string, number> = {};
  for (const p of fmt.formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const w = {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
  return { ...w, asUtc: Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** CPython's _PyTime_Round(x, HALF_EVEN). */
function roundHalfEven(x: number): number {
  const away = (v: number) => Math.sign(v) * Math.round(Math.abs(v));
  const r = away(x);
  return Math.abs(x - r) === 0.5 ? 2 * away(x / 2) : r;
}
