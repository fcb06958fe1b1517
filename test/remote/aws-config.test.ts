// Reading the AWS shared configuration the way v2 does: profiles, precedence, sources, laziness.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, test } from 'vitest';
import { loadAwsSettings, parseIni } from '../../src/config/aws-config.ts';
import { GeneralError } from '../../src/errors.ts';

let dir: string;
let env: NodeJS.ProcessEnv;
const configFile = () => join(dir, 'config');
const credentialsFile = () => join(dir, 'credentials');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ct-awscfg-'));
  env = { HOME: dir, AWS_CONFIG_FILE: configFile(), AWS_SHARED_CREDENTIALS_FILE: credentialsFile() };
});

const CONFIG = `# comment
[default]
region = us-east-1
output = text

[profile dev]
region = eu-west-1
output: yaml
ca_bundle = /etc/ssl/dev.pem
max_attempts = 5
retry_mode = adaptive
endpoint_url = http://localhost:1111
services = local-cognito

[profile dotted.name]
region = ap-southeast-2 ; not a comment for configparser

[profile svc-only]
region = eu-central-1
services = local-cognito
endpoint_url = http://localhost:2222

[services local-cognito]
cognito_identity_provider =
  endpoint_url = http://localhost:9229
s3 =
  endpoint_url = http://localhost:4566
`;

describe('profiles', () => {
  test('the default profile; [profile NAME] sections; where each value came from', () => {
    writeFileSync(configFile(), CONFIG);
    const d = loadAwsSettings({ env });
    expect(d.profile).toBe('default');
    expect(d.profileExplicit).toBe(false);
    expect(d.region).toBe('us-east-1');
    expect(d.output).toBe('text');
    expect(d.source('region')).toBe(`config file ${configFile()} [default]`);
    expect(d.source('profile')).toBe('default');

    const dev = loadAwsSettings({ profile: 'dev', env });
    expect(dev.region).toBe('eu-west-1');
    expect(dev.output).toBe('yaml');
    expect(dev.caBundle).toBe('/etc/ssl/dev.pem');
    expect(dev.maxAttempts).toBe(5);
    expect(dev.retryMode).toBe('adaptive');
    expect(dev.source('profile')).toBe('flag --profile');
    expect(dev.source('maxAttempts')).toBe(`config file ${configFile()} [profile dev]`);
  });

  test('profile names with dots, and values with ; or # kept whole as configparser does', () => {
    writeFileSync(configFile(), CONFIG);
    expect(loadAwsSettings({ profile: 'dotted.name', env }).region).toBe(
      'ap-southeast-2 ; not a comment for configparser',
    );
  });

  test('AWS_PROFILE, then AWS_DEFAULT_PROFILE; the flag beats both', () => {
    writeFileSync(configFile(), CONFIG);
    expect(loadAwsSettings({ env: { ...env, AWS_DEFAULT_PROFILE: 'dev' } }).region).toBe('eu-west-1');
    const s = loadAwsSettings({ env: { ...env, AWS_PROFILE: 'default', AWS_DEFAULT_PROFILE: 'dev' } });
    expect(s.region).toBe('us-east-1');
    expect(s.source('profile')).toBe('env AWS_PROFILE');
    expect(loadAwsSettings({ profile: 'dev', env: { ...env, AWS_PROFILE: 'default' } }).region).toBe(
      'eu-west-1',
    );
  });

  test('a named profile that does not exist: v2 message, exit class 255', () => {
    writeFileSync(configFile(), CONFIG);
    const e = () => loadAwsSettings({ profile: 'nope', env });
    expect(e).toThrow(GeneralError);
    expect(e).toThrow('The config profile (nope) could not be found');
    expect(() => loadAwsSettings({ env: { ...env, AWS_PROFILE: 'nope' } })).toThrow(
      'The config profile (nope) could not be found',
    );
  });

  test('with no files, the implicit default profile is fine but a named one (even "default") is not', () => {
    expect(loadAwsSettings({ env }).region).toBeUndefined();
    expect(() => loadAwsSettings({ profile: 'default', env })).toThrow(
      'The config profile (default) could not be found',
    );
  });

  test('a profile that exists only in the credentials file; its keys override the config file', () => {
    writeFileSync(configFile(), '[profile ci]\nregion = us-west-1\noutput = table\n');
    writeFileSync(
      credentialsFile(),
      '[ci]\nregion = us-west-2\naws_access_key_id = A\n\n[only-creds]\nregion = sa-east-1\n',
    );
    const ci = loadAwsSettings({ profile: 'ci', env });
    expect(ci.region).toBe('us-west-2');
    expect(ci.source('region')).toBe(`credentials file ${credentialsFile()} [ci]`);
    expect(ci.output).toBe('table');
    expect(loadAwsSettings({ profile: 'only-creds', env }).region).toBe('sa-east-1');
  });

  test('~ in AWS_CONFIG_FILE is the home folder', () => {
    writeFileSync(join(dir, 'my-config'), '[default]\nregion = eu-north-1\n');
    expect(loadAwsSettings({ env: { HOME: dir, AWS_CONFIG_FILE: '~/my-config' } }).region).toBe('eu-north-1');
  });
});

describe('precedence', () => {
  test('region: flag > AWS_REGION > AWS_DEFAULT_REGION > profile', () => {
    writeFileSync(configFile(), CONFIG);
    const all = { ...env, AWS_REGION: 'r-env', AWS_DEFAULT_REGION: 'r-default' };
    expect(loadAwsSettings({ region: 'r-flag', env: all }).region).toBe('r-flag');
    expect(loadAwsSettings({ env: all }).region).toBe('r-env');
    expect(loadAwsSettings({ env: { ...env, AWS_DEFAULT_REGION: 'r-default' } }).source('region')).toBe(
      'env AWS_DEFAULT_REGION',
    );
  });

  test('output: AWS_DEFAULT_OUTPUT > profile > json', () => {
    writeFileSync(configFile(), CONFIG);
    expect(loadAwsSettings({ env: { ...env, AWS_DEFAULT_OUTPUT: 'table' } }).output).toBe('table');
    writeFileSync(configFile(), '[default]\nregion = x\n');
    const s = loadAwsSettings({ env });
    expect(s.output).toBe('json');
    expect(s.source('output')).toBe('default');
  });

  test('endpoint: flag > service env > AWS_ENDPOINT_URL > services section > profile endpoint_url', () => {
    writeFileSync(configFile(), CONFIG);
    const e = {
      ...env,
      AWS_PROFILE: 'dev',
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: 'http://svc-env',
      AWS_ENDPOINT_URL: 'http://global-env',
    };
    expect(loadAwsSettings({ endpointUrl: 'http://flag', env: e }).endpointUrl).toBe('http://flag');
    expect(loadAwsSettings({ env: e }).endpointUrl).toBe('http://svc-env');
    const { AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: _, ...withoutSvc } = e;
    expect(loadAwsSettings({ env: withoutSvc }).endpointUrl).toBe('http://global-env');
    const s = loadAwsSettings({ env: { ...env, AWS_PROFILE: 'svc-only' } });
    expect(s.endpointUrl).toBe('http://localhost:9229');
    expect(s.source('endpointUrl')).toBe(
      `config file ${configFile()} [services local-cognito] cognito_identity_provider`,
    );
    writeFileSync(configFile(), '[default]\nendpoint_url = http://localhost:2222\n');
    expect(loadAwsSettings({ env }).endpointUrl).toBe('http://localhost:2222');
  });

  test('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS (or the profile setting) leaves only the flag', () => {
    writeFileSync(configFile(), CONFIG);
    const e = {
      ...env,
      AWS_PROFILE: 'dev',
      AWS_ENDPOINT_URL: 'http://global-env',
      AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true',
    };
    expect(loadAwsSettings({ env: e }).endpointUrl).toBeUndefined();
    expect(loadAwsSettings({ endpointUrl: 'http://flag', env: e }).endpointUrl).toBe('http://flag');
    writeFileSync(
      configFile(),
      '[default]\nendpoint_url = http://x\nignore_configured_endpoint_urls = TRUE\n',
    );
    expect(loadAwsSettings({ env }).endpointUrl).toBeUndefined();
  });

  test('ca bundle: flag > AWS_CA_BUNDLE > profile', () => {
    writeFileSync(configFile(), '[default]\nca_bundle = /p.pem\n');
    expect(loadAwsSettings({ caBundle: '/f.pem', env: { ...env, AWS_CA_BUNDLE: '/e.pem' } }).caBundle).toBe(
      '/f.pem',
    );
    expect(loadAwsSettings({ env: { ...env, AWS_CA_BUNDLE: '/e.pem' } }).caBundle).toBe('/e.pem');
    expect(loadAwsSettings({ env }).caBundle).toBe('/p.pem');
  });

  test('retries: defaults 3 / standard; env beats profile; v2 errors for bad values', () => {
    const d = loadAwsSettings({ env });
    expect([d.maxAttempts, d.retryMode]).toEqual([3, 'standard']);
    expect(d.source('maxAttempts')).toBe('default');
    writeFileSync(configFile(), '[default]\nmax_attempts = 7\nretry_mode = adaptive\n');
    const s = loadAwsSettings({ env: { ...env, AWS_MAX_ATTEMPTS: '2', AWS_RETRY_MODE: 'standard' } });
    expect([s.maxAttempts, s.retryMode]).toEqual([2, 'standard']);
    expect(() => loadAwsSettings({ env: { ...env, AWS_MAX_ATTEMPTS: 'abc' } }).maxAttempts).toThrow(
      new GeneralError("invalid literal for int() with base 10: 'abc'"),
    );
    expect(() => loadAwsSettings({ env: { ...env, AWS_MAX_ATTEMPTS: '0' } }).maxAttempts).toThrow(
      new GeneralError(
        'Value provided to "max_attempts": 0 must be an integer greater than or equal to one.',
      ),
    );
    // v2 2.9.19 knows only standard and adaptive.
    expect(() => loadAwsSettings({ env: { ...env, AWS_RETRY_MODE: 'legacy' } }).retryMode).toThrow(
      new GeneralError('Invalid value provided to "mode": "legacy" must be one of: "standard" or "adaptive"'),
    );
  });
});

describe('laziness', () => {
  test('files are read only when a value needs them, not when the settings are made', () => {
    const s = loadAwsSettings({ region: 'from-flag', env });
    // The file appears after loadAwsSettings returned: a value that needs it still sees it.
    writeFileSync(configFile(), '[default]\nregion = from-file\noutput = yaml\n');
    expect(s.region).toBe('from-flag');
    expect(s.output).toBe('yaml');
  });

  test('once read, the files are not read again for the same settings', () => {
    writeFileSync(configFile(), '[default]\nregion = first\noutput = text\n');
    const s = loadAwsSettings({ env });
    expect(s.region).toBe('first');
    writeFileSync(configFile(), '[default]\nregion = second\noutput = yaml\n');
    expect(s.output).toBe('text');
  });
});

describe('parseIni', () => {
  test('nested sub-settings, lower-cased keys, booleans kept as text', () => {
    expect(
      parseIni('[services x]\nCognito_Identity_Provider =\n  Endpoint_URL = http://h:1\n[a]\nflag = true\n'),
    ).toEqual({
      'services x': { cognito_identity_provider: { endpoint_url: 'http://h:1' } },
      a: { flag: 'true' },
    });
  });
});
