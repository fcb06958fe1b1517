// The composition root: which backend a command talks to, the local state file, the region, the
// profile and the output format, worked out in one place for every command (the operations,
// serve, enroll, quickstart, sign-in). Precedence, first that speaks wins: flags, environment,
// cognito-totp's settings (configure set), the AWS profile, the defaults.
import { join } from 'node:path';
import type { Backend } from '../backend/backend.ts';
import { homeOf } from '../config/home.ts';
import { ParamError } from '../errors.ts';
import type { Io } from '../shared/io.ts';
import { maskUrlCredentials } from '../shared/mask.ts';
import type { Globals } from './globals.ts';
import { PROG } from './usage.ts';

type Log = (msg: string) => void;

/** The default state file: $XDG_STATE_HOME/cognito-totp/state.json, else ~/.local/state/... */
export function defaultStateFile(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_STATE_HOME || join(homeOf(env), '.local', 'state');
  return join(base, 'cognito-totp', 'state.json');
}

/** A path as the user wrote it, made absolute: `~/` is the home folder, a relative path is from cwd. */
export function resolvePath(io: Pick<Io, 'env' | 'cwd'>, p: string): string {
  if (p.startsWith('~/')) return join(homeOf(io.env), p.slice(2));
  return p.startsWith('/') ? p : join(io.cwd, p);
}

/** What every command needs to know before it picks a backend: settings, then the AWS profile. */
async function settingsOf(io: Io, globals: Globals, log: Log) {
  const { configPath, readSettings } = await import('../config/settings.ts');
  const saved = readSettings(io.env);
  const savedKeys = Object.entries(saved);
  log(
    `settings file ${configPath(io.env)}: ${savedKeys.length ? savedKeys.map(([k, v]) => `${k}=${v}`).join(', ') : 'nothing set'}`,
  );
  const regionFromSetting =
    globals.region === undefined &&
    io.env.AWS_REGION === undefined &&
    io.env.AWS_DEFAULT_REGION === undefined &&
    saved.region !== undefined;
  if (regionFromSetting) log(`region ${saved.region} from the region setting`);
  const region = regionFromSetting ? saved.region : globals.region;
  const { loadAwsSettings } = await import('../config/aws-config.ts');
  const aws = loadAwsSettings({
    ...(globals.profile !== undefined ? { profile: globals.profile } : {}),
    ...(region !== undefined ? { region } : {}),
    ...(globals.endpointUrl !== undefined ? { endpointUrl: globals.endpointUrl } : {}),
    env: io.env,
  });
  return { saved, aws };
}

/** The local state file and where the choice came from. */
function stateFileOf(
  io: Io,
  globals: Globals,
  saved: { stateFile?: string | undefined },
): { path: string; source: string } {
  const [raw, source] =
    globals.stateFile !== undefined
      ? [globals.stateFile, '--state-file']
      : io.env.COGNITO_TOTP_STATE_FILE !== undefined
        ? [io.env.COGNITO_TOTP_STATE_FILE, 'COGNITO_TOTP_STATE_FILE']
        : saved.stateFile !== undefined
          ? [saved.stateFile, 'the stateFile setting']
          : [defaultStateFile(io.env), 'the default location'];
  return { path: resolvePath(io, raw), source };
}

/** The local emulator's state: its file and the region its new pools get. */
export interface LocalTarget {
  stateFile: string;
  region: string;
}

/**
 * The local state whatever backend the environment points the CLI at: `serve` serves it even when
 * AWS_ENDPOINT_URL points the AWS tools at that very server.
 */
export async function localTarget(io: Io, globals: Globals, log: Log): Promise<LocalTarget> {
  const { saved, aws } = await settingsOf(io, globals, log);
  const sf = stateFileOf(io, globals, saved);
  log(`state file ${sf.path} from ${sf.source}`);
  return { stateFile: sf.path, region: aws.region ?? 'us-east-1' };
}

export interface Composed {
  backend: Backend;
  /** The output format of the settings or the profile, when --output does not say. */
  output?: string;
  /** Set when the backend is the local emulator. */
  local?: LocalTarget;
}

/** The backend a command's calls go to, with everything it needs. */
export async function chooseBackend(
  io: Io,
  globals: Globals,
  log: Log,
  /**
   * For `sign-in`, whose whole SRP exchange runs in this one process: the local emulator keeps its
   * SRP challenges in memory, as `serve` does, so InitiateAuth writes nothing to the state file.
   */
  opts: { srpInMemory?: boolean } = {},
): Promise<Composed> {
  const { saved, aws } = await settingsOf(io, globals, log);
  // backend=remote acts as --remote; backend=local sets aside an endpoint_url of the AWS profile
  // (not --endpoint-url or the AWS_ENDPOINT_URL* variables, which are above settings).
  const remote = globals.remote || saved.backend === 'remote';
  const keepLocal = !remote && saved.backend === 'local' && !/^(flag|env) /.test(aws.source('endpointUrl'));
  const target = keepLocal
    ? ({ kind: 'local' } as const)
    : (await import('../backend/remote/endpoint.ts')).resolveEndpoint(aws, remote);
  const outputFromSetting =
    globals.output === undefined && io.env.AWS_DEFAULT_OUTPUT === undefined && saved.output !== undefined;
  if (outputFromSetting) log(`output ${saved.output} from the output setting`);
  const output = outputFromSetting ? saved.output : aws.output;
  const withOutput = output !== undefined ? { output } : {};
  if (target.kind === 'local') {
    const sf = stateFileOf(io, globals, saved);
    log(
      `backend choice: local (${
        keepLocal
          ? 'the backend setting is local'
          : 'no --endpoint-url, AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, AWS_ENDPOINT_URL, profile endpoint_url, --remote or backend setting'
      }); state file from ${sf.source}`,
    );
    const local = { stateFile: sf.path, region: aws.region ?? 'us-east-1' };
    const { LocalBackend } = await import('../backend/local/index.ts');
    const memory = opts.srpInMemory
      ? { srpChallenges: new (await import('../backend/local/context.ts')).SrpChallenges() }
      : {};
    const backend = new LocalBackend({
      stateFile: local.stateFile,
      env: { region: local.region, ...memory },
      ...(opts.srpInMemory ? { skipUnchanged: true } : {}),
    });
    return { backend, local, ...withOutput };
  }
  log(
    `backend choice: remote ${maskUrlCredentials(target.url)} (from ${globals.remote || target.source !== 'flag --remote (the regional endpoint)' ? target.source : 'the backend setting'}), region ${target.region}`,
  );
  if (!globals.verifySsl) {
    io.stderr(
      'urllib3/connectionpool.py: InsecureRequestWarning: Unverified HTTPS request is being made. Certificate verification is disabled (--no-verify-ssl).\n',
    );
  }
  const { createRemoteBackend } = await import('../backend/remote/index.ts');
  const seconds = (v: string | undefined, flag: string): number => {
    if (v === undefined) return 60_000;
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0)
      throw new ParamError(`${PROG}: error: argument ${flag}: invalid int value: '${v}'`, { usage: true });
    return n * 1000;
  };
  const caBundle = globals.caBundle ?? aws.caBundle;
  const backend = createRemoteBackend({
    endpoint: target.url,
    region: target.region,
    ...(globals.profile !== undefined ? { profile: globals.profile } : {}),
    verifySsl: globals.verifySsl,
    ...(caBundle ? { caBundle } : {}),
    connectTimeoutMs: seconds(globals.connectTimeout, '--cli-connect-timeout'),
    readTimeoutMs: seconds(globals.readTimeout, '--cli-read-timeout'),
    signRequest: globals.signRequest,
    maxAttempts: aws.maxAttempts ?? 3,
    retryMode: (aws.retryMode ?? 'standard') as 'standard',
    debug: log,
    env: io.env,
  });
  return { backend, ...withOutput };
}
