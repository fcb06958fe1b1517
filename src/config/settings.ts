// cognito-totp's own settings (configure list|get|set|unset): where conf keeps them, how they are
// read cheaply on every command, and the keys and values allowed.
//
// Reads do not load conf: they compute conf's file path the way conf does (env-paths with the
// `-nodejs` suffix) and read the JSON when the file exists, so a plain command pays one stat when
// nothing is configured. Writes go through conf, imported only by `configure`.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, GeneralError, ParamError } from '../errors.ts';
import { COLOR_MODES, OUTPUT_FORMATS } from '../output/formats.ts';
import { loadConf } from '../shared/lazy.ts';
import { homeOf } from './home.ts';

export type SettingKey = 'backend' | 'stateFile' | 'issuer' | 'output' | 'region' | 'color';

export interface SettingSpec {
  doc: string;
  /** Allowed values, when the value is one of a few words. */
  choices?: readonly string[];
  /** Other checks: a message when the value is refused. */
  check?: (value: string) => string | undefined;
}

export const SETTINGS: Readonly<Record<SettingKey, SettingSpec>> = {
  backend: {
    doc: 'Where commands go when no flag or environment variable says: local (the emulator) or remote (Amazon Cognito, as with --remote).',
    choices: ['local', 'remote'],
  },
  stateFile: {
    doc: 'The local emulator state file, below --state-file and COGNITO_TOTP_STATE_FILE.',
    check: (v) => (v.trim() === '' ? 'the path must not be empty' : undefined),
  },
  issuer: {
    doc: 'The issuer an authenticator app shows for enrollments (--qr, enroll, quickstart), below --issuer.',
    check: (v) => (v.trim() === '' ? 'the issuer must not be empty' : undefined),
  },
  output: {
    doc: 'The output format, below --output and AWS_DEFAULT_OUTPUT, above the AWS profile.',
    choices: OUTPUT_FORMATS,
  },
  region: {
    doc: 'The region, below --region, AWS_REGION and AWS_DEFAULT_REGION, above the AWS profile.',
    check: (v) =>
      /^(?![0-9]+$)(?!-)[a-zA-Z0-9-]{1,63}(?<!-)$/.test(v) ? undefined : 'not a region name (e.g. eu-west-1)',
  },
  color: {
    doc: 'Colour on stderr: on, off or auto (only on a terminal), below --color.',
    choices: COLOR_MODES,
  },
};

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

/** conf's projectName; with conf's default projectSuffix the folder is `cognito-totp-nodejs`. */
export const PROJECT_NAME = 'cognito-totp';
const FOLDER = `${PROJECT_NAME}-nodejs`;

/**
 * The folder conf uses (env-paths' `config` path), computed from the given environment:
 * COGNITO_TOTP_CONFIG_DIR when set (tests, portable installs), else per platform as env-paths does.
 */
export function configDir(env: NodeJS.ProcessEnv): string {
  if (env.COGNITO_TOTP_CONFIG_DIR) return env.COGNITO_TOTP_CONFIG_DIR;
  const home = homeOf(env);
  switch (process.platform) {
    case 'darwin':
      return join(home, 'Library', 'Preferences', FOLDER);
    case 'win32':
      return join(env.APPDATA || join(home, 'AppData', 'Roaming'), FOLDER, 'Config');
    default:
      return join(env.XDG_CONFIG_HOME || join(home, '.config'), FOLDER);
  }
}

export function configPath(env: NodeJS.ProcessEnv): string {
  return join(configDir(env), 'config.json');
}

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTINGS, key);
}

/** Refuses an unknown key with the list of known ones (exit 252). */
export function checkKey(key: string): SettingKey {
  if (!isSettingKey(key)) {
    throw new ParamError(`Unknown setting '${key}'. Known settings: ${SETTING_KEYS.join(', ')}.`);
  }
  return key;
}

/** Why a value is refused for a key, or undefined when it is fine. */
export function problemWith(key: SettingKey, value: string): string | undefined {
  const spec = SETTINGS[key];
  if (spec.choices && !spec.choices.includes(value)) return `valid values are ${spec.choices.join(', ')}`;
  return spec.check?.(value);
}

const cache = new Map<string, Partial<Record<SettingKey, string>>>();

/** Every setting in the file (none when there is no file). A broken file is a ConfigError (253). */
export function readSettings(env: NodeJS.ProcessEnv): Partial<Record<SettingKey, string>> {
  const file = configPath(env);
  const hit = cache.get(file);
  if (hit) return hit;
  let out: Partial<Record<SettingKey, string>> = {};
  if (existsSync(file)) out = parseSettingsFile(file, readFileSync(file, 'utf8'));
  cache.set(file, out);
  return out;
}

function parseSettingsFile(file: string, text: string): Partial<Record<SettingKey, string>> {
  const broken = (why: string) =>
    new ConfigError(
      `The settings file ${file} ${why}. Fix it, or remove it (cognito-totp configure unset KEY rewrites it).`,
    );
  if (text.trim() === '') return {};
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw broken(`is not valid JSON (${(e as Error).message})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw broken('is not a JSON object');
  const out: Partial<Record<SettingKey, string>> = {};
  for (const [k, v] of Object.entries(data)) {
    // Keys we do not know are left alone: a newer version may have written them.
    if (!isSettingKey(k)) continue;
    if (typeof v !== 'string') throw broken(`has a ${typeof v} for '${k}' where a string is expected`);
    const problem = problemWith(k, v);
    if (problem) throw broken(`has '${v}' for '${k}': ${problem}`);
    out[k] = v;
  }
  return out;
}

/** One setting, or undefined. Cheap when nothing is configured: one existsSync. */
export function readSetting(env: NodeJS.ProcessEnv, key: SettingKey): string | undefined {
  return readSettings(env)[key];
}

/** conf on the same folder readSettings reads (loaded only here: it costs a few milliseconds). */
async function openConf(env: NodeJS.ProcessEnv) {
  const { default: Conf } = await loadConf();
  return new Conf<Record<string, string>>({
    projectName: PROJECT_NAME,
    cwd: configDir(env),
    // Not secret, but private to the user like ~/.aws/config.
    configFileMode: 0o600,
  });
}

/** A change through conf; a file system failure is reported with the file's name (exit 255). */
async function writing(env: NodeJS.ProcessEnv, change: () => Promise<void>): Promise<void> {
  try {
    await change();
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) {
      throw new GeneralError(`Cannot write the settings file ${configPath(env)}: ${(e as Error).message}`);
    }
    throw e;
  } finally {
    cache.delete(configPath(env));
  }
}

export async function writeSetting(env: NodeJS.ProcessEnv, key: SettingKey, value: string): Promise<string> {
  const problem = problemWith(key, value);
  if (problem) throw new ParamError(`Invalid value '${value}' for setting '${key}': ${problem}.`);
  readSettings(env); // a broken file is reported, not overwritten
  await writing(env, async () => (await openConf(env)).set(key, value));
  return configPath(env);
}

export async function unsetSetting(env: NodeJS.ProcessEnv, key: SettingKey): Promise<boolean> {
  const file = configPath(env);
  if (!existsSync(file)) return false;
  const had = readSettings(env)[key] !== undefined;
  await writing(env, async () => (await openConf(env)).delete(key));
  return had;
}

/** For tests: forget what was read. */
export function clearSettingsCache(): void {
  cache.clear();
}
