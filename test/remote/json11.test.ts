// The AWS JSON 1.1 codec: byte-for-byte Python json.dumps bodies, botocore's error and success
// reading, and the server-side helpers.
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { operations } from '../../src/model/index.ts';
import {
  CONTENT_TYPE,
  decodeRequest,
  encodeError,
  encodeJson,
  encodeRequest,
  isErrorStatus,
  parseError,
  parseSuccess,
  sanitizeErrorCode,
} from '../../src/protocol/json11.ts';

/** Python's own json.dumps for each value (one python3 process for the lot). */
function pythonDumps(values: unknown[]): string[] {
  const script = 'import json,sys\nfor v in json.load(sys.stdin): print(json.dumps(v))';
  const out = execFileSync('python3', ['-c', script], { input: JSON.stringify(values), encoding: 'utf8' });
  return out.split('\n').slice(0, values.length);
}

describe('encodeJson matches Python json.dumps (what v2 sends)', () => {
  test('the documented example: separators and escapes', () => {
    expect(encodeJson({ AccessToken: 'abc.def', UserCode: '123456', FriendlyDeviceName: 'Dévice "q"' })).toBe(
      '{"AccessToken": "abc.def", "UserCode": "123456", "FriendlyDeviceName": "D\\u00e9vice \\"q\\""}',
    );
    expect(encodeJson({})).toBe('{}');
    expect(encodeJson({ a: undefined, b: [1, true, null, { c: [] }] })).toBe(
      '{"b": [1, true, null, {"c": []}]}',
    );
  });

  test('any strings, nested values and numbers: the same bytes as python3', () => {
    const values = fc.sample(
      fc.dictionary(
        fc.string({ unit: 'binary', maxLength: 12 }),
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 20 }),
          fc.integer(),
          fc.boolean(),
          fc.array(fc.string({ unit: 'grapheme', maxLength: 5 }), { maxLength: 3 }),
        ),
        { maxKeys: 4 },
      ),
      { numRuns: 300, seed: 42 },
    );
    const expected = pythonDumps(values);
    expect(values.map(encodeJson)).toEqual(expected);
  });

  test('encodeRequest: target header, content type, body', () => {
    const r = encodeRequest('VerifySoftwareToken', { UserCode: '123456' });
    expect(r.headers).toEqual({
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': 'AWSCognitoIdentityProviderService.VerifySoftwareToken',
    });
    expect(r.body).toBe('{"UserCode": "123456"}');
    expect(encodeRequest('GetUser', {}).body).toBe('{}');
  });
});

const resp = (status: number, body: string, headers: Record<string, string> = {}) => ({
  status,
  headers,
  body,
});

describe('parseError (botocore BaseJSONParser._do_error_parse)', () => {
  test('__type and message', () => {
    expect(
      parseError(resp(400, '{"__type":"CodeMismatchException","message":"Code mismatch (None)"}')),
    ).toEqual({
      code: 'CodeMismatchException',
      message: 'Code mismatch (None)',
    });
  });

  test('namespaced and suffixed types are cut to the shape name', () => {
    expect(
      parseError(resp(400, '{"__type":"com.amazonaws.cognito#NotAuthorizedException","Message":"m"}')),
    ).toEqual({
      code: 'NotAuthorizedException',
      message: 'm',
    });
    expect(sanitizeErrorCode('aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/')).toBe(
      'FooError',
    );
    expect(sanitizeErrorCode('FooError')).toBe('FooError');
  });

  test('no __type: the status is the code; the x-amzn-ErrorType header is ignored', () => {
    expect(parseError(resp(400, '{"message":"m"}', { 'x-amzn-errortype': 'Nope' }))).toEqual({
      code: '400',
      message: 'm',
    });
    expect(parseError(resp(404, ''))).toEqual({ code: '404', message: '' });
  });

  test('a body that is not JSON becomes the message', () => {
    expect(parseError(resp(400, 'plain words'))).toEqual({ code: '400', message: 'plain words' });
  });

  test('5xx with an empty or <html> body: code = status, message = reason phrase', () => {
    expect(parseError(resp(502, '<html><body>Bad</body></html>'))).toEqual({
      code: '502',
      message: 'Bad Gateway',
    });
    expect(parseError(resp(503, '  '))).toEqual({ code: '503', message: 'Service Unavailable' });
    expect(parseError(resp(599, ''))).toEqual({ code: '599', message: '' });
    // A JSON 5xx is read normally.
    expect(parseError(resp(500, '{"__type":"InternalErrorException","message":"x"}'))).toEqual({
      code: 'InternalErrorException',
      message: 'x',
    });
  });

  test('the query-compatible error header wins when it has two parts; the request id is kept', () => {
    expect(
      parseError(
        resp(400, '{"__type":"A","message":"m"}', {
          'x-amzn-query-error': 'B;Sender',
          'x-amzn-requestid': 'rid-1',
        }),
      ),
    ).toEqual({ code: 'B', message: 'm', requestId: 'rid-1' });
  });

  test('errors start at 301', () => {
    expect([200, 300, 301, 400, 500].map(isErrorStatus)).toEqual([false, false, true, true, true]);
  });
});

describe('parseSuccess', () => {
  const out = operations.VerifySoftwareToken.output;
  test('empty, unparseable or non-object bodies are {}', () => {
    expect(parseSuccess('', out)).toEqual({});
    expect(parseSuccess('<xml/>', out)).toEqual({});
    expect(parseSuccess('[1]', out)).toEqual({});
  });
  test('keeps modeled members in model order and drops nulls', () => {
    const parsed = parseSuccess('{"Session":"s","Other":1,"Status":"SUCCESS","Nothing":null}', out);
    expect(parsed).toEqual({ Status: 'SUCCESS', Session: 's' });
    expect(Object.keys(parsed)).toEqual(['Status', 'Session']);
  });
  test('without a shape the object is returned as sent', () => {
    expect(parseSuccess('{"b":1,"a":2}')).toEqual({ b: 1, a: 2 });
  });
});

describe('server side', () => {
  test('decodeRequest reads the target and the body', () => {
    expect(
      decodeRequest({
        headers: {
          'x-amz-target': 'AWSCognitoIdentityProviderService.GetUser',
          'content-type': CONTENT_TYPE,
        },
        body: '{"AccessToken":"t"}',
      }),
    ).toEqual({ ok: true, operation: 'GetUser', input: { AccessToken: 't' } });
    expect(
      decodeRequest({ headers: { 'x-amz-target': 'AWSCognitoIdentityProviderService.GetUser' }, body: '' }),
    ).toEqual({
      ok: true,
      operation: 'GetUser',
      input: {},
    });
  });

  test('decodeRequest refuses unknown targets and bad bodies with AWS codes', () => {
    const isKnown = (op: string) => op in operations;
    expect(decodeRequest({ headers: {}, body: '{}' })).toMatchObject({
      ok: false,
      code: 'UnknownOperationException',
    });
    expect(
      decodeRequest(
        { headers: { 'x-amz-target': 'AWSCognitoIdentityProviderService.Nope' }, body: '{}' },
        isKnown,
      ),
    ).toMatchObject({ ok: false, status: 400, code: 'UnknownOperationException' });
    expect(
      decodeRequest(
        { headers: { 'x-amz-target': 'AWSCognitoIdentityProviderService.GetUser' }, body: '{' },
        isKnown,
      ),
    ).toMatchObject({ ok: false, status: 400, code: 'SerializationException' });
    expect(
      decodeRequest(
        { headers: { 'x-amz-target': 'AWSCognitoIdentityProviderService.GetUser' }, body: '[]' },
        isKnown,
      ),
    ).toMatchObject({ ok: false, code: 'SerializationException' });
  });

  test('encodeError round-trips through parseError', () => {
    const body = encodeError('CodeMismatchException', 'Code mismatch');
    expect(JSON.parse(body)).toEqual({ __type: 'CodeMismatchException', message: 'Code mismatch' });
    expect(parseError(resp(400, body))).toEqual({ code: 'CodeMismatchException', message: 'Code mismatch' });
  });
});
