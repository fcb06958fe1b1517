// node:crypto, loaded on first use instead of when a module that may need it is initialised.
// Loading it loads Node's streams too: about 3 ms, 5% of a command's whole run next to bare
// `node -e 0` (measured side by side). The local backend's modules are all initialised by every
// call (the handler table), yet a verify-software-token, or any call that only checks an access
// token and a TOTP code, needs nothing of it (sha.ts, rs256.ts): only the calls that sign, seal,
// hash a password or draw random bytes load it.
let loaded: typeof import('node:crypto') | undefined;

export function nodeCrypto(): typeof import('node:crypto') {
  loaded ??= process.getBuiltinModule('node:crypto');
  return loaded;
}

/**
 * Whether this process has loaded node:crypto already, through nodeCrypto: then OpenSSL is the
 * cheaper way to check a signature (0.03 ms against ~0.1 ms in JavaScript), as in the server.
 */
export function nodeCryptoLoaded(): boolean {
  return loaded !== undefined;
}
