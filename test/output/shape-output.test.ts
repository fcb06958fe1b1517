// shapeOutput: botocore's JSON parser plus v2's iso8601 timestamps. Expected timestamp strings were
// printed by v2's Python 3.11 (datetime.fromtimestamp(x, tz).isoformat() and
// botocore.utils.parse_timestamp(s).isoformat()).
import { describe, expect, it } from 'vitest';
import { operations } from '../../src/model/index.ts';
import type { StructureShape } from '../../src/model/types.ts';
import { isoTimestamp, shapeOutput } from '../../src/output/shape-output.ts';

const UTC = { timeZone: 'UTC' } as const;

describe('shapeOutput', () => {
  it('keeps model members in model order and drops unknown members and ResponseMetadata', () => {
    const raw = {
      ResponseMetadata: { RequestId: 'x' },
      Extra: 1,
      Session: 's'.repeat(20),
      SecretCode: 'ABC',
    };
    const out = shapeOutput(operations.AssociateSoftwareToken.output, raw);
    expect(Object.keys(out)).toEqual(['SecretCode', 'Session']);
    expect(out).toEqual({ SecretCode: 'ABC', Session: 's'.repeat(20) });
  });

  it('recurses through structures, lists and maps, and leaves out null members', () => {
    const raw = {
      Username: 'alice',
      Unknown: true,
      UserAttributes: [{ Value: 'a@x', Name: 'email', Junk: 1 }, { Name: 'sub', Value: null }, null],
      MFAOptions: null,
      Enabled: false,
    };
    const out = shapeOutput(operations.AdminGetUser.output, raw, UTC);
    expect(out).toEqual({
      Username: 'alice',
      UserAttributes: [{ Name: 'email', Value: 'a@x' }, { Name: 'sub' }, null],
      Enabled: false,
    });
    expect(Object.keys((out.UserAttributes as object[])[0]!)).toEqual(['Name', 'Value']);
  });

  it('keeps map keys in the answer order and their values through the value shape', () => {
    const raw = { ChallengeParameters: { b: '1', a: '2' }, ChallengeName: 'MFA_SETUP' };
    const out = shapeOutput(operations.InitiateAuth.output, raw);
    expect(Object.keys(out)).toEqual(['ChallengeName', 'ChallengeParameters']);
    expect(Object.keys(out.ChallengeParameters as object)).toEqual(['b', 'a']);
  });

  it('keeps integers as numbers and booleans as booleans', () => {
    const raw = {
      UserPool: { EstimatedNumberOfUsers: 0, AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } },
    };
    expect(shapeOutput(operations.DescribeUserPool.output, raw)).toEqual(raw);
  });

  it('gives {} for an answer that is not a JSON object (v2 prints nothing)', () => {
    const shape = operations.VerifySoftwareToken.output;
    expect(shapeOutput(shape, 'not json')).toEqual({});
    expect(shapeOutput(shape, null)).toEqual({});
    expect(shapeOutput(shape, [1])).toEqual({});
  });

  it('iterates a string where a list belongs, as Python does', () => {
    const shape: StructureShape = {
      type: 'structure',
      members: { L: { type: 'list', member: { type: 'string' } } },
    };
    expect(shapeOutput(shape, { L: 'ab' })).toEqual({ L: ['a', 'b'] });
  });

  it('turns timestamps into isoformat() in the given zone, or leaves them as sent with wire', () => {
    const raw = { User: { UserCreateDate: 1763777413.123, UserLastModifiedDate: 1763777413 } };
    const shape = operations.AdminCreateUser.output;
    expect(shapeOutput(shape, raw, UTC)).toEqual({
      User: {
        UserCreateDate: '2025-11-22T02:10:13.123000+00:00',
        UserLastModifiedDate: '2025-11-22T02:10:13+00:00',
      },
    });
    expect(shapeOutput(shape, raw, { timeZone: 'Asia/Kolkata' })).toEqual({
      User: {
        UserCreateDate: '2025-11-22T07:40:13.123000+05:30',
        UserLastModifiedDate: '2025-11-22T07:40:13+05:30',
      },
    });
    expect(shapeOutput(shape, raw, { timestampFormat: 'wire' })).toEqual(raw);
  });
});

describe('isoTimestamp (botocore parse_timestamp + isoformat)', () => {
  it.each([
    [0, '1970-01-01T00:00:00+00:00'],
    [0.5, '1970-01-01T00:00:00.500000+00:00'],
    [1.0000005, '1970-01-01T00:00:01.000001+00:00'],
    [1.0000015, '1970-01-01T00:00:01.000001+00:00'],
    [1763777413.9999995, '2025-11-22T02:10:14+00:00'],
    [-1.5, '1969-12-31T23:59:58.500000+00:00'],
    [1763777413.1234567, '2025-11-22T02:10:13.123457+00:00'],
    [86399.9999996, '1970-01-02T00:00:00+00:00'],
  ])('epoch %s', (x, want) => {
    expect(isoTimestamp(x, 'UTC')).toBe(want);
  });

  it.each([
    ['2026-11-22T02:10:13Z', '2026-11-22T02:10:13+00:00'],
    ['2026-11-22T02:10:13.5+05:30', '2026-11-22T02:10:13.500000+05:30'],
    ['2026-11-22 02:10:13', '2026-11-22T02:10:13'],
    ['1763777413.5', '2025-11-22T02:10:13.500000+00:00'],
    [' 12 ', '1970-01-01T00:00:12+00:00'],
    ['1_000', '1970-01-01T00:16:40+00:00'],
    ['2026-11-22T02:10:13.1234567-0800', '2026-11-22T02:10:13.123456-08:00'],
  ])('string %j', (s, want) => {
    expect(isoTimestamp(s, 'UTC')).toBe(want);
  });

  it('uses the process zone when none is given', () => {
    const got = isoTimestamp(1763777413, undefined) as string;
    const offset = -new Date(1763777413000).getTimezoneOffset();
    const sign = offset < 0 ? '-' : '+';
    const hhmm = `${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}:${String(Math.abs(offset) % 60).padStart(2, '0')}`;
    expect(got.endsWith(`${sign}${hhmm}`)).toBe(true);
    expect(new Date(got).getTime()).toBe(1763777413000);
  });
});
