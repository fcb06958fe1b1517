// A declarative seed for test suites: pools (MFA), app clients (auth flows, secret) and users
// (password, status, a known TOTP secret for deterministic codes), applied to the local state in
// one transaction and idempotently: a second run changes nothing it already made. Ids may be fixed
// by the file, so an app's configuration (pool id, client id) stays the same between runs.
// Everything goes through the operations' own handlers (and their validation); only what no
// operation can do (a fixed id, a known TOTP secret) is done here.
import { ServiceError } from '../../errors.ts';
import type { OperationName, Request, Response } from '../../model/index.ts';
import type { Ctx } from './context.ts';
import type { SeedClient, SeedDocument, SeedPool, SeedResult, SeedUser } from './seed-types.ts';

export type { SeedClient, SeedDocument, SeedPool, SeedResult, SeedUser } from './seed-types.ts';

/** Runs one operation as a call would: the model's checks, then its handler. */
export type Invoke = <N extends OperationName>(ctx: Ctx, op: N, req: Request<N>) => Response<N>;

const POOL_ID = /^[\w-]+_[0-9a-zA-Z]+$/;
const CLIENT_ID = /^[\w+]+$/;
const BASE32 = /^[A-Z2-7]+$/;
const MFA = ['OFF', 'ON', 'OPTIONAL'];
const DEFAULT_FLOWS = ['ALLOW_USER_SRP_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];

/** A seed document that is not what seed.ts reads (a ServiceError, so serve can answer with it). */
export class SeedError extends ServiceError {
  constructor(where: string, message: string) {
    super('InvalidParameterException', `The seed's ${where}: ${message}`);
  }
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Only the keys a seed knows: a misspelt one is an error, not silently nothing. */
function keys(where: string, o: Record<string, unknown>, allowed: readonly string[]): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) throw new SeedError(where, `unknown key "${k}".`);
}

function str(where: string, v: unknown, opts: { optional?: boolean; pattern?: RegExp; max?: number } = {}) {
  if (v === undefined && opts.optional) return undefined;
  if (typeof v !== 'string' || v === '') throw new SeedError(where, 'must be a non-empty string.');
  if (opts.max !== undefined && v.length > opts.max) throw new SeedError(where, `longer than ${opts.max}.`);
  if (opts.pattern && !opts.pattern.test(v)) throw new SeedError(where, `does not match ${opts.pattern}.`);
  return v;
}

function list(where: string, v: unknown): unknown[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) throw new SeedError(where, 'must be a list.');
  return v;
}

/** The seed document checked whole before anything is applied, each problem named by its path. */
export function checkSeed(doc: unknown): SeedDocument {
  if (!isObj(doc)) throw new SeedError('document', 'must be a mapping with a "pools" list.');
  keys('document', doc, ['pools']);
  const pools = list('pools', doc.pools).map((p, i): SeedPool => {
    const at = `pools[${i}]`;
    if (!isObj(p)) throw new SeedError(at, 'must be a mapping.');
    keys(at, p, ['id', 'name', 'mfa', 'totp', 'autoVerifiedAttributes', 'clients', 'users']);
    const mfa = str(`${at}.mfa`, p.mfa, { optional: true });
    if (mfa !== undefined && !MFA.includes(mfa))
      throw new SeedError(`${at}.mfa`, 'must be OFF, ON or OPTIONAL.');
    if (p.totp !== undefined && typeof p.totp !== 'boolean')
      throw new SeedError(`${at}.totp`, 'must be true or false.');
    const id = str(`${at}.id`, p.id, { optional: true, pattern: POOL_ID, max: 55 });
    const auto = list(`${at}.autoVerifiedAttributes`, p.autoVerifiedAttributes).map((a, k) => {
      if (a !== 'email' && a !== 'phone_number')
        throw new SeedError(`${at}.autoVerifiedAttributes[${k}]`, 'must be email or phone_number.');
      return a as 'email' | 'phone_number';
    });
    const clients = list(`${at}.clients`, p.clients).map((c, j): SeedClient => {
      const cat = `${at}.clients[${j}]`;
      if (!isObj(c)) throw new SeedError(cat, 'must be a mapping.');
      keys(cat, c, ['id', 'name', 'authFlows', 'secret', 'generateSecret']);
      const cid = str(`${cat}.id`, c.id, { optional: true, pattern: CLIENT_ID, max: 128 });
      const secret = str(`${cat}.secret`, c.secret, { optional: true, pattern: /^[\w+=,.@-]+$/, max: 64 });
      if (c.generateSecret !== undefined && typeof c.generateSecret !== 'boolean')
        throw new SeedError(`${cat}.generateSecret`, 'must be true or false.');
      const flows = c.authFlows === undefined ? undefined : list(`${cat}.authFlows`, c.authFlows);
      return {
        name: str(`${cat}.name`, c.name, { max: 128 })!,
        ...(cid !== undefined ? { id: cid } : {}),
        ...(secret !== undefined ? { secret } : {}),
        ...(c.generateSecret === true ? { generateSecret: true } : {}),
        ...(flows ? { authFlows: flows.map((f, k) => str(`${cat}.authFlows[${k}]`, f)!) } : {}),
      };
    });
    const users = list(`${at}.users`, p.users).map((u, j): SeedUser => {
      const uat = `${at}.users[${j}]`;
      if (!isObj(u)) throw new SeedError(uat, 'must be a mapping.');
      keys(uat, u, ['username', 'password', 'temporaryPassword', 'attributes', 'totpSecret', 'preferTotp']);
      const password = str(`${uat}.password`, u.password, { optional: true });
      const temporaryPassword = str(`${uat}.temporaryPassword`, u.temporaryPassword, { optional: true });
      if (password !== undefined && temporaryPassword !== undefined)
        throw new SeedError(uat, 'give password or temporaryPassword, not both.');
      const attributes: Record<string, string> = {};
      if (u.attributes !== undefined) {
        if (!isObj(u.attributes))
          throw new SeedError(`${uat}.attributes`, 'must be a mapping of names to strings.');
        for (const [k, v] of Object.entries(u.attributes)) attributes[k] = str(`${uat}.attributes.${k}`, v)!;
      }
      let totpSecret = str(`${uat}.totpSecret`, u.totpSecret, { optional: true });
      if (totpSecret !== undefined) {
        totpSecret = totpSecret.replace(/[\s=]/g, '').toUpperCase();
        // 16 base32 characters = 80 bits, RFC 4226's minimum; Cognito's own are 52 (256 bits).
        if (!BASE32.test(totpSecret) || totpSecret.length < 16)
          throw new SeedError(`${uat}.totpSecret`, 'must be base32 (A-Z, 2-7), at least 16 characters.');
      }
      if (u.preferTotp !== undefined && typeof u.preferTotp !== 'boolean')
        throw new SeedError(`${uat}.preferTotp`, 'must be true or false.');
      return {
        username: str(`${uat}.username`, u.username, { max: 128 })!,
        ...(password !== undefined ? { password } : {}),
        ...(temporaryPassword !== undefined ? { temporaryPassword } : {}),
        ...(Object.keys(attributes).length ? { attributes } : {}),
        ...(totpSecret !== undefined ? { totpSecret } : {}),
        ...(u.preferTotp === false ? { preferTotp: false } : {}),
      };
    });
    return {
      name: str(`${at}.name`, p.name, { max: 128 })!,
      ...(id !== undefined ? { id } : {}),
      ...(mfa !== undefined ? { mfa: mfa as SeedPool['mfa'] & string } : {}),
      ...(p.totp === false ? { totp: false } : {}),
      ...(auto.length ? { autoVerifiedAttributes: auto } : {}),
      clients,
      users,
    };
  });
  return { pools };
}

/** Applies a checked seed inside one transaction; what exists already is matched, not duplicated. */
export function applySeed(ctx: Ctx, doc: SeedDocument, invoke: Invoke): SeedResult {
  const result: SeedResult = { Pools: [] };
  for (const p of doc.pools) {
    const found =
      p.id !== undefined
        ? ctx.state.pools[p.id]
        : Object.values(ctx.state.pools).find((pool) => pool.name === p.name);
    let poolId: string;
    if (found) {
      poolId = found.id;
      found.name = p.name;
      if (p.autoVerifiedAttributes) found.extra.AutoVerifiedAttributes = [...p.autoVerifiedAttributes];
      else delete found.extra.AutoVerifiedAttributes;
    } else {
      ctx.seedId = p.id;
      try {
        poolId = invoke(ctx, 'CreateUserPool', {
          PoolName: p.name,
          ...(p.autoVerifiedAttributes ? { AutoVerifiedAttributes: p.autoVerifiedAttributes } : {}),
        }).UserPool!.Id!;
      } finally {
        ctx.seedId = undefined;
      }
    }
    const mfa = p.mfa ?? 'OPTIONAL';
    invoke(ctx, 'SetUserPoolMfaConfig', {
      UserPoolId: poolId,
      SoftwareTokenMfaConfiguration: { Enabled: p.totp !== false },
      MfaConfiguration: mfa,
    });
    const pool = ctx.pool(poolId);
    const clients: SeedResult['Pools'][number]['Clients'] = [];
    for (const c of p.clients ?? []) {
      const existing =
        c.id !== undefined
          ? pool.clients[c.id] && c.id
          : Object.entries(pool.clients).find(([, x]) => x.name === c.name)?.[0];
      let clientId: string;
      if (existing) clientId = existing;
      else {
        ctx.seedId = c.id;
        try {
          clientId = invoke(ctx, 'CreateUserPoolClient', {
            UserPoolId: poolId,
            ClientName: c.name,
            ExplicitAuthFlows: (c.authFlows ?? DEFAULT_FLOWS) as never,
            ...(c.generateSecret ? { GenerateSecret: true } : {}),
          }).UserPoolClient!.ClientId!;
        } finally {
          ctx.seedId = undefined;
        }
      }
      const client = pool.clients[clientId]!;
      client.name = c.name;
      if (c.authFlows) client.flows = [...c.authFlows];
      if (c.secret !== undefined) client.secret = c.secret;
      clients.push({
        ClientId: clientId,
        ClientName: client.name,
        ...(client.secret !== undefined ? { ClientSecret: client.secret } : {}),
      });
    }
    const users: SeedResult['Pools'][number]['Users'] = [];
    for (const u of p.users ?? []) {
      if (!pool.users[u.username]) {
        invoke(ctx, 'AdminCreateUser', {
          UserPoolId: poolId,
          Username: u.username,
          MessageAction: 'SUPPRESS',
          ...(u.temporaryPassword !== undefined ? { TemporaryPassword: u.temporaryPassword } : {}),
          ...(u.attributes
            ? { UserAttributes: Object.entries(u.attributes).map(([Name, Value]) => ({ Name, Value })) }
            : {}),
        });
      }
      if (u.password !== undefined) {
        invoke(ctx, 'AdminSetUserPassword', {
          UserPoolId: poolId,
          Username: u.username,
          Password: u.password,
          Permanent: true,
        });
      }
      const user = ctx.user(pool, u.username);
      if (u.totpSecret !== undefined) {
        // What associate + verify + set-user-mfa-preference leave behind, with the secret chosen.
        if (user.totp?.secret !== u.totpSecret) {
          user.totp = { secret: u.totpSecret, device: 'seed', verifiedAt: ctx.nowSec };
          user.lastStep = 0;
        }
        delete user.pending;
        user.totpMfa = true;
        if (u.preferTotp === false) delete user.preferred;
        else user.preferred = 'SOFTWARE_TOKEN_MFA';
      }
      users.push({ Username: u.username, UserStatus: user.status });
    }
    result.Pools.push({ Id: poolId, Name: pool.name, Clients: clients, Users: users });
  }
  return result;
}
