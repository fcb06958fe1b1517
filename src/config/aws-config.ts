// The AWS shared configuration as AWS CLI v2 reads it: profile, region, output, endpoint URL,
// CA bundle and retry settings from flags, environment and ~/.aws/{config,credentials}, each with
// where it came from (for --debug). Files are read lazily: only when a profile is named or when
// a value is not settled by a flag or the environment. Nothing is read at import time.
import { existsSync, readFileSync } from 'node:fs';
import { parse as iniParse } from 'ini';
import { GeneralError } from '../errors.ts';
import { homeOf } from './home.ts';

export type RetryMode = 'standard' | 'legacy' | 'adaptive';

export type SettingName =
  | 'profile'
  | 'region'
  | 'output'
  | 'endpointUrl'
  | 'caBundle'
  | 'maxAttempts'
  | 'retryMode';

export interface AwsSettings {
  /** The profile in use: --profile, AWS_PROFILE, AWS_DEFAULT_PROFILE, else `default`. */
  readonly profile: string;
  /** True when the profile was named (flag or environment): then it must exist. */
  readonly profileExplicit: boolean;
  readonly region: string | undefined;
  /** AWS_DEFAULT_OUTPUT, profile `output`, else `json`. The --output flag is the CLI's business. */
  readonly output: string;
  readonly endpointUrl: string | undefined;
  readonly caBundle: string | undefined;
  readonly maxAttempts: number;
  readonly retryMode: RetryMode;
  readonly configFile: string;
  readonly credentialsFile: string;
  /** Where a value came from, e.g. `env AWS_REGION` or `config file /home/u/.aws/config [profile dev]`. */
  source(name: SettingName): string;
}

export interface LoadOptions {
  readonly profile?: string | undefined;
  readonly region?: string | undefined;
  readonly endpointUrl?: string | undefined;
  readonly caBundle?: string | undefined;
  readonly env: NodeJS.ProcessEnv;
}

/** The service id "Cognito Identity Provider" as the env suffix and the `services` section key use it. */
const SERVICE_ENV = 'AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER';
const SERVICE_KEY = 'cognito_identity_provider';
const DEFAULT_MAX_ATTEMPTS = 3;

type Section = Record<string, string | Record<string, string>>;

interface Profile {
  readonly values: Section;
  /** Human-readable origin of each key, for source(). */
  readonly origin: Record<string, string>;
}

interface Files {
  readonly profiles: Map<string, Profile>;
  readonly services: Map<string, Section>;
}

export function loadAwsSettings(opts: LoadOptions): AwsSettings {
  const settings = new LazySettings(opts);
  // v2 fails at start-up when a named profile does not exist (botocore ProfileNotFound, rc 255),
  // also for `--profile default` when there is no file at all.
  if (settings.profileExplicit) settings.requireProfile();
  return settings;
}

interface Resolved {
  readonly value: string;
  readonly source: string;
}

type Step = () => Resolved | undefined;

class LazySettings implements AwsSettings {
  readonly profile: string;
  readonly profileExplicit: boolean;
  readonly configFile: string;
  readonly credentialsFile: string;
  readonly #opts: LoadOptions;
  #files: Files | undefined;
  /** Final values, memoised per setting; `sources` says where each came from. */
  readonly #values = new Map<SettingName, unknown>();
  readonly #sources = new Map<SettingName, string>();

  constructor(opts: LoadOptions) {
    this.#opts = opts;
    const env = opts.env;
    // botocore's chains are present-wins: a variable that is set, even to '', is the answer.
    const profile = first(
      flag(opts.profile, '--profile'),
      envVar(env, 'AWS_PROFILE'),
      envVar(env, 'AWS_DEFAULT_PROFILE'),
    );
    this.profile = profile?.value ?? 'default';
    this.profileExplicit = profile !== undefined;
    this.#values.set('profile', this.profile);
    this.#sources.set('profile', profile?.source ?? 'default');
    const home = env.HOME ?? homeOf(env);
    this.configFile = expandHome(env.AWS_CONFIG_FILE ?? '~/.aws/config', home);
    this.credentialsFile = expandHome(env.AWS_SHARED_CREDENTIALS_FILE ?? '~/.aws/credentials', home);
  }

  requireProfile(): void {
    if (!this.#readFiles().profiles.has(this.profile)) {
      throw new GeneralError(`The config profile (${this.profile}) could not be found`);
    }
  }

  get region(): string | undefined {
    return this.#memo('region', () => {
      const env = this.#opts.env;
      return this.#record(
        'region',
        first(
          flag(this.#opts.region, '--region'),
          envVar(env, 'AWS_REGION'),
          envVar(env, 'AWS_DEFAULT_REGION'),
          this.#fromProfile('region'),
        ),
      )?.value;
    });
  }

  get output(): string {
    return this.#memo('output', () => {
      const r = first(envVar(this.#opts.env, 'AWS_DEFAULT_OUTPUT'), this.#fromProfile('output'));
      return this.#record('output', r ?? { value: 'json', source: 'default' }).value;
    });
  }

  get caBundle(): string | undefined {
    return this.#memo('caBundle', () => {
      const env = this.#opts.env;
      return this.#record(
        'caBundle',
        first(
          flag(this.#opts.caBundle, '--ca-bundle'),
          envVar(env, 'AWS_CA_BUNDLE'),
          this.#fromProfile('ca_bundle'),
        ),
      )?.value;
    });
  }

  /**
   * --endpoint-url > AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER > AWS_ENDPOINT_URL > the profile's
   * `services` section (`cognito_identity_provider =` then an indented `endpoint_url = ...`) > the
   * profile's `endpoint_url`. AWS_IGNORE_CONFIGURED_ENDPOINT_URLS (or the profile's
   * ignore_configured_endpoint_urls) turns off all but the flag.
   * Source: AWS SDKs and Tools Reference Guide, "Service-specific endpoints".
   */
  get endpointUrl(): string | undefined {
    return this.#memo('endpointUrl', () => {
      const env = this.#opts.env;
      const fromFlag = flag(this.#opts.endpointUrl, '--endpoint-url');
      const configured: Step[] = this.#ignoreConfiguredEndpoints()
        ? []
        : [
            envVar(env, SERVICE_ENV),
            envVar(env, 'AWS_ENDPOINT_URL'),
            () => this.#servicesEndpoint(),
            this.#fromProfile('endpoint_url'),
          ];
      return this.#record('endpointUrl', first(fromFlag, ...configured))?.value;
    });
  }

  get maxAttempts(): number {
    return this.#memo('maxAttempts', () => {
      const r = this.#record(
        'maxAttempts',
        first(envVar(this.#opts.env, 'AWS_MAX_ATTEMPTS'), this.#fromProfile('max_attempts')),
      );
      if (r === undefined) {
        this.#sources.set('maxAttempts', 'default');
        return DEFAULT_MAX_ATTEMPTS;
      }
      // Python's int() is what v2 applies, and its error text is what v2 prints (rc 255).
      if (!/^\s*[+-]?\d+\s*$/.test(r.value)) {
        throw new GeneralError(`invalid literal for int() with base 10: '${r.value}'`);
      }
      const n = Number.parseInt(r.value, 10);
      if (n < 1) {
        throw new GeneralError(
          `Value provided to "max_attempts": ${n} must be an integer greater than or equal to one.`,
        );
      }
      return n;
    });
  }

  /**
   * AWS CLI v2 (2.9.19, botocore/config.py _validate_retry_configuration) accepts only `standard`
   * and `adaptive`; `legacy` is v1's mode and v2 rejects it with this message (rc 255).
   */
  get retryMode(): RetryMode {
    return this.#memo('retryMode', () => {
      const r = this.#record(
        'retryMode',
        first(envVar(this.#opts.env, 'AWS_RETRY_MODE'), this.#fromProfile('retry_mode')),
      );
      if (r === undefined) {
        this.#sources.set('retryMode', 'default');
        return 'standard';
      }
      if (r.value !== 'standard' && r.value !== 'adaptive') {
        throw new GeneralError(
          `Invalid value provided to "mode": "${r.value}" must be one of: "standard" or "adaptive"`,
        );
      }
      return r.value;
    });
  }

  source(name: SettingName): string {
    // Resolving records the source; a value that cannot be resolved (it throws) has none.
    if (!this.#values.has(name)) void this[name];
    return this.#sources.get(name) ?? 'not set';
  }

  // ---- helpers ----

  #memo<T>(name: SettingName, resolve: () => T): T {
    if (this.#values.has(name)) return this.#values.get(name) as T;
    const v = resolve();
    this.#values.set(name, v);
    return v;
  }

  #record<R extends Resolved | undefined>(name: SettingName, r: R): R {
    this.#sources.set(name, r?.source ?? 'not set');
    return r;
  }

  #fromProfile(key: string): Step {
    return () => {
      const p = this.#readFiles().profiles.get(this.profile);
      const v = p?.values[key];
      return typeof v === 'string'
        ? { value: v, source: p?.origin[key] ?? `profile ${this.profile}` }
        : undefined;
    };
  }

  #servicesEndpoint(): Resolved | undefined {
    const name = this.#readFiles().profiles.get(this.profile)?.values.services;
    if (typeof name !== 'string') return undefined;
    const nested = this.#readFiles().services.get(name)?.[SERVICE_KEY];
    if (typeof nested !== 'object' || nested.endpoint_url === undefined) return undefined;
    return {
      value: nested.endpoint_url,
      source: `config file ${this.configFile} [services ${name}] ${SERVICE_KEY}`,
    };
  }

  #ignoreConfiguredEndpoints(): boolean {
    const r = first(
      envVar(this.#opts.env, 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS'),
      this.#fromProfile('ignore_configured_endpoint_urls'),
    );
    return r !== undefined && r.value.trim().toLowerCase() === 'true';
  }

  #readFiles(): Files {
    if (this.#files === undefined) this.#files = readFiles(this.configFile, this.credentialsFile);
    return this.#files;
  }
}

function first(...steps: Step[]): Resolved | undefined {
  for (const step of steps) {
    const r = step();
    if (r !== undefined) return r;
  }
  return undefined;
}

function flag(value: string | undefined, name: string): Step {
  return () => (value === undefined ? undefined : { value, source: `flag ${name}` });
}

function envVar(env: NodeJS.ProcessEnv, name: string): Step {
  return () => {
    const value = env[name];
    return value === undefined ? undefined : { value, source: `env ${name}` };
  };
}

function expandHome(path: string, home: string): string {
  return path === '~' || path.startsWith('~/') ? home + path.slice(1) : path;
}

function readText(path: string): string | undefined {
  // Most machines have neither file: existsSync asks without building an Error for ENOENT (~0.1 ms
  // each at start-up). The read can still fail (a race, EACCES): then skipped the same way.
  if (!existsSync(path)) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch {
    // configparser.read() skips files it cannot open, and botocore ignores a missing file.
    return undefined;
  }
}

/**
 * botocore's view of the two files (configloader.py): `[default]` and `[profile NAME]` in the config
 * file, `[NAME]` in the credentials file, the credentials file's keys overriding the config file's,
 * and `[services NAME]` sections for service-specific settings.
 */
function readFiles(configFile: string, credentialsFile: string): Files {
  const profiles = new Map<string, Profile>();
  const services = new Map<string, Section>();
  const merge = (name: string, values: Section, origin: string): void => {
    const prev = profiles.get(name) ?? { values: {}, origin: {} };
    const next: Profile = { values: { ...prev.values, ...values }, origin: { ...prev.origin } };
    for (const k of Object.keys(values)) next.origin[k] = origin;
    profiles.set(name, next);
  };
  const config = readText(configFile);
  if (config !== undefined) {
    const sections = parseIni(config);
    // `[profile default]` wins over `[default]` when both exist (configloader.build_profile_map).
    const ordered = Object.keys(sections).sort(
      (a, b) => Number(a.startsWith('profile ')) - Number(b.startsWith('profile ')),
    );
    for (const name of ordered) {
      const values = sections[name]!;
      if (name === 'default') merge('default', values, `config file ${configFile} [default]`);
      const profile = /^profile\s+(.+)$/.exec(name)?.[1]?.trim();
      if (profile !== undefined) merge(profile, values, `config file ${configFile} [profile ${profile}]`);
      const service = /^services\s+(.+)$/.exec(name)?.[1]?.trim();
      if (service !== undefined) services.set(service, values);
    }
  }
  const creds = readText(credentialsFile);
  if (creds !== undefined) {
    const sections = parseIni(creds);
    for (const [name, values] of Object.entries(sections)) {
      merge(name, values, `credentials file ${credentialsFile} [${name}]`);
    }
  }
  return { profiles, services };
}

/**
 * Parses an AWS config file with the `ini` package, after rewriting the few places where Python's
 * configparser (which botocore uses) and `ini` disagree:
 * - dots in section names (`[profile a.b]`) are escaped, or `ini` would nest the section;
 * - `;`, `#` and `\` inside values are escaped: configparser has no inline comments;
 * - `key: value` becomes `key = value` (configparser's second delimiter);
 * - indented lines under a key with an empty value are that key's sub-settings
 *   (`cognito_identity_provider =\n  endpoint_url = ...`); they travel as `parent::child` keys and
 *   are folded back into a nested object.
 * Keys are lower-cased as configparser does. Known gap: a value in quotes loses its quotes here.
 */
export function parseIni(text: string): Record<string, Section> {
  const lines: string[] = [];
  let parent: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*([;#].*)?$/.test(line)) {
      lines.push(line);
      continue;
    }
    const section = /^\s*\[(.*)\]\s*$/.exec(line);
    if (section) {
      lines.push(`[${section[1]!.trim().replace(/\./g, '\\.')}]`);
      parent = undefined;
      continue;
    }
    const indented = /^\s/.test(line);
    const m = /^\s*([^=:]*?)\s*[=:]\s*(.*?)\s*$/.exec(line);
    if (!m) {
      lines.push(line);
      continue;
    }
    const key = m[1]!.toLowerCase();
    const value = m[2]!.replace(/[\\;#]/g, (c) => `\\${c}`);
    if (indented && parent !== undefined) {
      lines.push(`${parent}::${key} = ${value}`);
      continue;
    }
    parent = value === '' ? key : undefined;
    lines.push(`${key} = ${value}`);
  }
  const parsed = iniParse(lines.join('\n'));
  const out: Record<string, Section> = {};
  for (const [name, raw] of Object.entries(parsed)) {
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) continue;
    const section: Section = {};
    for (const [k, v] of Object.entries(raw as Record<string, unknown>)) {
      const value = Array.isArray(v) ? String(v[v.length - 1]) : String(v);
      const sep = k.indexOf('::');
      if (sep === -1) {
        if (typeof section[k] !== 'object') section[k] = value;
        continue;
      }
      const p = k.slice(0, sep);
      const nested = typeof section[p] === 'object' ? (section[p] as Record<string, string>) : {};
      nested[k.slice(sep + 2)] = value;
      section[p] = nested;
    }
    out[name] = section;
  }
  return out;
}
