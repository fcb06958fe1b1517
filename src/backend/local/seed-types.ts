// The seed document and what applying it returns: the public shape of seed files, of `cognito-totp
// seed` and of the programmatic API's `seed` (src/api.ts). Imports nothing, so the API's published
// declarations are this file and api.ts alone.

export interface SeedUser {
  username: string;
  /** A permanent password: status CONFIRMED. */
  password?: string;
  /** A temporary password instead: status FORCE_CHANGE_PASSWORD (NEW_PASSWORD_REQUIRED at sign-in). */
  temporaryPassword?: string;
  attributes?: Record<string, string>;
  /** A verified authenticator with this base32 secret, TOTP on for sign-in. */
  totpSecret?: string;
  /** With totpSecret: TOTP is the preferred MFA (default true). */
  preferTotp?: boolean;
}

export interface SeedClient {
  /** A fixed client id (1-128 of [\w+]), else one is made on the first run and matched by name after. */
  id?: string;
  name: string;
  /** ExplicitAuthFlows (default: SRP, password and refresh, as Amplify's clients allow). */
  authFlows?: string[];
  /** A fixed client secret, or generateSecret for a random one. */
  secret?: string;
  generateSecret?: boolean;
}

export interface SeedPool {
  /** A fixed pool id (REGION_ID), else one is made on the first run and matched by name after. */
  id?: string;
  name: string;
  /** OFF, OPTIONAL or ON (default OPTIONAL); TOTP is enabled unless `totp: false`. */
  mfa?: 'OFF' | 'ON' | 'OPTIONAL';
  totp?: boolean;
  /** Attributes verified by a code at sign-up (email, phone_number): the code goes to the outbox. */
  autoVerifiedAttributes?: ('email' | 'phone_number')[];
  clients?: SeedClient[];
  users?: SeedUser[];
}

export interface SeedDocument {
  pools: SeedPool[];
}

export interface SeedResult {
  Pools: {
    Id: string;
    Name: string;
    Clients: { ClientId: string; ClientName: string; ClientSecret?: string }[];
    Users: { Username: string; UserStatus: string }[];
  }[];
}
