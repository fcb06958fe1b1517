// What `serve` refuses in an SRP sign-in, shown with a real client's own answers (issue 15):
// amazon-cognito-identity-js signs in with its default SRP, and its PASSWORD_VERIFIER answer is
// taken off the wire (globalThis.fetch observed) to be replayed, altered in flight, or sent for
// another user over raw HTTP. Each refusal is NotAuthorizedException, and the library's right
// answer is still accepted, so the refusal comes from the check and not from a broken exchange.
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from 'amazon-cognito-identity-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientPool, PASSWORD } from './clients.ts';
import { call, raw, type Served, serve, target } from './harness.ts';

let srv: Served;
const realFetch = globalThis.fetch;
/** Changes the library's next PASSWORD_VERIFIER answer before it is sent (then unset). */
let alter: ((responses: Record<string, string>) => void) | undefined;
/** The PASSWORD_VERIFIER answers the library sent, as they went out. */
const answers: Record<string, unknown>[] = [];

beforeAll(async () => {
  srv = await serve();
  globalThis.fetch = async (input, init) => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    if (String(input).startsWith(srv.url) && typeof init?.body === 'string') {
      const body = JSON.parse(init.body);
      if (
        headers['X-Amz-Target']?.endsWith('.RespondToAuthChallenge') &&
        body.ChallengeName === 'PASSWORD_VERIFIER'
      ) {
        if (alter) alter(body.ChallengeResponses);
        alter = undefined;
        answers.push(body);
        return realFetch(input, { ...init, body: JSON.stringify(body) });
      }
    }
    return realFetch(input, init);
  };
});

afterAll(async () => {
  globalThis.fetch = realFetch;
  expect(await srv.stop()).toBe(0);
});

function signIn(pool: CognitoUserPool, username: string, password = PASSWORD) {
  return new Promise<{ ok: true } | { ok: false; code: string; message: string }>((resolve) =>
    new CognitoUser({ Username: username, Pool: pool }).authenticateUser(
      new AuthenticationDetails({ Username: username, Password: password }),
      {
        onSuccess: () => resolve({ ok: true }),
        onFailure: (e: { code: string; message: string }) =>
          resolve({ ok: false, code: e.code, message: e.message }),
      },
    ),
  );
}

async function post(body: unknown) {
  const a = await raw(srv.port, { target: target('RespondToAuthChallenge'), body: JSON.stringify(body) });
  const parsed = JSON.parse(a.body || '{}');
  return {
    status: a.status,
    type: parsed.__type,
    message: parsed.message,
    tokens: !!parsed.AuthenticationResult,
  };
}

describe("SRP refusals with amazon-cognito-identity-js's own PASSWORD_VERIFIER answers, through serve", () => {
  it('a wrong password: NotAuthorizedException', async () => {
    const { pool, client } = await clientPool(srv.port, { username: 'ann', mfa: 'OPTIONAL' });
    const userPool = new CognitoUserPool({ UserPoolId: pool, ClientId: client, endpoint: srv.url });
    expect(await signIn(userPool, 'ann', 'Wrong-passw0rd')).toEqual({
      ok: false,
      code: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    expect(await signIn(userPool, 'ann')).toEqual({ ok: true });
  });

  it('the answer replayed (its SECRET_BLOCK already used) is refused; the first use signed in', async () => {
    const { pool, client } = await clientPool(srv.port, { username: 'ben', mfa: 'OPTIONAL' });
    const userPool = new CognitoUserPool({ UserPoolId: pool, ClientId: client, endpoint: srv.url });
    answers.length = 0;
    expect(await signIn(userPool, 'ben')).toEqual({ ok: true });
    const used = answers[0]!;
    expect(used).toMatchObject({ ClientId: client, ChallengeResponses: { USERNAME: expect.any(String) } });
    expect(await post(used)).toMatchObject({
      status: 400,
      type: 'NotAuthorizedException',
      tokens: false,
    });
    // Not even once more after another sign-in of the same user opened a new exchange.
    expect(await signIn(userPool, 'ben')).toEqual({ ok: true });
    expect(await post(used)).toMatchObject({ status: 400, type: 'NotAuthorizedException' });
  });

  it("a signature, block or timestamp altered in flight (one bit or one second) is refused; the library's unaltered answer signs in", async () => {
    const { pool, client } = await clientPool(srv.port, { username: 'cat', mfa: 'OPTIONAL' });
    const userPool = new CognitoUserPool({ UserPoolId: pool, ClientId: client, endpoint: srv.url });
    let original = '';
    alter = (r) => {
      original = r.PASSWORD_CLAIM_SIGNATURE!;
      const sig = Buffer.from(original, 'base64');
      sig[sig.length - 1]! ^= 0x01;
      r.PASSWORD_CLAIM_SIGNATURE = sig.toString('base64');
    };
    expect(await signIn(userPool, 'cat')).toEqual({
      ok: false,
      code: 'NotAuthorizedException',
      message: 'Incorrect username or password.',
    });
    expect(original).not.toBe('');
    // A block or timestamp altered breaks the signature as well.
    alter = (r) => {
      const block = Buffer.from(r.PASSWORD_CLAIM_SECRET_BLOCK!, 'base64');
      block[block.length >> 1]! ^= 0x01;
      r.PASSWORD_CLAIM_SECRET_BLOCK = block.toString('base64');
    };
    expect(await signIn(userPool, 'cat')).toMatchObject({ ok: false, code: 'NotAuthorizedException' });
    alter = (r) => {
      // One second later ("Sun Dec 6 01:44:17 UTC 2026" → ":18 UTC"), still well inside the window.
      r.TIMESTAMP = r.TIMESTAMP!.replace(
        /:(\d{2}) UTC/,
        (_, sec: string) => `:${String((Number(sec) + 1) % 60).padStart(2, '0')} UTC`,
      );
    };
    expect(await signIn(userPool, 'cat')).toMatchObject({ ok: false, code: 'NotAuthorizedException' });
    expect(await signIn(userPool, 'cat')).toEqual({ ok: true });
  });

  it("another user's name on the answer is refused: the proof is bound to the user", async () => {
    const { pool, client } = await clientPool(srv.port, { username: 'dan', mfa: 'OPTIONAL' });
    await call(srv.port, 'AdminCreateUser', {
      UserPoolId: pool,
      Username: 'eve',
      TemporaryPassword: 'Temp0rary-eve!',
      MessageAction: 'SUPPRESS',
    });
    await call(srv.port, 'AdminSetUserPassword', {
      UserPoolId: pool,
      Username: 'eve',
      Password: PASSWORD,
      Permanent: true,
    });
    const userPool = new CognitoUserPool({ UserPoolId: pool, ClientId: client, endpoint: srv.url });
    // Same password, but dan's exchange answered in eve's name.
    alter = (r) => {
      r.USERNAME = 'eve';
    };
    expect(await signIn(userPool, 'dan')).toMatchObject({ ok: false, code: 'NotAuthorizedException' });
    expect(await signIn(userPool, 'eve')).toEqual({ ok: true });
  });
});
