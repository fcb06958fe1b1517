// What apps and browsers need from `serve` (issue 15, server side): CORS as the Fetch standard's
// CORS protocol asks it, JSON null for a member read as absent, an OpenID configuration that
// advertises only what answers, and an UnknownOperationException that says what is missing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../helpers/cli.ts';
import { call, raw, type Served, serve, target } from './harness.ts';

const APP = 'http://localhost:3000';
/** What the AWS SDK for JavaScript v3 (Amplify's client) lists in a preflight. */
const SDK_HEADERS = 'amz-sdk-invocation-id,amz-sdk-request,content-type,x-amz-target,x-amz-user-agent';

let open: Served;
let narrow: Served;
beforeAll(async () => {
  [open, narrow] = await Promise.all([serve(), serve(undefined, { args: ['--cors-origin', `${APP}/`] })]);
});
afterAll(async () => {
  expect(await open.stop()).toBe(0);
  expect(await narrow.stop()).toBe(0);
});

const preflight = (srv: Served, headers: Record<string, string>) =>
  raw(srv.port, {
    method: 'OPTIONS',
    path: '/',
    headers: { 'Access-Control-Request-Method': 'POST', ...headers },
  });

describe('CORS', () => {
  it('a preflight is answered 204 with the origin, methods, the headers asked for, and a max age', async () => {
    const a = await preflight(open, { Origin: APP, 'Access-Control-Request-Headers': SDK_HEADERS });
    expect(a.status).toBe(204);
    expect(a.body).toBe('');
    expect(a.headers['access-control-allow-origin']).toBe(APP);
    expect(String(a.headers['access-control-allow-methods'])).toContain('POST');
    expect(a.headers['access-control-allow-headers']).toBe(SDK_HEADERS);
    expect(Number(a.headers['access-control-max-age'])).toBeGreaterThan(0);
    expect(String(a.headers.vary)).toContain('Origin');
  });

  it('a preflight that lists no headers still allows those the SDKs send', async () => {
    const a = await preflight(open, { Origin: APP });
    const allowed = String(a.headers['access-control-allow-headers']).split(/,\s*/);
    for (const h of [
      'content-type',
      'x-amz-target',
      'x-amz-user-agent',
      'amz-sdk-invocation-id',
      'amz-sdk-request',
      'cache-control',
      'authorization',
      'x-amz-date',
      'x-amz-security-token',
      'x-amz-content-sha256',
    ])
      expect(allowed, h).toContain(h);
  });

  it('every POST answer, success or error, lets the page read it and the AWS error headers', async () => {
    const ok = await raw(open.port, {
      target: target('ListUserPools'),
      body: '{"MaxResults": 1}',
      headers: { Origin: APP },
    });
    const bad = await raw(open.port, {
      target: target('DescribeUserPool'),
      body: '{"UserPoolId": "us-east-1_missing1"}',
      headers: { Origin: APP },
    });
    const unknown = await raw(open.port, { target: target('Nope'), body: '{}', headers: { Origin: APP } });
    for (const [a, status] of [
      [ok, 200],
      [bad, 400],
      [unknown, 400],
    ] as const) {
      expect(a.status).toBe(status);
      expect(a.headers['access-control-allow-origin']).toBe(APP);
      const exposed = String(a.headers['access-control-expose-headers']).split(/,\s*/);
      expect(exposed).toEqual(
        expect.arrayContaining(['x-amzn-requestid', 'x-amzn-errortype', 'x-amzn-errormessage']),
      );
    }
    // The error code travels in x-amzn-ErrorType too, which the JS SDK reads before the body.
    expect(bad.headers['x-amzn-errortype']).toBe('ResourceNotFoundException');
    expect(unknown.headers['x-amzn-errortype']).toBe('UnknownOperationException');
    // A page on localhost:3000 calling 127.0.0.1:PORT sends Host 127.0.0.1:PORT: allowed.
    expect(ok.headers['x-amzn-requestid']).toBeTruthy();
  });

  it('--cors-origin: only the listed origin may read; others get no Access-Control-Allow-Origin', async () => {
    const mine = await preflight(narrow, { Origin: APP, 'Access-Control-Request-Headers': SDK_HEADERS });
    expect(mine.status).toBe(204);
    expect(mine.headers['access-control-allow-origin']).toBe(APP);
    const other = await preflight(narrow, {
      Origin: 'http://evil.example',
      'Access-Control-Request-Headers': SDK_HEADERS,
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    expect(other.headers['access-control-allow-headers']).toBeUndefined();
    const post = await raw(narrow.port, {
      target: target('ListUserPools'),
      body: '{"MaxResults": 1}',
      headers: { Origin: 'http://evil.example' },
    });
    expect(post.headers['access-control-allow-origin']).toBeUndefined();
    const allowed = await raw(narrow.port, {
      target: target('ListUserPools'),
      body: '{"MaxResults": 1}',
      headers: { Origin: APP },
    });
    expect(allowed.headers['access-control-allow-origin']).toBe(APP);
  });

  it('--cors-origin refuses what is not an origin (exit 252)', () => {
    const r = run(['serve', '--port', '0', '--cors-origin', 'localhost:3000/app']);
    expect(r.status).toBe(252);
    expect(r.stderr).toContain("--cors-origin: 'localhost:3000/app' is not an origin");
  });
});

describe('JSON null', () => {
  it('an optional member sent as null is absent, as amazon-cognito-identity-js sends them', async () => {
    const pool = (await call(open.port, 'CreateUserPool', { PoolName: 'nulls', Policies: null })).UserPool.Id;
    await call(open.port, 'SetUserPoolMfaConfig', {
      UserPoolId: pool,
      SoftwareTokenMfaConfiguration: { Enabled: true },
      SmsMfaConfiguration: null,
      MfaConfiguration: 'OPTIONAL',
    });
    const created = await call(open.port, 'AdminCreateUser', {
      UserPoolId: pool,
      Username: 'nelly',
      MessageAction: 'SUPPRESS',
      TemporaryPassword: null,
      ClientMetadata: null,
      UserAttributes: [{ Name: 'email', Value: 'n@example.com' }],
    });
    expect(created.User.Username).toBe('nelly');
    await call(open.port, 'AdminSetUserMFAPreference', {
      UserPoolId: pool,
      Username: 'nelly',
      SMSMfaSettings: null,
      SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: null },
    });
    const page = await call(open.port, 'ListUserPools', { MaxResults: 60, NextToken: null });
    expect(page.UserPools.map((p: { Id: string }) => p.Id)).toContain(pool);
  });

  it('a required member sent as null is missing: InvalidParameterException, as Cognito says "Member must not be null"', async () => {
    const a = await raw(open.port, { target: target('CreateUserPool'), body: '{"PoolName": null}' });
    expect(a.status).toBe(400);
    expect(JSON.parse(a.body).__type).toBe('InvalidParameterException');
  });

  it('the CLI path keeps AWS CLI v2 behaviour: null in --cli-input-json is a parameter error', () => {
    const r = run(['list-user-pools', '--cli-input-json', '{"MaxResults": 5, "NextToken": null}']);
    expect(r.status).toBe(252);
    expect(r.stderr).toContain('Invalid type for parameter NextToken, value: None');
  });
});

describe('honest discovery and errors', () => {
  it('the OpenID configuration advertises only endpoints that answer', async () => {
    const pool = (await call(open.port, 'CreateUserPool', { PoolName: 'oidc' })).UserPool.Id;
    const conf = await raw(open.port, { method: 'GET', path: `/${pool}/.well-known/openid-configuration` });
    expect(conf.status).toBe(200);
    const doc = JSON.parse(conf.body) as Record<string, unknown>;
    expect(doc.issuer).toBe(`${open.url}/${pool}`);
    const endpoints = Object.entries(doc).filter(([k]) => k.endsWith('_endpoint') || k.endsWith('_uri'));
    expect(endpoints.map(([k]) => k)).toContain('jwks_uri');
    for (const [key, url] of endpoints) {
      const u = new URL(String(url));
      expect(`${u.protocol}//${u.host}`, key).toBe(open.url);
      const a = await raw(open.port, { method: 'GET', path: u.pathname });
      expect(a.status, `${key} ${url}`).toBe(200);
    }
  });

  it('an operation it does not emulate is named, and said to be not emulated', async () => {
    // (AdminListDevices was the example until remembered devices were emulated, issue 16.)
    const a = await raw(open.port, { target: target('AdminLinkProviderForUser'), body: '{}' });
    expect(a.status).toBe(400);
    const body = JSON.parse(a.body);
    expect(body.__type).toBe('UnknownOperationException');
    expect(body.message).toContain('AdminLinkProviderForUser');
    expect(body.message).toMatch(/not an operation cognito-totp emulates/);
  });
});
