// Remembered devices with Amplify v6 (aws-amplify) in Node against `cognito-totp serve` (issue 16):
// its default SRP signIn confirms the new device itself (ConfirmDevice), rememberDevice() remembers
// it, and after signOut the next signIn from the same storage runs DEVICE_SRP_AUTH /
// DEVICE_PASSWORD_VERIFIER (Amplify's handleDeviceSRPAuth) and skips the TOTP code; a fresh storage
// (another device) is still asked for it. Amplify keeps tokens and device keys in a key-value
// storage; Node has no localStorage, so each simulated device gets an in-memory one.
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { Amplify } from 'aws-amplify';
import {
  confirmSignIn,
  fetchAuthSession,
  fetchDevices,
  rememberDevice,
  setUpTOTP,
  signIn,
  signOut,
  updateMFAPreference,
  verifyTOTPSetup,
} from 'aws-amplify/auth';
import { cognitoUserPoolsTokenProvider } from 'aws-amplify/auth/cognito';
import { ConsoleLogger } from 'aws-amplify/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeAt, stepAt } from '../../src/backend/local/totp.ts';
import { devicePool, type Served, serveWithSdk } from './harness.ts';

const PASSWORD = 'Passw0rd-amp!';
const code = (secret: string, ahead = 0) => codeAt(secret, stepAt(Date.now()) + ahead);

let srv: Served;
let sdk: CognitoIdentityProviderClient;
/** The ChallengeName of every RespondToAuthChallenge Amplify sent (seen on the wire). */
let challenges: string[] = [];
/** The DeviceKey of every GetTokensFromRefreshToken Amplify sent (null: none). */
let refreshes: (string | null)[] = [];
const realFetch = globalThis.fetch;

beforeAll(async () => {
  ConsoleLogger.LOG_LEVEL = 'ERROR';
  // Amplify names the device from navigator (getDeviceName), which Node 20 lacks: without it
  // getNewDeviceMetadata swallows the ReferenceError and never calls ConfirmDevice. A browser's
  // navigator has a userAgent; so does this one.
  if (!('navigator' in globalThis)) {
    Object.defineProperty(globalThis, 'navigator', {
      value: { userAgent: 'cognito-totp-test (Node)' },
      configurable: true,
    });
  }
  ({ srv, sdk } = await serveWithSdk());
  // Observes only: each request goes on unchanged to the real server over loopback.
  globalThis.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const headers = new Headers(input instanceof Request ? input.headers : init?.headers);
    if (url.startsWith(srv.url) && headers.get('x-amz-target')?.endsWith('.RespondToAuthChallenge')) {
      if (typeof init?.body === 'string') challenges.push(JSON.parse(init.body).ChallengeName);
    }
    if (url.startsWith(srv.url) && headers.get('x-amz-target')?.endsWith('.GetTokensFromRefreshToken')) {
      if (typeof init?.body === 'string') refreshes.push(JSON.parse(init.body).DeviceKey ?? null);
    }
    return realFetch(input, init);
  };
});

afterAll(async () => {
  globalThis.fetch = realFetch;
  sdk?.destroy();
  expect(await srv.stop()).toBe(0);
});

class MemoryStorage {
  private readonly items = new Map<string, string>();
  async setItem(k: string, v: string): Promise<void> {
    this.items.set(k, v);
  }
  async getItem(k: string): Promise<string | null> {
    return this.items.get(k) ?? null;
  }
  async removeItem(k: string): Promise<void> {
    this.items.delete(k);
  }
  async clear(): Promise<void> {
    this.items.clear();
  }
}

describe('Amplify v6 remembers a device through serve', () => {
  it('signIn (device confirmed) → TOTP on → rememberDevice → signOut → signIn skips TOTP; another storage does not', async () => {
    const { pool, client } = await devicePool(sdk, {
      poolName: 'amp-devices',
      username: 'gina',
      password: PASSWORD,
      flows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    });
    Amplify.configure({
      Auth: { Cognito: { userPoolId: pool, userPoolClientId: client, userPoolEndpoint: srv.url } },
    });
    const laptop = new MemoryStorage();
    cognitoUserPoolsTokenProvider.setKeyValueStorage(laptop);

    expect(await signIn({ username: 'gina', password: PASSWORD })).toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
    const setup = await setUpTOTP();
    await verifyTOTPSetup({ code: code(setup.sharedSecret) });
    await updateMFAPreference({ totp: 'PREFERRED' });
    await rememberDevice();
    const devices = await fetchDevices();
    expect(devices).toHaveLength(1);
    expect(devices[0]!.attributes['dev:device_remembered_status']).toBe('remembered');
    await signOut();

    challenges = [];
    expect(await signIn({ username: 'gina', password: PASSWORD })).toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
    expect(challenges).toEqual(['PASSWORD_VERIFIER', 'DEVICE_SRP_AUTH', 'DEVICE_PASSWORD_VERIFIER']);
    // The access token names the device; a forced refresh (GetTokensFromRefreshToken with the
    // device's DeviceKey) is accepted and keeps it.
    const deviceKey = devices[0]!.id;
    const signedIn = await fetchAuthSession();
    expect(signedIn.tokens?.accessToken.payload.device_key).toBe(deviceKey);
    refreshes = [];
    const refreshed = await fetchAuthSession({ forceRefresh: true });
    expect(refreshes).toEqual([deviceKey]);
    expect(refreshed.tokens?.accessToken.payload.device_key).toBe(deviceKey);
    expect(refreshed.tokens?.accessToken.toString()).not.toBe(signedIn.tokens?.accessToken.toString());
    await signOut();

    // Another device: its own storage, no device key. The TOTP code is asked.
    cognitoUserPoolsTokenProvider.setKeyValueStorage(new MemoryStorage());
    challenges = [];
    const asked = await signIn({ username: 'gina', password: PASSWORD });
    expect(asked.nextStep.signInStep).toBe('CONFIRM_SIGN_IN_WITH_TOTP_CODE');
    expect(await confirmSignIn({ challengeResponse: code(setup.sharedSecret, 1) })).toEqual({
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
    expect(challenges).toEqual(['PASSWORD_VERIFIER', 'SOFTWARE_TOKEN_MFA']);
    expect(await fetchDevices()).toHaveLength(2);
    await signOut();
  });
});
