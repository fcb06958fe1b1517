// A real browser against `cognito-totp serve` (issue 15): Amplify v6 bundled into a page by esbuild
// (test/serve/browser/entry.ts), the page served from its own loopback port, so every call to serve
// (another port) is cross-origin and goes through CORS, in headless Chromium (Debian's
// chromium-headless-shell) driven by puppeteer-core over a pipe (no DevTools port). Both TOTP flows
// end to end in the page with Amplify's default SRP sign-in, refresh and signOut; preflights seen
// over the DevTools protocol, no CORS error in the console; --cors-origin seen from the page.
//
// The browser cannot leave loopback: every host name but 127.0.0.1 resolves to nothing
// (--host-resolver-rules), and whatever is not loopback goes to the proxy, which is a trap of this
// test (a loopback listener that records and refuses) rather than a closed port such as :9, so
// that an attempt to get out is seen; the test checks that the trap caught a probe to an outside
// name and nothing else during the flows.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import puppeteer, { type Browser, type CDPSession, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientPool, mfaOf, PASSWORD, TEMP_PASSWORD, totpCode } from './clients.ts';
import { type Served, serve } from './harness.ts';

const CHROMIUM = '/usr/bin/chromium-headless-shell';
const HAVE_CHROMIUM = existsSync(CHROMIUM);

let srv: Served;
let site: Server;
let siteUrl: string;
let trap: TcpServer;
/** What reached the trap proxy: the first line of each request (CONNECT host:443, GET http://...). */
const trapped: string[] = [];
let profile: string;
let browser: Browser;

/** One listener on loopback, any free port; its port. */
function listen(server: Server | TcpServer): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : 0);
    });
  });
}

beforeAll(async () => {
  if (!HAVE_CHROMIUM) return;
  const [bundle] = (
    await build({
      entryPoints: [join(import.meta.dirname, 'browser', 'entry.ts')],
      bundle: true,
      write: false,
      platform: 'browser',
      format: 'iife',
      target: 'chrome120',
      logLevel: 'silent',
    })
  ).outputFiles;
  const page = '<!doctype html><meta charset="utf-8"><title>app</title><script src="/app.js"></script>';
  site = createServer((req, res) => {
    if (req.url === '/app.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(bundle!.contents);
    } else if (req.url === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end(page);
    } else {
      res.writeHead(404).end();
    }
  });
  siteUrl = `http://127.0.0.1:${await listen(site)}`;
  trap = createTcpServer((socket) => {
    socket.once('data', (d) => {
      trapped.push(d.toString('latin1').split('\r\n')[0] ?? '');
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
    });
    socket.on('error', () => undefined);
  });
  const trapPort = await listen(trap);
  srv = await serve();
  profile = mkdtempSync(join(tmpdir(), 'ct-chromium-'));
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: 'shell',
    pipe: true,
    userDataDir: profile,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
      `--proxy-server=http://127.0.0.1:${trapPort}`,
      '--proxy-bypass-list=127.0.0.1;localhost',
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  site?.close();
  trap?.close();
  if (srv) expect(await srv.stop()).toBe(0);
});

interface Seen {
  /** Every request the page made, as "METHOD url", preflights included. */
  requests: string[];
  /** Console messages and failed requests: a CORS refusal shows up here. */
  problems: string[];
}

/** A fresh page of the site (its own storage context) and what it does on the network. */
async function openApp(): Promise<{ page: Page; seen: Seen; close: () => Promise<void> }> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const seen: Seen = { requests: [], problems: [] };
  // The DevTools protocol reports CORS preflights too (type Preflight); puppeteer's own request
  // events do not.
  const cdp: CDPSession = await page.createCDPSession();
  await cdp.send('Network.enable');
  cdp.on('Network.requestWillBeSent', (e) => seen.requests.push(`${e.request.method} ${e.request.url}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warn') seen.problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => seen.problems.push(`page error: ${String(e)}`));
  page.on('requestfailed', (r) =>
    seen.problems.push(`failed: ${r.method()} ${r.url()} ${r.failure()?.errorText}`),
  );
  await page.goto(`${siteUrl}/`, { waitUntil: 'load' });
  return { page, seen, close: () => context.close() };
}

/** Calls window.amplify[name](...args) in the page; fails the test on an error it did not expect. */
async function amp(page: Page, name: string, ...args: unknown[]): Promise<any> {
  return page.evaluate((n, a) => (globalThis as any).amplify[n](...a), name, args);
}

function ok<T>(v: T): T {
  if (v && typeof v === 'object' && 'error' in v)
    throw new Error(`the page's Amplify failed: ${JSON.stringify(v)}`);
  return v;
}

/** How many preflights (OPTIONS) and calls (POST) the page sent to serve. */
function toServe(seen: Seen) {
  const lines = seen.requests.filter((r) => r.includes(srv.url));
  // Nothing the page asked for went anywhere but loopback.
  expect(seen.requests.filter((r) => !/^[A-Z]+ http:\/\/127\.0\.0\.1:\d+\//.test(r))).toEqual([]);
  return {
    options: lines.filter((r) => r.startsWith('OPTIONS ')).length,
    posts: lines.filter((r) => r.startsWith('POST ')).length,
  };
}

describe.skipIf(!HAVE_CHROMIUM)(
  HAVE_CHROMIUM
    ? 'Amplify v6 in headless Chromium through CORS'
    : `Amplify v6 in headless Chromium (skipped: ${CHROMIUM} is absent; .ci/run installs chromium-headless-shell)`,
  () => {
    it('the browser is pinned to loopback: a name outside resolves to nothing and goes no further than the trap', async () => {
      const { page, close } = await openApp();
      const outside = await page.evaluate(async () => {
        try {
          await fetch('https://example.com/', { mode: 'no-cors' });
          return 'reached';
        } catch (e) {
          return `refused: ${String(e)}`;
        }
      });
      expect(outside).toMatch(/^refused: TypeError/);
      // Only the trap saw it (a CONNECT the trap refused): nothing left the machine.
      expect(trapped).toEqual(['CONNECT example.com:443 HTTP/1.1']);
      trapped.length = 0;
      await close();
    });

    it('flow A in the page: SRP signIn → setUpTOTP → verifyTOTPSetup → updateMFAPreference; signIn → CONFIRM_SIGN_IN_WITH_TOTP_CODE; forced refresh; signOut — all cross-origin, preflighted, no CORS error', async () => {
      const { pool, client } = await clientPool(srv.port, { username: 'alice', mfa: 'OPTIONAL' });
      const { page, seen, close } = await openApp();
      expect(new URL(siteUrl).origin).not.toBe(new URL(srv.url).origin);
      await amp(page, 'configure', pool, client, srv.url);

      expect(ok(await amp(page, 'signIn', 'alice', PASSWORD))).toEqual({
        isSignedIn: true,
        nextStep: { signInStep: 'DONE' },
      });
      const secret = ok(await amp(page, 'setUpTOTP')) as string;
      expect(secret).toMatch(/^[A-Z2-7]{32,}$/);
      ok(await amp(page, 'verifyTOTPSetup', totpCode(secret)));
      ok(await amp(page, 'updateMFAPreference'));
      expect(ok(await amp(page, 'fetchMFAPreference'))).toEqual({ enabled: ['TOTP'], preferred: 'TOTP' });
      ok(await amp(page, 'signOut', false));

      expect(ok(await amp(page, 'signIn', 'alice', PASSWORD))).toEqual({
        isSignedIn: false,
        nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE' },
      });
      expect(ok(await amp(page, 'confirmSignIn', totpCode(secret, 1)))).toEqual({
        isSignedIn: true,
        nextStep: { signInStep: 'DONE' },
      });
      const before = ok(await amp(page, 'tokens', false));
      const after = ok(await amp(page, 'tokens', true));
      expect(after.accessToken).toBeTruthy();
      expect(after.accessToken).not.toBe(before.accessToken);
      expect(ok(await amp(page, 'getCurrentUser'))).toMatchObject({ username: 'alice' });
      ok(await amp(page, 'signOut', false));
      expect(await amp(page, 'getCurrentUser')).toMatchObject({
        error: { name: 'UserUnAuthenticatedException' },
      });

      expect(seen.problems).toEqual([]);
      const { options, posts } = toServe(seen);
      // InitiateAuth, PASSWORD_VERIFIER, Associate, Verify, SetUserMFAPreference, GetUser, RevokeToken,
      // InitiateAuth, PASSWORD_VERIFIER, SOFTWARE_TOKEN_MFA, GetTokensFromRefreshToken, RevokeToken.
      expect(posts).toBeGreaterThanOrEqual(12);
      expect(options).toBeGreaterThanOrEqual(1);
      expect(trapped).toEqual([]);
      await close();
    });

    it('flow B in the page: pool MFA ON, new user: NEW_PASSWORD_REQUIRED → CONTINUE_SIGN_IN_WITH_TOTP_SETUP → code → DONE; the next sign-in asks for the code; global signOut', async () => {
      const { pool, client } = await clientPool(srv.port, { username: 'bob', mfa: 'ON', temporary: true });
      const { page, seen, close } = await openApp();
      await amp(page, 'configure', pool, client, srv.url);

      expect(ok(await amp(page, 'signIn', 'bob', TEMP_PASSWORD))).toMatchObject({
        nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED' },
      });
      const setup = ok(await amp(page, 'confirmSignIn', PASSWORD));
      expect(setup.nextStep.signInStep).toBe('CONTINUE_SIGN_IN_WITH_TOTP_SETUP');
      const secret = setup.nextStep.sharedSecret as string;
      expect(ok(await amp(page, 'confirmSignIn', totpCode(secret)))).toEqual({
        isSignedIn: true,
        nextStep: { signInStep: 'DONE' },
      });
      expect(await mfaOf(srv.port, pool, 'bob')).toMatchObject({
        UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
      });
      ok(await amp(page, 'signOut', false));

      expect(ok(await amp(page, 'signIn', 'bob', PASSWORD)).nextStep.signInStep).toBe(
        'CONFIRM_SIGN_IN_WITH_TOTP_CODE',
      );
      expect(ok(await amp(page, 'confirmSignIn', totpCode(secret, 1))).isSignedIn).toBe(true);
      expect(ok(await amp(page, 'tokens', true)).accessToken).toBeTruthy();
      ok(await amp(page, 'signOut', true));

      expect(seen.problems).toEqual([]);
      expect(toServe(seen).options).toBeGreaterThanOrEqual(1);
      expect(trapped).toEqual([]);
      await close();
    });

    it('--cors-origin: a serve narrowed to the page origin answers it; one narrowed to another origin is refused by the browser as CORS', async () => {
      const other = await serve(undefined, { args: ['--cors-origin', 'http://127.0.0.1:1'] });
      const mine = await serve(undefined, { args: ['--cors-origin', siteUrl] });
      try {
        const blocked = await clientPool(other.port, { username: 'zed', mfa: 'OPTIONAL' });
        const allowed = await clientPool(mine.port, { username: 'zoe', mfa: 'OPTIONAL' });
        const { page, seen, close } = await openApp();
        await amp(page, 'configure', allowed.pool, allowed.client, mine.url);
        expect(ok(await amp(page, 'signIn', 'zoe', PASSWORD))).toMatchObject({ isSignedIn: true });
        ok(await amp(page, 'signOut', false));
        expect(seen.problems).toEqual([]);

        await amp(page, 'configure', blocked.pool, blocked.client, other.url);
        const refused = await amp(page, 'signIn', 'zed', PASSWORD);
        expect(refused).toHaveProperty('error');
        // The browser itself says why: the answer did not allow this page's origin.
        expect(seen.problems.join('\n')).toMatch(/blocked by CORS policy/);
        await close();
      } finally {
        expect(await other.stop()).toBe(0);
        expect(await mine.stop()).toBe(0);
      }
    });

    it('a wrong password through the page: NotAuthorizedException, readable cross-origin', async () => {
      const { pool, client } = await clientPool(srv.port, { username: 'wendy', mfa: 'OPTIONAL' });
      const { page, seen, close } = await openApp();
      await amp(page, 'configure', pool, client, srv.url);
      expect(await amp(page, 'signIn', 'wendy', 'Not-the-passw0rd')).toEqual({
        error: { name: 'NotAuthorizedException', message: 'Incorrect username or password.' },
      });
      // The 400 answer itself is logged by the browser as a failed resource, which is no CORS error.
      expect(seen.problems.filter((p) => /CORS|Access-Control/i.test(p))).toEqual([]);
      await close();
    });
  },
);
