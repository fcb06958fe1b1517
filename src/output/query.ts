// `--query`: JMESPath as AWS CLI v2 (2.9.19) applies it, evaluated by the jmespath npm package.
// v2 compiles the expression with Python jmespath 1.0.1 before sending anything and turns any
// failure into `Bad value for --query <expr>: <str(error)>` (awscli/customizations/globalargs.py).
// jmespath.js words its errors differently and disagrees with Python on a few lexical details, so
// the expression is first lexed and parsed by a port of Python jmespath's lexer.py and parser.py:
// that gives v2's exact messages, and a canonical spelling of the tokens that jmespath.js then reads
// the way Python did (raw strings and literals with several escaped quotes, for instance).
//
// Imported only when --query is given: it is the one importer of jmespath.
//
// Known differences, all from evaluating with jmespath.js rather than Python:
// - Numbers: Python keeps int and float apart (`avg()` gives 1.0, a `1.0` literal stays a float) and
//   v2 prints floats as `1.0`; JavaScript has one number type, so integral floats print as `1`.
// - length() counts UTF-16 units and sort()/sort_by()/max()/min() order strings by UTF-16 units
//   (Python: code points); only characters outside the BMP (emoji, rare CJK) are affected.
// - Runtime errors (v2 prints them with exit code 255): unknown functions, wrong argument counts and
//   zero slice steps carry Python's words; a wrong argument *type* keeps jmespath.js's message
//   (Python's names the offending value, which jmespath.js does not report).
// - Literals are read by the one json.loads (src/python/json-loads.ts), then made JavaScript values:
//   NaN/Infinity (accepted by Python's json.loads) end as null; integers beyond 2^53 lose precision.
// - Multiselect hash keys that look like array indexes (`{"1": a}`) come first in JavaScript objects.
// - to_string() keeps non-ASCII characters (Python's json.dumps escapes them as \uXXXX).
// - Ordering a string against a number: Python raises TypeError (v2 exits 255); we give false.
// Checked against Python jmespath 1.0.1 on ~20,000 generated expressions (same accept/reject and
// same compile messages) and a few thousand evaluations (same values apart from the above).
import jmespathModule from 'jmespath';
import { GeneralError, ParamError } from '../errors.ts';
import { pyLstrip } from '../python/builtins.ts';
import { PyJsonError, pyJsonLoads } from '../python/json-loads.ts';
import { PyFloat, pyEntries, pyStr } from '../python/value.ts';

// @types/jmespath declares search() only; jmespath.js also exports compile().
const jmespath = jmespathModule as unknown as {
  search(data: unknown, expression: string): unknown;
  compile(expression: string): unknown;
};

export function compileQuery(expression: string): (data: unknown) => unknown {
  let normalized: string;
  try {
    normalized = canonicalTokens(parse(expression));
    // Python accepted it; jmespath.js has, for every expression tried, accepted the respelling too.
    jmespath.compile(normalized);
  } catch (e) {
    throw new ParamError(
      `Bad value for --query ${expression}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  return (data) => {
    let result: unknown;
    try {
      result = jmespath.search(data, normalized);
    } catch (e) {
      throw new GeneralError(runtimeMessage(e instanceof Error ? e.message : String(e)));
    }
    return withoutNaN(result);
  };
}

/**
 * jmespath.js's avg([]) is 0/0; Python's is None. No other route yields NaN (literals are read as
 * JSON, where NaN becomes null), so any NaN in a result is such an average. (Inside the expression
 * it stays NaN, which a filter takes as true where Python's None is false: `[?avg(x)]`.)
 */
function withoutNaN(v: unknown): unknown {
  if (typeof v === 'number') return Number.isNaN(v) ? null : v;
  if (Array.isArray(v)) {
    const items = v.map(withoutNaN);
    return items.every((x, i) => x === v[i]) ? v : items;
  }
  if (v !== null && typeof v === 'object') {
    const entries = Object.entries(v).map(([k, x]) => [k, withoutNaN(x)] as const);
    const obj = v as Record<string, unknown>;
    return entries.every(([k, x]) => x === obj[k]) ? v : Object.fromEntries(entries);
  }
  return v;
}

/** jmespath.js runtime messages, reworded as Python jmespath's where the facts are all there. */
function runtimeMessage(js: string): string {
  const arity = /^ArgumentError: (\w+)\(\) takes (at least)?\s*(\d+) arguments? but received (\d+)$/.exec(js);
  if (arity) {
    const [, name, atLeast, expected, actual] = arity;
    const word = expected === '1' ? 'argument' : 'arguments';
    return `Expected ${atLeast ? 'at least ' : ''}${expected} ${word} for function ${name}(), received ${actual}`;
  }
  // Python slices the list, and a zero step is Python's own ValueError.
  if (js === 'Invalid slice, step cannot be 0') return 'slice step cannot be zero';
  return js;
}

// ---- Python jmespath 1.0.1: exceptions ----

class JmesPathError extends Error {}

/** ParseError.__str__ */
function parseError(
  expression: string,
  pos: number,
  value: unknown,
  type: string,
  msg: string,
): JmesPathError {
  return new JmesPathError(
    `${msg}: Parse error at column ${pos}, token "${pyStr(value)}" (${type.toUpperCase()}), for expression:\n"${expression}"\n${' '.repeat(pos + 1)}^`,
  );
}
/** IncompleteExpressionError.__str__ (the caret goes after the whole expression). */
function incompleteError(expression: string): JmesPathError {
  const len = Array.from(expression).length;
  return new JmesPathError(
    `Invalid jmespath expression: Incomplete expression:\n"${expression}"\n${' '.repeat(len + 1)}^`,
  );
}
/** LexerError.__str__ */
function lexerError(expression: string, pos: number, message: string): JmesPathError {
  return new JmesPathError(`Bad jmespath expression: ${message}:\n${expression}\n${' '.repeat(pos)}^`);
}

// ---- lexer.py ----

interface Token {
  readonly type: string;
  readonly value: unknown;
  readonly start: number;
}

const SIMPLE_TOKENS: Readonly<Record<string, string>> = {
  '.': 'dot',
  '*': 'star',
  ']': 'rbracket',
  ',': 'comma',
  ':': 'colon',
  '@': 'current',
  '(': 'lparen',
  ')': 'rparen',
  '{': 'lbrace',
  '}': 'rbrace',
};
const isStartIdentifier = (c: string | undefined) => c !== undefined && /^[A-Za-z_]$/.test(c);
const isIdentifierChar = (c: string | undefined) => c !== undefined && /^[A-Za-z0-9_]$/.test(c);
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isWhitespace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

function tokenize(expression: string): Token[] {
  if (expression === '') throw new JmesPathError('Invalid JMESPath expression: cannot be empty.');
  // Python indexes the expression by code point.
  const chars = Array.from(expression);
  const length = chars.length;
  let position = 0;
  let current: string | undefined = chars[0];
  const next = (): string | undefined => {
    if (position === length - 1) current = undefined;
    else current = chars[++position];
    return current;
  };
  const consumeUntil = (delimiter: string): string => {
    const start = position;
    let buff = '';
    next();
    while (current !== delimiter) {
      if (current === '\\') {
        buff += '\\';
        next();
      }
      if (current === undefined) {
        throw lexerError(expression, start, `Unclosed ${delimiter} delimiter`);
      }
      buff += current;
      next();
    }
    next();
    return buff;
  };
  const consumeNumber = (): string => {
    let buff = current!;
    while (isDigit(next())) buff += current;
    return buff;
  };
  const matchOrElse = (expected: string, matchType: string, elseType: string): Token => {
    const start = position;
    const c = current!;
    if (next() === expected) {
      next();
      return { type: matchType, value: c + expected, start };
    }
    return { type: elseType, value: c, start };
  };

  const tokens: Token[] = [];
  while (current !== undefined) {
    const c: string = current;
    const simple = SIMPLE_TOKENS[c];
    if (simple !== undefined) {
      tokens.push({ type: simple, value: c, start: position });
      next();
    } else if (isStartIdentifier(c)) {
      const start = position;
      let buff = c;
      while (isIdentifierChar(next())) buff += current;
      tokens.push({ type: 'unquoted_identifier', value: buff, start });
    } else if (isWhitespace(c)) {
      next();
    } else if (c === '[') {
      const start = position;
      const n = next();
      if (n === ']') {
        next();
        tokens.push({ type: 'flatten', value: '[]', start });
      } else if (n === '?') {
        next();
        tokens.push({ type: 'filter', value: '[?', start });
      } else {
        tokens.push({ type: 'lbracket', value: '[', start });
      }
    } else if (c === "'") {
      const start = position;
      tokens.push({ type: 'literal', value: consumeUntil("'").replaceAll("\\'", "'"), start });
    } else if (c === '|') {
      tokens.push(matchOrElse('|', 'or', 'pipe'));
    } else if (c === '&') {
      tokens.push(matchOrElse('&', 'and', 'expref'));
    } else if (c === '`') {
      const start = position;
      const lexeme = consumeUntil('`').replaceAll('\\`', '`');
      let value = loadsLiteral(lexeme);
      if (value === INVALID) {
        // JEP-12 deprecation period: an invalid JSON literal is read as a string (Python: lstrip()).
        value = loadsLiteral(`"${pyLstrip(lexeme)}"`);
        if (value === INVALID) throw lexerError(expression, start, `Bad token ${lexeme}`);
      }
      tokens.push({ type: 'literal', value, start });
    } else if (isDigit(c)) {
      const start = position;
      tokens.push({ type: 'number', value: Number.parseInt(consumeNumber(), 10), start });
    } else if (c === '-') {
      const start = position;
      const buff = consumeNumber();
      if (buff.length > 1) tokens.push({ type: 'number', value: Number.parseInt(buff, 10), start });
      else throw lexerError(expression, start, `Unknown token '${buff}'`);
    } else if (c === '"') {
      const start = position;
      const lexeme = `"${consumeUntil('"')}"`;
      const decoded = pyJsonString(lexeme);
      if (decoded.error !== undefined) throw lexerError(expression, start, decoded.error);
      tokens.push({ type: 'quoted_identifier', value: decoded.value, start });
    } else if (c === '<') {
      tokens.push(matchOrElse('=', 'lte', 'lt'));
    } else if (c === '>') {
      tokens.push(matchOrElse('=', 'gte', 'gt'));
    } else if (c === '!') {
      tokens.push(matchOrElse('=', 'ne', 'not'));
    } else if (c === '=') {
      if (next() === '=') {
        tokens.push({ type: 'eq', value: '==', start: position - 1 });
        next();
      } else {
        // At the end Python never advanced, so the position is not rewound.
        throw lexerError(expression, current === undefined ? position : position - 1, "Unknown token '='");
      }
    } else {
      throw lexerError(expression, position, `Unknown token ${c}`);
    }
  }
  tokens.push({ type: 'eof', value: '', start: length });
  return tokens;
}

const INVALID = Symbol('invalid JSON');

/**
 * json.loads of a literal (lexer.py catches its ValueError), through the one json.loads
 * (src/python/json-loads.ts), so both accept the same texts. jmespath.js evaluates JavaScript
 * values, not the Python objects json.loads gives: floats become numbers, big ints lose precision,
 * dicts become plain objects (see "Known differences" above).
 */
function loadsLiteral(text: string): unknown {
  try {
    return jsValue(pyJsonLoads(text));
  } catch (e) {
    if (e instanceof PyJsonError) return INVALID;
    throw e;
  }
}

function jsValue(v: unknown): unknown {
  if (v instanceof PyFloat) return v.value;
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(jsValue);
  if (v !== null && typeof v === 'object') {
    // fromEntries defines own properties: a "__proto__" key stays a key, as with JSON.parse.
    return Object.fromEntries(pyEntries(v).map(([k, x]) => [k, jsValue(x)]));
  }
  return v;
}

/**
 * json.loads of a quoted identifier; on failure, the part of Python's message before the first ':'
 * (lexer.py reports `str(e).split(':')[0]`).
 */
function pyJsonString(lexeme: string): { value?: string; error?: string } {
  try {
    return { value: pyJsonLoads(lexeme) as string };
  } catch (e) {
    if (e instanceof PyJsonError) return { error: e.message.split(':', 1)[0] ?? '' };
    throw e;
  }
}

// ---- parser.py (Pratt parser); only the node types its own checks look at are kept ----

interface AstNode {
  readonly type: string;
  /** Index of the node's first token. */
  readonly start?: number;
}

/** Places where the token stream is respelled for jmespath.js (see canonicalTokens). */
type Site =
  | { readonly kind: 'compare'; readonly start: number; readonly op: number; readonly end: number }
  | {
      readonly kind: 'max_by' | 'min_by';
      readonly start: number;
      readonly end: number;
      readonly args: readonly [number, number][];
    };

const BINDING_POWER: Readonly<Record<string, number>> = {
  eof: 0,
  unquoted_identifier: 0,
  quoted_identifier: 0,
  literal: 0,
  rbracket: 0,
  rparen: 0,
  comma: 0,
  rbrace: 0,
  number: 0,
  current: 0,
  expref: 0,
  colon: 0,
  pipe: 1,
  or: 2,
  and: 3,
  eq: 5,
  gt: 5,
  lt: 5,
  gte: 5,
  lte: 5,
  ne: 5,
  flatten: 9,
  star: 20,
  filter: 21,
  dot: 40,
  not: 45,
  lbrace: 50,
  lbracket: 55,
  lparen: 60,
};
const PROJECTION_STOP = 10;

function parse(expression: string): { tokens: Token[]; sites: Site[] } {
  const tokens = tokenize(expression);
  const p = new Parser(expression, tokens);
  p.parse();
  return { tokens, sites: p.sites };
}

const ORDERING = new Set(['lt', 'lte', 'gt', 'gte']);

class Parser {
  private index = 0;
  readonly sites: Site[] = [];
  constructor(
    private readonly expression: string,
    private readonly tokens: Token[],
  ) {}

  parse(): void {
    this.expr(0);
    if (this.currentToken() !== 'eof') {
      const t = this.lookaheadToken(0);
      throw this.error(t, `Unexpected token: ${pyStr(t.value)}`);
    }
  }

  private error(t: Token, msg: string, pos = t.start): JmesPathError {
    return parseError(this.expression, pos, t.value, t.type, msg);
  }

  /** Python list indexing: negative indexes count from the end. */
  private lookaheadToken(n: number): Token {
    let i = this.index + n;
    if (i < 0) i += this.tokens.length;
    const t = this.tokens[i];
    if (t === undefined) throw new JmesPathError('list index out of range');
    return t;
  }
  private lookahead(n: number): string {
    return this.lookaheadToken(n).type;
  }
  private currentToken(): string {
    return this.lookaheadToken(0).type;
  }
  private advance(): void {
    this.index++;
  }

  private expr(bindingPower = 0): AstNode {
    const start = this.index;
    const leftToken = this.lookaheadToken(0);
    this.advance();
    let left: AstNode = { ...this.nud(leftToken), start };
    let current = this.currentToken();
    while (bindingPower < BINDING_POWER[current]!) {
      const led = this.led(current);
      if (led === undefined) throw this.error(this.lookaheadToken(0), 'invalid token');
      const op = this.index;
      this.advance();
      left = { ...led(left), start };
      if (ORDERING.has(current)) this.sites.push({ kind: 'compare', start, op, end: this.index });
      current = this.currentToken();
    }
    return left;
  }

  private nud(token: Token): AstNode {
    switch (token.type) {
      case 'literal':
        return { type: 'literal' };
      case 'unquoted_identifier':
        return { type: 'field' };
      case 'quoted_identifier':
        // A quoted identifier cannot name a function.
        if (this.currentToken() === 'lparen') {
          const t = this.lookaheadToken(0);
          throw this.error(t, 'Quoted identifier not allowed for function names.', 0);
        }
        return { type: 'field' };
      case 'star':
        if (this.currentToken() !== 'rbracket') this.parseProjectionRhs(BINDING_POWER.star!);
        return { type: 'value_projection' };
      case 'filter':
        return this.ledFilter();
      case 'lbrace':
        return this.parseMultiSelectHash();
      case 'lparen': {
        const e = this.expr();
        this.match('rparen');
        return e;
      }
      case 'flatten':
        this.parseProjectionRhs(BINDING_POWER.flatten!);
        return { type: 'projection' };
      case 'not':
        this.expr(BINDING_POWER.not);
        return { type: 'not_expression' };
      case 'lbracket':
        if (this.currentToken() === 'number' || this.currentToken() === 'colon') {
          return this.projectIfSlice(this.parseIndexExpression());
        }
        if (this.currentToken() === 'star' && this.lookahead(1) === 'rbracket') {
          this.advance();
          this.advance();
          this.parseProjectionRhs(BINDING_POWER.star!);
          return { type: 'projection' };
        }
        return this.parseMultiSelectList();
      case 'current':
        return { type: 'current' };
      case 'expref':
        this.expr(BINDING_POWER.expref);
        return { type: 'expref' };
      case 'eof':
        throw incompleteError(this.expression);
      default:
        throw this.error(token, 'invalid token');
    }
  }

  private led(type: string): ((left: AstNode) => AstNode) | undefined {
    switch (type) {
      case 'dot':
        return (left) => {
          if (this.currentToken() !== 'star') {
            this.parseDotRhs(BINDING_POWER.dot!);
            return left.type === 'subexpression' ? left : { type: 'subexpression' };
          }
          this.advance();
          this.parseProjectionRhs(BINDING_POWER.dot!);
          return { type: 'value_projection' };
        };
      case 'pipe':
      case 'or':
      case 'and':
        return () => {
          this.expr(BINDING_POWER[type]);
          return { type };
        };
      case 'lparen':
        return (left) => {
          if (left.type !== 'field') {
            // -2: the token before '(' is the invalid function "name".
            const prev = this.lookaheadToken(-2);
            throw this.error(prev, `Invalid function name '${pyStr(prev.value)}'`);
          }
          const args: [number, number][] = [];
          while (this.currentToken() !== 'rparen') {
            const argStart = this.index;
            this.expr();
            args.push([argStart, this.index]);
            if (this.currentToken() === 'comma') this.match('comma');
          }
          this.match('rparen');
          const name = this.tokens[left.start!]!;
          if (
            (name.value === 'max_by' || name.value === 'min_by') &&
            name.type === 'unquoted_identifier' &&
            this.tokens[left.start! + 1]?.type === 'lparen' &&
            args.length === 2
          ) {
            this.sites.push({ kind: name.value, start: left.start!, end: this.index, args });
          }
          return { type: 'function_expression' };
        };
      case 'filter':
        return () => this.ledFilter();
      case 'eq':
      case 'ne':
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        return () => {
          this.expr(BINDING_POWER[type]);
          return { type: 'comparator' };
        };
      case 'flatten':
        return () => {
          this.parseProjectionRhs(BINDING_POWER.flatten!);
          return { type: 'projection' };
        };
      case 'lbracket':
        return (left) => {
          const token = this.lookaheadToken(0);
          if (token.type === 'number' || token.type === 'colon') {
            const right = this.parseIndexExpression();
            if (left.type === 'index_expression') return left;
            return this.projectIfSlice(right);
          }
          this.match('star');
          this.match('rbracket');
          this.parseProjectionRhs(BINDING_POWER.star!);
          return { type: 'projection' };
        };
      default:
        return undefined;
    }
  }

  private ledFilter(): AstNode {
    this.expr(0);
    this.match('rbracket');
    if (this.currentToken() !== 'flatten') this.parseProjectionRhs(BINDING_POWER.filter!);
    return { type: 'filter_projection' };
  }

  private parseIndexExpression(): AstNode {
    if (this.lookahead(0) === 'colon' || this.lookahead(1) === 'colon') return this.parseSliceExpression();
    this.advance();
    this.match('rbracket');
    return { type: 'index' };
  }

  private parseSliceExpression(): AstNode {
    let index = 0;
    let current = this.currentToken();
    while (current !== 'rbracket' && index < 3) {
      if (current === 'colon') {
        index++;
        if (index === 3) throw this.error(this.lookaheadToken(0), 'syntax error');
        this.advance();
      } else if (current === 'number') {
        this.advance();
      } else {
        throw this.error(this.lookaheadToken(0), 'syntax error');
      }
      current = this.currentToken();
    }
    this.match('rbracket');
    return { type: 'slice' };
  }

  private projectIfSlice(right: AstNode): AstNode {
    if (right.type === 'slice') {
      this.parseProjectionRhs(BINDING_POWER.star!);
      return { type: 'projection' };
    }
    return { type: 'index_expression' };
  }

  private parseMultiSelectList(): AstNode {
    for (;;) {
      this.expr();
      if (this.currentToken() === 'rbracket') break;
      this.match('comma');
    }
    this.match('rbracket');
    return { type: 'multi_select_list' };
  }

  private parseMultiSelectHash(): AstNode {
    for (;;) {
      this.matchMultiple(['quoted_identifier', 'unquoted_identifier']);
      this.match('colon');
      this.expr(0);
      if (this.currentToken() === 'comma') {
        this.match('comma');
      } else if (this.currentToken() === 'rbrace') {
        this.match('rbrace');
        break;
      }
    }
    return { type: 'multi_select_dict' };
  }

  private parseProjectionRhs(bindingPower: number): void {
    const current = this.currentToken();
    if (BINDING_POWER[current]! < PROJECTION_STOP) return;
    if (current === 'lbracket' || current === 'filter') this.expr(bindingPower);
    else if (current === 'dot') {
      this.match('dot');
      this.parseDotRhs(bindingPower);
    } else {
      throw this.error(this.lookaheadToken(0), 'syntax error');
    }
  }

  private parseDotRhs(bindingPower: number): void {
    const lookahead = this.currentToken();
    if (lookahead === 'quoted_identifier' || lookahead === 'unquoted_identifier' || lookahead === 'star') {
      this.expr(bindingPower);
    } else if (lookahead === 'lbracket') {
      this.match('lbracket');
      this.parseMultiSelectList();
    } else if (lookahead === 'lbrace') {
      this.match('lbrace');
      this.parseMultiSelectHash();
    } else {
      const t = this.lookaheadToken(0);
      throw this.error(
        t,
        `Expecting: ['quoted_identifier', 'unquoted_identifier', 'lbracket', 'lbrace'], got: ${t.type}`,
      );
    }
  }

  private match(type: string): void {
    if (this.currentToken() === type) this.advance();
    else this.raiseMaybeEof(type, this.lookaheadToken(0));
  }

  private matchMultiple(types: string[]): void {
    if (!types.includes(this.currentToken())) {
      this.raiseMaybeEof(`[${types.map((t) => `'${t}'`).join(', ')}]`, this.lookaheadToken(0));
    }
    this.advance();
  }

  private raiseMaybeEof(expected: string, token: Token): never {
    if (token.type === 'eof') throw incompleteError(this.expression);
    throw this.error(token, `Expecting: ${expected}, got: ${token.type}`);
  }
}

// ---- handing the expression to jmespath.js ----

/**
 * The expression respelled token by token, so jmespath.js reads the values Python's lexer read
 * (literals and raw strings as JSON literals, quoted identifiers re-quoted, the rest as lexed), and
 * evaluates these constructs the way Python jmespath does:
 * - `a < b` (and <=, >, >=): Python compares only numbers and strings and gives null otherwise
 *   (visitor.py visit_comparator); JavaScript coerces, so `null < \`5\`` would be true. Respelled as
 *   a map over the pair that is empty unless both sides are numbers or strings.
 * - max_by / min_by with string keys (timestamps, names): jmespath.js 0.16 compares them with
 *   ±Infinity and returns null. Respelled with sort_by, which is stable, so ties keep Python's
 *   choice (the first maximal / minimal element).
 */
function canonicalTokens({ tokens, sites }: { tokens: Token[]; sites: Site[] }): string {
  const byStart = new Map<number, Site[]>();
  for (const site of sites) byStart.set(site.start, [...(byStart.get(site.start) ?? []), site]);
  const out: string[] = [];
  const emit = (from: number, to: number): void => {
    let k = from;
    while (k < to) {
      // The outermost rewrite starting here that fits in the range; inner ones come by recursion.
      const site = (byStart.get(k) ?? []).filter((x) => x.end <= to).sort((x, y) => y.end - x.end)[0];
      if (site === undefined) {
        out.push(tokenText(tokens[k]!));
        k++;
        continue;
      }
      if (site.kind === 'compare') {
        const isComparable = (i: number) => `(type([${i}]) == 'number' || type([${i}]) == 'string')`;
        out.push(`(map(&([0] ${tokenText(tokens[site.op]!)} [1]), [[`);
        emit(site.start, site.op);
        out.push(',');
        emit(site.op + 1, site.end);
        out.push(`]][?${isComparable(0)} && ${isComparable(1)}] || \`[]\`) | [0])`);
      } else {
        const [[a0, a1], [b0, b1]] = site.args as [[number, number], [number, number]];
        out.push('sort_by(', site.kind === 'max_by' ? 'reverse(' : '(');
        emit(a0, a1);
        out.push('),');
        emit(b0, b1);
        out.push(site.kind === 'max_by' ? ')[-1]' : ')[0]');
      }
      k = site.end;
    }
  };
  emit(0, tokens.length - 1); // the last token is eof
  return out.join(' ');
}

function tokenText(t: Token): string {
  if (t.type === 'literal') {
    // Backticks only occur inside JSON strings, where \u0060 means the same.
    return '`' + (JSON.stringify(t.value) ?? 'null').replaceAll('`', '\\u0060') + '`';
  }
  if (t.type === 'quoted_identifier') return JSON.stringify(t.value);
  // jmespath.js reads an `@` that opens a parenthesis or a function argument as a whole argument,
  // so `length(@.Users)` and `(@[0])` fail there; `(@)` is the same node in both grammars.
  if (t.type === 'current') return '(@)';
  return String(t.value);
}
