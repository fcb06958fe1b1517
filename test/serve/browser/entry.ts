// The page of clients-browser.test.ts: Amplify v6 bundled for the browser (esbuild), its auth functions
// put on window.amplify for the test to drive step by step. Every answer is reduced to plain JSON
// (tokens as their strings) so that it crosses page.evaluate; an error becomes
// { error: { name, message } }.
import { Amplify } from 'aws-amplify';
import {
  confirmSignIn,
  fetchAuthSession,
  fetchMFAPreference,
  getCurrentUser,
  setUpTOTP,
  signIn,
  signOut,
  updateMFAPreference,
  verifyTOTPSetup,
} from 'aws-amplify/auth';
import { ConsoleLogger } from 'aws-amplify/utils';

// Amplify warns on every configure that the endpoint is a custom one: true, and known here; any
// other warning or error in the console is a problem the test reports.
ConsoleLogger.LOG_LEVEL = 'ERROR';

type Json = Record<string, unknown>;

async function wrap<T>(fn: () => Promise<T>): Promise<T | { error: { name: string; message: string } }> {
  try {
    return await fn();
  } catch (e) {
    const err = e as Error;
    return { error: { name: err.name, message: err.message } };
  }
}

const api = {
  configure(userPoolId: string, userPoolClientId: string, userPoolEndpoint: string): void {
    Amplify.configure({ Auth: { Cognito: { userPoolId, userPoolClientId, userPoolEndpoint } } });
  },
  signIn: (username: string, password: string) => wrap(() => signIn({ username, password })),
  confirmSignIn: (challengeResponse: string) =>
    wrap(async () => {
      const out = await confirmSignIn({ challengeResponse });
      const step = out.nextStep as unknown as Json & { totpSetupDetails?: { sharedSecret: string } };
      // totpSetupDetails carries a function (getSetupUri): only the secret crosses.
      return step.totpSetupDetails
        ? {
            isSignedIn: out.isSignedIn,
            nextStep: { signInStep: step.signInStep, sharedSecret: step.totpSetupDetails.sharedSecret },
          }
        : out;
    }),
  setUpTOTP: () => wrap(async () => (await setUpTOTP()).sharedSecret),
  verifyTOTPSetup: (code: string) =>
    wrap(async () => {
      await verifyTOTPSetup({ code });
      return 'verified';
    }),
  updateMFAPreference: () =>
    wrap(async () => {
      await updateMFAPreference({ totp: 'PREFERRED' });
      return 'updated';
    }),
  fetchMFAPreference: () => wrap(() => fetchMFAPreference()),
  getCurrentUser: () => wrap(() => getCurrentUser()),
  tokens: (forceRefresh: boolean) =>
    wrap(async () => {
      const { tokens } = await fetchAuthSession({ forceRefresh });
      return { accessToken: tokens?.accessToken.toString(), idToken: tokens?.idToken?.toString() };
    }),
  signOut: (global: boolean) =>
    wrap(async () => {
      await signOut({ global });
      return 'signed out';
    }),
};

// globalThis is the page's window (the project's tsconfig has no DOM types).
(globalThis as unknown as { amplify: typeof api }).amplify = api;
