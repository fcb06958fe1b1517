// boto3 with USER_SRP_AUTH against `cognito-totp serve` (issue 15): clients-boto3.py signs in with
// an SRP client written in Python, independent of src/srp, then runs both TOTP flows and a
// GetTokensFromRefreshToken refresh. Skipped with the reason when python3 has no boto3.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimsOf, clientPool, PASSWORD, pythonEnv } from './clients.ts';
import { type Served, serve } from './harness.ts';

const ENV = pythonEnv();
const probe = spawnSync('python3', ['-c', 'import boto3'], { env: ENV, encoding: 'utf8' });
const NO_BOTO3 = probe.status === 0 ? undefined : `python3 with boto3 is not available: ${probe.stderr}`;

let srv: Served;
let out: Record<string, { ok?: any; error?: { code: string; message: string } }>;

describe.skipIf(NO_BOTO3 !== undefined)(
  NO_BOTO3 ? `boto3 with SRP (skipped: ${NO_BOTO3})` : 'boto3 with USER_SRP_AUTH through serve',
  () => {
    let optionalPool: string;
    beforeAll(async () => {
      srv = await serve();
      const optional = await clientPool(srv.port, { username: 'py-a', mfa: 'OPTIONAL' });
      const on = await clientPool(srv.port, { username: 'py-b', mfa: 'ON' });
      optionalPool = optional.pool;
      const r = spawnSync('python3', [join(import.meta.dirname, 'clients-boto3.py')], {
        env: ENV,
        input: JSON.stringify({
          endpoint: srv.url,
          password: PASSWORD,
          optional: { ...optional, user: 'py-a' },
          on: { ...on, user: 'py-b' },
        }),
        encoding: 'utf8',
        timeout: 60_000,
      });
      if (r.status !== 0) throw new Error(`python3 exited ${r.status}: ${r.stderr}`);
      out = JSON.parse(r.stdout);
    });
    afterAll(async () => {
      if (srv) expect(await srv.stop()).toBe(0);
    });

    it("a wrong password: the Python client's proof is refused with NotAuthorizedException", () => {
      expect(out['wrong.initiate']?.ok?.ChallengeName).toBe('PASSWORD_VERIFIER');
      expect(out['wrong.verifier']).toEqual({
        error: { code: 'NotAuthorizedException', message: 'Incorrect username or password.' },
      });
    });

    it('flow A: SRP sign-in → associate/verify/preference → SRP sign-in → SOFTWARE_TOKEN_MFA → GetTokensFromRefreshToken', () => {
      const first = out['a.first.verifier']?.ok;
      expect(first?.AuthenticationResult?.AccessToken).toBeTruthy();
      expect(claimsOf(first.AuthenticationResult.AccessToken)).toMatchObject({
        username: 'py-a',
        iss: `${srv.url}/${optionalPool}`,
      });
      expect(out['a.verify']).toEqual({ ok: { Status: 'SUCCESS' } });
      expect(out['a.preference']).toEqual({ ok: {} });
      expect(out['a.again.verifier']?.ok).toMatchObject({ ChallengeName: 'SOFTWARE_TOKEN_MFA' });
      expect(out['a.mfa']?.ok?.AuthenticationResult?.RefreshToken).toBeTruthy();
      const refreshed = out['a.refresh']?.ok?.AuthenticationResult;
      expect(claimsOf(refreshed.AccessToken).username).toBe('py-a');
    });

    it('flow B: pool MFA ON, the SRP sign-in answers MFA_SETUP; Session enrollment gives tokens; the next asks for the code', () => {
      expect(out['b.first.verifier']?.ok).toMatchObject({
        ChallengeName: 'MFA_SETUP',
        ChallengeParameters: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' },
      });
      expect(out['b.verify']?.ok?.Status).toBe('SUCCESS');
      expect(out['b.respond']?.ok?.AuthenticationResult?.IdToken).toBeTruthy();
      expect(out['b.getUser']?.ok).toMatchObject({
        Username: 'py-b',
        UserMFASettingList: ['SOFTWARE_TOKEN_MFA'],
      });
      expect(out['b.again.verifier']?.ok?.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
      expect(out['b.mfa']?.ok?.AuthenticationResult?.AccessToken).toBeTruthy();
    });
  },
);
