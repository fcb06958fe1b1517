// --generate-cli-skeleton: the input skeletons of AWS CLI v2 (botocore's ArgumentGenerator printed
// with json.dump(indent=4); awscli/customizations/generatecliskeleton.py's YAMLArgumentGenerator
// printed by ruamel.yaml with its comments), and an output skeleton of our own.
import type { Shape, StructureShape } from '../model/types.ts';
import { resolvesAsNonString } from '../python/yaml-load.ts';
import { wholeMatch } from './validate.ts';

// ---------------------------------------------------------------- input (JSON)

/** botocore's ArgumentGenerator: "" (or the first enum value), 0, true, one list element, a "KeyName" map entry. */
function generate(shape: Shape): unknown {
  switch (shape.type) {
    case 'structure': {
      const out: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members)) out[name] = generate(member);
      return out;
    }
    case 'list':
      return [generate(shape.member)];
    case 'map':
      return { KeyName: generate(shape.value) };
    case 'string':
      return shape.enum?.[0] ?? '';
    case 'integer':
    case 'long':
      return 0;
    case 'boolean':
      return true;
    case 'timestamp':
      // datetime(1970, 1, 1) through awscli.utils.json_encoder (isoformat of a naive datetime).
      return '1970-01-01T00:00:00';
  }
}

/** Python's json.dump(..., indent=4) with its default ensure_ascii=True. */
function pyJsonDump(value: unknown): string {
  return JSON.stringify(value, null, 4).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** `--generate-cli-skeleton` / `--generate-cli-skeleton input`: byte for byte what v2 prints. */
export function inputSkeleton(shape: StructureShape): string {
  return `${pyJsonDump(generate(shape))}\n`;
}

// ---------------------------------------------------------------- input (YAML)

/**
 * awscli.customizations.utils.get_shape_doc_overview: the documentation without markup, cut at the
 * first run of `.` or `:` (even inside a word, as v2 does), a full stop added, line breaks made spaces.
 */
export function docOverview(doc: string | undefined): string {
  let content = doc ?? '';
  if (/[<&]/.test(content)) content = stripXml(content);
  content = content.split(/[.:]+/, 1)[0] ?? '';
  if (content) content += '.';
  return content.replace(/[\n\u2028]/g, ' ');
}

/** The text nodes of documentation given as HTML (v2 parses it with xml.dom.minidom; on failure it keeps the raw text). */
function stripXml(doc: string): string {
  if (!/^(?:[^<&]|<\/?[A-Za-z][^<>]*>|&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)*$/.test(doc))
    return doc;
  return doc
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);/g, (_, e: string) => {
      const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
      if (named[e]) return named[e]!;
      return String.fromCodePoint(e.startsWith('#x') ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)));
    });
}

interface YamlEntry {
  key: string;
  value: YamlNode;
  comment?: string;
}
type YamlNode =
  | { kind: 'scalar'; text: string }
  | { kind: 'map'; entries: YamlEntry[] }
  | { kind: 'seq'; items: YamlNode[] };

/** YAMLArgumentGenerator: structures are commented maps; maps are plain dicts (no comments). */
function yamlGenerate(shape: Shape): YamlNode {
  switch (shape.type) {
    case 'structure': {
      const entries: YamlEntry[] = [];
      for (const [name, member] of Object.entries(shape.members)) {
        const parts: string[] = [];
        if (shape.required?.includes(name)) parts.push('[REQUIRED]');
        parts.push(docOverview(member.doc));
        if (member.type === 'string' && member.enum?.length) {
          parts.push(`Valid values are: ${member.enum.join(', ')}.`);
        }
        const text = parts.join(' ');
        const entry: YamlEntry = { key: name, value: yamlGenerate(member) };
        if (text && text.trim() !== '') entry.comment = text;
        entries.push(entry);
      }
      return { kind: 'map', entries };
    }
    case 'list':
      return { kind: 'seq', items: [yamlGenerate(shape.member)] };
    case 'map':
      return { kind: 'map', entries: [{ key: 'KeyName', value: yamlGenerate(shape.value) }] };
    case 'string':
      return { kind: 'scalar', text: yamlString(shape.enum?.[0] ?? '') };
    case 'integer':
    case 'long':
      return { kind: 'scalar', text: '0' };
    case 'boolean':
      return { kind: 'scalar', text: 'true' };
    case 'timestamp':
      return { kind: 'scalar', text: '1970-01-01 00:00:00' };
  }
}

/** ruamel's choice for a string: plain when it reads back as the same string, else single-quoted. */
function yamlString(s: string): string {
  if (s !== '' && /^[A-Za-z_/][A-Za-z0-9_./-]*$/.test(s) && !resolvesAsNonString(s)) return s;
  return `'${s.replaceAll("'", "''")}'`;
}

/**
 * The eol comment of a key, as ruamel's CommentedMap.yaml_add_eol_comment places it: with no
 * earlier comment to take a column from, the comment is stored as ' # text' at column 0 (two
 * spaces once written after the value); otherwise as '# text' (one space). The "earlier comment"
 * is the previous key's, else the last commented key among those inserted before the first key
 * that sorts at or after this one (comments.py _yaml_get_column compares keys as strings).
 */
function commentTexts(entries: readonly YamlEntry[]): (string | undefined)[] {
  const commented = new Set<string>();
  return entries.map((entry, i) => {
    let out: string | undefined;
    if (entry.comment !== undefined) {
      let found = false;
      const pre = i > 0 ? entries[i - 1]!.key : undefined;
      if (pre !== undefined && commented.has(pre)) found = true;
      else {
        for (const k of entries.slice(0, i + 1).map((e) => e.key)) {
          if (k >= entry.key) break;
          if (commented.has(k)) found = true;
        }
      }
      out = found ? `# ${entry.comment}` : ` # ${entry.comment}`;
      commented.add(entry.key);
    }
    return out;
  });
}

function emitMap(entries: readonly YamlEntry[], indent: number, lines: string[], firstPrefix?: string): void {
  const comments = commentTexts(entries);
  entries.forEach((entry, i) => {
    const pad = i === 0 && firstPrefix !== undefined ? firstPrefix : ' '.repeat(indent);
    const comment = comments[i] === undefined ? '' : ` ${comments[i]}`;
    const v = entry.value;
    if (v.kind === 'scalar') {
      lines.push(`${pad}${entry.key}: ${v.text}${comment}`);
    } else if (v.kind === 'map' && v.entries.length === 0) {
      lines.push(`${pad}${entry.key}: {}${comment}`);
    } else if (v.kind === 'seq' && v.items.length === 0) {
      lines.push(`${pad}${entry.key}: []${comment}`);
    } else {
      lines.push(`${pad}${entry.key}:${comment}`);
      if (v.kind === 'map') emitMap(v.entries, indent + 2, lines);
      else emitSeq(v.items, indent, lines);
    }
  });
}

// ruamel's defaults: a block sequence under a mapping key is not indented ("- " at the key's column).
function emitSeq(items: readonly YamlNode[], indent: number, lines: string[], firstPrefix?: string): void {
  items.forEach((item, i) => {
    const dash = `${i === 0 && firstPrefix !== undefined ? firstPrefix : ' '.repeat(indent)}- `;
    if (item.kind === 'scalar') lines.push(`${dash}${item.text}`);
    else if (item.kind === 'map') {
      if (item.entries.length === 0) lines.push(`${dash}{}`);
      else emitMap(item.entries, indent + 2, lines, dash);
    } else if (item.items.length === 0) lines.push(`${dash}[]`);
    else emitSeq(item.items, indent + 2, lines, dash);
  });
}

/**
 * `--generate-cli-skeleton yaml-input`: v2's layout byte for byte. The comment text is built as v2
 * builds it ("[REQUIRED]", the first sentence of the documentation, "Valid values are: ...") from
 * our model's `doc` fields, which are our words, not AWS's: where our doc differs, so does the text.
 */
export function yamlInputSkeleton(shape: StructureShape): string {
  const root = yamlGenerate(shape);
  if (root.kind !== 'map' || root.entries.length === 0) return '{}\n';
  const lines: string[] = [];
  emitMap(root.entries, 0, lines);
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------- output

// Realistic placeholders for well-known members; each is used only if it satisfies the member's
// constraints, otherwise a generic value is built from the constraints.
const EXAMPLES: Readonly<Record<string, string>> = {
  // A TOTP shared secret as Cognito returns it: 52 base32 characters (32 random bytes).
  SecretCode: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXPJBSW',
  Session: 'AYABeExampleSessionTokenOfAChallengeOrMfaSetup0000',
  AccessToken: 'eyJraWQiOiJleGFtcGxlIn0.eyJzdWIiOiJleGFtcGxlIn0.c2lnbmF0dXJl',
  IdToken: 'eyJraWQiOiJleGFtcGxlIn0.eyJzdWIiOiJleGFtcGxlIn0.c2lnbmF0dXJl',
  RefreshToken: 'eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIn0.ZXhhbXBsZQ.ZXhhbXBsZQ',
  TokenType: 'Bearer',
  UserPoolId: 'us-east-1_EXAMPLE00',
  ClientId: '1example23456789abcdefghij',
  ClientSecret: 'example0client0secret0value0000000000000000000000',
  Arn: 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_EXAMPLE00',
  Username: 'alice',
  RoleArn: 'arn:aws:iam::123456789012:role/ExampleGroupRole',
};

// Characters tried, in order, when building a placeholder that must match a pattern.
const PREFERRED_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.=+';

function stringPlaceholder(name: string, shape: Extract<Shape, { type: 'string' }>): string {
  if (shape.enum?.length) return shape.enum[0]!;
  const ok = (s: string) => {
    const len = [...s].length;
    if (shape.min !== undefined && len < shape.min) return false;
    if (shape.max !== undefined && len > shape.max) return false;
    return shape.pattern === undefined || wholeMatch(shape.pattern).test(s);
  };
  const min = shape.min ?? 0;
  const max = shape.max ?? Number.POSITIVE_INFINITY;
  const repeatToFit = (seed: string) => {
    if (seed === '') return seed;
    let s = seed;
    while (s.length < min) s += seed;
    return s.slice(0, Math.max(min, Math.min(max, seed.length)));
  };
  const candidates = [EXAMPLES[name], name, repeatToFit(name)];
  for (const c of candidates) if (c !== undefined && ok(c)) return c;
  const generated = shape.pattern === undefined ? undefined : fromPattern(shape.pattern, min, max);
  if (generated !== undefined && ok(generated)) return generated;
  // A constraint we cannot satisfy generically: fall back to v2's placeholder, the member name.
  return name;
}

/**
 * A string matching a simple pattern (sequences of character classes or literals with + * ? {n,m}),
 * of at least `min` characters: each class contributes its first preferred character, and the first
 * repeatable element is repeated to reach the length. Returns undefined for patterns it cannot read.
 */
function fromPattern(pattern: string, min: number, max: number): string | undefined {
  const tokens: { chars: string; repeat: boolean; optional: boolean }[] = [];
  let i = 0;
  while (i < pattern.length) {
    let atom: string;
    if (pattern[i] === '[') {
      let j = i + 1;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      if (j >= pattern.length) return undefined;
      atom = pattern.slice(i, j + 1);
      i = j + 1;
    } else if (pattern[i] === '\\') {
      atom = pattern.slice(i, i + 2);
      i += 2;
    } else if ('()|^$'.includes(pattern[i]!)) {
      return undefined;
    } else {
      atom = pattern[i] === '.' ? '.' : pattern[i]!.replace(/[.*+?{}[\]\\]/g, '\\$&');
      i++;
    }
    const re = new RegExp(`^${atom}$`, 'u');
    const ch = [...PREFERRED_CHARS].find((c) => re.test(c));
    if (ch === undefined) return undefined;
    const q = pattern[i];
    let repeat = false;
    let optional = false;
    if (q === '+') {
      repeat = true;
      i++;
    } else if (q === '*') {
      repeat = true;
      optional = true;
      i++;
    } else if (q === '?') {
      optional = true;
      i++;
    } else if (q === '{') {
      const end = pattern.indexOf('}', i);
      if (end < 0) return undefined;
      const [lo = '1'] = pattern.slice(i + 1, end).split(',');
      tokens.push({ chars: ch.repeat(Number(lo) || 0), repeat: false, optional: false });
      i = end + 1;
      continue;
    }
    tokens.push({ chars: ch, repeat, optional });
  }
  let s = tokens.map((t) => (t.optional ? '' : t.chars)).join('');
  const grow = tokens.findIndex((t) => t.repeat);
  if (s.length < min && grow >= 0) {
    const parts = tokens.map((t) => (t.optional ? '' : t.chars));
    parts[grow] = tokens[grow]!.chars.repeat(min - s.length + (tokens[grow]!.optional ? 0 : 1));
    s = parts.join('');
  }
  return s.length <= max ? s : undefined;
}

function outputValue(name: string, shape: Shape): unknown {
  switch (shape.type) {
    case 'structure': {
      const out: Record<string, unknown> = {};
      for (const [member, memberShape] of Object.entries(shape.members))
        out[member] = outputValue(member, memberShape);
      return out;
    }
    case 'list': {
      const n = Math.max(1, shape.min ?? 0);
      return Array.from({ length: n }, () => outputValue(name, shape.member));
    }
    case 'map':
      return { [stringPlaceholder('KeyName', shape.key)]: outputValue(name, shape.value) };
    case 'string':
      return stringPlaceholder(name, shape);
    case 'integer':
    case 'long': {
      const lo = shape.min ?? Number.NEGATIVE_INFINITY;
      const hi = shape.max ?? Number.POSITIVE_INFINITY;
      return Math.min(Math.max(0, lo), hi);
    }
    case 'boolean':
      return true;
    case 'timestamp':
      // What v2 prints for a timestamp in JSON output (iso8601 of an aware datetime).
      return '1970-01-01T00:00:00+00:00';
  }
}

/**
 * `--generate-cli-skeleton output`, printed as v2 prints a response with --output json
 * (json.dump(indent=4, ensure_ascii=False) and a newline).
 *
 * Deliberately not v2's: v2 fills strings with the member names and then validates that fake
 * response against the output shape, so the command fails for any output with a length minimum
 * (aws/aws-cli#2337: associate-software-token prints "Invalid length for parameter SecretCode,
 * value: 10, valid min length: 16"). Our placeholders satisfy the model's constraints instead:
 * the first enum value, strings of the minimum length that match the pattern (a 52-character
 * base32 SecretCode, a Session of 20+ characters), integers within min/max.
 */
export function outputSkeleton(shape: StructureShape): string {
  return `${JSON.stringify(outputSkeletonValue(shape), null, 4)}\n`;
}

/** The output skeleton as a value, for printing through the normal output path (--output, --query) as v2 does. */
export function outputSkeletonValue(shape: StructureShape): Record<string, unknown> {
  return outputValue('', shape) as Record<string, unknown>;
}
