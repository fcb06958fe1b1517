// Request validation against the model, in two layers:
//  - validateClientSide: what AWS CLI v2 checks before sending, botocore's ParamValidator
//    (awscli/botocore/validate.py): required members, unknown keys, Python types, minimum lengths
//    and values. Not maxima, patterns or enums: botocore leaves those to the service.
//  - validateServiceSide: what Cognito itself rejects (maxima, patterns, enums, and the minima again),
//    for the local emulator, worded like AWS's service-side validation ("1 validation error detected: ...").

import { GeneralError } from '../errors.ts';
import type { Shape, StructureShape } from '../model/types.ts';
import { pyLen } from '../python/builtins.ts';
import {
  isDict,
  isPyInt,
  PyScalar,
  pyClass,
  pyEntries,
  pyKeyObject,
  pyKeys,
  pyStr,
} from '../python/value.ts';

// ---------------------------------------------------------------- client side (botocore)

const VALID_TYPES: Record<Shape['type'], string> = {
  structure: "<class 'dict'>",
  map: "<class 'dict'>",
  list: "<class 'list'>, <class 'tuple'>",
  string: "<class 'str'>",
  integer: "<class 'int'>",
  long: "<class 'int'>",
  boolean: "<class 'bool'>",
  timestamp: "<class 'datetime.datetime'>, timestamp-string",
};

/**
 * botocore's ParamValidator on `input`: one line per problem, in botocore's order (for each
 * structure: missing required members, then unknown keys, then each known key in the input's own
 * order, depth first). Names are botocore's paths: `UserCode`, `Policies.PasswordPolicy.MinimumLength`,
 * `UserAttributes[0].Name`, `AuthParameters (key: K)` / `AuthParameters.K`. The caller throws
 * `new ParamError('Parameter validation failed:\n' + lines.join('\n'))`.
 * Throws only for a top-level key that is not a string (possible from YAML): GeneralError, as v2.
 */
export function validateClientSide(shape: StructureShape, input: unknown): string[] {
  // v2 hands the request to botocore as keyword arguments: a YAML document with a key that is not a
  // str (`1: x`) fails right there, before validation, with Python's TypeError (rc 255).
  if (isDict(input) && pyKeys(input).some((k) => typeof pyKeyObject(input, k) !== 'string')) {
    throw new GeneralError('keywords must be strings');
  }
  const errors: string[] = [];
  check(input, shape, '', errors);
  return errors;
}

function displayName(name: string): string {
  if (!name) return 'input';
  return name.startsWith('.') ? name.slice(1) : name;
}

function typeError(value: unknown, shape: Shape, name: string, errors: string[]): void {
  errors.push(
    `Invalid type for parameter ${displayName(name)}, value: ${pyStr(value)}, type: ${pyClass(value)}, valid types: ${VALID_TYPES[shape.type]}`,
  );
}

/** One value still to check against its shape, under botocore's name for it. */
interface Visit {
  value: unknown;
  shape: Shape;
  name: string;
}

/**
 * botocore's recursive walk, with an explicit stack instead of recursion (issue 17, item 1): the walk
 * only descends where the value has the shape's type, so its depth is the model's, but nothing here
 * may overflow whatever the input. Children are pushed in reverse so they are visited, and their
 * problems reported, in the order the recursive walk reports them.
 */
function check(input: unknown, rootShape: Shape, rootName: string, errors: string[]): void {
  const todo: Visit[] = [{ value: input, shape: rootShape, name: rootName }];
  while (todo.length > 0) {
    const { value, shape, name } = todo.pop()!;
    const children = checkOne(value, shape, name, errors);
    for (let i = children.length - 1; i >= 0; i--) todo.push(children[i]!);
  }
}

/** The problems of one value itself; returns its members to check next, in order. */
function checkOne(value: unknown, shape: Shape, name: string, errors: string[]): Visit[] {
  switch (shape.type) {
    case 'structure': {
      if (!isDict(value)) {
        typeError(value, shape, name, errors);
        return [];
      }
      for (const req of shape.required ?? []) {
        if (!Object.hasOwn(value, req))
          errors.push(`Missing required parameter in ${displayName(name)}: "${req}"`);
      }
      const known: string[] = [];
      const memberNames = Object.keys(shape.members);
      for (const key of pyKeys(value)) {
        if (Object.hasOwn(shape.members, key)) known.push(key);
        else {
          errors.push(
            `Unknown parameter in ${displayName(name)}: "${key}", must be one of: ${memberNames.join(', ')}`,
          );
        }
      }
      return known.map((key) => ({ value: value[key], shape: shape.members[key]!, name: `${name}.${key}` }));
    }
    case 'string':
      if (typeof value !== 'string') {
        typeError(value, shape, name, errors);
        return [];
      }
      rangeCheck(name, pyLen(value), shape.min, 'length', errors);
      return [];
    case 'list':
      if (!Array.isArray(value)) {
        typeError(value, shape, name, errors);
        return [];
      }
      rangeCheck(name, value.length, shape.min, 'length', errors);
      return value.map((item, i) => ({ value: item, shape: shape.member, name: `${name}[${i}]` }));
    case 'map': {
      if (!isDict(value)) {
        typeError(value, shape, name, errors);
        return [];
      }
      const next: Visit[] = [];
      for (const [k, v] of pyEntries(value)) {
        next.push({ value: pyKeyObject(value, k), shape: shape.key, name: `${name} (key: ${k})` });
        next.push({ value: v, shape: shape.value, name: `${name}.${k}` });
      }
      return next;
    }
    case 'integer':
    case 'long':
      // Python's bool is an int: botocore accepts True/False for integers (and compares them as 1/0).
      if (!isPyInt(value) && typeof value !== 'boolean') {
        typeError(value, shape, name, errors);
        return [];
      }
      rangeCheck(name, value, shape.min, 'value', errors);
      return [];
    case 'boolean':
      if (typeof value !== 'boolean') typeError(value, shape, name, errors);
      return [];
    case 'timestamp':
      if (!isTimestampLike(value)) typeError(value, shape, name, errors);
      return [];
  }
}

function rangeCheck(
  name: string,
  value: number | bigint | boolean,
  min: number | undefined,
  kind: 'length' | 'value',
  errors: string[],
): void {
  if (min === undefined) return;
  const n = typeof value === 'boolean' ? Number(value) : value;
  if (n < min) {
    errors.push(
      `Invalid ${kind} for parameter ${displayName(name)}, value: ${pyStr(value)}, valid min ${kind}: ${min}`,
    );
  }
}

/**
 * botocore accepts a datetime, an epoch number or a string it can parse (parse_to_aware_datetime,
 * which uses dateutil). No input member of our model is a timestamp; this approximation only keeps
 * the validator total.
 */
function isTimestampLike(value: unknown): boolean {
  if (typeof value === 'number' || typeof value === 'bigint') return true;
  if (value instanceof PyScalar) return value.pyType === 'datetime.datetime' || value.pyType === 'float';
  if (typeof value === 'string')
    return value.trim() !== '' && (!Number.isNaN(Number(value)) || !Number.isNaN(Date.parse(value)));
  return false;
}

/**
 * The first member whose JSON type is not the model's, for SerializationException, or undefined.
 * The local backend runs this on every request before any handler (CLI and server alike), so that
 * nothing of the wrong shape can reach the state whatever a front end checked or failed to check
 * (issue 17, item 1: a pool name stored as an object made the state unreadable for good). A null
 * member counts as absent, as JSON 1.1 reads it. The value itself is not echoed: it may be huge, or
 * a secret sent in the wrong member. Iterative, so any depth of nesting is refused, not overflowed.
 */
export function validateTypes(shape: StructureShape, input: unknown): string | undefined {
  const todo: Visit[] = [{ value: input, shape, name: '' }];
  while (todo.length > 0) {
    const { value, shape: s, name } = todo.pop()!;
    if (value === null || value === undefined) continue;
    if (!hasType(value, s)) {
      return `Invalid type for parameter ${displayName(name)}, type: ${pyClass(value)}, valid types: ${VALID_TYPES[s.type]}`;
    }
    if (s.type === 'structure') {
      const v = value as Record<string, unknown>;
      for (const key of Object.keys(v)) {
        if (Object.hasOwn(s.members, key))
          todo.push({ value: v[key], shape: s.members[key]!, name: `${name}.${key}` });
      }
    } else if (s.type === 'list') {
      (value as unknown[]).forEach((item, i) => {
        todo.push({ value: item, shape: s.member, name: `${name}[${i}]` });
      });
    } else if (s.type === 'map') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        todo.push({ value: v, shape: s.value, name: `${name}.${k}` });
      }
    }
  }
  return undefined;
}

function hasType(value: unknown, shape: Shape): boolean {
  switch (shape.type) {
    case 'structure':
    case 'map':
      return isDict(value);
    case 'list':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'integer':
    case 'long':
      return isPyInt(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'timestamp':
      return isTimestampLike(value);
  }
}

// ---------------------------------------------------------------- service side (Cognito)

/**
 * What Cognito's own request validation rejects, in its wording (AWS's Coral validation):
 * `1 validation error detected: Value at 'userCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9]+`,
 * several joined by `; ` under `N validation errors detected: `. Member paths are camelCase
 * (`policies.passwordPolicy.minimumLength`, list elements `userAttributes.1.member.name`).
 * The value is echoed (`Value 'x' at ...`) except for sensitive members, whose values Cognito
 * never shows (`Value at 'userCode' ...`). Returns undefined when the request is acceptable.
 *
 * Checks: required members, string/list/map lengths, numeric ranges, patterns (matching the whole
 * value) and enums. Values of the wrong type are the client side's business and are skipped here.
 * The order of several errors is model order, one constraint after another (length, then pattern,
 * then enum); Cognito's own order among several errors has not been verified.
 */
export function validateServiceSide(shape: StructureShape, input: unknown): string | undefined {
  const errors: string[] = [];
  serviceCheck(input, shape, errors);
  if (errors.length === 0) return undefined;
  const head =
    errors.length === 1 ? '1 validation error detected: ' : `${errors.length} validation errors detected: `;
  return head + errors.join('; ');
}

function camel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** Java's toString of the value, as Coral echoes it; iterative for the reason pyRepr is. */
function javaText(input: unknown): string {
  const out: string[] = [];
  const todo: unknown[] = [input];
  while (todo.length > 0) {
    const value = todo.pop();
    if (value instanceof JavaLiteral) out.push(value.text);
    else if (Array.isArray(value)) {
      const parts: unknown[] = [new JavaLiteral('[')];
      value.forEach((v, i) => {
        if (i > 0) parts.push(new JavaLiteral(', '));
        parts.push(v);
      });
      parts.push(new JavaLiteral(']'));
      for (let i = parts.length - 1; i >= 0; i--) todo.push(parts[i]);
    } else if (isDict(value)) {
      const parts: unknown[] = [new JavaLiteral('{')];
      pyEntries(value).forEach(([k, v], i) => {
        parts.push(new JavaLiteral(`${i > 0 ? ', ' : ''}${k}=`), v);
      });
      parts.push(new JavaLiteral('}'));
      for (let i = parts.length - 1; i >= 0; i--) todo.push(parts[i]);
    } else if (value === null || value === undefined) out.push('null');
    else out.push(typeof value === 'string' ? value : pyStr(value));
  }
  return out.join('');
}

class JavaLiteral {
  constructor(readonly text: string) {}
}

function valueAt(value: unknown, path: string, sensitive: boolean): string {
  if (sensitive) return `Value at '${path}'`;
  if (value === null || value === undefined) return `Value null at '${path}'`;
  return `Value '${javaText(value)}' at '${path}'`;
}

function constraintsOf(shape: Shape, value: unknown): string[] {
  const out: string[] = [];
  if (shape.type === 'string' && typeof value === 'string') {
    const len = pyLen(value);
    if (shape.max !== undefined && len > shape.max)
      out.push(`Member must have length less than or equal to ${shape.max}`);
    if (shape.min !== undefined && len < shape.min)
      out.push(`Member must have length greater than or equal to ${shape.min}`);
    if (shape.pattern !== undefined && !wholeMatch(shape.pattern).test(value)) {
      out.push(`Member must satisfy regular expression pattern: ${shape.pattern}`);
    }
    if (shape.enum !== undefined && !shape.enum.includes(value)) {
      out.push(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
    }
  } else if (
    (shape.type === 'integer' || shape.type === 'long') &&
    (isPyInt(value) || typeof value === 'boolean')
  ) {
    const n = typeof value === 'boolean' ? Number(value) : value;
    if (shape.max !== undefined && n > shape.max)
      out.push(`Member must have value less than or equal to ${shape.max}`);
    if (shape.min !== undefined && n < shape.min)
      out.push(`Member must have value greater than or equal to ${shape.min}`);
  } else if ((shape.type === 'list' && Array.isArray(value)) || (shape.type === 'map' && isDict(value))) {
    const len = Array.isArray(value) ? value.length : Object.keys(value as object).length;
    if (shape.max !== undefined && len > shape.max)
      out.push(`Member must have length less than or equal to ${shape.max}`);
    if (shape.min !== undefined && len < shape.min)
      out.push(`Member must have length greater than or equal to ${shape.min}`);
  }
  return out;
}

/** A value still to check on the service side, or a problem to report at its turn. */
type ServiceVisit = { value: unknown; shape: Shape; path: string; sensitive: boolean } | { problem: string };

/** Coral's walk, iterative like check(): depth first, problems in the recursive walk's order. */
function serviceCheck(input: unknown, rootShape: Shape, errors: string[]): void {
  const todo: ServiceVisit[] = [{ value: input, shape: rootShape, path: '', sensitive: false }];
  while (todo.length > 0) {
    const visit = todo.pop()!;
    if ('problem' in visit) {
      errors.push(visit.problem);
      continue;
    }
    const next = serviceCheckOne(visit.value, visit.shape, visit.path, visit.sensitive, errors);
    for (let i = next.length - 1; i >= 0; i--) todo.push(next[i]!);
  }
}

function serviceCheckOne(
  value: unknown,
  shape: Shape,
  path: string,
  sensitive: boolean,
  errors: string[],
): ServiceVisit[] {
  const isSensitive = sensitive || shape.sensitive === true;
  for (const c of constraintsOf(shape, value)) {
    errors.push(`${valueAt(value, path, isSensitive)} failed to satisfy constraint: ${c}`);
  }
  const next: ServiceVisit[] = [];
  if (shape.type === 'structure' && isDict(value)) {
    for (const [member, memberShape] of Object.entries(shape.members)) {
      const memberPath = path ? `${path}.${camel(member)}` : camel(member);
      const present = Object.hasOwn(value, member) && value[member] !== null && value[member] !== undefined;
      if (!present) {
        if (shape.required?.includes(member)) {
          next.push({
            problem: `Value null at '${memberPath}' failed to satisfy constraint: Member must not be null`,
          });
        }
        continue;
      }
      next.push({ value: value[member], shape: memberShape, path: memberPath, sensitive: isSensitive });
    }
  } else if (shape.type === 'list' && Array.isArray(value)) {
    value.forEach((item, i) => {
      next.push({
        value: item,
        shape: shape.member,
        path: `${path}.${i + 1}.member`,
        sensitive: isSensitive,
      });
    });
  } else if (shape.type === 'map' && isDict(value)) {
    // Coral reports a map's bad keys or values once, for the whole map.
    const keyProblems = new Set<string>();
    const valueProblems = new Set<string>();
    for (const [k, v] of pyEntries(value)) {
      for (const c of constraintsOf(shape.key, k)) keyProblems.add(c);
      for (const c of constraintsOf(shape.value, v)) valueProblems.add(c);
    }
    const at = valueAt(value, path, isSensitive || shape.value.sensitive === true);
    if (keyProblems.size) {
      errors.push(
        `${at} failed to satisfy constraint: Map keys must satisfy constraint: [${[...keyProblems].join(', ')}]`,
      );
    }
    if (valueProblems.size) {
      errors.push(
        `${at} failed to satisfy constraint: Map value must satisfy constraint: [${[...valueProblems].join(', ')}]`,
      );
    }
  }
  return next;
}

const compiled = new Map<string, RegExp>();

/**
 * The model's pattern as Java (Cognito's validator) reads it, anchored at both ends: `\p{L}` needs
 * the `u` flag, and Java's `\s`/`\S` are ASCII-only where JavaScript's are Unicode-wide.
 */
export function wholeMatch(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(`^(?:${javaToJs(pattern)})$`, 'u');
    compiled.set(pattern, re);
  }
  return re;
}

const JAVA_SPACE = ' \\t\\n\\x0B\\f\\r';
const JAVA_NON_SPACE = '\\0-\\x08\\x0E-\\x1F\\x21-\\u{10FFFF}';

function javaToJs(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      const n = pattern[i + 1]!;
      i++;
      if (n === 's') out += inClass ? JAVA_SPACE : `[${JAVA_SPACE}]`;
      else if (n === 'S') out += inClass ? JAVA_NON_SPACE : `[${JAVA_NON_SPACE}]`;
      else out += c + n;
      continue;
    }
    if (c === '[' && !inClass) inClass = true;
    else if (c === ']' && inClass) inClass = false;
    out += c;
  }
  return out;
}
