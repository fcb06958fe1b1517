// Owns the server half of Cognito's SRP: the verifier kept for a password, B for a challenge, and
// the key that checks a PASSWORD_CLAIM_SIGNATURE. State (salt, verifier, secret block) is the
// caller's: the local emulator keeps it (src/backend/local/ops/srp-sign-in.ts).
import { computeU, derivedKey, g, modPow, multiplierK, N, verifier } from './math.ts';

export { verifier };

/** B = (k·v + g^b) mod N. */
export function serverB(v: bigint, b: bigint): bigint {
  return (multiplierK() * v + modPow(g, b)) % N;
}

/** The shared key K from the server's side: S = (A·v^u)^b mod N, then the Caldera HKDF. */
export function serverKey(A: bigint, B: bigint, b: bigint, v: bigint): Buffer {
  const u = computeU(A, B);
  const S = modPow((A * modPow(v, u)) % N, b);
  return derivedKey(S, u);
}
