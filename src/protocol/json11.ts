// The AWS JSON 1.1 wire codec for Cognito (awsJson1_1): request encoding and response/error parsing
// the way botocore does it, plus the server-side halves (decode a request, encode an error).
// Pure functions: no I/O, no node: imports, so the client, a server and tests can all share it.
import type { Shape } from '../model/index.ts';

/** Cognito's targetPrefix in its service model (metadata.targetPrefix). */
export const TARGET_PREFIX = 'AWSCognitoIdentityProviderService';
export const CONTENT_TYPE = 'application/x-amz-json-1.1';

export type JsonObject = Record<string, unknown>;

export function targetFor(operation: string): string {
  return `${TARGET_PREFIX}.${operation}`;
}

// ---------------------------------------------------------------------------------------------
// Encoding

/**
 * Serialises like Python's `json.dumps(value)` with its defaults, which is what botocore sends:
 * `", "` and `": "` separators, every character outside printable ASCII escaped as lowercase
 * `\uXXXX` (astral characters as their UTF-16 surrogate pair, as `ensure_ascii=True` does).
 * Keys whose value is `undefined` are left out (botocore never sends a member that was not given).
 */
export function encodeJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return encodeString(value);
    case 'number':
      // Python writes the non-finite floats as bare words; JSON.stringify would write null.
      if (Number.isNaN(value)) return 'NaN';
      if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
      return String(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(encodeJson).join(', ')}]`;
      const parts: string[] = [];
      for (const [k, v] of Object.entries(value)) {
        if (v === undefined) continue;
        parts.push(`${encodeString(k)}: ${encodeJson(v)}`);
      }
      return `{${parts.join(', ')}}`;
    }
    default:
      return 'null';
  }
}

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

function encodeString(s: string): string {
  // Python's ESCAPE_ASCII is ([\\"]|[^\ -~]): everything but printable ASCII (0x20-0x7e) is escaped.
  return `"${s.replace(/[\\"]|[^ -~]/g, (c) => SHORT_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}

export interface EncodedRequest {
  readonly headers: { 'Content-Type': string; 'X-Amz-Target': string };
  readonly body: string;
}

/** The body and protocol headers of one request. An empty input is sent as `{}` (smithy awsJson1_1). */
export function encodeRequest(operation: string, input: JsonObject): EncodedRequest {
  return {
    headers: { 'Content-Type': CONTENT_TYPE, 'X-Amz-Target': targetFor(operation) },
    body: encodeJson(input),
  };
}

// ---------------------------------------------------------------------------------------------
// Parsing answers (client side)

export interface WireResponse {
  readonly status: number;
  /** Header names in lower case, as node:http gives them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

export interface ParsedError {
  readonly code: string;
  readonly message: string;
  readonly requestId?: string;
}

/** botocore treats status >= 301 as an error answer (ResponseParser.parse). */
export function isErrorStatus(status: number): boolean {
  return status >= 301;
}

/**
 * Reason phrases of Python's http.client.responses for the 5xx codes: botocore uses them as the
 * message of a generic (empty or HTML) 5xx answer. Only 5xx can reach that path.
 */
const REASONS_5XX: Readonly<Record<number, string>> = {
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  505: 'HTTP Version Not Supported',
  506: 'Variant Also Negotiates',
  507: 'Insufficient Storage',
  508: 'Loop Detected',
  510: 'Not Extended',
  511: 'Network Authentication Required',
};

function header(resp: WireResponse, name: string): string | undefined {
  const v = resp.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * An error answer as botocore reads it (parsers.py ResponseParser._is_generic_error_response and
 * BaseJSONParser._do_error_parse):
 * - 5xx with an empty body or one starting with `<html>` → code = the status, message = reason phrase;
 * - a body that is not JSON → code = the status, message = the raw text;
 * - code = `x-amzn-query-error` header's first part when it has two, else `__type`, else the status;
 *   the code is cut before any `:` and after the last `#` (newer botocore; smithy aws-json rules);
 * - message = `message`, else `Message`, else empty. The `x-amzn-ErrorType` header is not used.
 */
export function parseError(resp: WireResponse): ParsedError {
  const status = String(resp.status);
  const requestId = header(resp, 'x-amzn-requestid');
  const withId = (e: { code: string; message: string }): ParsedError =>
    requestId === undefined ? e : { ...e, requestId };
  const trimmed = resp.body.trim();
  if (resp.status >= 500 && (trimmed === '' || trimmed.startsWith('<html>'))) {
    return withId({ code: status, message: REASONS_5XX[resp.status] ?? '' });
  }
  let body: JsonObject = {};
  if (resp.body !== '') {
    try {
      const parsed: unknown = JSON.parse(resp.body);
      // botocore would crash on a JSON array or scalar; treating it as an empty object is kinder.
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
        body = parsed as JsonObject;
    } catch {
      body = { message: resp.body };
    }
  }
  const rawMessage = body.message ?? body.Message ?? '';
  const message = typeof rawMessage === 'string' ? rawMessage : encodeJson(rawMessage);
  let code: string | undefined;
  const queryError = (header(resp, 'x-amzn-query-error') ?? '').split(';');
  if (queryError.length === 2 && queryError[0]) code = queryError[0];
  if (code === undefined) code = typeof body.__type === 'string' ? body.__type : status;
  return withId({ code: sanitizeErrorCode(code), message });
}

/** `aws.protocols#Foo:http://internal/` → `Foo`: text before the first `:`, then after the last `#`. */
export function sanitizeErrorCode(code: string): string {
  const beforeColon = code.split(':', 1)[0] ?? '';
  const hash = beforeColon.lastIndexOf('#');
  return hash === -1 ? beforeColon : beforeColon.slice(hash + 1);
}

/**
 * A success body. Empty or unparseable → `{}` (botocore parses it to `{"message": text}` and then
 * keeps only modeled members). With an output shape, the result keeps only modeled members, in
 * model order, without nulls, recursively, as botocore's BaseJSONParser._handle_structure does;
 * that is what v2 then prints.
 */
export function parseSuccess(body: string, shape?: Shape): JsonObject {
  if (body.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return {};
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
  if (shape === undefined) return parsed as JsonObject;
  const shaped = applyShape(shape, parsed);
  return shaped !== null && typeof shaped === 'object' && !Array.isArray(shaped)
    ? (shaped as JsonObject)
    : {};
}

function applyShape(shape: Shape, value: unknown): unknown {
  switch (shape.type) {
    case 'structure': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
      const src = value as JsonObject;
      const out: JsonObject = {};
      for (const [name, member] of Object.entries(shape.members)) {
        const v = src[name];
        if (v !== null && v !== undefined) out[name] = applyShape(member, v);
      }
      return out;
    }
    case 'list':
      return Array.isArray(value) ? value.map((v) => applyShape(shape.member, v)) : value;
    case 'map': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
      const out: JsonObject = {};
      for (const [k, v] of Object.entries(value)) out[k] = applyShape(shape.value, v);
      return out;
    }
    default:
      return value;
  }
}

// ---------------------------------------------------------------------------------------------
// Server side

/** An error body as Cognito sends it: `{"__type": code, "message": msg}` (compact, like the service). */
export function encodeError(code: string, message: string): string {
  return JSON.stringify({ __type: code, message });
}

/** A success body as the service sends it (compact JSON). */
export function encodeSuccess(value: JsonObject): string {
  return JSON.stringify(value);
}

export interface WireRequest {
  /** Header names in lower case, as node:http gives them. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
}

export type DecodedRequest =
  | { readonly ok: true; readonly operation: string; readonly input: JsonObject }
  | { readonly ok: false; readonly status: number; readonly code: string; readonly message: string };

/**
 * Reads one request: the operation from `X-Amz-Target`, the input from the JSON body (empty → `{}`).
 * `isKnown` lets the server reject an operation it does not implement. The codes are the ones AWS's
 * JSON services answer with (UnknownOperationException, SerializationException).
 */
export function decodeRequest(req: WireRequest, isKnown?: (operation: string) => boolean): DecodedRequest {
  const rawTarget = req.headers['x-amz-target'];
  const target = Array.isArray(rawTarget) ? rawTarget[0] : rawTarget;
  const prefix = `${TARGET_PREFIX}.`;
  if (target === undefined || !target.startsWith(prefix) || target.length === prefix.length) {
    const got = target === undefined ? 'none' : `'${target.slice(0, 200)}'`;
    return {
      ok: false,
      status: 400,
      code: 'UnknownOperationException',
      message: `The X-Amz-Target header must name an operation, as ${prefix}InitiateAuth (got ${got}).`,
    };
  }
  const operation = target.slice(prefix.length);
  if (isKnown !== undefined && !isKnown(operation)) {
    // Cognito itself answers an unknown target with no message; here the operation may well be a
    // real one that the emulator does not have, which deserves saying.
    return {
      ok: false,
      status: 400,
      code: 'UnknownOperationException',
      message: `${operation.slice(0, 200)} is not an operation cognito-totp emulates (the operations it answers are listed by 'cognito-totp help').`,
    };
  }
  if (req.body.trim() === '') return { ok: true, operation, input: {} };
  if (nestedDeeperThan(req.body, MAX_JSON_DEPTH)) {
    return {
      ok: false,
      status: 400,
      code: 'SerializationException',
      message: `Request body is nested deeper than ${MAX_JSON_DEPTH} levels`,
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.body);
  } catch {
    return { ok: false, status: 400, code: 'SerializationException', message: 'Malformed JSON request body' };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return {
      ok: false,
      status: 400,
      code: 'SerializationException',
      message: 'Request body must be a JSON object',
    };
  }
  return { ok: true, operation, input: parsed as JsonObject };
}

/**
 * Deepest nesting of arrays and objects a request body may have. Cognito's deepest input
 * (CreateUserPool's schema attributes' constraints) is 4 levels down; past this depth nothing can
 * be a real request, and recursive code (validation, serialisation) is kept far from the stack's end.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * True when the JSON text nests arrays/objects deeper than `max`. One pass over the characters,
 * strings skipped, before JSON.parse: a 1 MiB body of brackets is refused without being built.
 */
export function nestedDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
