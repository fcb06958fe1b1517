// The remote backend: sends a request, unchanged, to a Cognito endpoint over AWS JSON 1.1 and
// returns its answer, with botocore's signing, retries, error reading and failure messages.
import { readFileSync } from 'node:fs';
import { release, type } from 'node:os';
import type { RetryMode } from '../../config/aws-config.ts';
import { GeneralError, ServiceError } from '../../errors.ts';
import { cliName, getOperation, type OperationName, type Request, type Response } from '../../model/index.ts';
import { encodeJson, encodeRequest, isErrorStatus, parseError, parseSuccess } from '../../protocol/json11.ts';
import {
  MASK,
  makeRedactor,
  maskSensitive,
  maskUrlCredentials,
  maskUrlCredentialsIn,
  sensitiveValues,
} from '../../shared/mask.ts';
import { VERSION } from '../../shared/version.ts';
import type { Backend, Wire } from '../backend.ts';
import { checkEndpointUrl, type RequestTarget, requestTarget } from './endpoint.ts';
import { exchange, type HttpAnswer, TransportError } from './http.ts';
import { type ProxyInfo, proxyFor } from './proxy.ts';
import { type AttemptOutcome, isRetryable, reportsMaxRetries, retryDelaySeconds } from './retry.ts';
import { type Credentials, resolveCredentials, sigV4Headers } from './sign.ts';

export { maskSensitive } from '../../shared/mask.ts';
export { type EndpointChoice, resolveEndpoint } from './endpoint.ts';

export interface RemoteOptions {
  /** The full endpoint URL, e.g. https://cognito-idp.eu-west-1.amazonaws.com or http://127.0.0.1:9229. */
  readonly endpoint: string;
  readonly region: string;
  /** The profile named by --profile; undefined when the flag was not given (AWS_PROFILE is read from env). */
  readonly profile?: string | undefined;
  readonly verifySsl: boolean;
  /** A PEM file whose certificates replace the default CAs (--ca-bundle, AWS_CA_BUNDLE, ca_bundle). */
  readonly caBundle?: string | undefined;
  /** 0 = no limit. */
  readonly connectTimeoutMs: number;
  /** 0 = no limit. The longest silence once connected, as urllib3's read timeout. */
  readonly readTimeoutMs: number;
  /** False for --no-sign-request: nothing is signed and no credentials are looked up. */
  readonly signRequest: boolean;
  /** Attempts in all, first one included (AWS_MAX_ATTEMPTS; v2 default 3). */
  readonly maxAttempts: number;
  readonly retryMode: RetryMode;
  readonly debug: (msg: string) => void;
  readonly env: NodeJS.ProcessEnv;
  /** Test seams: waiting between attempts, the jitter source, the signing clock. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly random?: () => number;
  readonly now?: () => Date;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function createRemoteBackend(opts: RemoteOptions): Backend {
  checkEndpointUrl(opts.endpoint);
  return new RemoteBackend(opts);
}

class RemoteBackend implements Backend {
  readonly #opts: RemoteOptions;
  readonly #target: RequestTarget;
  readonly #proxy: ProxyInfo | undefined;
  #ca: Buffer | undefined;
  #credentials: Promise<Credentials> | undefined;

  constructor(opts: RemoteOptions) {
    this.#opts = opts;
    this.#target = requestTarget(opts.endpoint);
    this.#proxy = proxyFor(this.#target, opts.env);
  }

  describe(): string {
    const signing = this.#opts.signRequest
      ? 'SigV4 for the operations Cognito signs'
      : 'unsigned (--no-sign-request)';
    const proxy = this.#proxy ? `, through proxy ${this.#proxy.display}` : '';
    return `remote ${maskUrlCredentials(this.#target.url)} (region ${this.#opts.region}, ${signing}${proxy})`;
  }

  /** The service's answer, typed by the model: the AWS CLI does not check answers, nor do we. */
  async call<N extends OperationName>(op: N, request: Request<N>): Promise<Response<N>> {
    return (await this.callWire(op, request as Wire)) as Response<N>;
  }

  private async callWire(op: OperationName, request: Wire): Promise<Wire> {
    const o = this.#opts;
    const model = getOperation(op);
    const target = this.#target;
    const redact = makeRedactor(sensitiveValues(model.input, request));
    // Every line, whatever it quotes (a server's error, a redirect), with URL passwords hidden too.
    const log = (msg: string): void => o.debug(maskUrlCredentialsIn(redact(msg)));
    const encoded = encodeRequest(op, request);
    const body = Buffer.from(encoded.body, 'utf8');
    // Only a TLS connection reads the CA bundle, as botocore (httpsession.py _setup_ssl_cert) uses
    // `verify` for https URLs alone: an http:// endpoint works with any AWS_CA_BUNDLE.
    const tls = target.protocol === 'https:' || this.#proxy?.protocol === 'https:';
    const ca = tls ? this.#caBundle() : undefined;
    // Operations Cognito marks `authtype: none` go unsigned, as in current botocore and the JS SDK.
    // Deliberate difference from v2 2.9.19, whose older model still signs Associate/VerifySoftwareToken.
    const sign = o.signRequest && model.unsigned !== true;
    const credentials = sign ? await this.#resolveCredentials(log) : undefined;

    log(
      `Making request for ${op}: POST ${target.url}${this.#proxy ? ` via proxy ${this.#proxy.display}` : ''}`,
    );
    log(`Request body: ${encodeJson(maskSensitive(model.input, request))}`);

    const sleep = o.sleep ?? realSleep;
    const random = o.random ?? Math.random;
    const maxAttempts = Math.max(1, o.maxAttempts);
    for (let attempt = 1; ; attempt++) {
      // Header order follows v2's request; X-Amz-Date and the signature are made afresh per attempt.
      const headers: Record<string, string> = {
        Host: target.host,
        'Accept-Encoding': 'identity',
        ...encoded.headers,
        'User-Agent': userAgent(op),
      };
      if (credentials !== undefined) {
        const toSign = {
          host: target.host,
          'content-type': encoded.headers['Content-Type'],
          'x-amz-target': encoded.headers['X-Amz-Target'],
        };
        const now = o.now?.() ?? new Date();
        const signed = await sigV4Headers(
          { ...target, headers: toSign, body: encoded.body },
          credentials,
          o.region,
          now,
        );
        Object.assign(headers, signed);
      }
      headers['Content-Length'] = String(body.length);
      log(`Request headers (attempt ${attempt} of ${maxAttempts}): ${JSON.stringify(maskHeaders(headers))}`);

      let answer: HttpAnswer | undefined;
      let failure: TransportError | undefined;
      try {
        answer = await exchange({
          target,
          proxy: this.#proxy,
          headers,
          body,
          ca,
          rejectUnauthorized: o.verifySsl,
          connectTimeoutMs: o.connectTimeoutMs,
          readTimeoutMs: o.readTimeoutMs,
        });
      } catch (e) {
        if (!(e instanceof TransportError)) throw e;
        failure = e;
        log(`Attempt ${attempt} failed: ${e.kind}: ${e.detail}`);
      }

      let outcome: AttemptOutcome;
      let serviceError: ServiceError | undefined;
      if (answer !== undefined) {
        log(`Response: ${answer.status} ${answer.statusText}`);
        log(`Response headers: ${JSON.stringify(maskHeaders(answer.headers))}`);
        if (!isErrorStatus(answer.status)) {
          const parsed = parseSuccess(answer.body, model.output);
          log(`Response body: ${maskBody(answer.body, (v) => maskSensitive(model.output, v))}`);
          return parsed;
        }
        log(`Response body: ${maskBody(answer.body, (v) => v)}`);
        const err = parseError({ status: answer.status, headers: answer.headers, body: answer.body });
        if (err.requestId !== undefined) log(`Request id: ${err.requestId}`);
        serviceError = new ServiceError(err.code, redact(err.message), answer.status);
        outcome = { kind: 'http', status: answer.status, code: err.code };
      } else {
        outcome = { kind: 'transport' };
      }

      const retryable = isRetryable(o.retryMode, outcome);
      if (retryable && attempt < maxAttempts) {
        const delay = retryDelaySeconds(o.retryMode, attempt, random);
        log(`Retry needed, retrying request after delay of: ${delay.toFixed(3)} s`);
        await sleep(delay * 1000);
        continue;
      }
      if (serviceError !== undefined) {
        if (reportsMaxRetries(o.retryMode, retryable, attempt, maxAttempts))
          serviceError.retries = attempt - 1;
        throw serviceError;
      }
      throw transportMessage(failure!, target, this.#proxy);
    }
  }

  #caBundle(): Buffer | undefined {
    const path = this.#opts.caBundle;
    if (path === undefined || !this.#opts.verifySsl) return undefined;
    if (this.#ca === undefined) {
      try {
        this.#ca = readFileSync(path);
      } catch {
        // urllib3's wording for a bundle path that cannot be read (v2 rc 255).
        throw new GeneralError(`Could not find a suitable TLS CA certificate bundle, invalid path: ${path}`);
      }
    }
    return this.#ca;
  }

  async #resolveCredentials(log: (msg: string) => void): Promise<Credentials> {
    if (this.#credentials === undefined) {
      this.#credentials = resolveCredentials({ profile: this.#opts.profile, env: this.#opts.env });
      // A failed lookup is not cached: the error is reported and the backend is not reused.
      this.#credentials.catch(() => {
        this.#credentials = undefined;
      });
    }
    const c = await this.#credentials;
    log(`Found credentials in ${c.source}`);
    return c;
  }
}

function userAgent(op: string): string {
  // v2 sends `aws-cli/2.9.19 Python/3.11.2 Linux/<release> source/<arch> ... command/cognito-idp.<op>`.
  return `cognito-totp/${VERSION} Node.js/${process.version} ${type()}/${release()} arch/${process.arch} command/cognito-idp.${cliName(op)}`;
}

/** Headers for --debug: the signature and the session token hidden, the rest as sent. */
function maskHeaders(
  headers: Readonly<Record<string, string | string[] | undefined>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(headers)) {
    const lower = k.toLowerCase();
    if (lower === 'authorization' && typeof v === 'string')
      out[k] = v.replace(/Signature=[0-9a-fA-F]+/, `Signature=${MASK}`);
    else if (lower === 'x-amz-security-token' || lower === 'set-cookie' || lower === 'proxy-authorization')
      out[k] = MASK;
    else out[k] = v;
  }
  return out;
}

/** A body for --debug: JSON masked by the shape when it parses, else the raw text. */
function maskBody(body: string, mask: (value: unknown) => unknown): string {
  try {
    return JSON.stringify(mask(JSON.parse(body)));
  } catch {
    return body;
  }
}

/** botocore's messages for a call that got no answer (exceptions.py), all rc 255. */
function transportMessage(
  e: TransportError,
  target: RequestTarget,
  proxy: ProxyInfo | undefined,
): GeneralError {
  const url = target.url;
  switch (e.kind) {
    case 'connect':
      return new GeneralError(`Could not connect to the endpoint URL: "${url}"`);
    case 'connect-timeout':
      return new GeneralError(`Connect timeout on endpoint URL: "${url}"`);
    case 'read-timeout':
      return new GeneralError(`Read timeout on endpoint URL: "${url}"`);
    case 'ssl':
      return new GeneralError(`SSL validation failed for ${url} ${e.detail}`);
    case 'closed':
      return new GeneralError(
        `Connection was closed before we received a valid response from endpoint URL: "${url}".`,
      );
    case 'proxy':
      return new GeneralError(`Failed to connect to proxy URL: "${proxy?.display ?? ''}"`);
  }
}
