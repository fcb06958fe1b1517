// What `serve` checks before a request reaches the emulator, and the headers browsers need:
//  - the Host header (DNS rebinding): only names that mean this machine, and the ones the user allows;
//  - CORS: preflights answered, every answer readable by the allowed origins;
//  - connections: a cap, with the slowest clients (half-sent requests, idle keep-alives) let go
//    first, so that a flood of half-open connections cannot starve new clients.
// Everything here runs on every request: set lookups and string slices only, built once at start.
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP, type Socket } from 'node:net';

// ------------------------------------------------------------------------------------- Host

/** Host names that always mean this machine. */
const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];

/**
 * Decides which Host headers are answered. A web page can make a browser send requests to a
 * loopback port under a name the attacker controls (DNS rebinding: evil.example first resolves to
 * the attacker, then to 127.0.0.1); the browser then treats the answers as evil.example's own. The
 * Host header still says evil.example, so only names that mean this machine are accepted: the
 * loopback names, the address the server listens on, and what the user allows (--allowed-host).
 * When it listens on every address (0.0.0.0, ::) any IP literal is accepted as well: rebinding
 * needs a name, and a page whose URL is an IP address can only reach that address.
 */
export class HostCheck {
  private readonly names: Set<string>;
  private readonly anyIp: boolean;
  constructor(bound: string, allowed: readonly string[]) {
    this.names = new Set([...LOOPBACK_NAMES, bracket(bound), ...allowed.map(normalHost)]);
    this.anyIp = bound === '0.0.0.0' || bound === '::' || bound === '';
  }

  /** True when a request with this Host header may be answered. */
  allows(host: string | undefined): boolean {
    // HTTP/1.0 without Host: no browser sends that, and rebinding needs a browser.
    if (host === undefined) return true;
    const name = hostName(host);
    if (this.names.has(name)) return true;
    return this.anyIp && isIP(name.startsWith('[') ? name.slice(1, -1) : name) !== 0;
  }
}

/** `HOST[:PORT]` → HOST in lower case (an IPv6 literal keeps its brackets). */
function hostName(host: string): string {
  const end = host.startsWith('[') ? host.indexOf(']') + 1 : host.indexOf(':');
  return (end > 0 ? host.slice(0, end) : host).toLowerCase();
}

function bracket(address: string): string {
  return address.includes(':') && !address.startsWith('[') ? `[${address}]` : address.toLowerCase();
}

/** A name as given to --allowed-host: a bare IPv6 address gets its brackets, a port is dropped. */
export function normalHost(name: string): string {
  return isIP(name) === 6 ? `[${name.toLowerCase()}]` : hostName(name);
}

export function hostRefusal(host: string, port: number): string {
  return (
    `Host '${host}' is not allowed: cognito-totp serve answers only requests addressed to localhost, ` +
    `127.0.0.1, [::1] or the address it listens on, so that a web page cannot reach it through DNS ` +
    `rebinding. To allow this name, start it with --allowed-host ${hostName(host)} (port ${port}).`
  );
}

// ------------------------------------------------------------------------------------- CORS

/**
 * Request headers a preflight allows when the browser does not list them (it always does): what
 * the AWS SDK for JavaScript v3, Amplify and amazon-cognito-identity-js send.
 */
const ALLOW_HEADERS = [
  'content-type',
  'x-amz-target',
  'x-amz-user-agent',
  'x-amz-date',
  'x-amz-security-token',
  'x-amz-content-sha256',
  'amz-sdk-invocation-id',
  'amz-sdk-request',
  'authorization',
  'cache-control',
].join(', ');
/** What a script may read of an answer besides the CORS-safelisted headers: the AWS error headers. */
const EXPOSE_HEADERS = 'x-amzn-requestid, x-amzn-errortype, x-amzn-errormessage';
/** Chromium keeps a preflight at most 2 hours, Firefox 24; one preflight per origin and day. */
const MAX_AGE = '86400';

/**
 * CORS for browsers (the Fetch standard's CORS protocol). Without --cors-origin every origin may
 * read the answers (the request's Origin is echoed, with Vary: Origin); with it only those listed.
 */
export class Cors {
  private readonly origins: Set<string> | undefined;
  constructor(origins: readonly string[]) {
    this.origins = origins.length
      ? new Set(origins.map((o) => o.replace(/\/+$/, '').toLowerCase()))
      : undefined;
  }

  /** The Access-Control-Allow-Origin value for a request, or undefined for none. */
  private allowOrigin(origin: string | undefined): string | undefined {
    if (this.origins === undefined) return origin ?? '*';
    return origin !== undefined && this.origins.has(origin.toLowerCase()) ? origin : undefined;
  }

  /** Sets the CORS headers every answer carries. */
  decorate(req: IncomingMessage, res: ServerResponse): void {
    const origin = req.headers.origin;
    const allow = this.allowOrigin(origin);
    if (origin !== undefined) res.setHeader('Vary', 'Origin');
    if (allow === undefined) return;
    res.setHeader('Access-Control-Allow-Origin', allow);
    res.setHeader('Access-Control-Expose-Headers', EXPOSE_HEADERS);
  }

  /** Answers a preflight (OPTIONS): 204, with the permissions when the origin is allowed. */
  preflight(req: IncomingMessage, res: ServerResponse, requestId: string): void {
    const origin = req.headers.origin;
    const allow = this.allowOrigin(origin);
    const headers: Record<string, string> = { 'x-amzn-RequestId': requestId, 'Content-Length': '0' };
    if (origin !== undefined) headers.Vary = 'Origin';
    if (allow !== undefined) {
      headers['Access-Control-Allow-Origin'] = allow;
      headers['Access-Control-Allow-Methods'] = 'POST, GET, OPTIONS';
      const asked = req.headers['access-control-request-headers'];
      // Echoing what the browser asks for covers whatever an SDK adds next; a header it does not
      // ask for is never needed.
      headers['Access-Control-Allow-Headers'] = asked ? String(asked) : ALLOW_HEADERS;
      headers['Access-Control-Max-Age'] = MAX_AGE;
      // Chromium's Private Network Access: a public page calling a loopback server asks first.
      if (req.headers['access-control-request-private-network'] === 'true')
        headers['Access-Control-Allow-Private-Network'] = 'true';
    }
    res.writeHead(204, headers);
    res.end();
  }
}

// ------------------------------------------------------------------------------------- connections

/**
 * Open connections, at most `max`. A connection over the cap takes the place of the oldest one that
 * owes us nothing: idle between requests, or still sending a request (a client that opens
 * connections and sends half a request, 1,100 of them in issue 17, then gets no one else served).
 * Only when every connection has a complete request being answered is the newcomer turned away.
 */
export class Connections {
  /** Open sockets, oldest first, each with the number of complete requests not yet answered. */
  private readonly open = new Map<Socket, number>();
  constructor(readonly max: number) {}

  accept(socket: Socket): void {
    if (this.open.size >= this.max) {
      let victim: Socket | undefined;
      for (const [s, answering] of this.open) {
        if (answering === 0) {
          victim = s;
          break;
        }
      }
      if (victim === undefined) {
        socket.destroy();
        return;
      }
      this.open.delete(victim);
      victim.destroy();
    }
    this.open.set(socket, 0);
    socket.once('close', () => this.open.delete(socket));
  }

  /** The request on `socket` has fully arrived; its connection is busy until `res` is done. */
  answering(socket: Socket, res: ServerResponse): void {
    const n = this.open.get(socket);
    if (n === undefined) return;
    this.open.set(socket, n + 1);
    res.once('close', () => {
      const m = this.open.get(socket);
      if (m !== undefined) this.open.set(socket, m - 1);
    });
  }
}

/**
 * The default cap: 500, or half the open-file limit when that is lower (the state file, its journal
 * and lock need descriptors too, and a process out of descriptors cannot accept anyone).
 */
export function defaultMaxConnections(): number {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = Number(line?.split(/\s+/)[3]);
    if (Number.isFinite(soft) && soft > 0) return Math.max(8, Math.min(500, Math.floor(soft / 2)));
  } catch {
    // Not Linux: the fixed default.
  }
  return 500;
}
