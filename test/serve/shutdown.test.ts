// SIGTERM with a request in flight: the request completes, the process exits 0, the file is valid.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { call, raw, serve, target } from './harness.ts';

describe('stopping', () => {
  it('SIGTERM lets a request in flight finish, refuses new connections, exits 0', async () => {
    const srv = await serve();
    await call(srv.port, 'CreateUserPool', { PoolName: 'before' });
    const body = Buffer.from(JSON.stringify({ PoolName: 'in-flight' }));
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: srv.port,
          method: 'POST',
          path: '/',
          agent: false,
          headers: {
            'X-Amz-Target': 'AWSCognitoIdentityProviderService.CreateUserPool',
            'Content-Length': body.length,
          },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => {
            text += c;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      // Half the body now, the signal, then the rest.
      req.write(body.subarray(0, 5));
      setTimeout(() => {
        srv.proc.kill('SIGTERM');
        setTimeout(() => req.end(body.subarray(5)), 300);
      }, 200);
    });
    // While it finishes, nobody new gets in.
    await new Promise((r) => setTimeout(r, 350));
    await expect(
      raw(srv.port, { target: target('ListUserPools'), body: '{"MaxResults": 1}' }),
    ).rejects.toThrow(/ECONNREFUSED/);
    const a = await answer;
    expect(a.status).toBe(200);
    expect(JSON.parse(a.body).UserPool.Name).toBe('in-flight');
    expect(await srv.exited).toBe(0);
    expect(srv.stderr()).toContain('SIGTERM');
    const state = JSON.parse(readFileSync(srv.stateFile, 'utf8'));
    const names = Object.values(state.pools as Record<string, { name?: string; Name?: string }>).map(
      (p) => p.name ?? p.Name,
    );
    expect(names.sort()).toEqual(['before', 'in-flight']);
  });

  it('SIGINT stops it too, exit 0', async () => {
    const srv = await serve();
    await call(srv.port, 'ListUserPools', { MaxResults: 1 });
    expect(await srv.stop('SIGINT')).toBe(0);
  });
});
