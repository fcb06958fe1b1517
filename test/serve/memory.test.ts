// Issue 17 item 4: a flood of distinct junk tokens must not grow the server's memory. Tokens used
// to be remembered by their full text whether or not they were valid (10,000 of them, no byte
// bound), so ~4,300 calls with 1 MB junk tokens ran the server out of heap. The server's resident
// memory is read from /proc/PID/status, as an outside observer would.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { call, raw, serve, target } from './harness.ts';

const rssMiB = (pid: number): number =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/** 0 → 'a', 12 → 'bc': distinct tokens made only of characters the model's pattern allows. */
const letters = (n: number): string => String(n).replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!);

it(
  '240 distinct 1 MB junk tokens: memory stays bounded, the server keeps answering, real tokens still work',
  {
    timeout: 120_000,
  },
  async () => {
    const srv = await serve();
    try {
      const pool = (await call(srv.port, 'CreateUserPool', { PoolName: 'flood' })).UserPool.Id as string;
      const client = (
        await call(srv.port, 'CreateUserPoolClient', {
          UserPoolId: pool,
          ClientName: 'app',
          ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        })
      ).UserPoolClient.ClientId as string;
      await call(srv.port, 'AdminCreateUser', {
        UserPoolId: pool,
        Username: 'alice',
        MessageAction: 'SUPPRESS',
      });
      await call(srv.port, 'AdminSetUserPassword', {
        UserPoolId: pool,
        Username: 'alice',
        Password: 'Passw0rd!x',
        Permanent: true,
      });
      const signIn = await call(srv.port, 'InitiateAuth', {
        ClientId: client,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'alice', PASSWORD: 'Passw0rd!x' },
      });
      const token = signIn.AuthenticationResult.AccessToken as string;
      expect((await call(srv.port, 'GetUser', { AccessToken: token })).Username).toBe('alice');

      const pid = srv.proc.pid!;
      const before = rssMiB(pid);
      const junk = 'a'.repeat(1_000_000);
      // Half plain junk, half shaped like a JWT (three base64url parts with JSON inside) but unsigned.
      const header = Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'x' })).toString('base64url');
      for (let i = 0; i < 240; i += 4) {
        const answers = await Promise.all(
          [0, 1, 2, 3].map((k) => {
            const n = i + k;
            const claims = Buffer.from(JSON.stringify({ n, pad: junk.slice(0, 700_000) })).toString(
              'base64url',
            );
            const AccessToken = n % 2 ? `${letters(n)}x${junk}` : `${header}.${claims}.${letters(n)}`;
            return raw(srv.port, { target: target('GetUser'), body: JSON.stringify({ AccessToken }) });
          }),
        );
        for (const a of answers) {
          expect(a.status).toBe(400);
          expect(JSON.parse(a.body).__type).toBe('NotAuthorizedException');
        }
      }
      const grown = rssMiB(pid) - before;
      // Kept by their text, the tokens alone would be 240 MB and more; dropped, what remains is garbage
      // the collector has not taken back yet (about 35 MB here).
      expect(grown).toBeLessThan(120);
      expect((await call(srv.port, 'GetUser', { AccessToken: token })).Username).toBe('alice');
      expect((await call(srv.port, 'ListUserPools', { MaxResults: 5 })).UserPools).toHaveLength(1);
      expect(srv.stderr()).not.toContain('internal error');
    } finally {
      await srv.stop();
    }
  },
);

it(
  '2,000 distinct 60 KB forged tokens naming the pool and its key: none is kept, memory stays bounded',
  {
    timeout: 120_000,
  },
  async () => {
    // Under the length cap, with the pool's issuer and key id, so each is decoded and its signature
    // checked (and refused): what is remembered must be only what verified.
    const srv = await serve();
    try {
      const pool = (await call(srv.port, 'CreateUserPool', { PoolName: 'forged' })).UserPool.Id as string;
      const jwks = JSON.parse(
        (await raw(srv.port, { method: 'GET', path: `/${pool}/.well-known/jwks.json` })).body,
      );
      const header = Buffer.from(JSON.stringify({ kid: jwks.keys[0].kid, alg: 'RS256' })).toString(
        'base64url',
      );
      const pad = 'p'.repeat(44_000);
      const pid = srv.proc.pid!;
      const before = rssMiB(pid);
      for (let i = 0; i < 2_000; i += 8) {
        const answers = await Promise.all(
          Array.from({ length: 8 }, (_, k) => {
            const claims = { iss: `${srv.url}/${pool}`, token_use: 'access', n: i + k, pad };
            const AccessToken = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${letters(i + k)}`;
            return raw(srv.port, { target: target('GetUser'), body: JSON.stringify({ AccessToken }) });
          }),
        );
        for (const a of answers) expect(JSON.parse(a.body).__type).toBe('NotAuthorizedException');
      }
      // 2,000 tokens of 60 KB: 120 MB and more if they were kept (340 MB measured on the old code).
      expect(rssMiB(pid) - before).toBeLessThan(100);
      expect((await call(srv.port, 'ListUserPools', { MaxResults: 5 })).UserPools).toHaveLength(1);
    } finally {
      await srv.stop();
    }
  },
);
