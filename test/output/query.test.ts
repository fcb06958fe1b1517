// compileQuery: v2's messages for bad expressions (more are in the end-to-end goldens), and the
// places where jmespath.js alone would disagree with Python jmespath 1.0.1. Expected values are
// what Python jmespath 1.0.1 (v2's) returns or raises for the same input.
import { describe, expect, it } from 'vitest';
import { GeneralError, ParamError } from '../../src/errors.ts';
import { compileQuery } from '../../src/output/query.ts';

const badQuery = (expr: string): string => {
  try {
    compileQuery(expr);
  } catch (e) {
    expect(e).toBeInstanceOf(ParamError);
    return (e as ParamError).message;
  }
  throw new Error(`${expr} compiled`);
};

describe('compileQuery errors', () => {
  it('words an incomplete expression as v2 does', () => {
    expect(badQuery('[SecretCode')).toBe(
      'Bad value for --query [SecretCode: Invalid jmespath expression: Incomplete expression:\n"[SecretCode"\n            ^',
    );
  });

  it('reports lexer errors at the character', () => {
    // A literal that is not JSON is read as a string (JEP-12), then refused after a dot.
    expect(badQuery('a.`[1,`b')).toBe(
      "Bad value for --query a.`[1,`b: Expecting: ['quoted_identifier', 'unquoted_identifier', 'lbracket', 'lbrace'], got: literal: Parse error at column 2, token \"[1,\" (LITERAL), for expression:\n\"a.`[1,`b\"\n   ^",
    );
    expect(badQuery('foo && `{"a"`')).toBe(
      'Bad value for --query foo && `{"a"`: Bad jmespath expression: Bad token {"a":\nfoo && `{"a"`\n       ^',
    );
    expect(badQuery('"\\u12"')).toBe(
      'Bad value for --query "\\u12": Bad jmespath expression: Invalid \\uXXXX escape:\n"\\u12"\n^',
    );
  });

  it('counts columns in code points', () => {
    expect(badQuery('"é" ]')).toBe(
      'Bad value for --query "é" ]: Unexpected token: ]: Parse error at column 4, token "]" (RBRACKET), for expression:\n""é" ]"\n     ^',
    );
  });

  it('fails at run time (GeneralError, exit 255) for unknown functions and wrong argument counts', () => {
    const run = (expr: string) => () => compileQuery(expr)({ a: 1 });
    expect(run('nope(a)')).toThrow(new GeneralError('Unknown function: nope()'));
    expect(run('length(a, a)')).toThrow(
      new GeneralError('Expected 1 argument for function length(), received 2'),
    );
    expect(run('not_null()')).toThrow(
      new GeneralError('Expected at least 1 argument for function not_null(), received 0'),
    );
    expect(run('`[1,2]`[::0]')).toThrow(new GeneralError('slice step cannot be zero'));
  });
});

describe('compileQuery evaluation (Python semantics over jmespath.js)', () => {
  const data = {
    Users: [
      { Username: 'bob', Created: '2026-01-02T00:00:00+00:00', Enabled: true, N: 2 },
      { Username: 'alice', Created: '2026-01-03T00:00:00+00:00', Enabled: false },
      { Username: 'carol', Created: '2026-01-03T00:00:00+00:00', Enabled: true, N: 1 },
    ],
  };
  const q = (expr: string) => compileQuery(expr)(data);

  it('compares only numbers and strings; anything else gives null', () => {
    expect(q('Users[?N < `3`].Username')).toEqual(['bob', 'carol']);
    expect(q('Users[?Enabled < `1`].Username')).toEqual([]);
    expect(q('Users[0].Enabled >= `0`')).toBeNull();
    expect(q('Users[0].N > `1`')).toBe(true);
    expect(q("Users[?Created > '2026-01-02'].Username")).toEqual(['bob', 'alice', 'carol']);
  });

  it('max_by and min_by accept string keys and keep the first of equals', () => {
    expect(q('max_by(Users, &Created).Username')).toBe('alice');
    expect(q('min_by(Users, &Created).Username')).toBe('bob');
    expect(q('max_by(Users[?N], &N).Username')).toBe('bob');
    expect(q('max_by(`[]`, &N)')).toBeNull();
  });

  it('reads @ the way Python does, also first in a function argument or parenthesis', () => {
    expect(q('length(@.Users)')).toBe(3);
    expect(q('(@.Users)[0].Username')).toBe('bob');
    expect(q('Users[?@.Enabled] | length(@)')).toBe(2);
  });

  it('reads raw strings and literals as Python lexes them', () => {
    expect(q("'a\\'b\\'c'")).toBe("a'b'c");
    expect(q('`"a\\`b\\`c"`')).toBe('a`b`c');
    expect(q('`[1,`')).toBe('[1,');
  });

  it('reads literals with json.loads itself: NaN anywhere, Python whitespace only', () => {
    // json.loads accepts NaN inside a list, so this is a two-item list, not the JEP-12 string "[NaN, 1]".
    expect(q('length(`[NaN, 1]`)')).toBe(2);
    // U+00A0 is not JSON whitespace: json.loads fails and the text, lstrip()ped, is read as a string.
    expect(q('`\u00a0NaN`')).toBe('NaN');
    // str.lstrip() keeps U+FEFF (JavaScript's trimStart() would drop it).
    expect(q('`\ufeffab`')).toBe('\ufeffab');
  });

  it('gives null for the average of nothing, like Python', () => {
    expect(q('avg(`[]`)')).toBeNull();
    expect(q('[avg(`[]`), avg(`[1, 2]`)]')).toEqual([null, 1.5]);
  });

  it('keeps a multiselect hash in expression order', () => {
    expect(Object.keys(q('Users[0].{z: Username, a: N}') as object)).toEqual(['z', 'a']);
  });
});
