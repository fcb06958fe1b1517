// One HTTP exchange over node:net/node:tls/node:http, without an agent or keep-alive: connect
// (directly, or through an HTTP proxy with CONNECT for https), send, read the whole answer.
// Failures come back as TransportError kinds that mirror botocore's exceptions (httpsession.py).
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { isIP, connect as netConnect, type Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { RequestTarget } from './endpoint.ts';
import type { ProxyInfo } from './proxy.ts';

export type TransportKind = 'connect' | 'connect-timeout' | 'read-timeout' | 'ssl' | 'closed' | 'proxy';

/** A failure before a complete HTTP answer arrived. `detail` is the underlying cause, for --debug. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  readonly kind: TransportKind;
  readonly detail: string;
  constructor(kind: TransportKind, detail: string) {
    super(`${kind}: ${detail}`);
    this.kind = kind;
    this.detail = detail;
  }
}

export interface ExchangeOptions {
  readonly target: RequestTarget;
  readonly proxy?: ProxyInfo | undefined;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /** TLS: the CA certificates (PEM) replacing the default set, and whether to verify at all. */
  readonly ca?: Buffer | undefined;
  readonly rejectUnauthorized: boolean;
  /** 0 = no limit (v2's --cli-connect-timeout 0 / --cli-read-timeout 0 mean "blocking"). */
  readonly connectTimeoutMs: number;
  readonly readTimeoutMs: number;
}

export interface HttpAnswer {
  readonly status: number;
  readonly statusText: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** POSTs one request and returns the whole answer, whatever its status. */
export async function exchange(opts: ExchangeOptions): Promise<HttpAnswer> {
  const socket = await openConnection(opts);
  return sendOn(socket, opts);
}

function errText(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as NodeJS.ErrnoException).code;
    return code !== undefined && !e.message.includes(code) ? `${e.message} (${code})` : e.message;
  }
  return String(e);
}

/** Waits for `event` on a fresh socket, failing on 'error', on close, or after `timeoutMs`. */
function waitFor(
  socket: Socket,
  event: 'connect' | 'secureConnect',
  timeoutMs: number,
  onError: (e: unknown) => TransportError,
  onTimeout: () => TransportError,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const done = (err?: TransportError): void => {
      if (timer !== undefined) clearTimeout(timer);
      socket.off(event, ok);
      socket.off('error', bad);
      if (err === undefined) resolve();
      else {
        socket.destroy();
        reject(err);
      }
    };
    const ok = (): void => done();
    const bad = (e: unknown): void => done(onError(e));
    socket.once(event, ok);
    socket.once('error', bad);
    if (timeoutMs > 0) timer = setTimeout(() => done(onTimeout()), timeoutMs);
  });
}

async function openConnection(opts: ExchangeOptions): Promise<Socket> {
  const { target, proxy } = opts;
  const hop = proxy ?? target;
  const raw = netConnect({ host: hop.hostname, port: hop.port });
  // botocore: EndpointConnectionError for the endpoint, ProxyConnectionError for a proxy.
  const connectFailed = (e: unknown): TransportError =>
    new TransportError(proxy ? 'proxy' : 'connect', errText(e));
  const connectTimedOut = (): TransportError =>
    new TransportError('connect-timeout', `no connection within ${opts.connectTimeoutMs} ms`);
  await waitFor(raw, 'connect', opts.connectTimeoutMs, connectFailed, connectTimedOut);
  let socket: Socket = raw;
  if (proxy?.protocol === 'https:') {
    socket = await startTls(socket, proxy.hostname, opts, (e) => new TransportError('proxy', errText(e)));
  }
  if (proxy !== undefined && target.protocol === 'https:')
    await tunnel(socket, target, proxy, opts.connectTimeoutMs);
  if (target.protocol === 'https:') {
    socket = await startTls(socket, target.hostname, opts, (e) => new TransportError('ssl', errText(e)));
  }
  return socket;
}

async function startTls(
  socket: Socket,
  hostname: string,
  opts: ExchangeOptions,
  onError: (e: unknown) => TransportError,
): Promise<TLSSocket> {
  // Loaded here, not at the top: node:tls costs ~3 ms to load, and an http:// endpoint (moto,
  // LocalStack, cognito-totp serve) never needs it.
  const { connect: tlsConnect } = await import('node:tls');
  const tls = tlsConnect({
    socket,
    host: hostname,
    // SNI must be a name; Node refuses an IP address there.
    ...(isIP(hostname) === 0 ? { servername: hostname } : {}),
    ...(opts.ca !== undefined ? { ca: opts.ca } : {}),
    rejectUnauthorized: opts.rejectUnauthorized,
  });
  // The handshake counts as connecting, as urllib3 runs it under the connect timeout.
  await waitFor(
    tls,
    'secureConnect',
    opts.connectTimeoutMs,
    onError,
    () => new TransportError('connect-timeout', `no TLS handshake within ${opts.connectTimeoutMs} ms`),
  );
  return tls;
}

/** HTTP CONNECT through the proxy to the target's host:port; resolves once the tunnel is open. */
function tunnel(socket: Socket, target: RequestTarget, proxy: ProxyInfo, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const authority = `${isIP(target.hostname) === 6 ? `[${target.hostname}]` : target.hostname}:${target.port}`;
    let buffered = Buffer.alloc(0);
    let timer: NodeJS.Timeout | undefined;
    const finish = (err?: TransportError): void => {
      if (timer !== undefined) clearTimeout(timer);
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('close', onClose);
      if (err === undefined) resolve();
      else {
        socket.destroy();
        reject(err);
      }
    };
    const onData = (chunk: Buffer): void => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end === -1) {
        if (buffered.length > 65536) finish(new TransportError('proxy', 'oversized CONNECT answer'));
        return;
      }
      const statusLine = buffered.subarray(0, buffered.indexOf('\r\n')).toString('latin1');
      const status = Number(/^HTTP\/\d(?:\.\d)?\s+(\d{3})/.exec(statusLine)?.[1] ?? 0);
      if (status >= 200 && status < 300) {
        // Stop reading in JS: from here on the bytes belong to the TLS layer wrapped around us.
        socket.pause();
        finish();
      } else {
        finish(
          new TransportError('proxy', `Tunnel connection failed: ${statusLine.replace(/^HTTP\/\S+\s+/, '')}`),
        );
      }
    };
    const onError = (e: unknown): void => finish(new TransportError('proxy', errText(e)));
    const onClose = (): void => finish(new TransportError('proxy', 'the proxy closed the connection'));
    socket.on('data', onData);
    socket.once('error', onError);
    socket.once('close', onClose);
    if (timeoutMs > 0) {
      timer = setTimeout(
        () => finish(new TransportError('connect-timeout', `no CONNECT answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
    }
    const lines = [`CONNECT ${authority} HTTP/1.1`, `Host: ${authority}`];
    if (proxy.authorization !== undefined) lines.push(`Proxy-Authorization: ${proxy.authorization}`);
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  });
}

function sendOn(socket: Socket, opts: ExchangeOptions): Promise<HttpAnswer> {
  const { target, proxy } = opts;
  // Through a proxy, plain http asks for the absolute URI; https already has its tunnel.
  const viaHttpProxy = proxy !== undefined && target.protocol === 'http:';
  const headers: Record<string, string> = { ...opts.headers };
  if (viaHttpProxy && proxy.authorization !== undefined) headers['Proxy-Authorization'] = proxy.authorization;
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (err: TransportError): void => {
      if (settled) return;
      settled = true;
      socket.destroy();
      reject(err);
    };
    // The read timeout is urllib3's: the longest silence allowed once connected, not a deadline.
    if (opts.readTimeoutMs > 0) {
      socket.setTimeout(opts.readTimeoutMs, () =>
        fail(new TransportError('read-timeout', `no data for ${opts.readTimeoutMs} ms`)),
      );
    }
    const req = httpRequest({
      method: 'POST',
      path: viaHttpProxy ? `http://${target.host}${target.path}` : target.path,
      headers,
      setHost: false,
      // No agent: this socket, this one request, then close (keep-alive off).
      createConnection: () => socket,
    });
    req.on('error', (e) => fail(new TransportError('closed', errText(e))));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (e) => fail(new TransportError('closed', errText(e))));
      res.on('aborted', () => fail(new TransportError('closed', 'the answer was cut short')));
      res.on('end', () => {
        if (settled) return;
        settled = true;
        socket.setTimeout(0);
        socket.destroy();
        resolve({
          status: res.statusCode ?? 0,
          statusText: res.statusMessage ?? '',
          headers: res.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
    });
    req.end(opts.body);
  });
}
