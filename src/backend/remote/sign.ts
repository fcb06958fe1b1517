// AWS credentials and SigV4 for the signed (admin) operations. The signer, the hash and the
// credential chain are loaded with import() on the first signed call only: the unsigned TOTP
// calls and the local backend never pay for them.
import { ConfigError, GeneralError } from '../../errors.ts';

export interface Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  /** Where they came from, for --debug ("env", "shared files / credential chain"). */
  readonly source: string;
}

export const NO_CREDENTIALS =
  'Unable to locate credentials. You can configure credentials by running "aws configure".';

export interface CredentialOptions {
  /** The profile named by --profile (undefined when not given on the command line). */
  readonly profile?: string | undefined;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * botocore's order: the environment first (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY[/AWS_SESSION_TOKEN]),
 * unless a profile was named with --profile, which "negates the env provider"
 * (credentials.py create_credential_resolver); then the shared files and the rest of the chain,
 * through @aws-sdk/credential-provider-node's defaultProvider.
 * Env credentials are read from `env` directly: it is the environment the CLI was given (tests pass
 * their own), and it spares loading the SDK chain in the common case.
 */
export async function resolveCredentials(opts: CredentialOptions): Promise<Credentials> {
  const env = opts.env;
  if (opts.profile === undefined && env.AWS_ACCESS_KEY_ID) {
    if (!env.AWS_SECRET_ACCESS_KEY) {
      // botocore PartialCredentialsError, a BotoCoreError: v2 exits 255.
      throw new GeneralError('Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY');
    }
    return {
      accessKeyId: env.AWS_ACCESS_KEY_ID,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
      ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
      source: 'env',
    };
  }
  const profile = opts.profile ?? env.AWS_PROFILE ?? env.AWS_DEFAULT_PROFILE;
  const { defaultProvider } = await import('@aws-sdk/credential-provider-node');
  try {
    const provider = defaultProvider({
      ...(profile !== undefined ? { profile } : {}),
      ...(env.AWS_SHARED_CREDENTIALS_FILE !== undefined ? { filepath: env.AWS_SHARED_CREDENTIALS_FILE } : {}),
      ...(env.AWS_CONFIG_FILE !== undefined ? { configFilepath: env.AWS_CONFIG_FILE } : {}),
    });
    const c = await provider();
    return {
      accessKeyId: c.accessKeyId,
      secretAccessKey: c.secretAccessKey,
      ...(c.sessionToken ? { sessionToken: c.sessionToken } : {}),
      source: profile !== undefined ? `credential chain, profile ${profile}` : 'credential chain',
    };
  } catch (e) {
    const name = e instanceof Error ? e.name : '';
    // The chain ran out of places to look: botocore's NoCredentialsError (v2 rc 253).
    if (name === 'CredentialsProviderError' || name === 'ProviderError')
      throw new ConfigError(NO_CREDENTIALS);
    throw new GeneralError(
      `Error when retrieving credentials: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

export interface SignInput {
  readonly protocol: 'http:' | 'https:';
  readonly hostname: string;
  readonly port: number;
  readonly path: string;
  /** Only the headers to sign: botocore signs Content-Type, Host, X-Amz-Date and X-Amz-Target. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/**
 * SigV4 headers (X-Amz-Date, X-Amz-Security-Token when there is a session token, Authorization)
 * for service `cognito-idp`. No x-amz-content-sha256: botocore does not send it for this service.
 */
export async function sigV4Headers(
  input: SignInput,
  credentials: Credentials,
  region: string,
  now: Date,
): Promise<Record<string, string>> {
  const [{ SignatureV4 }, { Hash }] = await Promise.all([
    import('@smithy/signature-v4'),
    import('@smithy/hash-node'),
  ]);
  const signer = new SignatureV4({
    service: 'cognito-idp',
    region,
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      ...(credentials.sessionToken !== undefined ? { sessionToken: credentials.sessionToken } : {}),
    },
    sha256: Hash.bind(null, 'sha256'),
    applyChecksum: false,
  });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: input.protocol,
      hostname: input.hostname,
      port: input.port,
      path: input.path,
      query: {},
      headers: { ...input.headers },
      body: input.body,
    },
    { signingDate: now },
  );
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(signed.headers)) {
    const lower = k.toLowerCase();
    if (lower === 'authorization') out.Authorization = v;
    else if (lower === 'x-amz-date') out['X-Amz-Date'] = v;
    else if (lower === 'x-amz-security-token') out['X-Amz-Security-Token'] = v;
  }
  return out;
}
