// Properties over arbitrary input: the parameter layer fails only with our error taxonomy (never a
// TypeError or a crash), and values built to satisfy the model pass validation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GeneralError, ParamError } from '../../src/errors.ts';
import { cliName, operations } from '../../src/model/index.ts';
import type { Operation, Shape, StructureShape } from '../../src/model/types.ts';
import { mergeInput, parseCliInput } from '../../src/params/cli-input.ts';
import { parseShorthand, unpackArgument } from '../../src/params/shorthand.ts';
import { outputSkeleton } from '../../src/params/skeleton.ts';
import { validateClientSide, validateServiceSide, wholeMatch } from '../../src/params/validate.ts';

const allOps = Object.values(operations) as Operation[];
const allMembers: [string, Shape][] = allOps.flatMap((op) => Object.entries(op.input.members));

/** Fails the property on anything but the errors the parameter layer is allowed to raise. */
function onlyTaxonomy(fn: () => unknown, allowGeneral: boolean): void {
  try {
    fn();
  } catch (e) {
    if (e instanceof ParamError) return;
    if (allowGeneral && e instanceof GeneralError) return;
    throw e;
  }
}

// Strings rich in the characters the parsers care about.
const syntax = fc.string({
  unit: fc.oneof(
    fc.constantFrom('=', ',', '[', ']', '{', '}', "'", '"', '\\', ' ', '\n', ':', 'a', 'b', '1', '.', '-'),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 40,
});
const anyText = fc.oneof(syntax, fc.string({ unit: 'binary', maxLength: 40 }));

describe('never anything but ParamError', () => {
  it('parseShorthand', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        onlyTaxonomy(() => parseShorthand(s), false);
      }),
      { numRuns: 3000 },
    );
  });
  it('validateClientSide does not throw at all, whatever the value', () => {
    fc.assert(
      fc.property(fc.constantFrom(...allOps), fc.anything(), (op, v) => {
        expect(Array.isArray(validateClientSide(op.input, v))).toBe(true);
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...allOps),
        fc.dictionary(fc.constantFrom('UserCode', 'Session', 'X'), fc.anything()),
        (op, v) => {
          expect(Array.isArray(validateClientSide(op.input, v))).toBe(true);
        },
      ),
    );
  });
});

describe('ParamError, or GeneralError where v2 itself fails with a Python exception (rc 255)', () => {
  it('parseCliInput json and yaml', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('json' as const, 'yaml' as const),
        fc.oneof(anyText, fc.json()),
        (kind, s) => {
          onlyTaxonomy(() => parseCliInput(kind, s), true);
        },
      ),
      { numRuns: 1500 },
    );
  });
  it('unpackArgument, for every member of the model, with one word or several', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...allMembers),
        fc.oneof(anyText, fc.array(anyText, { minLength: 1, maxLength: 3 }), fc.json()),
        ([member, shape], raw) => {
          onlyTaxonomy(() => unpackArgument(shape, raw, `--${cliName(member)}`), true);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('round trips', () => {
  it('a JSON document of strings comes back as it was written', () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.boolean(), fc.constant(null))),
        (doc) => {
          expect(parseCliInput('json', JSON.stringify(doc))).toEqual(doc);
        },
      ),
    );
  });
  it('shorthand of simple pairs parses to the pairs', () => {
    const key = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,8}$/);
    const value = fc.stringMatching(/^[A-Za-z0-9@._!-]{1,10}$/);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(key, value), { selector: ([k]) => k, minLength: 1, maxLength: 5 }),
        (pairs) => {
          const text = pairs.map(([k, v]) => `${k}=${v}`).join(',');
          expect(parseShorthand(text)).toEqual(Object.fromEntries(pairs));
        },
      ),
    );
  });
  it('mergeInput: flags win, flags first in model order, then the document in its order', () => {
    const shape = operations.VerifySoftwareToken.input;
    expect(
      Object.entries(
        mergeInput({ UserCode: '1', AccessToken: 'a' }, { Z: 1, AccessToken: 'doc', Session: 's' }, shape),
      ),
    ).toEqual([
      ['AccessToken', 'a'],
      ['UserCode', '1'],
      ['Z', 1],
      ['Session', 's'],
    ]);
    expect(mergeInput({ A: 1 }, undefined)).toEqual({ A: 1 });
  });
});

/**
 * An arbitrary that only produces values valid for the shape, client side and service side. `name`
 * is the member's name: the skeleton's placeholder for it (e.g. an example role ARN) is the fallback.
 */
function validValue(shape: Shape, name = 'X'): fc.Arbitrary<unknown> {
  switch (shape.type) {
    case 'string': {
      if (shape.enum) return fc.constantFrom(...shape.enum);
      const min = shape.min ?? 0;
      const max = Math.min(shape.max ?? 40, Math.max(min, 40));
      const ok = (s: string) =>
        [...s].length >= min && [...s].length <= max && (!shape.pattern || wholeMatch(shape.pattern).test(s));
      // Random strings where they happen to fit; otherwise the output skeleton's placeholder, which is
      // built to satisfy the constraints (filtering alone would rarely hit `[\w-]+_[0-9a-zA-Z]+`).
      const fallback = (
        JSON.parse(outputSkeleton({ type: 'structure', members: { [name]: shape } })) as Record<
          string,
          string
        >
      )[name]!;
      const unit = shape.pattern
        ? fc.constantFrom(...'abcXYZ019_-.='.split(''))
        : fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 });
      return fc.string({ unit, minLength: min, maxLength: max }).map((s) => (ok(s) ? s : fallback));
    }
    case 'integer':
    case 'long':
      return fc.integer({ min: shape.min ?? -1000, max: shape.max ?? 1000 });
    case 'boolean':
      return fc.boolean();
    case 'timestamp':
      return fc.integer({ min: 0, max: 2 ** 31 });
    case 'list':
      return fc.array(validValue(shape.member), { minLength: shape.min ?? 0, maxLength: 3 });
    case 'map':
      return fc.dictionary(
        fc.string({
          unit: fc.constantFrom('a', 'b', 'K'),
          minLength: Math.max(1, shape.key.min ?? 0),
          maxLength: 5,
        }),
        validValue(shape.value),
        { maxKeys: 3 },
      );
    case 'structure':
      return structure(shape);
  }
}
function structure(shape: StructureShape): fc.Arbitrary<Record<string, unknown>> {
  const required = new Set(shape.required ?? []);
  const members = Object.fromEntries(Object.entries(shape.members).map(([k, s]) => [k, validValue(s, k)]));
  return fc.record(members, { requiredKeys: [...required] as never[] }) as fc.Arbitrary<
    Record<string, unknown>
  >;
}

describe('requests built within the model pass validation', () => {
  for (const op of allOps) {
    it(op.name, () => {
      fc.assert(
        fc.property(structure(op.input), (req) => {
          expect(validateClientSide(op.input, req)).toEqual([]);
          expect(validateServiceSide(op.input, req)).toBeUndefined();
        }),
        { numRuns: 50 },
      );
    });
  }
});
