// validateServiceSide: what the local emulator rejects as Cognito itself would. Client-side
// validation (botocore's) is compared with recorded AWS CLI v2 output in golden-cli.test.ts.
import { describe, expect, it } from 'vitest';
import { operations } from '../../src/model/index.ts';
import type { StructureShape } from '../../src/model/types.ts';
import { validateClientSide, validateServiceSide, wholeMatch } from '../../src/params/validate.ts';

const verify = operations.VerifySoftwareToken.input;

describe('validateServiceSide', () => {
  it('accepts a valid request', () => {
    expect(validateServiceSide(verify, { Session: 's'.repeat(20), UserCode: '123456' })).toBeUndefined();
  });

  it('checks the pattern against the whole value, and never echoes a sensitive value', () => {
    expect(validateServiceSide(verify, { UserCode: '12345a' })).toBe(
      "1 validation error detected: Value at 'userCode' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9]+",
    );
    // A prefix that matches is not enough.
    expect(validateServiceSide(verify, { AccessToken: 'abc def', UserCode: '123456' })).toBe(
      "1 validation error detected: Value at 'accessToken' failed to satisfy constraint: Member must satisfy regular expression pattern: [A-Za-z0-9-_=.]+",
    );
  });

  it('checks the maximum length that the AWS CLI does not, and joins several errors', () => {
    expect(validateServiceSide(verify, { UserCode: '1234567', FriendlyDeviceName: 'x'.repeat(131073) })).toBe(
      '2 validation errors detected: ' +
        "Value at 'userCode' failed to satisfy constraint: Member must have length less than or equal to 6; " +
        `Value '${'x'.repeat(131073)}' at 'friendlyDeviceName' failed to satisfy constraint: Member must have length less than or equal to 131072`,
    );
  });

  it('checks enums and numeric ranges, echoing values that are not sensitive', () => {
    expect(
      validateServiceSide(operations.SetUserPoolMfaConfig.input, {
        UserPoolId: 'us-east-1_abc',
        MfaConfiguration: 'MAYBE',
      }),
    ).toBe(
      "1 validation error detected: Value 'MAYBE' at 'mfaConfiguration' failed to satisfy constraint: Member must satisfy enum value set: [OFF, ON, OPTIONAL]",
    );
    expect(validateServiceSide(operations.ListUserPools.input, { MaxResults: 61 })).toBe(
      "1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60",
    );
  });

  it('names nested members by camelCase path, list elements by 1-based index', () => {
    const msg = validateServiceSide(operations.AdminCreateUser.input, {
      UserPoolId: 'us-east-1_abc',
      Username: 'alice',
      UserAttributes: [{ Name: 'email', Value: 'a@b.c' }, { Name: 'x'.repeat(33) }],
    });
    expect(msg).toBe(
      `1 validation error detected: Value '${'x'.repeat(33)}' at 'userAttributes.2.member.name' failed to satisfy constraint: Member must have length less than or equal to 32`,
    );
    expect(
      validateServiceSide(operations.CreateUserPool.input, {
        PoolName: 'p',
        Policies: { PasswordPolicy: { MinimumLength: 100 } },
      }),
    ).toBe(
      "1 validation error detected: Value '100' at 'policies.passwordPolicy.minimumLength' failed to satisfy constraint: Member must have value less than or equal to 99",
    );
  });

  it('reports a missing required member as null', () => {
    expect(validateServiceSide(verify, {})).toBe(
      "1 validation error detected: Value null at 'userCode' failed to satisfy constraint: Member must not be null",
    );
  });

  it('reports map keys and values once for the map, without the values of a sensitive map', () => {
    const msg = validateServiceSide(operations.CreateUserPool.input, {
      PoolName: 'p',
      UserPoolTags: { '': 'v' },
    });
    expect(msg).toBe(
      "1 validation error detected: Value '{=v}' at 'userPoolTags' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length greater than or equal to 1]",
    );
    const secret = 'p'.repeat(131073);
    const auth = validateServiceSide(operations.InitiateAuth.input, {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: 'abc',
      AuthParameters: { PASSWORD: secret },
    });
    expect(auth).toBe(
      "1 validation error detected: Value at 'authParameters' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to 131072]",
    );
  });

  it('reads Java regex classes: \\s is ASCII-only, \\p{L} Unicode', () => {
    expect(wholeMatch('[\\w\\s+=,.@-]+').test('my pool')).toBe(true);
    expect(wholeMatch('[\\w\\s+=,.@-]+').test('my\u00a0pool')).toBe(false);
    expect(wholeMatch('[\\S]+').test('pässwörd\u00a0')).toBe(true);
    expect(wholeMatch('[\\S]+').test('pass word')).toBe(false);
    expect(wholeMatch('[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+').test('élodie')).toBe(true);
  });

  it('compiles every pattern of the model', () => {
    const patterns = new Set<string>();
    const walk = (s: unknown) => {
      if (s && typeof s === 'object') {
        const o = s as Record<string, unknown>;
        if (typeof o.pattern === 'string') patterns.add(o.pattern);
        for (const v of Object.values(o)) walk(v);
      }
    };
    walk(operations);
    expect(patterns.size).toBeGreaterThan(5);
    for (const p of patterns) expect(() => wholeMatch(p)).not.toThrow();
  });
});

describe('validateClientSide (units; the recorded cases are in golden-cli.test.ts)', () => {
  const shape: StructureShape = {
    type: 'structure',
    members: { N: { type: 'integer', min: 1 }, T: { type: 'timestamp' } },
  };
  it('accepts Python bools as integers, comparing them as 1 and 0', () => {
    expect(validateClientSide(shape, { N: true })).toEqual([]);
    expect(validateClientSide(shape, { N: false })).toEqual([
      'Invalid value for parameter N, value: False, valid min value: 1',
    ]);
  });
  it('reports a non-dict input as the parameter "input"', () => {
    expect(validateClientSide(shape, [1])).toEqual([
      "Invalid type for parameter input, value: [1], type: <class 'list'>, valid types: <class 'dict'>",
    ]);
  });
  it("gives timestamps botocore's valid-types text", () => {
    expect(validateClientSide(shape, { T: '2020-01-01T00:00:00Z' })).toEqual([]);
    expect(validateClientSide(shape, { T: [] })).toEqual([
      "Invalid type for parameter T, value: [], type: <class 'list'>, valid types: <class 'datetime.datetime'>, timestamp-string",
    ]);
  });
});
