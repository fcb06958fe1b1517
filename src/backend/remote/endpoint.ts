// Which backend a call goes to, and where: the configured endpoint URL, the region's Cognito
// endpoint (--remote), or the local emulator. Also the endpoint URL checks and the URL a request
// is sent to (the endpoint plus the request path, as botocore's _urljoin builds it).
import type { AwsSettings } from '../../config/aws-config.ts';
import { ConfigError, GeneralError, ParamError } from '../../errors.ts';
import { maskUrlCredentials } from '../../shared/mask.ts';

export type EndpointChoice =
  | { readonly kind: 'local' }
  | { readonly kind: 'remote'; readonly url: string; readonly region: string; readonly source: string };

export function resolveEndpoint(settings: AwsSettings, remoteFlag: boolean): EndpointChoice {
  const configured = settings.endpointUrl;
  if (configured === undefined && !remoteFlag) return { kind: 'local' };
  if (configured !== undefined) checkEndpointUrl(configured);
  const region = settings.region;
  // v2 needs a region even with --endpoint-url (it signs with it); '' counts as none.
  if (region === undefined || region === '') {
    throw new ConfigError(
      'You must specify a region. You can also configure your region by running "aws configure".',
    );
  }
  // botocore/utils.py validate_region_name: the region becomes a host label; v2 exits 255.
  if (!/^(?![0-9]+$)(?!-)[a-zA-Z0-9-]{0,63}(?<!-)$/.test(region)) {
    throw new GeneralError(`Provided region_name '${region}' doesn't match a supported format.`);
  }
  if (configured !== undefined) {
    return { kind: 'remote', url: configured, region, source: settings.source('endpointUrl') };
  }
  return {
    kind: 'remote',
    url: regionalEndpoint(region),
    region,
    source: 'flag --remote (the regional endpoint)',
  };
}

/**
 * The service endpoint of a region, by partition (botocore data/partitions.json dnsSuffix):
 * China `amazonaws.com.cn`, the ISO partitions their own suffixes, everything else `amazonaws.com`.
 */
export function regionalEndpoint(region: string): string {
  let suffix = 'amazonaws.com';
  if (/^cn-/.test(region)) suffix = 'amazonaws.com.cn';
  else if (/^us-isob-/.test(region)) suffix = 'sc2s.sgov.gov';
  else if (/^us-iso-/.test(region)) suffix = 'c2s.ic.gov';
  return `https://cognito-idp.${region}.${suffix}`;
}

/** Python's urlsplit scheme rule: letters, digits, `+-.` before the first `:`, first one a letter. */
function schemeOf(url: string): string {
  const i = url.indexOf(':');
  if (i <= 0) return '';
  const candidate = url.slice(0, i);
  return /^[A-Za-z][A-Za-z0-9+.-]*$/.test(candidate) ? candidate.toLowerCase() : '';
}

/**
 * The checks v2 makes on an endpoint URL: no scheme → awscli's ParamValidationError (rc 252); no
 * host name → botocore's `ValueError("Invalid endpoint: ...")` (rc 255).
 * Deliberate difference: a scheme other than http/https, or a query string, is refused here as
 * "Invalid endpoint"; v2 2.9.19 quietly sends such calls to the regional AWS endpoint instead
 * (observed: `--endpoint-url ftp://127.0.0.1:1` → "Could not connect to ... amazonaws.com/").
 */
export function checkEndpointUrl(url: string): void {
  // Deliberate difference: v2 echoes the URL as given; a password in it is hidden here.
  const shown = maskUrlCredentials(url);
  if (schemeOf(url) === '') {
    throw new ParamError(
      `Bad value for --endpoint-url "${shown}": scheme is missing.  Must be of the form http://<hostname>/ or https://<hostname>/`,
    );
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new GeneralError(`Invalid endpoint: ${shown}`);
  }
  const scheme = parsed.protocol;
  if (
    (scheme !== 'http:' && scheme !== 'https:') ||
    parsed.hostname === '' ||
    parsed.search !== '' ||
    parsed.hash !== ''
  ) {
    throw new GeneralError(`Invalid endpoint: ${shown}`);
  }
  // botocore's is_valid_endpoint_url: host labels of letters, digits and hyphens, or an IP address.
  const host = parsed.hostname.replace(/\.$/, '');
  const ipv6 = host.startsWith('[');
  if (!ipv6 && !/^((?!-)[A-Za-z\d-]{1,63}(?<!-)\.)*((?!-)[A-Za-z\d-]{1,63}(?<!-))$/.test(host)) {
    throw new GeneralError(`Invalid endpoint: ${shown}`);
  }
}

export interface RequestTarget {
  readonly protocol: 'http:' | 'https:';
  /** Host name without brackets (for connecting and TLS). */
  readonly hostname: string;
  readonly port: number;
  /** The Host header: host, plus the port when it is not the scheme's default. */
  readonly host: string;
  /** The request path: the endpoint's path, or `/` when it has none. */
  readonly path: string;
  /** The URL as botocore reports it in errors: the endpoint with its path (or `/`), credentials hidden. */
  readonly url: string;
}

/** Splits a checked endpoint URL into what the HTTP client needs. */
export function requestTarget(endpoint: string): RequestTarget {
  const u = new URL(endpoint);
  const protocol = u.protocol === 'https:' ? 'https:' : 'http:';
  const port = u.port === '' ? (protocol === 'https:' ? 443 : 80) : Number(u.port);
  const hostname = u.hostname.replace(/^\[(.*)\]$/, '$1');
  // botocore's _urljoin keeps the endpoint's path and adds '/' only when there is none; the
  // WHATWG parser gives exactly that ('/' for an empty path of an http(s) URL).
  const path = u.pathname;
  const auth = u.username !== '' || u.password !== '' ? '***:***@' : '';
  return { protocol, hostname, port, host: u.host, path, url: `${protocol}//${auth}${u.host}${path}` };
}
