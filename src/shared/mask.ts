// Hiding secrets in what we log: values of members the model marks `sensitive`, and any later
// echo of those values (a server may repeat a token in an error message; moto does).
import type { Shape } from '../model/index.ts';

export const MASK = '****';

/**
 * A copy of `value` where every member whose shape is `sensitive` is replaced by `****`, walking
 * structures, lists and maps. A sensitive list, map or structure is masked as a whole. Keys the
 * shape does not know are kept as they are: nothing says they are secret, and the CLI has already
 * rejected unknown request members.
 */
export function maskSensitive(shape: Shape, value: unknown): unknown {
  if (value === undefined || value === null) return value;
  if (shape.sensitive) return MASK;
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || Array.isArray(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const member = shape.members[k];
        out[k] = member === undefined ? v : maskSensitive(member, v);
      }
      return out;
    }
    case 'list':
      return Array.isArray(value) ? value.map((v) => maskSensitive(shape.member, v)) : value;
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) return value;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) out[k] = maskSensitive(shape.value, v);
      return out;
    }
    default:
      return value;
  }
}

/** Every string found under a sensitive member of `value` (the secrets a request carries). */
export function sensitiveValues(shape: Shape, value: unknown, into: string[] = []): string[] {
  if (value === undefined || value === null) return into;
  if (shape.sensitive) {
    collectStrings(value, into);
    return into;
  }
  if (typeof value !== 'object') return into;
  switch (shape.type) {
    case 'structure':
      if (!Array.isArray(value)) {
        for (const [k, v] of Object.entries(value)) {
          const member = shape.members[k];
          if (member !== undefined) sensitiveValues(member, v, into);
        }
      }
      break;
    case 'list':
      if (Array.isArray(value)) for (const v of value) sensitiveValues(shape.member, v, into);
      break;
    case 'map':
      if (!Array.isArray(value)) for (const v of Object.values(value)) sensitiveValues(shape.value, v, into);
      break;
    default:
      break;
  }
  return into;
}

function collectStrings(value: unknown, into: string[]): void {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const v of value) collectStrings(v, into);
  else if (value !== null && typeof value === 'object')
    for (const v of Object.values(value)) collectStrings(v, into);
}

/**
 * Shorter secrets are not searched for in free text: a 3-letter user name would otherwise blank
 * out ordinary words of a message. Six covers a TOTP code, the shortest secret that matters.
 */
const MIN_REDACTED_LENGTH = 6;

/**
 * A function that replaces every occurrence of the given secrets in a text by `****`, both as they
 * are and as they look inside a JSON string (escaped), longest first so a secret that contains
 * another is hidden whole.
 */
export function makeRedactor(secrets: readonly string[]): (text: string) => string {
  const needles = new Set<string>();
  for (const s of secrets) {
    if (s.length < MIN_REDACTED_LENGTH) continue;
    needles.add(s);
    needles.add(JSON.stringify(s).slice(1, -1));
  }
  const sorted = [...needles].sort((a, b) => b.length - a.length);
  if (sorted.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const n of sorted) out = out.split(n).join(MASK);
    return out;
  };
}

/**
 * The URL with its userinfo (`user:password@`) shown as `***:***@`, as the request lines already
 * show it (endpoint.ts requestTarget, proxy.ts): an endpoint such as `http://admin:S3cret@host` must
 * not print its password on the --debug backend-choice line or in an error (issue 17, item 12).
 * The userinfo ends at the last `@` before the authority ends; a URL without a scheme (`a:b@host`,
 * refused later) is treated as starting with its authority. Works on the text, so a URL that does
 * not parse is masked too.
 */
export function maskUrlCredentials(url: string): string {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*:\/\/|\/\/)?[^/?#\\]*@/.exec(url);
  return m ? `${m[1] ?? ''}***:***@${url.slice(m[0].length)}` : url;
}

/** maskUrlCredentials for every `scheme://user:password@` inside a free text (a log line). */
export function maskUrlCredentialsIn(text: string): string {
  return text.replace(/\b([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^\s/?#\\"'<>]*@/g, '$1***:***@');
}
