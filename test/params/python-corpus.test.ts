// Our re-implementations of the Python pieces AWS CLI v2 runs, against the real ones over generated
// corpora (test/golden/params/python-corpus.json, recorded with /usr/bin/aws's own interpreter and
// modules by scripts/capture-params-goldens.sh): json.loads, awscli.shorthand.ShorthandParser,
// ruamel.yaml's safe loader, int(), and repr() of floats and strings.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseShorthand, ShorthandParseError } from '../../src/params/shorthand.ts';
import { PyRuntimeError, pyInt } from '../../src/python/builtins.ts';
import { PyJsonError, pyJsonLoads } from '../../src/python/json-loads.ts';
import {
  floatRepr,
  isOrderedDict,
  PyFloat,
  PyScalar,
  pyEntries,
  pyRepr,
  strRepr,
} from '../../src/python/value.ts';
import { PyYamlError, pyYamlLoad } from '../../src/python/yaml-load.ts';

interface Entry {
  in: string;
  ok?: unknown;
  repr?: string;
  error?: string;
  yamlError?: boolean;
  pyError?: string;
}
const corpus = JSON.parse(
  readFileSync(join(import.meta.dirname, '../golden/params/python-corpus.json'), 'utf8'),
) as {
  json: Entry[];
  shorthand: Entry[];
  yaml: Entry[];
  int: Entry[];
  floatRepr: { in: number; repr: string }[];
  strRepr: { in: string; repr: string }[];
};

/** Our decoded value in the tagged form python-corpus.py writes (ints, floats and dict types explicit). */
function tagged(v: unknown): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return { $int: String(v) };
  if (typeof v === 'bigint') return { $int: v.toString() };
  if (v instanceof PyFloat) return { $float: floatRepr(v.value) };
  if (v instanceof PyScalar) {
    return { $other: v.pyType.includes('.') ? v.pyType : `builtins.${v.pyType}`, str: v.str, repr: v.repr };
  }
  if (Buffer.isBuffer(v)) return { $other: 'builtins.bytes', str: pyRepr(v), repr: pyRepr(v) };
  if (Array.isArray(v)) return v.map(tagged);
  if (typeof v === 'object') {
    return {
      $dict: pyEntries(v).map(([k, x]) => [k, tagged(x)]),
      $type: isOrderedDict(v) ? 'OrderedDict' : 'dict',
    };
  }
  throw new Error(`untaggable ${String(v)}`);
}

function outcome(fn: () => unknown, errorType: new (...a: never[]) => Error): Entry {
  try {
    const v = fn();
    return { in: '', ok: tagged(v) };
  } catch (e) {
    if (e instanceof errorType) return { in: '', error: e.message };
    throw e;
  }
}

describe('json.loads (object_pairs_hook=OrderedDict), as v2 decodes a JSON flag value', () => {
  it(`agrees on ${corpus.json.length} generated documents, values and error positions`, () => {
    const mismatches = corpus.json.filter((e) => {
      const got = outcome(() => pyJsonLoads(e.in, { orderedDicts: true }), PyJsonError);
      return e.error !== undefined ? got.error !== e.error : JSON.stringify(got.ok) !== JSON.stringify(e.ok);
    });
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(corpus.json.filter((e) => e.error).length).toBeGreaterThan(100);
  });
  it('prints decoded values as Python repr() does', () => {
    for (const e of corpus.json.filter((x) => x.repr !== undefined)) {
      expect(pyRepr(pyJsonLoads(e.in, { orderedDicts: true }))).toBe(e.repr);
    }
  });
});

describe('awscli.shorthand.ShorthandParser', () => {
  it(`agrees on ${corpus.shorthand.length} generated inputs, values and caret messages`, () => {
    const mismatches = corpus.shorthand
      .map((e) => ({ e, got: outcome(() => parseShorthand(e.in), ShorthandParseError) }))
      .filter(({ e, got }) =>
        e.error !== undefined ? got.error !== e.error : JSON.stringify(got.ok) !== JSON.stringify(e.ok),
      )
      .map(({ e, got }) => ({ input: e.in, expected: e.error ?? e.ok, got: got.error ?? got.ok }));
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(corpus.shorthand.filter((e) => e.error).length).toBeGreaterThan(100);
    expect(corpus.shorthand.filter((e) => e.ok).length).toBeGreaterThan(100);
  });
});

describe('ruamel.yaml safe load, as --cli-input-yaml decodes', () => {
  for (const e of corpus.yaml) {
    it(JSON.stringify(e.in), () => {
      if (e.yamlError) {
        expect(() => pyYamlLoad(e.in)).toThrow(PyYamlError);
      } else if (e.pyError) {
        expect(() => pyYamlLoad(e.in)).toThrow(PyRuntimeError);
        expect(() => pyYamlLoad(e.in)).toThrow(e.error!);
      } else {
        const v = pyYamlLoad(e.in);
        expect(tagged(v)).toEqual(e.ok);
        expect(pyRepr(v)).toBe(e.repr);
      }
    });
  }
});

describe('int() of a string', () => {
  it(`agrees on ${corpus.int.length} generated strings`, () => {
    const mismatches = corpus.int
      .map((e) => {
        let got: string;
        try {
          got = String(pyInt(e.in));
        } catch (err) {
          if (!(err instanceof PyRuntimeError)) throw err;
          got = `error: ${err.message}`;
        }
        return { input: e.in, expected: e.ok ?? `error: ${e.error}`, got };
      })
      .filter((m) => m.expected !== m.got);
    expect(mismatches.slice(0, 5)).toEqual([]);
  });
});

describe('repr()', () => {
  it('of floats', () => {
    const wrong = corpus.floatRepr.filter((e) => floatRepr(e.in) !== e.repr);
    expect(wrong.slice(0, 5)).toEqual([]);
  });
  it('of strings, with the quote and escape choices of CPython', () => {
    const wrong = corpus.strRepr.filter((e) => strRepr(e.in) !== e.repr);
    expect(wrong.slice(0, 5).map((e) => ({ ...e, got: strRepr(e.in) }))).toEqual([]);
  });
});
