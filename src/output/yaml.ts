// `--output yaml` and `yaml-stream`, written by hand for byte parity with AWS CLI v2 (2.9.19): its
// YAMLDumper (awscli/formatter.py) prints a scalar result as compact JSON and dumps anything else with
// ruamel.yaml 0.17.21 YAML(typ='safe'), block style. That path is ruamel's SafeRepresenter (mapping
// keys sorted) and Resolver (YAML 1.2 implicit types), then the C emitter of ruamel.yaml.clib, which
// is libyaml. The emitter below is a port of the parts of libyaml's emitter.c that such documents
// reach: block mappings and sequences, empty `[]`/`{}`, plain / single-quoted / double-quoted
// scalars with folding at 80 columns, `? ` complex keys, and `&id001` anchors for a value that occurs
// twice (a --query such as `[UserPool, UserPool]` yields the same object twice).

import { comparePy, floatRepr } from '../python/value.ts';
import { formatJsonScalar } from './json.ts';

export function formatYaml(data: unknown): string {
  if (data === null || typeof data !== 'object') return formatJsonScalar(data) + '\n';
  return dumpYaml(data);
}

/** yaml-stream: each response (v2 streams one per page) is dumped as a one-element list. */
export function formatYamlStream(data: unknown): string {
  return dumpYaml([data]);
}

// ---- Representer: JSON value -> node graph (ruamel.yaml SafeRepresenter) ----

type Tag = 'str' | 'int' | 'float' | 'bool' | 'null';
interface ScalarNode {
  readonly kind: 'scalar';
  readonly tag: Tag;
  readonly value: string;
}
interface SeqNode {
  readonly kind: 'seq';
  readonly items: Node[];
}
interface MapNode {
  readonly kind: 'map';
  readonly pairs: [Node, Node][];
}
type Node = ScalarNode | SeqNode | MapNode;

function represent(data: unknown, seen: Map<object, Node>): Node {
  if (data === null || data === undefined) return { kind: 'scalar', tag: 'null', value: 'null' };
  if (typeof data === 'string') return { kind: 'scalar', tag: 'str', value: data };
  if (typeof data === 'boolean') return { kind: 'scalar', tag: 'bool', value: data ? 'true' : 'false' };
  if (typeof data === 'number') {
    // Integral numbers are Python ints (see src/python/value.ts); the rest floats, spelled repr(x).lower().
    if (Number.isInteger(data)) return { kind: 'scalar', tag: 'int', value: BigInt(data).toString() };
    if (Number.isNaN(data)) return { kind: 'scalar', tag: 'float', value: '.nan' };
    if (!Number.isFinite(data)) return { kind: 'scalar', tag: 'float', value: data > 0 ? '.inf' : '-.inf' };
    return { kind: 'scalar', tag: 'float', value: floatRepr(data).toLowerCase() };
  }
  if (typeof data !== 'object') return { kind: 'scalar', tag: 'str', value: String(data) };
  // Containers are represented once per object identity; a second occurrence becomes an alias.
  const known = seen.get(data);
  if (known) return known;
  if (Array.isArray(data)) {
    const node: SeqNode = { kind: 'seq', items: [] };
    seen.set(data, node);
    for (const item of data) node.items.push(represent(item, seen));
    return node;
  }
  const node: MapNode = { kind: 'map', pairs: [] };
  seen.set(data, node);
  const obj = data as Record<string, unknown>;
  for (const key of Object.keys(obj).sort(comparePy)) {
    node.pairs.push([represent(key, seen), represent(obj[key], seen)]);
  }
  return node;
}

// ---- Resolver: would this text read back as something other than a string? ----

// ruamel.yaml's Resolver (YAML 1.2 rules), keyed by first character as resolver.py does.
const IMPLICIT: readonly [RegExp, string][] = [
  [/^(?:true|True|TRUE|false|False|FALSE)$/, 'tTfF'],
  [
    /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+]?[0-9]+)?|[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)|[-+]?\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
    '-+0123456789.',
  ],
  [/^(?:[-+]?0b[0-1_]+|[-+]?0o?[0-7_]+|[-+]?[0-9_]+|[-+]?0x[0-9a-fA-F_]+)$/, '-+0123456789'],
  [/^(?:<<)$/, '<'],
  [/^(?:~|null|Null|NULL|)$/, '~nN'],
  [
    /^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \t]+)[0-9][0-9]?:[0-9][0-9]:[0-9][0-9](?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$/,
    '0123456789',
  ],
  [/^(?:=)$/, '='],
  [/^(?:!|&|\*)$/, '!&*'],
];

/** True when a plain scalar with this text would resolve to the node's own tag. */
function plainImplicit(node: ScalarNode): boolean {
  const text = node.value;
  let resolved: string = 'str';
  for (const [re, first] of IMPLICIT) {
    // '' only reaches the null resolver (resolver.py looks resolvers up by the first character).
    if (text === '' ? first !== '~nN' : !first.includes(text[0]!)) continue;
    // Python's `$` also matches before a final newline.
    if (re.test(text.endsWith('\n') ? text.slice(0, -1) : text)) {
      resolved = tagOf(re);
      break;
    }
  }
  return resolved === node.tag;
}

function tagOf(re: RegExp): string {
  const i = IMPLICIT.findIndex(([r]) => r === re);
  return ['bool', 'float', 'int', 'merge', 'null', 'timestamp', 'value', 'yaml'][i]!;
}

// ---- libyaml's scalar analysis ----

const isBreak = (c: string | undefined) =>
  c === '\r' || c === '\n' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isSpace = (c: string | undefined) => c === ' ';
/** IS_BLANKZ: space, tab, a line break, or NUL (also the end of the string). */
const isBlankZ = (c: string | undefined) =>
  c === undefined || c === ' ' || c === '\t' || c === '\0' || isBreak(c);

function isPrintable(c: string): boolean {
  const cp = c.codePointAt(0)!;
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff)
  );
}

interface Analysis {
  readonly multiline: boolean;
  readonly flowPlain: boolean;
  readonly blockPlain: boolean;
  readonly singleQuoted: boolean;
  /** UTF-8 length, which libyaml compares with 128 for simple keys. */
  readonly bytes: number;
}

function analyze(value: string): Analysis {
  const bytes = Buffer.byteLength(value, 'utf8');
  if (value === '') {
    return { multiline: false, flowPlain: false, blockPlain: true, singleQuoted: true, bytes };
  }
  const chars = Array.from(value);
  let blockIndicators = false;
  let flowIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;

  if (value.startsWith('---') || value.startsWith('...')) {
    blockIndicators = true;
    flowIndicators = true;
  }
  let precededByWhitespace = true;
  let followedByWhitespace = isBlankZ(chars[1]);
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) {
        flowIndicators = true;
        blockIndicators = true;
      }
      if (c === '?' || c === ':') {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      }
      if (c === '-' && followedByWhitespace) {
        flowIndicators = true;
        blockIndicators = true;
      }
    } else {
      if (',?[]{}'.includes(c)) flowIndicators = true;
      if (c === ':') {
        flowIndicators = true;
        if (followedByWhitespace) blockIndicators = true;
      }
      if (c === '#' && precededByWhitespace) {
        flowIndicators = true;
        blockIndicators = true;
      }
    }
    if (!isPrintable(c)) special = true;
    if (isBreak(c)) lineBreaks = true;
    const last = i === chars.length - 1;
    if (isSpace(c)) {
      if (i === 0) leadingSpace = true;
      if (last) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      if (i === 0) leadingBreak = true;
      if (last) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankZ(c);
    if (!last) followedByWhitespace = isBlankZ(chars[i + 2]);
  }

  let flowPlain = true;
  let blockPlain = true;
  let singleQuoted = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
    flowPlain = false;
    blockPlain = false;
  }
  if (breakSpace) {
    flowPlain = false;
    blockPlain = false;
    singleQuoted = false;
  }
  if (spaceBreak || special) {
    flowPlain = false;
    blockPlain = false;
    singleQuoted = false;
  }
  if (lineBreaks) {
    flowPlain = false;
    blockPlain = false;
  }
  if (flowIndicators) flowPlain = false;
  if (blockIndicators) blockPlain = false;
  return { multiline: lineBreaks, flowPlain, blockPlain, singleQuoted, bytes };
}

// ---- The emitter (libyaml emitter.c, block style, indent 2, width 80, unicode on) ----

const BEST_INDENT = 2;
const BEST_WIDTH = 80;

type Style = 'plain' | 'single' | 'double';

class Emitter {
  private out: string[] = [];
  private column = 0;
  private whitespace = true;
  private indention = true;
  private indent = -1;
  private readonly indents: number[] = [];
  private flowLevel = 0;
  private mappingContext = false;
  private simpleKeyContext = false;
  private readonly anchors = new Map<Node, string | null>();
  private readonly serialized = new Set<Node>();
  private lastAnchorId = 0;

  dump(root: Node): string {
    this.anchorNode(root);
    this.emitNode(root, false, false);
    // DOCUMENT-END (implicit): a final line break, no `...`.
    this.writeIndent();
    return this.out.join('');
  }

  // The C serializer names anchors while walking the graph, in the order repeats are first met.
  private anchorNode(node: Node): void {
    if (this.anchors.has(node)) {
      if (this.anchors.get(node) === null) {
        this.lastAnchorId++;
        this.anchors.set(node, `id${String(this.lastAnchorId).padStart(3, '0')}`);
      }
      return;
    }
    this.anchors.set(node, null);
    if (node.kind === 'seq') for (const item of node.items) this.anchorNode(item);
    else if (node.kind === 'map') {
      for (const [k, v] of node.pairs) {
        this.anchorNode(k);
        this.anchorNode(v);
      }
    }
  }

  private anchorFor(node: Node): string | null {
    // Scalars are never aliased (SafeRepresenter.ignore_aliases).
    return node.kind === 'scalar' ? null : (this.anchors.get(node) ?? null);
  }

  private put(s: string): void {
    this.out.push(s);
    this.column += s.length;
  }
  /** WRITE of one character: one column per code point. */
  private writeChar(c: string): void {
    this.out.push(c);
    this.column += 1;
  }
  private putBreak(): void {
    this.out.push('\n');
    this.column = 0;
  }
  private writeBreak(c: string): void {
    if (c === '\n') this.putBreak();
    else {
      this.out.push(c);
      this.column = 0;
    }
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }
  private popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  private writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) {
      this.putBreak();
    }
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }

  private writeIndicator(
    ind: string,
    needWhitespace: boolean,
    isWhitespace: boolean,
    isIndention: boolean,
  ): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(ind);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  private processAnchor(anchor: string, alias: boolean): void {
    this.writeIndicator(alias ? '*' : '&', true, false, false);
    this.put(anchor);
    this.whitespace = false;
    this.indention = false;
  }

  private emitNode(node: Node, mapping: boolean, simpleKey: boolean): void {
    this.mappingContext = mapping;
    this.simpleKeyContext = simpleKey;
    const anchor = this.anchorFor(node);
    if (anchor !== null && this.serialized.has(node)) {
      this.processAnchor(anchor, true);
      if (this.simpleKeyContext) this.put(' ');
      return;
    }
    this.serialized.add(node);
    if (node.kind === 'scalar') this.emitScalar(node);
    else if (node.kind === 'seq') {
      if (anchor !== null) this.processAnchor(anchor, false);
      if (this.flowLevel > 0 || node.items.length === 0) this.emitFlowEmpty('[', ']');
      else this.emitBlockSequence(node);
    } else {
      if (anchor !== null) this.processAnchor(anchor, false);
      if (this.flowLevel > 0 || node.pairs.length === 0) this.emitFlowEmpty('{', '}');
      else this.emitBlockMapping(node);
    }
  }

  /** Only empty collections are written in flow style (block style everywhere else). */
  private emitFlowEmpty(open: string, close: string): void {
    this.writeIndicator(open, true, true, false);
    this.increaseIndent(true, false);
    this.flowLevel++;
    this.flowLevel--;
    this.popIndent();
    this.writeIndicator(close, false, false, false);
  }

  private emitBlockSequence(node: SeqNode): void {
    // A sequence that is a mapping value stays at the key's indentation ("indentless").
    this.increaseIndent(false, this.mappingContext && !this.indention);
    for (const item of node.items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.emitNode(item, false, false);
    }
    this.popIndent();
  }

  private emitBlockMapping(node: MapNode): void {
    this.increaseIndent(false, false);
    for (const [key, value] of node.pairs) {
      this.writeIndent();
      if (this.checkSimpleKey(key)) {
        this.emitNode(key, true, true);
        this.writeIndicator(':', false, false, false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.emitNode(key, true, false);
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.emitNode(value, true, false);
    }
    this.popIndent();
  }

  private checkSimpleKey(node: Node): boolean {
    const anchor = this.anchorFor(node);
    let length = anchor === null ? 0 : anchor.length;
    if (anchor !== null && this.serialized.has(node)) return length <= 128;
    if (node.kind === 'scalar') {
      const a = analyze(node.value);
      if (a.multiline) return false;
      length += a.bytes;
    } else if (node.kind === 'seq' ? node.items.length > 0 : node.pairs.length > 0) {
      return false;
    }
    return length <= 128;
  }

  private emitScalar(node: ScalarNode): void {
    const a = analyze(node.value);
    const implicit = plainImplicit(node);
    // quoted_implicit holds only for strings; other tags that fail plain_implicit would need an
    // explicit tag, which JSON-derived values never do (ints, floats, booleans and null resolve).
    let style: Style = 'plain';
    if (this.simpleKeyContext && a.multiline) style = 'double';
    if (style === 'plain') {
      if ((this.flowLevel > 0 && !a.flowPlain) || (this.flowLevel === 0 && !a.blockPlain)) style = 'single';
      if (node.value === '' && (this.flowLevel > 0 || this.simpleKeyContext)) style = 'single';
      if (!implicit) style = 'single';
    }
    if (style === 'single' && !a.singleQuoted) style = 'double';
    this.increaseIndent(true, false);
    const allowBreaks = !this.simpleKeyContext;
    if (style === 'plain') this.writePlain(node.value, allowBreaks);
    else if (style === 'single') this.writeSingleQuoted(node.value, allowBreaks);
    else this.writeDoubleQuoted(node.value, allowBreaks);
    this.popIndent();
  }

  private writePlain(value: string, allowBreaks: boolean): void {
    const chars = Array.from(value);
    if (!this.whitespace && (chars.length > 0 || this.flowLevel > 0)) this.put(' ');
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (isSpace(c)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && !isSpace(chars[i + 1])) this.writeIndent();
        else this.writeChar(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === '\n') this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.writeChar(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingleQuoted(value: string, allowBreaks: boolean): void {
    const chars = Array.from(value);
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (isSpace(c)) {
        if (
          allowBreaks &&
          !spaces &&
          this.column > BEST_WIDTH &&
          i !== 0 &&
          i !== chars.length - 1 &&
          !isSpace(chars[i + 1])
        ) {
          this.writeIndent();
        } else {
          this.writeChar(c);
        }
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === '\n') this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === "'") this.put("'");
        this.writeChar(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    if (breaks) this.writeIndent();
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDoubleQuoted(value: string, allowBreaks: boolean): void {
    const chars = Array.from(value);
    this.writeIndicator('"', true, false, false);
    let spaces = false;
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      if (!isPrintable(c) || c === '\ufeff' || isBreak(c) || c === '"' || c === '\\') {
        this.put('\\' + escapeDouble(c));
        spaces = false;
      } else if (isSpace(c)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i !== 0 && i !== chars.length - 1) {
          this.writeIndent();
          if (isSpace(chars[i + 1])) this.put('\\');
        } else {
          this.writeChar(c);
        }
        spaces = true;
      } else {
        this.writeChar(c);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }
}

const SHORT_ESCAPES: Record<number, string> = {
  0: '0',
  7: 'a',
  8: 'b',
  9: 't',
  10: 'n',
  11: 'v',
  12: 'f',
  13: 'r',
  27: 'e',
  34: '"',
  92: '\\',
  133: 'N',
  160: '_',
  8232: 'L',
  8233: 'P',
};

function escapeDouble(c: string): string {
  const cp = c.codePointAt(0)!;
  const short = SHORT_ESCAPES[cp];
  if (short !== undefined) return short;
  const hex = cp.toString(16).toUpperCase();
  if (cp <= 0xff) return 'x' + hex.padStart(2, '0');
  if (cp <= 0xffff) return 'u' + hex.padStart(4, '0');
  return 'U' + hex.padStart(8, '0');
}

function dumpYaml(data: unknown): string {
  return new Emitter().dump(represent(data, new Map()));
}
