// Issue 17, item 12: a password in the endpoint URL (`http://admin:S3cret@host`) never appears
// with --debug (the backend-choice line printed it) nor in an error, whichever way the endpoint is
// given: --endpoint-url, AWS_ENDPOINT_URL, a profile's endpoint_url.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskUrlCredentials, maskUrlCredentialsIn } from '../../src/shared/mask.ts';
import { dirtyLines, spawnCli } from '../helpers/robust.ts';
import { type Served, serve } from '../serve/harness.ts';

const PASSWORD = 'S3cret-Endp0int-Pw';

describe('maskUrlCredentials', () => {
  it('hides user and password, keeps the rest', () => {
    expect(maskUrlCredentials(`http://admin:${PASSWORD}@127.0.0.1:9229/x`)).toBe(
      'http://***:***@127.0.0.1:9229/x',
    );
    expect(maskUrlCredentials(`https://admin:p@ss@host`)).toBe('https://***:***@host');
    expect(maskUrlCredentials('http://host/path@x')).toBe('http://host/path@x');
    expect(maskUrlCredentials('https://cognito-idp.eu-west-1.amazonaws.com')).toBe(
      'https://cognito-idp.eu-west-1.amazonaws.com',
    );
    expect(maskUrlCredentials(`admin:${PASSWORD}@host`)).toBe('***:***@host');
  });
  it('in a free text, every URL', () => {
    expect(maskUrlCredentialsIn(`to "http://a:${PASSWORD}@h/" then https://b:c@d:1 and http://e/f@g`)).toBe(
      'to "http://***:***@h/" then https://***:***@d:1 and http://e/f@g',
    );
  });
});

describe('--debug and errors with a password in the endpoint URL', () => {
  let srv: Served;
  beforeAll(async () => {
    srv = await serve();
  });
  afterAll(async () => {
    expect(await srv.stop()).toBe(0);
  });

  const endpoint = () => `http://admin:${PASSWORD}@127.0.0.1:${srv.port}`;
  const base = [
    'list-user-pools',
    '--max-results',
    '5',
    '--region',
    'us-east-1',
    '--debug',
    '--no-sign-request',
  ];

  async function check(args: string[], env: Record<string, string> = {}, status = 0) {
    const r = await spawnCli(args, { env, timeoutMs: 60_000 });
    expect(r.timedOut).toBe(false);
    expect(dirtyLines(r.stderr)).toEqual([]);
    expect(r.status, r.stderr).toBe(status);
    expect(r.stderr).not.toContain(PASSWORD);
    expect(r.stdout).not.toContain(PASSWORD);
    return r;
  }

  it('--endpoint-url: the backend-choice line and every other line masked', async () => {
    const r = await check([...base, '--endpoint-url', endpoint()]);
    expect(r.stderr).toContain(
      `backend choice: remote http://***:***@127.0.0.1:${srv.port} (from flag --endpoint-url)`,
    );
  });

  it('AWS_ENDPOINT_URL and a profile endpoint_url', async () => {
    const env = await check(base, { AWS_ENDPOINT_URL: endpoint() });
    expect(env.stderr).toContain('backend choice: remote http://***:***@127.0.0.1');
    const dir = mkdtempSync(join(tmpdir(), 'ct-endpoint-'));
    const config = join(dir, 'config');
    writeFileSync(config, `[default]\nregion = us-east-1\nendpoint_url = ${endpoint()}\n`);
    const profile = await check(base, { AWS_CONFIG_FILE: config });
    expect(profile.stderr).toContain('backend choice: remote http://***:***@127.0.0.1');
  });

  it('an endpoint that refuses connections, or is invalid: the error masks it too', async () => {
    const closed = await check(
      [...base, '--endpoint-url', `http://admin:${PASSWORD}@127.0.0.1:1`, '--cli-connect-timeout', '2'],
      {},
      255,
    );
    expect(closed.stderr).toContain('Could not connect to the endpoint URL: "http://***:***@127.0.0.1:1/"');
    const invalid = await check([...base, '--endpoint-url', `http://admin:${PASSWORD}@bad_host`], {}, 255);
    expect(invalid.stderr).toContain('Invalid endpoint: http://***:***@bad_host');
  });
});
