// Error answers as Cognito sends them, and the headers every answer has.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.ts';
import { raw, type Served, serve, target } from './harness.ts';

let srv: Served;
beforeAll(async () => {
  srv = await serve();
});
afterAll(async () => {
  expect(await srv.stop()).toBe(0);
});

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function expectProtocolHeaders(h: Record<string, string | string[] | undefined>) {
  expect(h['x-amzn-requestid']).toMatch(REQUEST_ID);
  expect(h['content-type']).toBe('application/x-amz-json-1.1');
}

describe('error answers', () => {
  it('unknown target: 400 UnknownOperationException', async () => {
    const a = await raw(srv.port, { target: target('DeleteEverything'), body: '{}' });
    expect(a.status).toBe(400);
    expectProtocolHeaders(a.headers);
    expect(JSON.parse(a.body)).toEqual({
      __type: 'UnknownOperationException',
      message:
        "DeleteEverything is not an operation cognito-totp emulates (the operations it answers are listed by 'cognito-totp help').",
    });
    const none = await raw(srv.port, { body: '{}' });
    expect(none.status).toBe(400);
    expect(JSON.parse(none.body)).toEqual({
      __type: 'UnknownOperationException',
      message:
        'The X-Amz-Target header must name an operation, as AWSCognitoIdentityProviderService.InitiateAuth (got none).',
    });
  });

  it('a body that is not JSON, or not an object: 400 SerializationException', async () => {
    for (const body of ['{"PoolName": ', 'not json', '[1,2]', '"x"']) {
      const a = await raw(srv.port, { target: target('CreateUserPool'), body });
      expect(a.status, body).toBe(400);
      expectProtocolHeaders(a.headers);
      expect(JSON.parse(a.body).__type, body).toBe('SerializationException');
    }
  });

  it('a member of the wrong type: 400 SerializationException naming it', async () => {
    const a = await raw(srv.port, { target: target('ListUserPools'), body: '{"MaxResults": "ten"}' });
    expect(a.status).toBe(400);
    const body = JSON.parse(a.body);
    expect(body.__type).toBe('SerializationException');
    expect(body.message).toContain('MaxResults');
  });

  it('a missing required member: the service-side InvalidParameterException', async () => {
    const a = await raw(srv.port, { target: target('CreateUserPool'), body: '{}' });
    expect(a.status).toBe(400);
    const body = JSON.parse(a.body);
    expect(body.__type).toBe('InvalidParameterException');
    expect(body.message).toMatch(/validation error/);
  });

  it('a service error: 400 with __type and message', async () => {
    const a = await raw(srv.port, {
      target: target('DescribeUserPool'),
      body: '{"UserPoolId": "us-east-1_missing1"}',
    });
    expect(a.status).toBe(400);
    expectProtocolHeaders(a.headers);
    expect(JSON.parse(a.body)).toEqual({
      __type: 'ResourceNotFoundException',
      message: 'User pool us-east-1_missing1 does not exist.',
    });
  });

  it('an oversized body: 413, the server carries on', async () => {
    const big = Buffer.alloc(2 * 1024 * 1024, 'a');
    const a = await raw(srv.port, { target: target('CreateUserPool'), body: big });
    expect(a.status).toBe(413);
    expect(a.headers['x-amzn-requestid']).toMatch(REQUEST_ID);
    const ok = await raw(srv.port, { target: target('ListUserPools'), body: '{"MaxResults": 1}' });
    expect(ok.status).toBe(200);
  });

  it('an oversized body sent in chunks (no Content-Length): read to its end, then 413, over a kept-alive connection', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      // 2 MiB in 64 KiB pieces: the server sees the limit crossed mid-stream.
      const chunks = Array.from({ length: 32 }, () => Buffer.alloc(64 * 1024, 'a'));
      const big = await raw(srv.port, { target: target('ListUserPools'), chunks, agent });
      expect(big.status).toBe(413);
      expect(JSON.parse(big.body).__type).toBeTypeOf('string');
      const next = await raw(srv.port, { target: target('ListUserPools'), body: '{"MaxResults": 1}', agent });
      expect(next.status).toBe(200);
      // The same socket: the refused body was drained, not left to poison the connection.
      expect(next.socket).toBe(big.socket);
    } finally {
      agent.destroy();
    }
  });

  it('every success has a request id and the JSON 1.1 content type; ids differ', async () => {
    const a = await raw(srv.port, { target: target('ListUserPools'), body: '{"MaxResults": 5}' });
    const b = await raw(srv.port, { target: target('ListUserPools'), body: '{"MaxResults": 5}' });
    expect(a.status).toBe(200);
    expectProtocolHeaders(a.headers);
    expect(a.headers['x-amzn-requestid']).not.toBe(b.headers['x-amzn-requestid']);
    expect(JSON.parse(a.body)).toHaveProperty('UserPools');
  });

  it('other routes: 404/405, still with a request id; no stack traces anywhere', async () => {
    const get = await raw(srv.port, { method: 'GET', path: '/' });
    expect(get.status).toBe(404);
    expect(get.headers['x-amzn-requestid']).toMatch(REQUEST_ID);
    const put = await raw(srv.port, { method: 'PUT', path: '/', body: '{}' });
    expect(put.status).toBe(405);
    expect(srv.stderr()).not.toContain('internal error');
  });
});

describe('starting', () => {
  it('a port already in use: a clear message, exit 255', () => {
    const r = run(['serve', '--port', String(srv.port), '--state-file', srv.stateFile]);
    expect(r.status).toBe(255);
    expect(r.stderr).toContain(`Cannot listen on 127.0.0.1:${srv.port}: the address is already in use`);
  });

  it('a state it cannot read (a folder, a damaged file): said at start, exit 253, nothing served', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ct-serve-bad-'));
    const damaged = join(dir, 'state.json');
    writeFileSync(damaged, '{"schemaVersion":3,', { mode: 0o600 });
    for (const [file, message] of [
      [dir, `The state file ${dir} is a folder, not a file.`],
      [damaged, `The state file ${damaged} is not valid JSON`],
    ] as const) {
      const r = run(['serve', '--port', '0', '--state-file', file]);
      expect(r.status).toBe(253);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toContain('listening');
    }
    expect(readFileSync(damaged, 'utf8')).toBe('{"schemaVersion":3,');
  });
});
