// Packages that only some commands need, loaded on first use. CommonJS ones (enquirer,
// qrcode-terminal) through require, which works in every way the program runs (the bundle, the
// code-cached bundle, vitest). ESM-only ones (chalk, conf) through import(), falling back to
// require when the host gives no import() (a vm.Script compiled from V8's code cache in Node 20:
// ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING), since Node >= 20.19 can require() ES modules.
import type * as YamlModule from 'yaml';

// Made on first use: import.meta.url costs a file URL, createRequire a resolver, and node:module
// itself loads Node's ESM loader (~0.5 ms), on every run that needs none of them (most of them).
let requireFromHere: NodeJS.Require | undefined;
function requireHere<T>(id: string): T {
  requireFromHere ??= process.getBuiltinModule('node:module').createRequire(import.meta.url);
  return requireFromHere(id) as T;
}

function noDynamicImport(e: unknown): boolean {
  return (e as { code?: string }).code === 'ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING';
}

export function loadQrcodeTerminal(): typeof import('qrcode-terminal') {
  return requireHere('qrcode-terminal');
}

export function loadEnquirer(): typeof import('enquirer') {
  return requireHere('enquirer');
}

/**
 * The `otpauth` package (its CommonJS build), which generates codes (codeAt): it loads node:crypto
 * as it starts, so it stays out of the bundle's modules a verify initialises.
 */
export function loadOtpauth(): typeof import('otpauth') {
  return requireHere('otpauth');
}

/** The `yaml` package (CommonJS): kept out of the bundle, whose every byte is read at each start. */
export function loadYaml(): typeof YamlModule {
  return requireHere('yaml');
}

export async function loadChalk(): Promise<typeof import('chalk')> {
  try {
    return await import('chalk');
  } catch (e) {
    if (noDynamicImport(e)) return requireHere('chalk');
    throw e;
  }
}

export async function loadConf(): Promise<typeof import('conf')> {
  let mod: typeof import('conf');
  try {
    mod = await import('conf');
  } catch (e) {
    if (!noDynamicImport(e)) throw e;
    mod = requireHere('conf');
  }
  // In the bundle import() is compiled to require(): an ES module's namespace then arrives wrapped
  // once more as the default export. Unwrap it so callers always see conf's own namespace.
  return typeof mod.default === 'function' ? mod : (mod.default as unknown as typeof import('conf'));
}
