// Shared shapes of Cognito's service model (cognito-idp 2016-04-18), reused by several operations.
// Constraints follow the service model; documentation text is ours.
import type { Shape, StringShape, StructureShape } from './types.ts';

const PRINTABLE = '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+';

export const AccessToken = {
  type: 'string',
  pattern: '[A-Za-z0-9-_=.]+',
  sensitive: true,
  doc: 'A valid access token that Amazon Cognito issued to the currently signed-in user. Must include the scope aws.cognito.signin.user.admin.',
} as const satisfies StringShape;

export const Token = {
  type: 'string',
  pattern: '[A-Za-z0-9-_=.]+',
  sensitive: true,
} as const satisfies StringShape;

export const Session = {
  type: 'string',
  min: 20,
  max: 2048,
  sensitive: true,
  doc: "The session identifier that maintains the state of authentication requests and challenge responses. Each session is single use and expires after the app client's AuthSessionValidity.",
} as const satisfies StringShape;

export const UserPoolId = {
  type: 'string',
  min: 1,
  max: 55,
  pattern: '[\\w-]+_[0-9a-zA-Z]+',
  doc: 'The ID of the user pool.',
} as const satisfies StringShape;

export const PoolName = {
  type: 'string',
  min: 1,
  max: 128,
  pattern: '[\\w\\s+=,.@-]+',
  doc: 'A friendly name for the user pool.',
} as const satisfies StringShape;

export const ClientId = {
  type: 'string',
  min: 1,
  max: 128,
  pattern: '[\\w+]+',
  sensitive: true,
  doc: 'The ID of the app client.',
} as const satisfies StringShape;

export const ClientSecret = {
  type: 'string',
  min: 24,
  max: 64,
  pattern: '[\\w+]+',
  sensitive: true,
  doc: 'The client secret of the app client, when it has one.',
} as const satisfies StringShape;

export const Username = {
  type: 'string',
  min: 1,
  max: 128,
  pattern: PRINTABLE,
  sensitive: true,
  doc: 'The name of the user: the user name, or an alias such as email when the pool allows it.',
} as const satisfies StringShape;

export const Password = {
  type: 'string',
  max: 256,
  pattern: '[\\S]+',
  sensitive: true,
  doc: 'The password.',
} as const satisfies StringShape;

export const FreeString = { type: 'string', min: 0, max: 131072 } as const satisfies StringShape;
export const Bool = { type: 'boolean' } as const satisfies Shape;
export const DateType = { type: 'timestamp' } as const satisfies Shape;

export const MfaConfiguration = {
  type: 'string',
  enum: ['OFF', 'ON', 'OPTIONAL'],
  doc: 'OFF: users sign in without MFA. ON: every user must use MFA. OPTIONAL: each user chooses.',
} as const satisfies StringShape;

export const ChallengeName = {
  type: 'string',
  enum: [
    'SMS_MFA',
    'EMAIL_OTP',
    'SOFTWARE_TOKEN_MFA',
    'SELECT_MFA_TYPE',
    'MFA_SETUP',
    'PASSWORD_VERIFIER',
    'CUSTOM_CHALLENGE',
    'SELECT_CHALLENGE',
    'DEVICE_SRP_AUTH',
    'DEVICE_PASSWORD_VERIFIER',
    'ADMIN_NO_SRP_AUTH',
    'NEW_PASSWORD_REQUIRED',
    'SMS_OTP',
    'PASSWORD',
    'WEB_AUTHN',
    'PASSWORD_SRP',
  ],
  doc: 'The name of the challenge.',
} as const satisfies StringShape;

export const AuthFlow = {
  type: 'string',
  enum: [
    'USER_SRP_AUTH',
    'REFRESH_TOKEN_AUTH',
    'REFRESH_TOKEN',
    'CUSTOM_AUTH',
    'ADMIN_NO_SRP_AUTH',
    'USER_PASSWORD_AUTH',
    'ADMIN_USER_PASSWORD_AUTH',
    'USER_AUTH',
  ],
  doc: 'The authentication flow. The local emulator supports USER_SRP_AUTH, USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH (admin-initiate-auth) and REFRESH_TOKEN_AUTH / REFRESH_TOKEN.',
} as const satisfies StringShape;

export const StringMap = {
  type: 'map',
  key: FreeString,
  value: FreeString,
} as const satisfies Shape;

export const SensitiveStringMap = { ...StringMap, sensitive: true } as const satisfies Shape;

export const ChallengeParameters = {
  type: 'map',
  key: FreeString,
  // SRP's SALT, SRP_B and SECRET_BLOCK are secrets of the sign-in: masked in --debug.
  value: { ...FreeString, sensitive: true },
  doc: 'The parameters of the challenge.',
} as const satisfies Shape;

export const AttributeType = {
  type: 'structure',
  members: {
    Name: {
      type: 'string',
      min: 1,
      max: 32,
      pattern: '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\t\\n\\r ]+',
      doc: 'The name of the attribute.',
    },
    Value: { type: 'string', max: 2048, sensitive: true, doc: 'The value of the attribute.' },
  },
  required: ['Name'],
} as const satisfies StructureShape;

export const AttributeList = { type: 'list', member: AttributeType } as const satisfies Shape;

export const MFAOptionList = {
  type: 'list',
  member: {
    type: 'structure',
    members: {
      DeliveryMedium: { type: 'string', enum: ['SMS', 'EMAIL'] },
      AttributeName: { type: 'string', min: 1, max: 32 },
    },
  },
} as const satisfies Shape;

export const UserStatus = {
  type: 'string',
  enum: [
    'UNCONFIRMED',
    'CONFIRMED',
    'ARCHIVED',
    'COMPROMISED',
    'UNKNOWN',
    'RESET_REQUIRED',
    'FORCE_CHANGE_PASSWORD',
    'EXTERNAL_PROVIDER',
  ],
} as const satisfies StringShape;

export const UserType = {
  type: 'structure',
  members: {
    Username,
    Attributes: AttributeList,
    UserCreateDate: DateType,
    UserLastModifiedDate: DateType,
    Enabled: Bool,
    UserStatus,
    MFAOptions: MFAOptionList,
  },
} as const satisfies StructureShape;

export const PasswordPolicy = {
  type: 'structure',
  members: {
    MinimumLength: { type: 'integer', min: 6, max: 99 },
    RequireUppercase: Bool,
    RequireLowercase: Bool,
    RequireNumbers: Bool,
    RequireSymbols: Bool,
    PasswordHistorySize: { type: 'integer', min: 0, max: 24 },
    TemporaryPasswordValidityDays: { type: 'integer', min: 0, max: 365 },
  },
  doc: 'The password policy.',
} as const satisfies StructureShape;

export const UserPoolPolicy = {
  type: 'structure',
  members: { PasswordPolicy },
  doc: 'The policies of the user pool: its password policy.',
} as const satisfies StructureShape;

export const DeletionProtection = {
  type: 'string',
  enum: ['ACTIVE', 'INACTIVE'],
  doc: 'When ACTIVE, the user pool cannot be deleted.',
} as const satisfies StringShape;

const VerifiedAttributes = {
  type: 'list',
  member: { type: 'string', enum: ['phone_number', 'email'] },
} as const satisfies Shape;
const UsernameAttributes = {
  type: 'list',
  member: { type: 'string', enum: ['phone_number', 'email'] },
  doc: 'Sign-in by email address and/or phone number instead of a username: the username is then a generated id (the sub) and sign-up takes the email address or phone number as Username.',
} as const satisfies Shape;
const AliasAttributes = {
  type: 'list',
  member: { type: 'string', enum: ['phone_number', 'email', 'preferred_username'] },
  doc: 'Attributes a user may also sign in with besides the username: an email address or phone number once verified, a preferred_username at once. Each is unique in the pool.',
} as const satisfies Shape;

export const UserPoolTags = {
  type: 'map',
  key: { type: 'string', min: 1, max: 128 },
  value: { type: 'string', min: 0, max: 256 },
} as const satisfies Shape;

export const AdminCreateUserConfig = {
  type: 'structure',
  members: {
    AllowAdminCreateUserOnly: Bool,
    UnusedAccountValidityDays: { type: 'integer', min: 0, max: 365 },
  },
} as const satisfies StructureShape;

export const SoftwareTokenMfaConfig = {
  type: 'structure',
  members: { Enabled: { type: 'boolean', doc: 'Whether users may use TOTP software tokens.' } },
  doc: 'Turns software-token (TOTP) MFA on or off for the pool.',
} as const satisfies StructureShape;

export const DeviceConfiguration = {
  type: 'structure',
  members: {
    ChallengeRequiredOnNewDevice: {
      type: 'boolean',
      doc: 'When true, a remembered device signs in with device authentication instead of the TOTP (or SMS) code; other devices still need the code.',
    },
    DeviceOnlyRememberedOnUserPrompt: {
      type: 'boolean',
      doc: 'When true, confirm-device does not remember the device: the app asks the user and calls update-device-status. When false, a confirmed device is remembered at once.',
    },
  },
  doc: 'Remembered devices. Setting any member turns device tracking on: sign-ins then return NewDeviceMetadata.',
} as const satisfies StructureShape;

export const DeviceKey = {
  type: 'string',
  min: 1,
  max: 55,
  pattern: '[\\w-]+_[0-9a-f-]+',
  doc: 'The device key, as NewDeviceMetadata gave it (region_uuid).',
} as const satisfies StringShape;

export const DeviceName = { type: 'string', min: 1, max: 1024 } as const satisfies StringShape;

export const DeviceRememberedStatus = {
  type: 'string',
  enum: ['remembered', 'not_remembered'],
  doc: 'remembered: the device may sign in with device authentication; not_remembered: it is tracked only.',
} as const satisfies StringShape;

export const DeviceType = {
  type: 'structure',
  members: {
    DeviceKey,
    DeviceAttributes: AttributeList,
    DeviceCreateDate: DateType,
    DeviceLastModifiedDate: DateType,
    DeviceLastAuthenticatedDate: DateType,
  },
} as const satisfies StructureShape;

export const UserPoolType = {
  type: 'structure',
  members: {
    Id: UserPoolId,
    Name: PoolName,
    Policies: UserPoolPolicy,
    DeletionProtection,
    Status: { type: 'string', enum: ['Enabled', 'Disabled'] },
    LastModifiedDate: DateType,
    CreationDate: DateType,
    AutoVerifiedAttributes: VerifiedAttributes,
    AliasAttributes,
    UsernameAttributes,
    MfaConfiguration,
    DeviceConfiguration,
    EstimatedNumberOfUsers: { type: 'integer' },
    UserPoolTags,
    AdminCreateUserConfig,
    Arn: { type: 'string', min: 20, max: 2048 },
  },
} as const satisfies StructureShape;

export const UserPoolDescription = {
  type: 'structure',
  members: {
    Id: UserPoolId,
    Name: PoolName,
    Status: { type: 'string', enum: ['Enabled', 'Disabled'] },
    LastModifiedDate: DateType,
    CreationDate: DateType,
  },
} as const satisfies StructureShape;

export const TimeUnit = {
  type: 'string',
  enum: ['seconds', 'minutes', 'hours', 'days'],
} as const satisfies StringShape;

export const TokenValidityUnits = {
  type: 'structure',
  members: { AccessToken: TimeUnit, IdToken: TimeUnit, RefreshToken: TimeUnit },
  doc: 'The units of AccessTokenValidity, IdTokenValidity and RefreshTokenValidity (defaults: hours, hours, days).',
} as const satisfies StructureShape;

export const ExplicitAuthFlows = {
  type: 'list',
  member: {
    type: 'string',
    enum: [
      'ADMIN_NO_SRP_AUTH',
      'CUSTOM_AUTH_FLOW_ONLY',
      'USER_PASSWORD_AUTH',
      'ALLOW_ADMIN_USER_PASSWORD_AUTH',
      'ALLOW_CUSTOM_AUTH',
      'ALLOW_USER_PASSWORD_AUTH',
      'ALLOW_USER_SRP_AUTH',
      'ALLOW_REFRESH_TOKEN_AUTH',
      'ALLOW_USER_AUTH',
    ],
  },
  doc: 'The authentication flows the client allows. For the local emulator: ALLOW_USER_SRP_AUTH, ALLOW_USER_PASSWORD_AUTH, ALLOW_ADMIN_USER_PASSWORD_AUTH, ALLOW_REFRESH_TOKEN_AUTH.',
} as const satisfies Shape;

export const AuthSessionValidity = {
  type: 'integer',
  min: 3,
  max: 15,
  doc: 'Minutes a sign-in session (the Session of a challenge) stays valid: 3 to 15, default 3.',
} as const satisfies Shape;

export const RefreshTokenRotation = {
  type: 'structure',
  members: {
    Feature: { type: 'string', enum: ['ENABLED', 'DISABLED'], doc: 'Whether refresh tokens rotate.' },
    RetryGracePeriodSeconds: {
      type: 'integer',
      min: 0,
      max: 60,
      doc: 'Seconds a rotated-out refresh token keeps working (for retries); 0 ends it at once.',
    },
  },
  required: ['Feature'],
  doc: 'Refresh token rotation: when ENABLED, get-tokens-from-refresh-token also returns a new refresh token and REFRESH_TOKEN_AUTH is refused.',
} as const satisfies StructureShape;

export const UserPoolClientType = {
  type: 'structure',
  members: {
    UserPoolId,
    ClientName: { type: 'string', min: 1, max: 128, pattern: '[\\w\\s+=,.@-]+' },
    ClientId,
    ClientSecret,
    LastModifiedDate: DateType,
    CreationDate: DateType,
    RefreshTokenValidity: { type: 'integer', min: 0, max: 315360000 },
    AccessTokenValidity: { type: 'integer', min: 1, max: 86400 },
    IdTokenValidity: { type: 'integer', min: 1, max: 86400 },
    TokenValidityUnits,
    ExplicitAuthFlows,
    PreventUserExistenceErrors: {
      type: 'string',
      enum: ['LEGACY', 'ENABLED'],
      doc: 'Whether sign-in and password reset hide that a user does not exist. With ENABLED they answer as for a user that exists (NotAuthorizedException, a made-up delivery); with LEGACY (the default) they answer UserNotFoundException.',
    },
    EnableTokenRevocation: Bool,
    AuthSessionValidity,
    RefreshTokenRotation,
  },
} as const satisfies StructureShape;

export const AuthenticationResult = {
  type: 'structure',
  members: {
    AccessToken: Token,
    ExpiresIn: { type: 'integer' },
    TokenType: FreeString,
    RefreshToken: Token,
    IdToken: Token,
    NewDeviceMetadata: {
      type: 'structure',
      members: { DeviceKey, DeviceGroupKey: FreeString },
      doc: 'With device tracking on, the key of the device that just signed in, for confirm-device.',
    },
  },
  doc: 'The tokens of a completed sign-in.',
} as const satisfies StructureShape;

export const MfaSettings = {
  type: 'structure',
  members: {
    Enabled: { type: 'boolean', doc: 'Whether the factor is enabled for the user.' },
    PreferredMfa: {
      type: 'boolean',
      doc: 'Whether the factor is the preferred one. Only one factor can be preferred.',
    },
  },
} as const satisfies StructureShape;

export const UserMFASettingList = { type: 'list', member: FreeString } as const satisfies Shape;

// ---- Groups (issue 16) ----

export const GroupName = {
  type: 'string',
  min: 1,
  max: 128,
  pattern: PRINTABLE,
  doc: 'The name of the group.',
} as const satisfies StringShape;

export const GroupDescription = {
  type: 'string',
  max: 2048,
  doc: 'A description of the group.',
} as const satisfies StringShape;

export const RoleArn = {
  type: 'string',
  min: 20,
  max: 2048,
  pattern:
    'arn:[\\w+=/,.@-]+:[\\w+=/,.@-]+:([\\w+=/,.@-]*)?:[0-9]+:[\\w+=/,.@-]+(:[\\w+=/,.@-]+)?(:[\\w+=/,.@-]+)?',
  doc: "The ARN of an IAM role for the group's members: it appears in their ID tokens (cognito:roles, cognito:preferred_role).",
} as const satisfies StringShape;

export const Precedence = {
  type: 'integer',
  min: 0,
  doc: "The group's rank among the user's groups: lower comes first in the cognito:groups claim, and the lowest group with a role gives cognito:preferred_role. A group without a precedence comes after those with one.",
} as const satisfies Shape;

export const GroupType = {
  type: 'structure',
  members: {
    GroupName,
    UserPoolId,
    Description: GroupDescription,
    RoleArn,
    Precedence,
    LastModifiedDate: DateType,
    CreationDate: DateType,
  },
  doc: 'A group of a user pool.',
} as const satisfies StructureShape;

export const GroupList = { type: 'list', member: GroupType } as const satisfies Shape;

/** NextToken of the list operations that take Limit (list-groups, list-users-in-group...). */
export const PaginationKey = {
  type: 'string',
  min: 1,
  max: 131072,
  pattern: '[\\S]+',
  doc: 'The pagination token of a previous call.',
} as const satisfies StringShape;

export const QueryLimit = {
  type: 'integer',
  min: 0,
  max: 60,
  doc: 'The most items to return (default and most: 60).',
} as const satisfies Shape;

// ---- Sign-up, passwords and codes (issue 16) ----

/**
 * A code sent for sign-up, password reset or attribute verification. Cognito's model does not mark
 * it sensitive; cognito-totp does, so that --debug and error messages never show it (it proves
 * control of an inbox, like a password).
 */
export const ConfirmationCode = {
  type: 'string',
  min: 1,
  max: 2048,
  pattern: '[\\S]+',
  sensitive: true,
  doc: 'The code that was sent to the user (the local emulator puts it in its outbox: cognito-totp messages).',
} as const satisfies StringShape;

export const SecretHash = {
  type: 'string',
  min: 1,
  max: 128,
  pattern: '[\\w+=/]+',
  sensitive: true,
  doc: 'Base64(HMAC-SHA256(client secret, username + client id)), required when the app client has a secret.',
} as const satisfies StringShape;

export const UserContextData = {
  type: 'structure',
  members: { IpAddress: FreeString, EncodedData: FreeString },
  sensitive: true,
  doc: 'Context data for threat protection (not used by the local emulator).',
} as const satisfies StructureShape;

export const AnalyticsMetadata = {
  type: 'structure',
  members: { AnalyticsEndpointId: FreeString },
  doc: 'Amazon Pinpoint analytics metadata (not used by the local emulator).',
} as const satisfies StructureShape;

export const CodeDeliveryDetails = {
  type: 'structure',
  members: {
    Destination: { ...FreeString, doc: 'Where the code went, masked (a***@e***).' },
    DeliveryMedium: { type: 'string', enum: ['SMS', 'EMAIL'] },
    AttributeName: AttributeType.members.Name,
  },
  doc: 'Where the code was sent.',
} as const satisfies StructureShape;
