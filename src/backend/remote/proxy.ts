// Which proxy, if any, a request goes through: HTTPS_PROXY / HTTP_PROXY / NO_PROXY read the way
// botocore reads them (utils.get_environ_proxies → urllib.request.getproxies_environment and
// proxy_bypass_environment; httpsession.ProxyConfiguration for the URL fix-ups and basic auth).
import type { RequestTarget } from './endpoint.ts';

export interface ProxyInfo {
  readonly protocol: 'http:' | 'https:';
  readonly hostname: string;
  readonly port: number;
  /** `Basic ...` when the proxy URL carries user:password. */
  readonly authorization?: string;
  /** The proxy URL with its credentials replaced by `***` (botocore's mask_proxy_url), for messages. */
  readonly display: string;
}

/**
 * urllib's getproxies_environment: every `<scheme>_proxy` variable, any case, the lower-case
 * spelling winning; an empty lower-case variable removes the scheme; under CGI (REQUEST_METHOD set)
 * the upper-case HTTP_PROXY is ignored (CVE-2016-1000110).
 */
export function proxiesFromEnv(env: NodeJS.ProcessEnv): Map<string, string> {
  const proxies = new Map<string, string>();
  for (const [name, value] of Object.entries(env)) {
    const lower = name.toLowerCase();
    if (value && lower.endsWith('_proxy')) proxies.set(lower.slice(0, -6), value);
  }
  if (env.REQUEST_METHOD !== undefined) proxies.delete('http');
  for (const [name, value] of Object.entries(env)) {
    if (!name.endsWith('_proxy')) continue;
    const scheme = name.toLowerCase().slice(0, -6);
    if (value) proxies.set(scheme, value);
    else proxies.delete(scheme);
  }
  return proxies;
}

/**
 * urllib's proxy_bypass_environment on the URL's netloc: `*` bypasses everything; otherwise each
 * comma-separated entry (leading dots ignored) matches the host, or host:port, exactly or as a DNS
 * suffix. Loopback is not special: with HTTP_PROXY set and no NO_PROXY, 127.0.0.1 is proxied too.
 */
export function bypassesProxy(netloc: string, noProxy: string | undefined): boolean {
  if (noProxy === undefined) return false;
  if (noProxy === '*') return true;
  const host = netloc.toLowerCase();
  const hostOnly = host.replace(/:\d*$/, '');
  for (const raw of noProxy.split(',')) {
    const name = raw.trim().replace(/^\.+/, '').toLowerCase();
    if (name === '') continue;
    if (hostOnly === name || host === name) return true;
    if (hostOnly.endsWith(`.${name}`) || host.endsWith(`.${name}`)) return true;
  }
  return false;
}

/** The proxy for one request, or undefined to connect directly. */
export function proxyFor(target: RequestTarget, env: NodeJS.ProcessEnv): ProxyInfo | undefined {
  const proxies = proxiesFromEnv(env);
  const netloc = target.host;
  if (bypassesProxy(netloc, proxies.get('no'))) return undefined;
  const raw = proxies.get(target.protocol.slice(0, -1));
  if (raw === undefined) return undefined;
  return parseProxyUrl(raw);
}

/** botocore's _fix_proxy_url: a proxy given without a scheme is an http:// proxy. */
export function parseProxyUrl(raw: string): ProxyInfo | undefined {
  const fixed =
    raw.startsWith('http:') || raw.startsWith('https:')
      ? raw
      : raw.startsWith('//')
        ? `http:${raw}`
        : `http://${raw}`;
  let u: URL;
  try {
    u = new URL(fixed);
  } catch {
    return undefined;
  }
  const protocol = u.protocol === 'https:' ? 'https:' : 'http:';
  const port = u.port === '' ? (protocol === 'https:' ? 443 : 80) : Number(u.port);
  const hostname = u.hostname.replace(/^\[(.*)\]$/, '$1');
  let display = fixed;
  let authorization: string | undefined;
  if (u.username !== '' || u.password !== '') {
    const user = decodeURIComponent(u.username);
    const pass = decodeURIComponent(u.password);
    authorization = `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    display = `${protocol}//***:***@${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  }
  return { protocol, hostname, port, display, ...(authorization !== undefined ? { authorization } : {}) };
}
