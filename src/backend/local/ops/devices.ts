// Remembered devices (issue 16): confirm-device and the device operations (user and admin), and
// the device's SRP sign-in (DEVICE_SRP_AUTH, then DEVICE_PASSWORD_VERIFIER checked for real against
// the verifier confirm-device stored). Reference: /work/shared/reference/cognito-srp-and-devices.md §8.
import { ServiceError } from '../../../errors.ts';
import type { Request, Response } from '../../../model/index.ts';
import { fromBytes, N, N_BYTES, toBytes } from '../../../srp/math.ts';
import { type Ctx, invalidParameter } from '../context.ts';
import type { Client, Device, Pool, User } from '../state/document.ts';
import { persisting } from '../state/file.ts';
import { confirmedDevice, deviceConfiguration, deviceNotFound, MAX_DEVICES } from './device-records.ts';
import { type AuthResponse, checkSecretHash, requireParam, tokensFor } from './password-steps.ts';
import { claimHolds, claimInstant, invalidSession, parseSrpA, srpBlock } from './srp-sign-in.ts';
import { pageOf } from './user-pools.ts';

/** The SECRET_BLOCK version of a device's SRP (a password's is 1): one never answers for the other. */
const DEVICE_BLOCK_VERSION = 2;
/** Clients send 16 random bytes (17 once padded); more than this is not a salt. */
const MAX_SALT_BYTES = 64;

type DeviceView = NonNullable<Response<'GetDevice'>['Device']>;

function view(key: string, d: Device): DeviceView {
  const attrs = [{ Name: 'device_status', Value: 'valid' }];
  if (d.name !== undefined) attrs.push({ Name: 'device_name', Value: d.name });
  attrs.push({ Name: 'dev:device_remembered_status', Value: d.remembered ? 'remembered' : 'not_remembered' });
  return {
    DeviceKey: key,
    DeviceAttributes: attrs,
    DeviceCreateDate: d.created,
    DeviceLastModifiedDate: d.modified,
    ...(d.lastAuth !== undefined ? { DeviceLastAuthenticatedDate: d.lastAuth } : {}),
  };
}

function accessUser(ctx: Ctx, token: string | undefined): User {
  if (token === undefined) throw invalidParameter('Missing required parameter AccessToken');
  return ctx.authenticate(token).user;
}

function deviceOf(user: User, key: string): Device {
  const d = confirmedDevice(user, key);
  if (!d) throw deviceNotFound();
  return d;
}

/** Base64 (standard alphabet, padded or not) decoded, or undefined if it is not base64. */
function base64(text: string | undefined): Buffer | undefined {
  if (text === undefined || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  return Buffer.from(text, 'base64');
}

export function confirmDevice(ctx: Ctx, req: Request<'ConfirmDevice'>): Response<'ConfirmDevice'> {
  const { pool, user } = ctx.authenticate(req.AccessToken);
  const d = user.devices?.[req.DeviceKey];
  // Only a key this user was handed in NewDeviceMetadata can be confirmed, and only once.
  if (!d) throw deviceNotFound();
  if (d.v !== undefined) throw new ServiceError('DeviceKeyExistsException', 'Device key already exists.');
  const salt = base64(req.DeviceSecretVerifierConfig?.Salt);
  const verifier = base64(req.DeviceSecretVerifierConfig?.PasswordVerifier);
  if (salt === undefined || salt.length === 0 || salt.length > MAX_SALT_BYTES) {
    throw invalidParameter('DeviceSecretVerifierConfig.Salt must be the base64 of the SRP salt.');
  }
  const v = verifier === undefined ? 0n : fromBytes(verifier);
  // v = g^x mod N: 0, 1 or anything not below N was not computed from a device password.
  if (verifier === undefined || verifier.length > N_BYTES + 1 || v <= 1n || v >= N) {
    throw invalidParameter(
      'DeviceSecretVerifierConfig.PasswordVerifier must be the base64 of the SRP verifier.',
    );
  }
  const confirmed = Object.values(user.devices ?? {}).filter((x) => x.v !== undefined).length;
  if (confirmed >= MAX_DEVICES) {
    throw invalidParameter(
      `The user has ${MAX_DEVICES} devices, the most the local emulator keeps: forget one with forget-device first.`,
    );
  }
  const prompt = deviceConfiguration(pool)?.DeviceOnlyRememberedOnUserPrompt === true;
  d.salt = fromBytes(salt).toString(16);
  d.v = toBytes(v).toString('base64');
  if (req.DeviceName !== undefined) d.name = req.DeviceName;
  d.remembered = !prompt;
  d.modified = ctx.nowSec;
  return { UserConfirmationNecessary: prompt };
}

function setStatus(ctx: Ctx, user: User, key: string, status: string | undefined): void {
  const d = deviceOf(user, key);
  if (status === undefined) throw invalidParameter('Missing required parameter DeviceRememberedStatus');
  d.remembered = status === 'remembered';
  d.modified = ctx.nowSec;
}

function listOf(user: User, limit: number | undefined, token: string | undefined) {
  const all = Object.entries(user.devices ?? {})
    .filter(([, d]) => d.v !== undefined)
    .sort((a, b) => a[1].created - b[1].created || (a[0] < b[0] ? -1 : 1));
  const { page, next } = pageOf(all, token, limit === undefined || limit === 0 ? 60 : limit);
  return {
    Devices: page.map(([k, d]) => view(k, d)),
    ...(next !== undefined ? { PaginationToken: next } : {}),
  };
}

function forget(user: User, key: string): void {
  if (!user.devices?.[key]) throw deviceNotFound();
  delete user.devices[key];
}

export function updateDeviceStatus(
  ctx: Ctx,
  req: Request<'UpdateDeviceStatus'>,
): Response<'UpdateDeviceStatus'> {
  setStatus(ctx, accessUser(ctx, req.AccessToken), req.DeviceKey, req.DeviceRememberedStatus);
  return {};
}

export function getDevice(ctx: Ctx, req: Request<'GetDevice'>): Response<'GetDevice'> {
  const user = accessUser(ctx, req.AccessToken);
  return { Device: view(req.DeviceKey, deviceOf(user, req.DeviceKey)) };
}

export function listDevices(ctx: Ctx, req: Request<'ListDevices'>): Response<'ListDevices'> {
  return listOf(accessUser(ctx, req.AccessToken), req.Limit, req.PaginationToken);
}

export function forgetDevice(ctx: Ctx, req: Request<'ForgetDevice'>): Response<'ForgetDevice'> {
  forget(accessUser(ctx, req.AccessToken), req.DeviceKey);
  return {};
}

function adminUser(ctx: Ctx, poolId: string, username: string): User {
  return ctx.user(ctx.pool(poolId), username);
}

export function adminGetDevice(ctx: Ctx, req: Request<'AdminGetDevice'>): Response<'AdminGetDevice'> {
  const user = adminUser(ctx, req.UserPoolId, req.Username);
  return { Device: view(req.DeviceKey, deviceOf(user, req.DeviceKey)) };
}

export function adminListDevices(ctx: Ctx, req: Request<'AdminListDevices'>): Response<'AdminListDevices'> {
  return listOf(adminUser(ctx, req.UserPoolId, req.Username), req.Limit, req.PaginationToken);
}

export function adminForgetDevice(
  ctx: Ctx,
  req: Request<'AdminForgetDevice'>,
): Response<'AdminForgetDevice'> {
  forget(adminUser(ctx, req.UserPoolId, req.Username), req.DeviceKey);
  return {};
}

export function adminUpdateDeviceStatus(
  ctx: Ctx,
  req: Request<'AdminUpdateDeviceStatus'>,
): Response<'AdminUpdateDeviceStatus'> {
  setStatus(ctx, adminUser(ctx, req.UserPoolId, req.Username), req.DeviceKey, req.DeviceRememberedStatus);
  return {};
}

type ChallengeRequest = Request<'RespondToAuthChallenge'>;

/**
 * DEVICE_SRP_AUTH answered with the device's SRP_A: the DEVICE_PASSWORD_VERIFIER challenge, B from
 * the device's verifier. Its state is keyed on the SECRET_BLOCK, which is also the Session returned
 * (the SDKs send both back).
 */
export function deviceSrpAuth(
  ctx: Ctx,
  pool: Pool,
  client: Client,
  clientId: string,
  req: ChallengeRequest,
  admin: boolean,
): AuthResponse {
  const responses = req.ChallengeResponses;
  if (req.Session === undefined) throw invalidParameter('Missing required parameter Session');
  const rec = ctx.peekSession(req.Session, ['DEVICE_SRP_AUTH']);
  if (rec.pool !== pool.id || rec.client !== clientId || rec.admin !== admin) throw invalidSession();
  const username = requireParam(responses, 'USERNAME');
  const deviceKey = requireParam(responses, 'DEVICE_KEY');
  const srpA = requireParam(responses, 'SRP_A');
  if (username !== rec.user || deviceKey !== rec.device) throw invalidSession();
  checkSecretHash(client, clientId, username, responses);
  const A = parseSrpA(srpA);
  const device = deviceOf(ctx.user(pool, username), deviceKey);
  ctx.useSession(rec.key);
  const v = fromBytes(Buffer.from(device.v!, 'base64'));
  const { block, B } = srpBlock(ctx, pool, v, A, DEVICE_BLOCK_VERSION);
  ctx.keepSession(block, pool, clientId, username, 'DEVICE_PASSWORD_VERIFIER', admin);
  ctx.sessionRecord(block)!.device = deviceKey;
  return {
    ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
    Session: block,
    ChallengeParameters: {
      SRP_B: B.toString(16),
      SALT: device.salt!,
      SECRET_BLOCK: block,
      USERNAME: username,
      DEVICE_KEY: deviceKey,
    },
  };
}

/**
 * DEVICE_PASSWORD_VERIFIER: the §7 checks of a password claim, with the DeviceGroupKey as the pool
 * name and the DeviceKey as the user id (reference §8 step 4). Then the tokens, without
 * NewDeviceMetadata (the device is known).
 */
export function devicePasswordVerifier(
  ctx: Ctx,
  pool: Pool,
  client: Client,
  clientId: string,
  req: ChallengeRequest,
  admin: boolean,
): AuthResponse {
  const responses = req.ChallengeResponses;
  const block = requireParam(responses, 'PASSWORD_CLAIM_SECRET_BLOCK');
  const signature = requireParam(responses, 'PASSWORD_CLAIM_SIGNATURE');
  const timestamp = requireParam(responses, 'TIMESTAMP');
  const username = requireParam(responses, 'USERNAME');
  const deviceKey = requireParam(responses, 'DEVICE_KEY');
  if (req.Session !== undefined && req.Session !== block) throw invalidSession();
  const rec = ctx.peekSession(block, ['DEVICE_PASSWORD_VERIFIER']);
  if (rec.pool !== pool.id || rec.client !== clientId || rec.admin !== admin) throw invalidSession();
  // From here on the block is spent, whatever the outcome: every refusal persists its removal.
  ctx.dropSession(rec.key);
  const refuse = (e: Error) => persisting(e);
  if (username !== rec.user || deviceKey !== rec.device) throw refuse(invalidSession());
  try {
    checkSecretHash(client, clientId, username, responses);
  } catch (e) {
    throw refuse(e as Error);
  }
  const at = claimInstant(ctx, timestamp);
  if (at instanceof Error) throw refuse(at);
  const user = ctx.user(pool, username);
  const device = confirmedDevice(user, deviceKey);
  if (!device) throw refuse(deviceNotFound());
  const v = fromBytes(Buffer.from(device.v!, 'base64'));
  const holds = claimHolds(pool, block, DEVICE_BLOCK_VERSION, v, device.group, deviceKey, at, signature);
  if (holds === undefined) throw refuse(invalidSession());
  if (!holds) throw refuse(new ServiceError('NotAuthorizedException', 'Incorrect username or password.'));
  if (!user.enabled) throw refuse(new ServiceError('NotAuthorizedException', 'User is disabled.'));
  return tokensFor(ctx, pool, clientId, username, user, deviceKey);
}
