// The checks that a document read from disk (or a journal record) really is a state.
// A damaged or foreign file is reported naming it (exit 253), never overwritten or a crash in an operation.
import { ConfigError } from '../../../errors.ts';
import { SCHEMA_VERSION, USER_DEFAULTS, type User } from './document.ts';

export function asDict(o: Record<string, unknown>): void {
  Object.setPrototypeOf(o, null);
}

export const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
export const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isStr = (v: unknown): v is string => typeof v === 'string';
/** RFC 4648 base32, as the secrets are stored; otpauth would throw on anything else. */
const BASE32 = /^[A-Z2-7]+=*$/;
const USER_STATUSES = ['FORCE_CHANGE_PASSWORD', 'CONFIRMED', 'RESET_REQUIRED', 'UNCONFIRMED'];
const SESSION_STEPS = [
  'NEW_PASSWORD_REQUIRED',
  'MFA_SETUP',
  'ASSOCIATED',
  'VERIFIED',
  'SOFTWARE_TOKEN_MFA',
  'SELECT_MFA_TYPE',
  'PASSWORD_VERIFIER',
  'DEVICE_SRP_AUTH',
  'DEVICE_PASSWORD_VERIFIER',
];

export type Bad = (what: string) => never;

/**
 * Damage found deep in the state by an operation (a signing key crypto cannot read): the backend
 * reports it like any other damaged file, naming the file, exit 253.
 */
export class StateDamage extends Error {}

export function badState(file: string): Bad {
  return (what) => {
    throw new ConfigError(
      `The state file ${file} is not a valid cognito-totp state (${what}). It was left untouched; move it away or pass --state-file to use another file.`,
    );
  };
}

/** The header: everything but the users. Returns the document's schema version. */
export function checkHeader(doc: unknown, file: string, bad: Bad): number {
  if (!isObj(doc)) return bad('not a JSON object');
  const v = doc.schemaVersion;
  if (typeof v !== 'number' || !Number.isInteger(v)) return bad('no schemaVersion');
  if (v > SCHEMA_VERSION) {
    throw new ConfigError(
      `The state file ${file} has schemaVersion ${v}, written by a newer cognito-totp (this one reads up to ${SCHEMA_VERSION}). It was left untouched; upgrade cognito-totp to use it.`,
    );
  }
  if (v < 1) return bad(`unknown schemaVersion ${v}`);
  if (!isObj(doc.pools)) return bad('"pools" is not an object');
  if (!isObj(doc.sessions)) return bad('"sessions" is not an object');
  asDict(doc.pools);
  asDict(doc.sessions);
  for (const [id, p] of Object.entries(doc.pools)) checkPool(id, p, bad);
  for (const s of Object.values(doc.sessions)) {
    if (
      !isObj(s) ||
      !isStr(s.pool) ||
      !isStr(s.client) ||
      !isStr(s.user) ||
      !SESSION_STEPS.includes(s.step as string) ||
      typeof s.admin !== 'boolean' ||
      !isNum(s.exp) ||
      typeof s.used !== 'boolean' ||
      (s.device !== undefined && !isStr(s.device))
    )
      return bad('a session is malformed');
  }
  return v;
}

function checkPool(id: string, p: unknown, bad: Bad): undefined {
  if (!isObj(p) || p.id !== id || !isStr(p.name)) return bad(`pool ${JSON.stringify(id)} is malformed`);
  if (!isObj(p.key) || !isStr(p.key.kid) || !isStr(p.key.pem) || !p.key.pem.startsWith('-----BEGIN '))
    return bad(`pool ${id} has no signing key`);
  if (
    !isNum(p.created) ||
    !isNum(p.modified) ||
    !['OFF', 'ON', 'OPTIONAL'].includes(p.mfa as string) ||
    typeof p.totpEnabled !== 'boolean' ||
    !isStr(p.deletionProtection) ||
    !isObj(p.clients) ||
    !isObj(p.revoked) ||
    (p.revokedThrough !== undefined && !isNum(p.revokedThrough)) ||
    !isObj(p.extra)
  )
    return bad(`pool ${id} is malformed`);
  if (!isPoolSettings(p.extra)) return bad(`pool ${id} has malformed settings`);
  asDict(p.clients);
  asDict(p.revoked);
  for (const [cid, c] of Object.entries(p.clients)) {
    if (
      !isObj(c) ||
      !isStr(c.name) ||
      (c.secret !== undefined && !isStr(c.secret)) ||
      !isNum(c.created) ||
      !isNum(c.modified) ||
      !isNum(c.accessValidity) ||
      !isNum(c.idValidity) ||
      !isNum(c.refreshValidity) ||
      !isObj(c.units) ||
      !isStr(c.units.AccessToken) ||
      !isStr(c.units.IdToken) ||
      !isStr(c.units.RefreshToken) ||
      !Array.isArray(c.flows) ||
      !c.flows.every(isStr) ||
      typeof c.revocation !== 'boolean' ||
      !isNum(c.authSessionValidity) ||
      (c.rotation !== undefined && !isNum(c.rotation)) ||
      (c.preventUserExistenceErrors !== undefined && c.preventUserExistenceErrors !== 'ENABLED')
    )
      return bad(`client ${cid} of pool ${id} is malformed`);
  }
  for (const exp of Object.values(p.revoked)) if (!isNum(exp)) return bad(`pool ${id} is malformed`);
  if (p.groups !== undefined) {
    if (!isObj(p.groups)) return bad(`pool ${id} is malformed`);
    asDict(p.groups);
    for (const [name, g] of Object.entries(p.groups)) {
      if (
        !isObj(g) ||
        !isNum(g.created) ||
        !isNum(g.modified) ||
        (g.description !== undefined && !isStr(g.description)) ||
        (g.roleArn !== undefined && !isStr(g.roleArn)) ||
        (g.precedence !== undefined && !isNum(g.precedence))
      )
        return bad(`group ${JSON.stringify(name)} of pool ${id} is malformed`);
    }
  }
  if (p.outbox !== undefined) {
    if (!Array.isArray(p.outbox)) return bad(`pool ${id} is malformed`);
    for (const m of p.outbox) {
      if (
        !isObj(m) ||
        !isNum(m.at) ||
        !isStr(m.user) ||
        !['CONFIRM_SIGN_UP', 'RESET_PASSWORD', 'VERIFY_ATTRIBUTE'].includes(m.kind as string) ||
        !['EMAIL', 'SMS'].includes(m.medium as string) ||
        !isStr(m.attribute) ||
        !isStr(m.destination) ||
        !isStr(m.code)
      )
        return bad(`a message in the outbox of pool ${id} is malformed`);
    }
  }
}

const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const optional = (v: unknown, test: (v: unknown) => boolean) => v === undefined || test(v);
const listOf = (allowed: string[]) => (v: unknown) =>
  Array.isArray(v) && v.length <= allowed.length && v.every((x) => allowed.includes(x as string));

/**
 * The settings a pool keeps in `extra` (create-user-pool and update-user-pool): each one the
 * operations read has the type they rely on, so that a hand-edited or hostile file is reported
 * (253) instead of, say, a password policy whose MinimumLength is a string letting every password
 * through. Members no operation reads are carried as they are.
 */
function isPoolSettings(extra: Record<string, unknown>): boolean {
  const policies = extra.Policies;
  const pw = isObj(policies) ? policies.PasswordPolicy : undefined;
  const device = extra.DeviceConfiguration;
  const admin = extra.AdminCreateUserConfig;
  const tags = extra.UserPoolTags;
  return (
    optional(policies, isObj) &&
    optional(pw, (v) =>
      isObj(v)
        ? optional(v.MinimumLength, isNum) &&
          optional(v.RequireUppercase, isBool) &&
          optional(v.RequireLowercase, isBool) &&
          optional(v.RequireNumbers, isBool) &&
          optional(v.RequireSymbols, isBool) &&
          optional(v.PasswordHistorySize, isNum) &&
          optional(v.TemporaryPasswordValidityDays, isNum)
        : false,
    ) &&
    optional(extra.AutoVerifiedAttributes, listOf(['email', 'phone_number'])) &&
    optional(extra.UsernameAttributes, listOf(['email', 'phone_number'])) &&
    optional(extra.AliasAttributes, listOf(['email', 'phone_number', 'preferred_username'])) &&
    optional(device, (v) =>
      isObj(v)
        ? optional(v.ChallengeRequiredOnNewDevice, isBool) &&
          optional(v.DeviceOnlyRememberedOnUserPrompt, isBool)
        : false,
    ) &&
    optional(admin, (v) =>
      isObj(v)
        ? optional(v.AllowAdminCreateUserOnly, isBool) && optional(v.UnusedAccountValidityDays, isNum)
        : false,
    ) &&
    optional(tags, (v) => isObj(v) && Object.values(v).every(isStr))
  );
}

export function checkUser(raw: unknown, name: string, pool: string, bad: Bad): User {
  const malformed = (what = 'is malformed') => bad(`user ${JSON.stringify(name)} of pool ${pool} ${what}`);
  if (!isObj(raw)) return malformed();
  const u: Record<string, unknown> = { ...USER_DEFAULTS, ...raw };
  if (
    !isStr(u.sub) ||
    !isObj(u.attrs) ||
    !Object.values(u.attrs).every(isStr) ||
    !isNum(u.created) ||
    !isNum(u.modified) ||
    typeof u.enabled !== 'boolean' ||
    !USER_STATUSES.includes(u.status as string) ||
    (u.pw !== undefined && !isStr(u.pw)) ||
    (u.tempExp !== undefined && !isNum(u.tempExp)) ||
    typeof u.totpMfa !== 'boolean' ||
    (u.preferred !== undefined && u.preferred !== 'SOFTWARE_TOKEN_MFA') ||
    !isNum(u.lastStep) ||
    !isNum(u.mfaFailures) ||
    !isNum(u.mfaLockUntil) ||
    !isNum(u.pwFailures) ||
    !isNum(u.pwLockUntil) ||
    !isNum(u.signedOutAt) ||
    (u.groups !== undefined && (!Array.isArray(u.groups) || !u.groups.every(isStr))) ||
    (u.codes !== undefined &&
      (!isObj(u.codes) ||
        !Object.values(u.codes).every(
          (c) =>
            isObj(c) &&
            isStr(c.hash) &&
            isNum(c.exp) &&
            isNum(c.failures) &&
            (c.attribute === undefined || isStr(c.attribute)),
        )))
  )
    return malformed();
  if (u.codes !== undefined) asDict(u.codes as Record<string, unknown>);
  const sends = u.sends;
  if (
    sends !== undefined &&
    (!isObj(sends) ||
      !Object.values(sends).every(
        (times) => Array.isArray(times) && times.length <= 64 && times.every(isNum),
      ))
  )
    return malformed('has malformed code request times');
  if (sends) asDict(sends);
  asDict(u.attrs);
  const t = u.totp;
  if (
    t !== undefined &&
    (!isObj(t) ||
      !isStr(t.secret) ||
      !BASE32.test(t.secret) ||
      !isNum(t.verifiedAt) ||
      (t.device !== undefined && !isStr(t.device)))
  )
    return malformed('has a malformed authenticator');
  const p = u.pending;
  if (
    p !== undefined &&
    (!isObj(p) ||
      !isStr(p.secret) ||
      !BASE32.test(p.secret) ||
      !isNum(p.created) ||
      !isNum(p.failures) ||
      !isNum(p.lockUntil))
  )
    return malformed('has a malformed pending authenticator');
  const srp = u.srp;
  if (
    srp !== undefined &&
    (!isObj(srp) ||
      !isStr(srp.salt) ||
      !/^[0-9a-f]{1,64}$/.test(srp.salt) ||
      !isStr(srp.v) ||
      !/^[A-Za-z0-9+/]{1,600}={0,2}$/.test(srp.v) ||
      !isStr(srp.pw))
  )
    return malformed('has a malformed SRP verifier');
  const rt = u.rt;
  if (
    rt !== undefined &&
    (!isObj(rt) ||
      !Object.values(rt).every(
        (r) => isObj(r) && isStr(r.cur) && isStr(r.prev) && isNum(r.until) && isNum(r.exp),
      ))
  )
    return malformed('has malformed refresh token rotation records');
  if (rt) asDict(rt);
  const devices = u.devices;
  if (devices !== undefined && (!isObj(devices) || !Object.values(devices).every(isDevice)))
    return malformed('has malformed devices');
  if (devices) asDict(devices);
  return u as unknown as User;
}

function isDevice(d: unknown): boolean {
  return (
    isObj(d) &&
    isStr(d.group) &&
    isNum(d.created) &&
    isNum(d.modified) &&
    (d.lastAuth === undefined || isNum(d.lastAuth)) &&
    (d.salt === undefined || (isStr(d.salt) && /^[0-9a-f]{1,256}$/.test(d.salt))) &&
    (d.v === undefined || (isStr(d.v) && /^[A-Za-z0-9+/]{1,600}={0,2}$/.test(d.v))) &&
    (d.name === undefined || isStr(d.name)) &&
    typeof d.remembered === 'boolean'
  );
}

export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new ConfigError(
      `The state file ${file} is not valid JSON (truncated or damaged?). It was left untouched; move it away or pass --state-file to use another file.`,
    );
  }
}
