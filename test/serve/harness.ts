// Starts `cognito-totp serve` as a real process of the built binary (run `npm run build` first)
// and talks to it over loopback.
import { type ChildProcess, spawn } from 'node:child_process';
import { type Agent, request } from 'node:http';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  type ExplicitAuthFlowsType,
  SetUserPoolMfaConfigCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, expect } from 'vitest';
import { BIN, cleanEnv, tempStateFile } from '../helpers/cli.ts';

export interface Served {
  proc: ChildProcess;
  port: number;
  url: string;
  stateFile: string;
  stderr: () => string;
  /** Resolves with the exit code once the process has ended. */
  exited: Promise<number | null>;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

/** `args` go after serve's own; `command` wraps the process (e.g. a shell that lowers a limit first). */
export async function serve(
  stateFile = tempStateFile(),
  opts: { args?: string[]; wrap?: (argv: string[]) => string[] } = {},
): Promise<Served> {
  const argv = [
    process.execPath,
    BIN,
    'serve',
    '--port',
    '0',
    '--state-file',
    stateFile,
    ...(opts.args ?? []),
  ];
  const [cmd, ...rest] = opts.wrap ? opts.wrap(argv) : argv;
  const proc = spawn(cmd!, rest, {
    env: cleanEnv(),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${err}`)), 15_000);
    proc.stderr!.on('data', (c: Buffer) => {
      err += c.toString('utf8');
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    proc.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
  return {
    proc,
    port,
    url: `http://127.0.0.1:${port}`,
    stateFile,
    stderr: () => err,
    exited,
    stop: (signal = 'SIGTERM') => {
      if (proc.exitCode === null) proc.kill(signal);
      return exited;
    },
  };
}

/** A serve process and an AWS SDK v3 client pointed at it, as the SDK test files share them. */
export async function serveWithSdk(): Promise<{ srv: Served; sdk: CognitoIdentityProviderClient }> {
  const srv = await serve();
  const sdk = new CognitoIdentityProviderClient({
    endpoint: srv.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
    maxAttempts: 1,
  });
  return { srv, sdk };
}

/**
 * serveWithSdk for a whole test file: started before its tests, handed to `use`, and stopped after
 * them, the server's exit status checked (0: it stopped cleanly).
 */
export function serveWithSdkForFile(
  use: (s: { srv: Served; sdk: CognitoIdentityProviderClient }) => void,
): void {
  let started: { srv: Served; sdk: CognitoIdentityProviderClient } | undefined;
  beforeAll(async () => {
    started = await serveWithSdk();
    use(started);
  });
  afterAll(async () => {
    started?.sdk.destroy();
    expect(await started?.srv.stop()).toBe(0);
  });
}

/** What the device tests ask of a pool: remembered on the user's prompt, skipping MFA there. */
export const PROMPTED_DEVICES = {
  ChallengeRequiredOnNewDevice: true,
  DeviceOnlyRememberedOnUserPrompt: true,
} as const;

/**
 * A pool that tracks devices (PROMPTED_DEVICES unless told), TOTP on with MFA optional, a client
 * with the given flows, and a confirmed user with a permanent password: the start of every device
 * test through `serve`, made with the AWS SDK v3 as an app's back end would.
 */
export async function devicePool(
  sdk: CognitoIdentityProviderClient,
  opts: {
    poolName: string;
    username: string;
    password: string;
    flows: ExplicitAuthFlowsType[];
    clientName?: string;
    devices?: { ChallengeRequiredOnNewDevice: boolean; DeviceOnlyRememberedOnUserPrompt: boolean };
  },
): Promise<{ pool: string; client: string }> {
  const pool = (
    await sdk.send(
      new CreateUserPoolCommand({
        PoolName: opts.poolName,
        DeviceConfiguration: opts.devices ?? PROMPTED_DEVICES,
      }),
    )
  ).UserPool!.Id!;
  await sdk.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: pool,
      SoftwareTokenMfaConfiguration: { Enabled: true },
      MfaConfiguration: 'OPTIONAL',
    }),
  );
  const client = (
    await sdk.send(
      new CreateUserPoolClientCommand({
        UserPoolId: pool,
        ClientName: opts.clientName ?? 'spa',
        ExplicitAuthFlows: opts.flows,
      }),
    )
  ).UserPoolClient!.ClientId!;
  await sdk.send(
    new AdminCreateUserCommand({ UserPoolId: pool, Username: opts.username, MessageAction: 'SUPPRESS' }),
  );
  await sdk.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: pool,
      Username: opts.username,
      Password: opts.password,
      Permanent: true,
    }),
  );
  return { pool, client };
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The connection it came over (with a keep-alive agent, compare to see one reused). */
  socket: unknown;
}

/** One raw POST / (or other method/path) with the given target and body. */
export function raw(
  port: number,
  opts: {
    target?: string;
    body?: string | Buffer;
    /** Sent one after another with chunked transfer encoding (no Content-Length), instead of body. */
    chunks?: Buffer[];
    method?: string;
    path?: string;
    /** Default: none (a connection of its own, closed after). */
    agent?: Agent;
    /** More request headers (Host, Origin...), over the defaults. */
    headers?: Record<string, string>;
  },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'Content-Type': 'application/x-amz-json-1.1' };
    if (opts.target !== undefined) headers['X-Amz-Target'] = opts.target;
    if (opts.chunks) headers['Transfer-Encoding'] = 'chunked';
    Object.assign(headers, opts.headers);
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: opts.method ?? 'POST',
        path: opts.path ?? '/',
        headers,
        agent: opts.agent ?? false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
            socket: req.socket,
          }),
        );
      },
    );
    req.on('error', reject);
    for (const c of opts.chunks ?? []) req.write(c);
    req.end(opts.chunks ? undefined : (opts.body ?? ''));
  });
}

export const target = (op: string) => `AWSCognitoIdentityProviderService.${op}`;

/** A call that must succeed; its parsed answer. */
export async function call(port: number, op: string, input: Record<string, unknown>): Promise<any> {
  const a = await raw(port, { target: target(op), body: JSON.stringify(input) });
  if (a.status !== 200) throw new Error(`${op} answered ${a.status}: ${a.body}`);
  return JSON.parse(a.body);
}
