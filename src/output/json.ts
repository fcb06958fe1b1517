// `--output json`: Python's json.dumps(indent=4, ensure_ascii=False) as AWS CLI v2's JSONFormatter
// calls it (awscli/formatter.py): 4-space indent, `[]`/`{}` for empty containers, non-ASCII kept as
// UTF-8, floats spelled as Python does (1e-05, 1e+16).
import { isDict, pyNumber } from '../python/value.ts';

export function formatJson(data: unknown): string {
  const out: string[] = [];
  write(data, out, '');
  out.push('\n');
  return out.join('');
}

function write(v: unknown, out: string[], indent: string): void {
  if (typeof v === 'string') out.push(jsonString(v));
  else if (typeof v === 'number') out.push(jsonNumber(v));
  else if (v === true) out.push('true');
  else if (v === false) out.push('false');
  else if (v === null || v === undefined) out.push('null');
  else if (Array.isArray(v)) {
    if (v.length === 0) {
      out.push('[]');
      return;
    }
    const inner = indent + '    ';
    out.push('[');
    v.forEach((item, i) => {
      out.push(i === 0 ? '\n' : ',\n', inner);
      write(item, out, inner);
    });
    out.push('\n', indent, ']');
  } else if (isDict(v)) {
    const keys = Object.keys(v);
    if (keys.length === 0) {
      out.push('{}');
      return;
    }
    const inner = indent + '    ';
    out.push('{');
    keys.forEach((key, i) => {
      out.push(i === 0 ? '\n' : ',\n', inner, jsonString(key), ': ');
      write(v[key], out, inner);
    });
    out.push('\n', indent, '}');
  } else {
    out.push(jsonString(String(v)));
  }
}

/** json.dumps of a scalar without indent, as YAMLDumper prints a scalar result (`"SUCCESS"`, `null`). */
export function formatJsonScalar(v: unknown): string {
  const out: string[] = [];
  write(v, out, '');
  return out.join('');
}

function jsonNumber(n: number): string {
  // Python's json module writes the non-finite floats as JavaScript literals.
  if (Number.isNaN(n)) return 'NaN';
  if (n === Number.POSITIVE_INFINITY) return 'Infinity';
  if (n === Number.NEGATIVE_INFINITY) return '-Infinity';
  return pyNumber(n);
}

// json.encoder's ESCAPE set with ensure_ascii=False: only '"', '\\' and the C0 controls.
const ESCAPE = /["\\\u0000-\u001f]/g;
const SHORT: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

export function jsonString(s: string): string {
  return (
    '"' + s.replace(ESCAPE, (c) => SHORT[c] ?? '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')) + '"'
  );
}
