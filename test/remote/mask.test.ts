// maskSensitive and the redactor: what --debug may show.
import { describe, expect, test } from 'vitest';
import { operations, type Shape } from '../../src/model/index.ts';
import { MASK, makeRedactor, maskSensitive, sensitiveValues } from '../../src/shared/mask.ts';

describe('maskSensitive', () => {
  test('sensitive members become ****, the others stay, unknown keys stay', () => {
    const input = operations.VerifySoftwareToken.input;
    expect(
      maskSensitive(input, {
        AccessToken: 'tok',
        UserCode: '123456',
        FriendlyDeviceName: 'phone',
        Extra: 'x',
      }),
    ).toEqual({ AccessToken: MASK, UserCode: MASK, FriendlyDeviceName: 'phone', Extra: 'x' });
  });

  test('recursive: nested structures, lists and maps; a sensitive map is masked whole', () => {
    const shape: Shape = {
      type: 'structure',
      members: {
        Tokens: {
          type: 'structure',
          members: { Id: { type: 'string', sensitive: true }, Kind: { type: 'string' } },
        },
        Attrs: {
          type: 'list',
          member: {
            type: 'structure',
            members: { Name: { type: 'string' }, Value: { type: 'string', sensitive: true } },
          },
        },
        Params: { type: 'map', key: { type: 'string' }, value: { type: 'string' }, sensitive: true },
        Meta: { type: 'map', key: { type: 'string' }, value: { type: 'string', sensitive: true } },
      },
    };
    expect(
      maskSensitive(shape, {
        Tokens: { Id: 'id-token', Kind: 'jwt' },
        Attrs: [
          { Name: 'email', Value: 'a@b.c' },
          { Name: 'sub', Value: 'x' },
        ],
        Params: { PASSWORD: 'hunter2' },
        Meta: { k: 'v' },
      }),
    ).toEqual({
      Tokens: { Id: MASK, Kind: 'jwt' },
      Attrs: [
        { Name: 'email', Value: MASK },
        { Name: 'sub', Value: MASK },
      ],
      Params: MASK,
      Meta: { k: MASK },
    });
  });

  test('the model marks the TOTP secrets sensitive: tokens, session, user code, secret code', () => {
    const out = operations.AssociateSoftwareToken.output;
    expect(maskSensitive(out, { SecretCode: 'ABCDEFGHIJKLMNOP', Session: 'S'.repeat(20) })).toEqual({
      SecretCode: MASK,
      Session: MASK,
    });
    const auth = operations.InitiateAuth.input;
    expect(
      maskSensitive(auth, { AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { PASSWORD: 'p' } }),
    ).toEqual({
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: MASK,
    });
  });
});

describe('sensitiveValues and makeRedactor', () => {
  test('collects every secret of a request, maps included', () => {
    const v = sensitiveValues(operations.InitiateAuth.input, {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: 'client123',
      AuthParameters: { USERNAME: 'alice', PASSWORD: 'Passw0rd!' },
    });
    expect(v.sort()).toEqual(['Passw0rd!', 'alice', 'client123']);
  });

  test('replaces secrets as written and as JSON-escaped, longest first; short ones are left alone', () => {
    const redact = makeRedactor(['abc"defgh', 'abc"defgh-longer', 'bob']);
    expect(redact('x abc"defgh-longer y abc\\"defgh z bob')).toBe(`x ${MASK} y ${MASK} z bob`);
    expect(makeRedactor([])('unchanged')).toBe('unchanged');
  });
});
