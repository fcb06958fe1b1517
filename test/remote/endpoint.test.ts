// Backend choice, endpoint URL checks and proxy selection.
import { describe, expect, test } from 'vitest';
import { regionalEndpoint, requestTarget, resolveEndpoint } from '../../src/backend/remote/endpoint.ts';
import { bypassesProxy, parseProxyUrl, proxiesFromEnv, proxyFor } from '../../src/backend/remote/proxy.ts';
import { loadAwsSettings } from '../../src/config/aws-config.ts';
import { ConfigError, GeneralError, ParamError } from '../../src/errors.ts';

const NO_FILES = {
  AWS_CONFIG_FILE: '/nonexistent/config',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
};
const settings = (o: { endpointUrl?: string; region?: string; env?: NodeJS.ProcessEnv }) =>
  loadAwsSettings({ ...o, env: { ...NO_FILES, ...o.env } });

describe('resolveEndpoint', () => {
  test('nothing configured and no --remote: the local emulator', () => {
    expect(resolveEndpoint(settings({ region: 'us-east-1' }), false)).toEqual({ kind: 'local' });
    // Even without a region: the local backend does not need one.
    expect(resolveEndpoint(settings({}), false)).toEqual({ kind: 'local' });
  });

  test('an endpoint URL: remote there, with where it came from', () => {
    expect(
      resolveEndpoint(settings({ endpointUrl: 'http://127.0.0.1:9229', region: 'eu-west-1' }), false),
    ).toEqual({
      kind: 'remote',
      url: 'http://127.0.0.1:9229',
      region: 'eu-west-1',
      source: 'flag --endpoint-url',
    });
    const fromEnv = resolveEndpoint(
      settings({ env: { AWS_ENDPOINT_URL: 'http://localhost:4566', AWS_DEFAULT_REGION: 'us-west-2' } }),
      false,
    );
    expect(fromEnv).toMatchObject({
      kind: 'remote',
      url: 'http://localhost:4566',
      source: 'env AWS_ENDPOINT_URL',
    });
  });

  test('--remote: the regional endpoint, by partition', () => {
    expect(resolveEndpoint(settings({ region: 'eu-west-1' }), true)).toMatchObject({
      kind: 'remote',
      url: 'https://cognito-idp.eu-west-1.amazonaws.com',
    });
    expect(regionalEndpoint('cn-north-1')).toBe('https://cognito-idp.cn-north-1.amazonaws.com.cn');
    expect(regionalEndpoint('us-gov-west-1')).toBe('https://cognito-idp.us-gov-west-1.amazonaws.com');
  });

  test('remote without a region: the v2 configuration error', () => {
    const e = () => resolveEndpoint(settings({}), true);
    expect(e).toThrow(ConfigError);
    expect(e).toThrow(
      'You must specify a region. You can also configure your region by running "aws configure".',
    );
    expect(() => resolveEndpoint(settings({ endpointUrl: 'http://127.0.0.1:1' }), false)).toThrow(
      ConfigError,
    );
  });

  test('a region that is not a host label', () => {
    expect(() => resolveEndpoint(settings({ region: 'us east' }), true)).toThrow(
      new GeneralError("Provided region_name 'us east' doesn't match a supported format."),
    );
  });

  test('endpoint URLs without a scheme: ParamError with v2 text (two spaces)', () => {
    const e = () => resolveEndpoint(settings({ endpointUrl: 'notaurl', region: 'us-east-1' }), false);
    expect(e).toThrow(ParamError);
    expect(e).toThrow(
      'Bad value for --endpoint-url "notaurl": scheme is missing.  Must be of the form http://<hostname>/ or https://<hostname>/',
    );
    // Python's urlsplit sees no scheme when the text starts with a digit.
    expect(() =>
      resolveEndpoint(settings({ endpointUrl: '127.0.0.1:9229', region: 'us-east-1' }), false),
    ).toThrow(ParamError);
  });

  test('a scheme but no usable host: "Invalid endpoint" (v2 rc 255)', () => {
    for (const url of [
      'http://',
      'localhost:9229',
      'ftp://127.0.0.1:1',
      'http://127.0.0.1:1/?x=1',
      'http://bad_host/',
    ]) {
      expect(() => resolveEndpoint(settings({ endpointUrl: url, region: 'us-east-1' }), false)).toThrow(
        new GeneralError(`Invalid endpoint: ${url}`),
      );
    }
  });
});

describe('requestTarget', () => {
  test('path, port and Host as botocore builds them', () => {
    expect(requestTarget('http://127.0.0.1:9229')).toMatchObject({
      hostname: '127.0.0.1',
      port: 9229,
      host: '127.0.0.1:9229',
      path: '/',
      url: 'http://127.0.0.1:9229/',
    });
    expect(requestTarget('https://cognito-idp.eu-west-1.amazonaws.com')).toMatchObject({
      port: 443,
      host: 'cognito-idp.eu-west-1.amazonaws.com',
      url: 'https://cognito-idp.eu-west-1.amazonaws.com/',
    });
    expect(requestTarget('http://[::1]:8080/base')).toMatchObject({
      hostname: '::1',
      host: '[::1]:8080',
      path: '/base',
    });
    expect(requestTarget('http://u:p@h:1/').url).toBe('http://***:***@h:1/');
  });
});

describe('proxies (urllib semantics)', () => {
  test('lower-case variables win; an empty lower-case one removes the scheme; CGI drops HTTP_PROXY', () => {
    expect(proxiesFromEnv({ HTTPS_PROXY: 'http://A:1', https_proxy: 'http://b:2' }).get('https')).toBe(
      'http://b:2',
    );
    expect(proxiesFromEnv({ HTTPS_PROXY: 'http://A:1', https_proxy: '' }).has('https')).toBe(false);
    expect(proxiesFromEnv({ HTTP_PROXY: 'http://a:1', REQUEST_METHOD: 'GET' }).has('http')).toBe(false);
    expect(proxiesFromEnv({ NO_PROXY: 'x' }).get('no')).toBe('x');
  });

  test('NO_PROXY: *, exact host, host:port, DNS suffixes with or without a dot; loopback is not implied', () => {
    expect(bypassesProxy('127.0.0.1:9229', undefined)).toBe(false);
    expect(bypassesProxy('127.0.0.1:9229', 'localhost')).toBe(false);
    expect(bypassesProxy('anything:1', '*')).toBe(true);
    expect(bypassesProxy('127.0.0.1:9229', '127.0.0.1')).toBe(true);
    expect(bypassesProxy('127.0.0.1:9229', '127.0.0.1:9229')).toBe(true);
    expect(bypassesProxy('cognito-idp.eu-west-1.amazonaws.com', '.amazonaws.com')).toBe(true);
    expect(bypassesProxy('cognito-idp.eu-west-1.amazonaws.com', 'amazonaws.com, other')).toBe(true);
    expect(bypassesProxy('notamazonaws.com', 'amazonaws.com')).toBe(false);
  });

  test('the proxy for a request follows the target scheme; a bare host:port is an http proxy', () => {
    const target = requestTarget('https://cognito-idp.eu-west-1.amazonaws.com');
    expect(proxyFor(target, { HTTP_PROXY: 'http://p:1' })).toBeUndefined();
    expect(proxyFor(target, { HTTPS_PROXY: 'proxy.local:3128' })).toMatchObject({
      protocol: 'http:',
      hostname: 'proxy.local',
      port: 3128,
      display: 'http://proxy.local:3128',
    });
    expect(parseProxyUrl('//p:8080')).toMatchObject({ protocol: 'http:', port: 8080 });
    expect(parseProxyUrl('http://u:s%3Acret@p:8080')).toMatchObject({
      authorization: `Basic ${Buffer.from('u:s:cret').toString('base64')}`,
      display: 'http://***:***@p:8080',
    });
  });
});
