// USER_SRP_AUTH on the local emulator (issue 15): PASSWORD_VERIFIER checked for real, with an
// injected clock, through the client half of src/srp.
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SrpChallenges, secretHash } from '../../src/backend/local/context.ts';
import { LocalBackend } from '../../src/backend/local/index.ts';
import { ServiceError } from '../../src/errors.ts';
import { SrpClient } from '../../src/srp/client.ts';
import { type Harness, harness, PASSWORD, seed } from '../helpers/local.ts';

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString());

function srpClient(h: Harness, poolId: string, opts: { secret?: boolean; flows?: string[] } = {}) {
  return h.call('CreateUserPoolClient', {
    UserPoolId: poolId,
    ClientName: 'spa',
    ExplicitAuthFlows: opts.flows ?? ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    ...(opts.secret ? { GenerateSecret: true } : {}),
  }).UserPoolClient as { ClientId: string; ClientSecret?: string };
}

/** InitiateAuth USER_SRP_AUTH, then the PASSWORD_VERIFIER answer computed for `password`. */
function challenge(h: Harness, poolId: string, clientId: string, username = 'alice', extra = {}) {
  const srp = new SrpClient(poolId, { now: () => h.clock.t });
  const first = h.call('InitiateAuth', {
    AuthFlow: 'USER_SRP_AUTH',
    ClientId: clientId,
    AuthParameters: { USERNAME: username, SRP_A: srp.srpA, ...extra },
  });
  return { srp, first };
}

function verify(h: Harness, clientId: string, responses: Record<string, string>) {
  return h.call('RespondToAuthChallenge', {
    ClientId: clientId,
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeResponses: responses,
  });
}

function failVerify(h: Harness, clientId: string, responses: Record<string, string>) {
  return h.fail('RespondToAuthChallenge', {
    ClientId: clientId,
    ChallengeName: 'PASSWORD_VERIFIER',
    ChallengeResponses: responses,
  });
}

describe('USER_SRP_AUTH', () => {
  it('answers PASSWORD_VERIFIER as Cognito does and signs in with the right password', () => {
    const h = harness();
    const { poolId } = seed(h, { mfa: 'OFF', totp: false });
    const { ClientId } = srpClient(h, poolId);
    const { srp, first } = challenge(h, poolId, ClientId);
    expect(first.ChallengeName).toBe('PASSWORD_VERIFIER');
    expect(first.Session).toBeUndefined();
    expect(Object.keys(first.ChallengeParameters).sort()).toEqual([
      'SALT',
      'SECRET_BLOCK',
      'SRP_B',
      'USERNAME',
      'USER_ID_FOR_SRP',
    ]);
    expect(first.ChallengeParameters.USER_ID_FOR_SRP).toBe('alice');
    expect(first.ChallengeParameters.SRP_B).toMatch(/^[0-9a-f]+$/);
    const done = verify(h, ClientId, srp.answer(first.ChallengeParameters, PASSWORD));
    expect(done.ChallengeName).toBeUndefined();
    expect(claimsOf(done.AuthenticationResult.AccessToken)).toMatchObject({
      username: 'alice',
      client_id: ClientId,
    });
    expect(done.AuthenticationResult.RefreshToken).toBeTruthy();
    // The same SECRET_BLOCK again (a replay) is refused.
    const replay = failVerify(h, ClientId, srp.answer(first.ChallengeParameters, PASSWORD));
    expect([replay.code, replay.message]).toEqual([
      'NotAuthorizedException',
      'Invalid session for the user.',
    ]);
  });

  it('refuses a wrong password, a tampered signature or block, and counts failures toward the lockout', () => {
    const h = harness();
    const { poolId } = seed(h, { mfa: 'OFF', totp: false });
    const { ClientId } = srpClient(h, poolId);
    let { srp, first } = challenge(h, poolId, ClientId);
    const wrong = failVerify(h, ClientId, srp.answer(first.ChallengeParameters, 'Passw0rd?'));
    expect([wrong.code, wrong.message]).toEqual([
      'NotAuthorizedException',
      'Incorrect username or password.',
    ]);
    // Spent even by a failure: the right answer with that block is now refused.
    expect(failVerify(h, ClientId, srp.answer(first.ChallengeParameters, PASSWORD)).message).toBe(
      'Invalid session for the user.',
    );

    ({ srp, first } = challenge(h, poolId, ClientId));
    const good = srp.answer(first.ChallengeParameters, PASSWORD);
    const sig = Buffer.from(good.PASSWORD_CLAIM_SIGNATURE!, 'base64');
    sig[0]! ^= 1;
    expect(
      failVerify(h, ClientId, { ...good, PASSWORD_CLAIM_SIGNATURE: sig.toString('base64') }).message,
    ).toBe('Incorrect username or password.');

    ({ srp, first } = challenge(h, poolId, ClientId));
    const block = Buffer.from(first.ChallengeParameters.SECRET_BLOCK, 'base64');
    block[40]! ^= 1;
    const tampered = srp.answer(
      { ...first.ChallengeParameters, SECRET_BLOCK: block.toString('base64') },
      PASSWORD,
    );
    expect(failVerify(h, ClientId, tampered).message).toBe('Invalid session for the user.');

    // Two wrong answers so far; three more lock the user out, even with the right password then.
    for (let i = 0; i < 3; i++) {
      ({ srp, first } = challenge(h, poolId, ClientId));
      expect(failVerify(h, ClientId, srp.answer(first.ChallengeParameters, 'nope')).message).toBe(
        'Incorrect username or password.',
      );
    }
    const locked = h.fail('InitiateAuth', {
      AuthFlow: 'USER_SRP_AUTH',
      ClientId,
      AuthParameters: { USERNAME: 'alice', SRP_A: new SrpClient(poolId).srpA },
    });
    expect([locked.code, locked.message]).toEqual(['NotAuthorizedException', 'Password attempts exceeded']);
    h.advance(2);
    ({ srp, first } = challenge(h, poolId, ClientId));
    expect(
      verify(h, ClientId, srp.answer(first.ChallengeParameters, PASSWORD)).AuthenticationResult,
    ).toBeTruthy();
  });

  it('refuses a stale secret block, a far timestamp, a malformed one and another user', () => {
    const h = harness();
    const { poolId } = seed(h, { mfa: 'OFF', totp: false });
    const { ClientId } = srpClient(h, poolId);
    let { srp, first } = challenge(h, poolId, ClientId);
    h.advance(3 * 60 + 1); // AuthSessionValidity: 3 minutes
    const stale = failVerify(h, ClientId, srp.answer(first.ChallengeParameters, PASSWORD));
    expect([stale.code, stale.message]).toEqual([
      'NotAuthorizedException',
      'Invalid session for the user, session is expired.',
    ]);

    ({ srp, first } = challenge(h, poolId, ClientId));
    const late = new SrpClient(poolId, { now: () => h.clock.t - 10 * 60 * 1000 });
    const lateFirst = challenge(h, poolId, ClientId).first;
    const far = failVerify(h, ClientId, late.answer(lateFirst.ChallengeParameters, PASSWORD));
    expect(far.code).toBe('NotAuthorizedException');
    // (late's A is not the one in lateFirst's block: refused by the timestamp before the proof)
    expect(far.message).toMatch(/TIMESTAMP/);

    const good = srp.answer(first.ChallengeParameters, PASSWORD);
    const padded = good.TIMESTAMP!.replace(/ (\d) /, ' 0$1 ');
    const badFormat = failVerify(h, ClientId, { ...good, TIMESTAMP: '2026-11-22T12:00:00Z' });
    expect([badFormat.code, badFormat.message]).toEqual([
      'InvalidParameterException',
      'TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.',
    ]);
    ({ srp, first } = challenge(h, poolId, ClientId));
    // A padded day parses but is not what the server signs: a wrong proof (when the day has one digit).
    if (padded !== good.TIMESTAMP) {
      const g2 = srp.answer(first.ChallengeParameters, PASSWORD);
      expect(
        failVerify(h, ClientId, { ...g2, TIMESTAMP: g2.TIMESTAMP!.replace(/ (\d) /, ' 0$1 ') }).message,
      ).toBe('Incorrect username or password.');
      ({ srp, first } = challenge(h, poolId, ClientId));
    }

    h.call('AdminCreateUser', { UserPoolId: poolId, Username: 'bob', TemporaryPassword: PASSWORD });
    const bobs = challenge(h, poolId, ClientId, 'bob').first;
    // alice's password and name against bob's secret block: refused.
    const mixed = srp.answer({ ...bobs.ChallengeParameters, USER_ID_FOR_SRP: 'alice' }, PASSWORD);
    expect(failVerify(h, ClientId, mixed).code).toBe('NotAuthorizedException');
  });

  it('needs ALLOW_USER_SRP_AUTH, SRP_A, a known user and SECRET_HASH where the client has a secret', () => {
    const h = harness();
    const { poolId, clientId } = seed(h, { mfa: 'OFF', totp: false });
    const notAllowed = h.fail('InitiateAuth', {
      AuthFlow: 'USER_SRP_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: 'alice', SRP_A: new SrpClient(poolId).srpA },
    });
    expect([notAllowed.code, notAllowed.message]).toEqual([
      'InvalidParameterException',
      'USER_SRP_AUTH flow not enabled for this client',
    ]);
    const { ClientId, ClientSecret } = srpClient(h, poolId, { secret: true });
    const noA = h.fail('InitiateAuth', {
      AuthFlow: 'USER_SRP_AUTH',
      ClientId,
      AuthParameters: { USERNAME: 'alice' },
    });
    expect(noA.code).toBe('InvalidParameterException');
    const zeroA = h.fail('InitiateAuth', {
      AuthFlow: 'USER_SRP_AUTH',
      ClientId,
      AuthParameters: {
        USERNAME: 'alice',
        SRP_A: '0',
        SECRET_HASH: secretHash(ClientSecret!, 'alice', ClientId),
      },
    });
    expect(zeroA.code).toBe('InvalidParameterException');
    const noHash = h.fail('InitiateAuth', {
      AuthFlow: 'USER_SRP_AUTH',
      ClientId,
      AuthParameters: { USERNAME: 'alice', SRP_A: new SrpClient(poolId).srpA },
    });
    expect([noHash.code, noHash.message]).toEqual([
      'NotAuthorizedException',
      `Client ${ClientId} is configured with secret but SECRET_HASH was not received`,
    ]);
    const hash = secretHash(ClientSecret!, 'alice', ClientId);
    const nobody = h.fail('InitiateAuth', {
      AuthFlow: 'USER_SRP_AUTH',
      ClientId,
      AuthParameters: {
        USERNAME: 'nobody',
        SRP_A: new SrpClient(poolId).srpA,
        SECRET_HASH: secretHash(ClientSecret!, 'nobody', ClientId),
      },
    });
    expect(nobody.code).toBe('UserNotFoundException');
    const { srp, first } = challenge(h, poolId, ClientId, 'alice', { SECRET_HASH: hash });
    const answer = srp.answer(first.ChallengeParameters, PASSWORD);
    expect(failVerify(h, ClientId, { ...answer, SECRET_HASH: 'x' }).message).toBe(
      `Unable to verify secret hash for client ${ClientId}`,
    );
    const again = challenge(h, poolId, ClientId, 'alice', { SECRET_HASH: hash });
    const ok = verify(h, ClientId, {
      ...again.srp.answer(again.first.ChallengeParameters, PASSWORD),
      SECRET_HASH: hash,
    });
    expect(ok.AuthenticationResult.AccessToken).toBeTruthy();
  });

  it('a user from a state made before SRP gets a clear error, then a verifier at the next password sign-in', () => {
    const h = harness();
    const { poolId, signIn } = seed(h, { mfa: 'OFF', totp: false });
    const { ClientId } = srpClient(h, poolId, {
      flows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
    h.backend.file.update((state) => {
      delete state.pools[poolId]!.users.alice!.srp;
    });
    const before = h.fail('InitiateAuth', {
      AuthFlow: 'USER_SRP_AUTH',
      ClientId,
      AuthParameters: { USERNAME: 'alice', SRP_A: new SrpClient(poolId).srpA },
    });
    expect(before.code).toBe('NotAuthorizedException');
    expect(before.message).toMatch(/sign in once with USER_PASSWORD_AUTH.*or set the password again/i);
    expect(before.message).not.toContain(PASSWORD);
    signIn();
    const { srp, first } = challenge(h, poolId, ClientId);
    expect(
      verify(h, ClientId, srp.answer(first.ChallengeParameters, PASSWORD)).AuthenticationResult,
    ).toBeTruthy();
  });

  it('leads to NEW_PASSWORD_REQUIRED, then MFA and SOFTWARE_TOKEN_MFA as password sign-in does (admin flow too)', () => {
    const h = harness();
    const { poolId } = seed(h, { mfa: 'OPTIONAL', permanent: false });
    const { ClientId } = srpClient(h, poolId);
    let { srp, first } = challenge(h, poolId, ClientId);
    const np = verify(h, ClientId, srp.answer(first.ChallengeParameters, 'Temp0rary!'));
    expect(np.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
    const tokens = h.call('RespondToAuthChallenge', {
      ClientId,
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: np.Session,
      ChallengeResponses: { USERNAME: 'alice', NEW_PASSWORD: 'N3w-passw0rd' },
    }).AuthenticationResult;
    // The new password has its verifier: SRP with it works, the temporary one no longer does.
    ({ srp, first } = challenge(h, poolId, ClientId));
    expect(failVerify(h, ClientId, srp.answer(first.ChallengeParameters, 'Temp0rary!')).message).toBe(
      'Incorrect username or password.',
    );
    const assoc = h.call('AssociateSoftwareToken', { AccessToken: tokens.AccessToken });
    h.call('VerifySoftwareToken', { AccessToken: tokens.AccessToken, UserCode: h.code(assoc.SecretCode) });
    h.call('SetUserMFAPreference', {
      AccessToken: tokens.AccessToken,
      SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
    });
    h.advance(30);
    ({ srp, first } = challenge(h, poolId, ClientId));
    const mfa = verify(h, ClientId, srp.answer(first.ChallengeParameters, 'N3w-passw0rd'));
    expect(mfa.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
    const done = h.call('RespondToAuthChallenge', {
      ClientId,
      ChallengeName: 'SOFTWARE_TOKEN_MFA',
      Session: mfa.Session,
      ChallengeResponses: { USERNAME: 'alice', SOFTWARE_TOKEN_MFA_CODE: h.code(assoc.SecretCode) },
    });
    expect(done.AuthenticationResult.AccessToken).toBeTruthy();

    // Admin flow: the block of admin-initiate-auth is answered by admin-respond only.
    const admin = new SrpClient(poolId, { now: () => h.clock.t });
    const a1 = h.call('AdminInitiateAuth', {
      UserPoolId: poolId,
      ClientId,
      AuthFlow: 'USER_SRP_AUTH',
      AuthParameters: { USERNAME: 'alice', SRP_A: admin.srpA },
    });
    const answer = admin.answer(a1.ChallengeParameters, 'N3w-passw0rd');
    expect(failVerify(h, ClientId, answer).message).toBe('Invalid session for the user.');
    const a2 = h.call('AdminInitiateAuth', {
      UserPoolId: poolId,
      ClientId,
      AuthFlow: 'USER_SRP_AUTH',
      AuthParameters: { USERNAME: 'alice', SRP_A: admin.srpA },
    });
    const m2 = h.call('AdminRespondToAuthChallenge', {
      UserPoolId: poolId,
      ClientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeResponses: admin.answer(a2.ChallengeParameters, 'N3w-passw0rd'),
    });
    expect(m2.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
  });
});

describe('one process running both halves (cognito-totp sign-in)', () => {
  // sign-in keeps its SRP challenges in memory and skips writes that change nothing
  // (cli/compose.ts): InitiateAuth then leaves the state file as it was, one durable write fewer.
  it('InitiateAuth writes nothing; the answer, in the same process, signs in and is written once', () => {
    const h = harness();
    const { poolId } = seed(h, { mfa: 'OFF', totp: false });
    const { ClientId } = srpClient(h, poolId);
    const backend = new LocalBackend({
      stateFile: h.stateFile,
      skipUnchanged: true,
      env: { now: () => h.clock.t, srpChallenges: new SrpChallenges() },
    });
    const call = (op: 'InitiateAuth' | 'RespondToAuthChallenge', req: Record<string, unknown>) =>
      backend.callSync(op, req) as Record<string, any>;
    const before = statSync(h.stateFile);
    const bytes = readFileSync(h.stateFile);

    const srp = new SrpClient(poolId, { now: () => h.clock.t });
    const first = call('InitiateAuth', {
      AuthFlow: 'USER_SRP_AUTH',
      ClientId,
      AuthParameters: { USERNAME: 'alice', SRP_A: srp.srpA },
    });
    expect(first.ChallengeName).toBe('PASSWORD_VERIFIER');
    const after = statSync(h.stateFile);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
    expect(readFileSync(h.stateFile).equals(bytes)).toBe(true);

    // Another process (the harness's own backend) cannot answer a challenge that lives only here.
    const answer = srp.answer(first.ChallengeParameters, PASSWORD);
    expect(failVerify(h, ClientId, answer).code).toBe('NotAuthorizedException');
    const done = call('RespondToAuthChallenge', {
      ClientId,
      ChallengeName: 'PASSWORD_VERIFIER',
      ChallengeResponses: answer,
    });
    expect(claimsOf(done.AuthenticationResult.AccessToken).username).toBe('alice');
    // Used once: the same answer again is refused.
    expect(() =>
      call('RespondToAuthChallenge', {
        ClientId,
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeResponses: answer,
      }),
    ).toThrow(ServiceError);
  });

  it('a transaction that does change the state is still written', () => {
    const h = harness();
    const { poolId } = seed(h, { mfa: 'OFF', totp: false });
    const backend = new LocalBackend({
      stateFile: h.stateFile,
      skipUnchanged: true,
      env: { now: () => h.clock.t },
    });
    const before = readFileSync(h.stateFile, 'utf8');
    backend.callSync('CreateGroup', { UserPoolId: poolId, GroupName: 'admins' });
    const after = readFileSync(h.stateFile, 'utf8');
    expect(after).not.toBe(before);
    expect(h.call('GetGroup', { UserPoolId: poolId, GroupName: 'admins' }).Group.GroupName).toBe('admins');
  });
});
