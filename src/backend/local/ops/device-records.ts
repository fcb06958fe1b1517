// The devices kept on a user (remembered devices, issue 16): whether the pool tracks devices, the
// key a sign-in hands out in NewDeviceMetadata, and the lookups the sign-in steps share. The
// operations on devices and the device SRP challenges are in devices.ts.
import { ServiceError } from '../../../errors.ts';
import type { Ctx } from '../context.ts';
import { type Device, dict, type Pool, type User } from '../state/document.ts';

interface DeviceConfiguration {
  ChallengeRequiredOnNewDevice?: boolean;
  DeviceOnlyRememberedOnUserPrompt?: boolean;
}

export function deviceConfiguration(pool: Pool): DeviceConfiguration | undefined {
  return pool.extra.DeviceConfiguration as DeviceConfiguration | undefined;
}

/** "When you provide a value for any property of DeviceConfiguration, you activate the device remembering" (API reference, DeviceConfigurationType). */
export function tracksDevices(pool: Pool): boolean {
  const c = deviceConfiguration(pool);
  return (
    c !== undefined &&
    (c.ChallengeRequiredOnNewDevice !== undefined || c.DeviceOnlyRememberedOnUserPrompt !== undefined)
  );
}

/** Keys handed out but never confirmed, per user: the oldest is dropped beyond this. */
const MAX_UNCONFIRMED = 10;
/** Confirmed devices per user (a bound on the state file; Cognito documents none). */
export const MAX_DEVICES = 100;

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A new device for a sign-in without a known DEVICE_KEY: NewDeviceMetadata's DeviceKey
 * (`<region>_<uuid>`) and DeviceGroupKey (opaque; Cognito's look like `-v7w9UcY6`, reference §8).
 */
export function issueDevice(ctx: Ctx, pool: Pool, user: User): { DeviceKey: string; DeviceGroupKey: string } {
  const region = pool.id.slice(0, pool.id.indexOf('_'));
  // An RFC 4122 version 4 uuid from the injected randomness (tests fix it).
  const b = Buffer.from(ctx.env.randomBytes(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  const key = `${region}_${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  const group = `-${ctx.randomString(8, ALNUM)}`;
  user.devices ??= dict<Device>();
  const devices = user.devices;
  const pending = Object.entries(devices)
    .filter(([, d]) => d.v === undefined)
    .sort((a, b) => a[1].created - b[1].created);
  for (const [k] of pending.slice(0, Math.max(0, pending.length - (MAX_UNCONFIRMED - 1)))) delete devices[k];
  devices[key] = { group, created: ctx.nowSec, modified: ctx.nowSec, remembered: false };
  return { DeviceKey: key, DeviceGroupKey: group };
}

/** A confirmed device of the user (one with a verifier), or undefined. */
export function confirmedDevice(user: User, key: string): Device | undefined {
  const d = user.devices?.[key];
  return d?.v !== undefined ? d : undefined;
}

export const deviceNotFound = () => new ServiceError('ResourceNotFoundException', 'Device does not exist.');

/**
 * The device a sign-in names with DEVICE_KEY: undefined without one, or when the pool does not
 * track devices (the key is then ignored); a key that is not a confirmed device of this user is
 * "Device does not exist." (reference §7.5; the SDKs then forget it and sign in again without it).
 */
export function signInDevice(pool: Pool, user: User, key: string | undefined): string | undefined {
  if (key === undefined || !tracksDevices(pool)) return undefined;
  if (!confirmedDevice(user, key)) throw deviceNotFound();
  return key;
}
