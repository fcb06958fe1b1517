// The remote backend against small loopback servers that misbehave on purpose: retries, error
// answers, timeouts, refused connections, TLS, SigV4, proxies and --debug masking.
import { execFileSync } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import {
  createServer as createNetServer,
  type Server as NetServer,
  connect as netConnect,
  type Socket,
} from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { createRemoteBackend, type RemoteOptions } from '../../src/backend/remote/index.ts';
import { ConfigError, GeneralError, ServiceError } from '../../src/errors.ts';
import { freePort } from '../helpers/moto.ts';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

/** A loopback server whose behaviour each test sets, recording every request it gets. */
class FaultServer {
  readonly seen: Seen[] = [];
  handler: Handler = (_req, res) => res.end('{}');
  #server: Server;
  port = 0;
  constructor(server?: Server) {
    this.#server = server ?? createServer();
    this.#server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        this.seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        this.handler(req, res, body);
      });
    });
  }
  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    const addr = this.#server.address();
    this.port = typeof addr === 'object' && addr !== null ? addr.port : 0;
    return this;
  }
  stop(): Promise<void> {
    this.#server.closeAllConnections?.();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}

const CREDS_ENV = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' };

function backend(endpoint: string, extra: Partial<RemoteOptions> = {}) {
  const debugLines: string[] = [];
  const sleeps: number[] = [];
  const b = createRemoteBackend({
    endpoint,
    region: 'us-east-1',
    verifySsl: true,
    connectTimeoutMs: 5000,
    readTimeoutMs: 5000,
    signRequest: true,
    maxAttempts: 3,
    retryMode: 'standard',
    debug: (m) => debugLines.push(m),
    env: CREDS_ENV,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...extra,
  });
  return { b, debugLines, sleeps };
}

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    if (e instanceof Error) return e;
    throw new Error(`not an Error: ${String(e)}`);
  }
  throw new Error('expected the call to fail, it succeeded');
}

const json = (res: ServerResponse, status: number, body: unknown): void => {
  res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

let srv: FaultServer;
let endpoint: string;
beforeAll(async () => {
  srv = await new FaultServer().start();
  endpoint = `http://127.0.0.1:${srv.port}`;
});
afterAll(() => srv.stop());
afterEach(() => {
  srv.seen.length = 0;
  srv.handler = (_req, res) => res.end('{}');
});

describe('the request on the wire', () => {
  test('POST / with the JSON 1.1 headers, a Python-style body and our User-Agent', async () => {
    srv.handler = (_req, res) => json(res, 200, { SecretCode: 'ABCDEFGHIJKLMNOP' });
    const { b } = backend(endpoint);
    const out = await b.call('AssociateSoftwareToken', { AccessToken: 'abc.def' });
    expect(out).toEqual({ SecretCode: 'ABCDEFGHIJKLMNOP' });
    expect(srv.seen).toHaveLength(1);
    const r = srv.seen[0]!;
    expect(r.method).toBe('POST');
    expect(r.url).toBe('/');
    expect(r.body).toBe('{"AccessToken": "abc.def"}');
    expect(r.headers['x-amz-target']).toBe('AWSCognitoIdentityProviderService.AssociateSoftwareToken');
    expect(r.headers['content-type']).toBe('application/x-amz-json-1.1');
    expect(r.headers['content-length']).toBe(String(Buffer.byteLength(r.body)));
    expect(r.headers.host).toBe(`127.0.0.1:${srv.port}`);
    expect(r.headers['user-agent']).toMatch(
      /^cognito-totp\/\d+\.\d+\.\d+ Node\.js\/v\d+.* command\/cognito-idp\.associate-software-token$/,
    );
    expect(r.headers['accept-encoding']).toBe('identity');
  });

  test('the endpoint path is kept as the request path', async () => {
    const { b } = backend(`${endpoint}/base/path`);
    await b.call('GetUser', { AccessToken: 'abc.def' });
    expect(srv.seen[0]!.url).toBe('/base/path');
  });

  test('an empty or unparseable 200 body is an empty result; members outside the model are dropped', async () => {
    const { b } = backend(endpoint);
    srv.handler = (_req, res) => res.end('');
    expect(await b.call('AssociateSoftwareToken', { AccessToken: 'abc.def' })).toEqual({});
    srv.handler = (_req, res) => res.end('not json');
    expect(await b.call('AssociateSoftwareToken', { AccessToken: 'abc.def' })).toEqual({});
    srv.handler = (_req, res) =>
      json(res, 200, { Session: 'S'.repeat(20), Extra: 1, SecretCode: 'ABCDEFGHIJKLMNOP' });
    const out = await b.call('AssociateSoftwareToken', { AccessToken: 'abc.def' });
    // Model order (SecretCode, Session), as botocore builds the parsed dict.
    expect(Object.keys(out)).toEqual(['SecretCode', 'Session']);
  });
});

describe('error answers (botocore parsing)', () => {
  test('a modeled error: code from __type after its #, message, no retry, no retries note', async () => {
    srv.handler = (_req, res) =>
      json(res, 400, {
        __type: 'com.amazonaws.cognito#CodeMismatchException',
        message: 'Code mismatch (None)',
      });
    const { b } = backend(endpoint);
    const e = await failure(b.call('VerifySoftwareToken', { AccessToken: 'abc.def', UserCode: '123456' }));
    expect(e).toBeInstanceOf(ServiceError);
    expect(e).toMatchObject({ code: 'CodeMismatchException', message: 'Code mismatch (None)', status: 400 });
    expect((e as ServiceError).retries).toBeUndefined();
    expect(srv.seen).toHaveLength(1);
  });

  test('with one attempt allowed, even a non-retryable error reports "reached max retries: 0" (v2 standard mode)', async () => {
    srv.handler = (_req, res) => json(res, 400, { __type: 'NotAuthorizedException', message: 'nope' });
    const { b } = backend(endpoint, { maxAttempts: 1 });
    const e = await failure(b.call('GetUser', { AccessToken: 'abc.def' }));
    expect(e).toMatchObject({ code: 'NotAuthorizedException', retries: 0 });
  });

  test('no __type: the HTTP status is the code; a non-JSON body is the message', async () => {
    srv.handler = (_req, res) => {
      res.writeHead(403);
      res.end('Forbidden by a proxy');
    };
    const { b } = backend(endpoint);
    const e = await failure(b.call('GetUser', { AccessToken: 'abc.def' }));
    expect(e).toMatchObject({ code: '403', message: 'Forbidden by a proxy', status: 403 });
  });

  test('500 then success: retried once after the jittered delay, and the answer comes back', async () => {
    let n = 0;
    srv.handler = (_req, res) => {
      n++;
      if (n === 1) json(res, 500, { __type: 'InternalErrorException', message: 'boom' });
      else json(res, 200, { SecretCode: 'ABCDEFGHIJKLMNOP' });
    };
    const { b, sleeps } = backend(endpoint);
    expect(await b.call('AssociateSoftwareToken', { AccessToken: 'abc.def' })).toEqual({
      SecretCode: 'ABCDEFGHIJKLMNOP',
    });
    expect(srv.seen).toHaveLength(2);
    expect(sleeps).toEqual([500]);
  });

  test('throttling until the attempts run out: 3 attempts, retries = 2, delays rand * 2^(n-1)', async () => {
    srv.handler = (_req, res) =>
      json(res, 400, { __type: 'TooManyRequestsException', message: 'Rate exceeded' });
    const { b, sleeps } = backend(endpoint, { random: () => 1 });
    const e = await failure(b.call('AssociateSoftwareToken', { AccessToken: 'abc.def' }));
    expect(e).toMatchObject({ code: 'TooManyRequestsException', message: 'Rate exceeded', retries: 2 });
    expect(srv.seen).toHaveLength(3);
    expect(sleeps).toEqual([1000, 2000]);
  });

  test('the backoff is capped at 20 s', async () => {
    srv.handler = (_req, res) => json(res, 503, { __type: 'ServiceUnavailable', message: 'later' });
    const { b, sleeps } = backend(endpoint, { random: () => 1, maxAttempts: 8 });
    const e = await failure(b.call('GetUser', { AccessToken: 'abc.def' }));
    expect(e).toMatchObject({ retries: 7, status: 503 });
    expect(sleeps).toEqual([1000, 2000, 4000, 8000, 16000, 20000, 20000]);
  });

  test('502 with an HTML body: code 502, message the reason phrase, after the retries', async () => {
    srv.handler = (_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><body><b>Http/1.1 Bad Gateway</b></body></html>');
    };
    const { b } = backend(endpoint);
    const e = await failure(b.call('GetUser', { AccessToken: 'abc.def' }));
    expect(e).toMatchObject({ code: '502', message: 'Bad Gateway', status: 502, retries: 2 });
  });

  test('a closed connection is retried, then reported with botocore text', async () => {
    srv.handler = (req) => req.socket.destroy();
    const { b } = backend(endpoint);
    const e = await failure(b.call('GetUser', { AccessToken: 'abc.def' }));
    expect(e).toBeInstanceOf(GeneralError);
    expect(e.message).toBe(
      `Connection was closed before we received a valid response from endpoint URL: "http://127.0.0.1:${srv.port}/".`,
    );
    expect(srv.seen).toHaveLength(3);
  });
});

describe('connection failures', () => {
  test('a refused connection: 3 attempts, then "Could not connect" with the endpoint and path', async () => {
    const port = await freePort();
    const { b, sleeps, debugLines } = backend(`http://127.0.0.1:${port}`);
    const e = await failure(b.call('GetUser', { AccessToken: 'abc.def' }));
    expect(e).toBeInstanceOf(GeneralError);
    expect(e.message).toBe(`Could not connect to the endpoint URL: "http://127.0.0.1:${port}/"`);
    expect(sleeps).toEqual([500, 1000]);
    expect(debugLines.filter((l) => l.startsWith('Attempt ') && l.includes('ECONNREFUSED'))).toHaveLength(3);
  });

  test('a reply slower than the read timeout: "Read timeout on endpoint URL", each attempt timed out', async () => {
    srv.handler = (_req, res) => {
      setTimeout(() => json(res, 200, {}), 1500).unref();
    };
    const { b } = backend(endpoint, { readTimeoutMs: 150, maxAttempts: 2 });
    const started = Date.now();
    const e = await failure(b.call('GetUser', { AccessToken: 'abc.def' }));
    expect(e).toBeInstanceOf(GeneralError);
    expect(e.message).toBe(`Read timeout on endpoint URL: "http://127.0.0.1:${srv.port}/"`);
    expect(srv.seen).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(1400);
  });

  test('a TLS handshake that never completes: "Connect timeout on endpoint URL"', async () => {
    const sockets: Socket[] = [];
    const silent: NetServer = createNetServer((s) => {
      sockets.push(s);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const { b } = backend(`https://127.0.0.1:${port}`, { connectTimeoutMs: 150, maxAttempts: 1 });
      const e = await failure(b.call('GetUser', { AccessToken: 'abc.def' }));
      expect(e).toBeInstanceOf(GeneralError);
      expect(e.message).toBe(`Connect timeout on endpoint URL: "https://127.0.0.1:${port}/"`);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});

describe('TLS with a self-signed certificate', () => {
  let tlsSrv: FaultServer;
  let dir: string;
  let caFile: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ct-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    caFile = join(dir, 'cert.pem');
    tlsSrv = await new FaultServer(
      createHttpsServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(caFile) }),
    ).start();
    tlsSrv.handler = (_req, res) => json(res, 200, { SecretCode: 'ABCDEFGHIJKLMNOP' });
  });
  afterAll(() => tlsSrv.stop());

  test('without a CA bundle the certificate is refused with a clear message', async () => {
    const { b } = backend(`https://127.0.0.1:${tlsSrv.port}`, { maxAttempts: 1 });
    const e = await failure(b.call('AssociateSoftwareToken', { AccessToken: 'abc.def' }));
    expect(e).toBeInstanceOf(GeneralError);
    expect(e.message).toMatch(
      new RegExp(
        `^SSL validation failed for https://127\\.0\\.0\\.1:${tlsSrv.port}/ .*self[- ]signed certificate`,
      ),
    );
    expect(tlsSrv.seen).toHaveLength(0);
  });

  test('with the certificate as --ca-bundle the call goes through', async () => {
    const { b } = backend(`https://127.0.0.1:${tlsSrv.port}`, { caBundle: caFile });
    expect(await b.call('AssociateSoftwareToken', { AccessToken: 'abc.def' })).toEqual({
      SecretCode: 'ABCDEFGHIJKLMNOP',
    });
  });

  test('with verification off (--no-verify-ssl) the call goes through', async () => {
    const { b } = backend(`https://127.0.0.1:${tlsSrv.port}`, { verifySsl: false });
    expect(await b.call('AssociateSoftwareToken', { AccessToken: 'abc.def' })).toEqual({
      SecretCode: 'ABCDEFGHIJKLMNOP',
    });
  });

  test('a CA bundle path that cannot be read is reported as such', async () => {
    const { b } = backend(`https://127.0.0.1:${tlsSrv.port}`, { caBundle: join(dir, 'missing.pem') });
    const e = await failure(b.call('AssociateSoftwareToken', { AccessToken: 'abc.def' }));
    expect(e).toBeInstanceOf(GeneralError);
    expect(e.message).toBe(
      `Could not find a suitable TLS CA certificate bundle, invalid path: ${join(dir, 'missing.pem')}`,
    );
  });

  test('an http:// endpoint never reads the CA bundle: a missing one does not matter (botocore _setup_ssl_cert)', async () => {
    srv.handler = (_req, res) => json(res, 200, { SecretCode: 'ABCDEFGHIJKLMNOP' });
    const { b } = backend(endpoint, { caBundle: join(dir, 'missing.pem') });
    expect(await b.call('AssociateSoftwareToken', { AccessToken: 'abc.def' })).toEqual({
      SecretCode: 'ABCDEFGHIJKLMNOP',
    });
    expect(srv.seen).toHaveLength(1);
  });

  test('https through an HTTP proxy uses CONNECT and still verifies the target', async () => {
    const connects: string[] = [];
    const tunnels: Socket[] = [];
    const proxy = createServer();
    proxy.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
      connects.push(req.url ?? '');
      tunnels.push(client);
      const [host, port] = (req.url ?? '').split(':');
      const upstream = netConnect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      tunnels.push(upstream);
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const pport = (proxy.address() as { port: number }).port;
    try {
      const { b } = backend(`https://127.0.0.1:${tlsSrv.port}`, {
        caBundle: caFile,
        env: { ...CREDS_ENV, HTTPS_PROXY: `127.0.0.1:${pport}` },
      });
      expect(await b.call('AssociateSoftwareToken', { AccessToken: 'abc.def' })).toEqual({
        SecretCode: 'ABCDEFGHIJKLMNOP',
      });
      expect(connects).toEqual([`127.0.0.1:${tlsSrv.port}`]);
    } finally {
      // Tunnelled sockets are no longer the server's: close them by hand.
      for (const s of tunnels) s.destroy();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    }
  });
});

describe('HTTP proxies', () => {
  let proxy: Server;
  let pport: number;
  const proxied: { url: string; auth: string | undefined }[] = [];
  beforeAll(async () => {
    // A forwarding proxy for plain http: absolute-URI requests, relayed to the target.
    proxy = createServer((req, res) => {
      proxied.push({ url: req.url ?? '', auth: req.headers['proxy-authorization'] });
      const target = new URL(req.url ?? '');
      const headers = { ...req.headers };
      delete headers['proxy-authorization'];
      const up = httpRequest(
        { host: target.hostname, port: target.port, path: target.pathname, method: req.method, headers },
        (upRes) => {
          res.writeHead(upRes.statusCode ?? 502, upRes.headers);
          upRes.pipe(res);
        },
      );
      req.pipe(up);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    pport = (proxy.address() as { port: number }).port;
  });
  afterAll(async () => {
    proxy.closeAllConnections();
    await new Promise<void>((resolve) => proxy.close(() => resolve()));
  });
  afterEach(() => {
    proxied.length = 0;
  });

  test('HTTP_PROXY carries plain http calls, loopback included, with basic auth from the URL', async () => {
    srv.handler = (_req, res) => json(res, 200, { SecretCode: 'ABCDEFGHIJKLMNOP' });
    const { b } = backend(endpoint, {
      env: { ...CREDS_ENV, HTTP_PROXY: `http://us%40er:p%3Ass@127.0.0.1:${pport}` },
    });
    expect(b.describe()).toContain(`through proxy http://***:***@127.0.0.1:${pport}`);
    expect(await b.call('AssociateSoftwareToken', { AccessToken: 'abc.def' })).toEqual({
      SecretCode: 'ABCDEFGHIJKLMNOP',
    });
    expect(proxied).toEqual([
      { url: `http://127.0.0.1:${srv.port}/`, auth: `Basic ${Buffer.from('us@er:p:ss').toString('base64')}` },
    ]);
    expect(srv.seen[0]!.headers.host).toBe(`127.0.0.1:${srv.port}`);
  });

  test('NO_PROXY matching the host sends the call directly', async () => {
    const { b } = backend(endpoint, {
      env: { ...CREDS_ENV, HTTP_PROXY: `http://127.0.0.1:${pport}`, NO_PROXY: 'example.com, 127.0.0.1' },
    });
    await b.call('GetUser', { AccessToken: 'abc.def' });
    expect(proxied).toEqual([]);
    expect(srv.seen).toHaveLength(1);
  });

  test('a proxy that refuses the CONNECT (407): "Failed to connect to proxy URL"', async () => {
    const refusing = createServer();
    refusing.on('connect', (_req: IncomingMessage, client: Socket) => {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\n\r\n');
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    const rport = (refusing.address() as { port: number }).port;
    try {
      const { b, debugLines } = backend('https://127.0.0.1:1', {
        maxAttempts: 1,
        env: { ...CREDS_ENV, HTTPS_PROXY: `http://127.0.0.1:${rport}` },
      });
      const e = await failure(b.call('GetUser', { AccessToken: 'abc.def' }));
      expect(e).toBeInstanceOf(GeneralError);
      expect(e.message).toBe(`Failed to connect to proxy URL: "http://127.0.0.1:${rport}"`);
      expect(debugLines.join('\n')).toContain('407 Proxy Authentication Required');
    } finally {
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });

  test('a proxy that refuses connections: "Failed to connect to proxy URL", credentials hidden', async () => {
    const dead = await freePort();
    const { b } = backend(endpoint, {
      env: { ...CREDS_ENV, http_proxy: `http://me:secret@127.0.0.1:${dead}` },
    });
    const e = await failure(b.call('GetUser', { AccessToken: 'abc.def' }));
    expect(e).toBeInstanceOf(GeneralError);
    expect(e.message).toBe(`Failed to connect to proxy URL: "http://***:***@127.0.0.1:${dead}"`);
    expect(srv.seen).toHaveLength(0);
  });
});

/** An independent SigV4 computation (AWS General Reference, "Create a signed AWS API request"). */
function expectedSignature(opts: {
  host: string;
  amzDate: string;
  target: string;
  body: string;
  secret: string;
  region: string;
}): string {
  const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
  const hmac = (k: Buffer | string, s: string): Buffer => createHmac('sha256', k).update(s).digest();
  const day = opts.amzDate.slice(0, 8);
  const canonical = [
    'POST',
    '/',
    '',
    'content-type:application/x-amz-json-1.1',
    `host:${opts.host}`,
    `x-amz-date:${opts.amzDate}`,
    `x-amz-target:${opts.target}`,
    '',
    'content-type;host;x-amz-date;x-amz-target',
    sha(opts.body),
  ].join('\n');
  const scope = `${day}/${opts.region}/cognito-idp/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', opts.amzDate, scope, sha(canonical)].join('\n');
  let key = hmac(`AWS4${opts.secret}`, day);
  key = hmac(key, opts.region);
  key = hmac(key, 'cognito-idp');
  key = hmac(key, 'aws4_request');
  return createHmac('sha256', key).update(toSign).digest('hex');
}

describe('SigV4', () => {
  test('a signed admin call carries a correct AWS4-HMAC-SHA256 signature for cognito-idp', async () => {
    const { b } = backend(endpoint, { now: () => new Date('2026-01-02T03:04:05Z') });
    await b.call('AdminGetUser', { UserPoolId: 'us-east-1_abc', Username: 'alice' });
    const r = srv.seen[0]!;
    expect(r.headers['x-amz-date']).toBe('20260102T030405Z');
    const sig = expectedSignature({
      host: `127.0.0.1:${srv.port}`,
      amzDate: '20260102T030405Z',
      target: 'AWSCognitoIdentityProviderService.AdminGetUser',
      body: r.body,
      secret: 'testing',
      region: 'us-east-1',
    });
    expect(r.headers.authorization).toBe(
      `AWS4-HMAC-SHA256 Credential=testing/20260102/us-east-1/cognito-idp/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${sig}`,
    );
    expect(r.headers['x-amz-content-sha256']).toBeUndefined();
  });

  test('an operation Cognito marks authtype none goes without Authorization or X-Amz-Date', async () => {
    const { b } = backend(endpoint);
    await b.call('VerifySoftwareToken', { AccessToken: 'abc.def', UserCode: '123456' });
    expect(srv.seen[0]!.headers.authorization).toBeUndefined();
    expect(srv.seen[0]!.headers['x-amz-date']).toBeUndefined();
  });

  test('a session token travels as X-Amz-Security-Token and is hidden in --debug', async () => {
    const token = 'SESSIONTOKEN-0123456789';
    const { b, debugLines } = backend(endpoint, { env: { ...CREDS_ENV, AWS_SESSION_TOKEN: token } });
    await b.call('AdminGetUser', { UserPoolId: 'us-east-1_abc', Username: 'alice' });
    expect(srv.seen[0]!.headers['x-amz-security-token']).toBe(token);
    expect(srv.seen[0]!.headers.authorization).toContain('x-amz-security-token');
    expect(debugLines.join('\n')).not.toContain(token);
    expect(debugLines.join('\n')).toMatch(/Signature=\*{4}/);
  });

  test('--no-sign-request sends admin calls unsigned and needs no credentials', async () => {
    const { b } = backend(endpoint, { signRequest: false, env: {} });
    await b.call('AdminGetUser', { UserPoolId: 'us-east-1_abc', Username: 'alice' });
    expect(srv.seen[0]!.headers.authorization).toBeUndefined();
  });

  test('credentials from a named profile in the shared credentials file; --profile beats env keys', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ct-creds-'));
    writeFileSync(
      join(dir, 'credentials'),
      '[dev]\naws_access_key_id = DEVKEY\naws_secret_access_key = devsecret\n',
    );
    const env = {
      ...CREDS_ENV,
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
      AWS_CONFIG_FILE: join(dir, 'config'),
    };
    const { b } = backend(endpoint, { profile: 'dev', env });
    await b.call('AdminGetUser', { UserPoolId: 'us-east-1_abc', Username: 'alice' });
    expect(srv.seen[0]!.headers.authorization).toContain('Credential=DEVKEY/');
  });

  test('no credentials anywhere: ConfigError with the AWS CLI text, nothing sent', async () => {
    // The SDK chain also reads process.env: make sure it finds nothing and never asks IMDS.
    for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE']) {
      vi.stubEnv(k, undefined);
    }
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    vi.stubEnv('AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', undefined);
    vi.stubEnv('AWS_CONTAINER_CREDENTIALS_FULL_URI', undefined);
    vi.stubEnv('AWS_WEB_IDENTITY_TOKEN_FILE', undefined);
    try {
      const dir = mkdtempSync(join(tmpdir(), 'ct-nocreds-'));
      const env = { AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'), AWS_CONFIG_FILE: join(dir, 'none2') };
      const { b } = backend(endpoint, { env });
      const e = await failure(b.call('AdminGetUser', { UserPoolId: 'us-east-1_abc', Username: 'alice' }));
      expect(e).toBeInstanceOf(ConfigError);
      expect(e.message).toBe(
        'Unable to locate credentials. You can configure credentials by running "aws configure".',
      );
      expect(srv.seen).toHaveLength(0);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  test('an access key without its secret: the partial-credentials error', async () => {
    const { b } = backend(endpoint, { env: { AWS_ACCESS_KEY_ID: 'AKID' } });
    const e = await failure(b.call('AdminGetUser', { UserPoolId: 'us-east-1_abc', Username: 'alice' }));
    expect(e).toBeInstanceOf(GeneralError);
    expect(e.message).toBe('Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY');
  });
});

describe('--debug never shows secrets', () => {
  const accessToken = 'eyJraWQiOiJ0ZXN0In0.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXNlY3JldA';
  const session = 'AYABeSESSION-0000-1111-2222-333344445555';
  const newSession = 'AYABeNEWSESSION-9999-8888-7777-666655554444';
  const secretCode = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

  test('request members, response members and echoes of them are masked; other fields stay', async () => {
    srv.handler = (_req, res, body) => {
      const input = JSON.parse(body) as Record<string, string>;
      if (input.UserCode !== undefined) json(res, 200, { Status: 'SUCCESS', Session: newSession });
      else json(res, 200, { SecretCode: secretCode, Session: input.Session });
    };
    const { b, debugLines } = backend(endpoint);
    const assoc = await b.call('AssociateSoftwareToken', { Session: session });
    expect(assoc).toEqual({ SecretCode: secretCode, Session: session });
    const ver = await b.call('VerifySoftwareToken', {
      Session: session,
      UserCode: '654321',
      FriendlyDeviceName: 'phone',
    });
    expect(ver).toEqual({ Status: 'SUCCESS', Session: newSession });
    const text = debugLines.join('\n');
    for (const secret of [session, newSession, secretCode, '654321']) expect(text).not.toContain(secret);
    expect(text).toContain('"FriendlyDeviceName": "phone"');
    expect(text).toContain('"Status":"SUCCESS"');
    expect(text).toContain('"UserCode": "****"');
  });

  test('a server that echoes the access token in its error: hidden in --debug and in the message', async () => {
    srv.handler = (_req, res, body) => {
      const input = JSON.parse(body) as Record<string, string>;
      json(res, 400, { __type: 'NotAuthorizedException', message: `Invalid token ${input.AccessToken}` });
    };
    const { b, debugLines } = backend(endpoint);
    const e = await failure(b.call('AssociateSoftwareToken', { AccessToken: accessToken }));
    expect(e).toMatchObject({ code: 'NotAuthorizedException', message: 'Invalid token ****' });
    expect(debugLines.join('\n')).not.toContain(accessToken);
    expect(debugLines.length).toBeGreaterThan(3);
  });
});
