// The operations table: every operation cognito-totp knows, as data. Flags, skeletons, validation,
// help, completions and request/response types are all derived from this one table.
import * as S from './shapes.ts';
import type { Operation, StructureShape } from './types.ts';

const empty = { type: 'structure', members: {} } as const satisfies StructureShape;

const authChallengeOutput = {
  type: 'structure',
  members: {
    ChallengeName: S.ChallengeName,
    Session: S.Session,
    ChallengeParameters: S.ChallengeParameters,
    AuthenticationResult: S.AuthenticationResult,
  },
} as const satisfies StructureShape;

const AssociateSoftwareToken = {
  name: 'AssociateSoftwareToken',
  unsigned: true,
  doc:
    'Begins setup of time-based one-time password (TOTP) multi-factor authentication (MFA) for a user, with a unique private key that Amazon Cognito generates and returns in the response. ' +
    'Call it with an access token, or with the Session of an MFA_SETUP challenge, but not both. Give the key to an authenticator app, then call verify-software-token with a code the app shows.',
  input: {
    type: 'structure',
    members: { AccessToken: S.AccessToken, Session: S.Session },
  },
  output: {
    type: 'structure',
    members: {
      SecretCode: {
        type: 'string',
        min: 16,
        pattern: '[A-Za-z0-9]+',
        sensitive: true,
        doc: 'A unique generated shared secret code that is used by the TOTP algorithm to generate a one-time code.',
      },
      Session: S.Session,
    },
  },
  errors: [
    'ConcurrentModificationException',
    'InvalidParameterException',
    'NotAuthorizedException',
    'ResourceNotFoundException',
    'InternalErrorException',
    'SoftwareTokenMFANotFoundException',
    'ForbiddenException',
  ],
} as const satisfies Operation;

const VerifySoftwareToken = {
  name: 'VerifySoftwareToken',
  unsigned: true,
  doc:
    "Registers the current user's time-based one-time password (TOTP) authenticator with a code generated in their authenticator app from a private key that associate-software-token supplied. " +
    "Marks the user's software token MFA status as verified. Call it with an access token or a Session, but not both.",
  input: {
    type: 'structure',
    members: {
      AccessToken: S.AccessToken,
      Session: S.Session,
      UserCode: {
        type: 'string',
        min: 6,
        max: 6,
        pattern: '[0-9]+',
        sensitive: true,
        doc: 'A time-based one-time password (TOTP) that your user generated in their authenticator app.',
      },
      FriendlyDeviceName: {
        type: 'string',
        min: 0,
        max: 131072,
        doc: 'A friendly name for the device that is running the authenticator app.',
      },
    },
    required: ['UserCode'],
  },
  output: {
    type: 'structure',
    members: {
      Status: {
        type: 'string',
        enum: ['SUCCESS', 'ERROR'],
        doc: 'The status of the verify software token request.',
      },
      Session: S.Session,
    },
  },
  errors: [
    'InvalidParameterException',
    'ResourceNotFoundException',
    'InvalidUserPoolConfigurationException',
    'NotAuthorizedException',
    'TooManyRequestsException',
    'PasswordResetRequiredException',
    'UserNotFoundException',
    'UserNotConfirmedException',
    'InternalErrorException',
    'EnableSoftwareTokenMFAException',
    'SoftwareTokenMFANotFoundException',
    'CodeMismatchException',
    'ForbiddenException',
  ],
} as const satisfies Operation;

const CreateUserPool = {
  name: 'CreateUserPool',
  doc: 'Creates a new user pool. In the local emulator the pool gets its own signing key and MFA configuration.',
  input: {
    type: 'structure',
    members: {
      PoolName: S.PoolName,
      Policies: S.UserPoolPolicy,
      DeletionProtection: S.DeletionProtection,
      AutoVerifiedAttributes: S.UserPoolType.members.AutoVerifiedAttributes,
      UsernameAttributes: S.UserPoolType.members.UsernameAttributes,
      MfaConfiguration: S.MfaConfiguration,
      UserPoolTags: S.UserPoolTags,
      AdminCreateUserConfig: S.AdminCreateUserConfig,
    },
    required: ['PoolName'],
  },
  output: { type: 'structure', members: { UserPool: S.UserPoolType } },
  errors: [
    'InvalidParameterException',
    'TooManyRequestsException',
    'LimitExceededException',
    'NotAuthorizedException',
    'InternalErrorException',
  ],
} as const satisfies Operation;

const SetUserPoolMfaConfig = {
  name: 'SetUserPoolMfaConfig',
  doc: "Sets the user pool's multi-factor authentication (MFA) configuration: whether MFA is OFF, ON or OPTIONAL, and whether TOTP software tokens are enabled.",
  input: {
    type: 'structure',
    members: {
      UserPoolId: S.UserPoolId,
      SoftwareTokenMfaConfiguration: S.SoftwareTokenMfaConfig,
      MfaConfiguration: S.MfaConfiguration,
    },
    required: ['UserPoolId'],
  },
  output: {
    type: 'structure',
    members: {
      SoftwareTokenMfaConfiguration: S.SoftwareTokenMfaConfig,
      MfaConfiguration: S.MfaConfiguration,
    },
  },
  errors: [
    'InvalidParameterException',
    'TooManyRequestsException',
    'ConcurrentModificationException',
    'ResourceNotFoundException',
    'NotAuthorizedException',
    'InternalErrorException',
  ],
} as const satisfies Operation;

const GetUserPoolMfaConfig = {
  name: 'GetUserPoolMfaConfig',
  doc: "Gets the user pool's multi-factor authentication (MFA) configuration.",
  input: { type: 'structure', members: { UserPoolId: S.UserPoolId }, required: ['UserPoolId'] },
  output: SetUserPoolMfaConfig.output,
  errors: [
    'InvalidParameterException',
    'TooManyRequestsException',
    'ResourceNotFoundException',
    'NotAuthorizedException',
    'InternalErrorException',
  ],
} as const satisfies Operation;

const CreateUserPoolClient = {
  name: 'CreateUserPoolClient',
  doc: 'Creates an app client in a user pool. Its AuthSessionValidity sets how long challenge sessions last; its token validities set how long tokens last.',
  input: {
    type: 'structure',
    members: {
      UserPoolId: S.UserPoolId,
      ClientName: S.UserPoolClientType.members.ClientName,
      GenerateSecret: { type: 'boolean', doc: 'Whether to generate a client secret.' },
      RefreshTokenValidity: S.UserPoolClientType.members.RefreshTokenValidity,
      AccessTokenValidity: S.UserPoolClientType.members.AccessTokenValidity,
      IdTokenValidity: S.UserPoolClientType.members.IdTokenValidity,
      TokenValidityUnits: S.TokenValidityUnits,
      ExplicitAuthFlows: S.ExplicitAuthFlows,
      EnableTokenRevocation: S.Bool,
      AuthSessionValidity: S.AuthSessionValidity,
      RefreshTokenRotation: S.RefreshTokenRotation,
    },
    required: ['UserPoolId', 'ClientName'],
  },
  output: { type: 'structure', members: { UserPoolClient: S.UserPoolClientType } },
  errors: [
    'InvalidParameterException',
    'ResourceNotFoundException',
    'TooManyRequestsException',
    'LimitExceededException',
    'NotAuthorizedException',
    'InternalErrorException',
  ],
} as const satisfies Operation;

const AdminCreateUser = {
  name: 'AdminCreateUser',
  doc: 'Creates a new user in a user pool. The user starts with a temporary password (FORCE_CHANGE_PASSWORD) and must choose a new one at first sign-in. The local emulator sends no message.',
  input: {
    type: 'structure',
    members: {
      UserPoolId: S.UserPoolId,
      Username: S.Username,
      UserAttributes: S.AttributeList,
      TemporaryPassword: S.Password,
      MessageAction: { type: 'string', enum: ['RESEND', 'SUPPRESS'] },
    },
    required: ['UserPoolId', 'Username'],
  },
  output: { type: 'structure', members: { User: S.UserType } },
  errors: [
    'ResourceNotFoundException',
    'InvalidParameterException',
    'UserNotFoundException',
    'UsernameExistsException',
    'InvalidPasswordException',
    'TooManyRequestsException',
    'NotAuthorizedException',
    'InternalErrorException',
  ],
} as const satisfies Operation;

const AdminSetUserPassword = {
  name: 'AdminSetUserPassword',
  doc: "Sets a user's password. With --permanent the user is CONFIRMED; without it the password is temporary (FORCE_CHANGE_PASSWORD).",
  input: {
    type: 'structure',
    members: {
      UserPoolId: S.UserPoolId,
      Username: S.Username,
      Password: S.Password,
      Permanent: { type: 'boolean', doc: 'True makes the password permanent.' },
    },
    required: ['UserPoolId', 'Username', 'Password'],
  },
  output: empty,
  errors: [
    'ResourceNotFoundException',
    'NotAuthorizedException',
    'UserNotFoundException',
    'InternalErrorException',
    'TooManyRequestsException',
    'InvalidParameterException',
    'InvalidPasswordException',
  ],
} as const satisfies Operation;

const InitiateAuth = {
  name: 'InitiateAuth',
  unsigned: true,
  doc:
    'Starts sign-in for a user. Returns tokens, or a challenge (PASSWORD_VERIFIER, NEW_PASSWORD_REQUIRED, MFA_SETUP, SOFTWARE_TOKEN_MFA, SELECT_MFA_TYPE) to answer with respond-to-auth-challenge. ' +
    'USER_SRP_AUTH takes USERNAME and SRP_A; USER_PASSWORD_AUTH takes USERNAME and PASSWORD; REFRESH_TOKEN_AUTH takes REFRESH_TOKEN.',
  input: {
    type: 'structure',
    members: {
      AuthFlow: S.AuthFlow,
      AuthParameters: {
        ...S.SensitiveStringMap,
        doc: 'The parameters of the flow, e.g. USERNAME=alice,PASSWORD=...',
      },
      ClientMetadata: S.StringMap,
      ClientId: S.ClientId,
      Session: S.Session,
    },
    required: ['AuthFlow', 'ClientId'],
  },
  output: authChallengeOutput,
  errors: [
    'UnsupportedOperationException',
    'ResourceNotFoundException',
    'InvalidParameterException',
    'NotAuthorizedException',
    'TooManyRequestsException',
    'InvalidUserPoolConfigurationException',
    'PasswordResetRequiredException',
    'UserNotFoundException',
    'UserNotConfirmedException',
    'InternalErrorException',
    'ForbiddenException',
  ],
} as const satisfies Operation;

const RespondToAuthChallenge = {
  name: 'RespondToAuthChallenge',
  unsigned: true,
  doc:
    'Answers a challenge of initiate-auth: PASSWORD_VERIFIER (USERNAME, PASSWORD_CLAIM_SECRET_BLOCK, PASSWORD_CLAIM_SIGNATURE, TIMESTAMP), NEW_PASSWORD_REQUIRED (USERNAME, NEW_PASSWORD), MFA_SETUP (USERNAME, with the Session that verify-software-token returned), ' +
    'SOFTWARE_TOKEN_MFA (USERNAME, SOFTWARE_TOKEN_MFA_CODE) or SELECT_MFA_TYPE (USERNAME, ANSWER).',
  input: {
    type: 'structure',
    members: {
      ClientId: S.ClientId,
      ChallengeName: S.ChallengeName,
      Session: S.Session,
      ChallengeResponses: {
        ...S.SensitiveStringMap,
        doc: 'The answers to the challenge, e.g. USERNAME=alice,SOFTWARE_TOKEN_MFA_CODE=123456',
      },
      ClientMetadata: S.StringMap,
    },
    required: ['ClientId', 'ChallengeName'],
  },
  output: authChallengeOutput,
  errors: [
    'ResourceNotFoundException',
    'InvalidParameterException',
    'NotAuthorizedException',
    'CodeMismatchException',
    'ExpiredCodeException',
    'InvalidPasswordException',
    'TooManyRequestsException',
    'InvalidUserPoolConfigurationException',
    'MFAMethodNotFoundException',
    'PasswordResetRequiredException',
    'UserNotFoundException',
    'UserNotConfirmedException',
    'InternalErrorException',
    'SoftwareTokenMFANotFoundException',
    'ForbiddenException',
  ],
} as const satisfies Operation;

const AdminInitiateAuth = {
  name: 'AdminInitiateAuth',
  doc: 'Starts sign-in for a user as an administrator. ADMIN_USER_PASSWORD_AUTH takes USERNAME and PASSWORD; USER_SRP_AUTH takes USERNAME and SRP_A; REFRESH_TOKEN_AUTH takes REFRESH_TOKEN.',
  input: {
    type: 'structure',
    members: {
      UserPoolId: S.UserPoolId,
      ClientId: S.ClientId,
      AuthFlow: S.AuthFlow,
      AuthParameters: InitiateAuth.input.members.AuthParameters,
      ClientMetadata: S.StringMap,
      Session: S.Session,
    },
    required: ['UserPoolId', 'ClientId', 'AuthFlow'],
  },
  output: authChallengeOutput,
  errors: InitiateAuth.errors,
} as const satisfies Operation;

const AdminRespondToAuthChallenge = {
  name: 'AdminRespondToAuthChallenge',
  doc: 'Answers a challenge of admin-initiate-auth, as respond-to-auth-challenge does.',
  input: {
    type: 'structure',
    members: {
      UserPoolId: S.UserPoolId,
      ClientId: S.ClientId,
      ChallengeName: S.ChallengeName,
      ChallengeResponses: RespondToAuthChallenge.input.members.ChallengeResponses,
      Session: S.Session,
      ClientMetadata: S.StringMap,
    },
    required: ['UserPoolId', 'ClientId', 'ChallengeName'],
  },
  output: authChallengeOutput,
  errors: RespondToAuthChallenge.errors,
} as const satisfies Operation;

const mfaPreferenceMembers = {
  SMSMfaSettings: {
    ...S.MfaSettings,
    doc: 'SMS MFA settings (not emulated: SMS cannot be enabled locally).',
  },
  SoftwareTokenMfaSettings: { ...S.MfaSettings, doc: 'TOTP software token MFA settings.' },
} as const;

const SetUserMFAPreference = {
  name: 'SetUserMFAPreference',
  unsigned: true,
  doc: "Sets the signed-in user's MFA preferences. A TOTP authenticator must be verified before it can be enabled; only one factor can be preferred.",
  input: {
    type: 'structure',
    members: { ...mfaPreferenceMembers, AccessToken: S.AccessToken },
    required: ['AccessToken'],
  },
  output: empty,
  errors: [
    'ResourceNotFoundException',
    'InvalidParameterException',
    'NotAuthorizedException',
    'PasswordResetRequiredException',
    'UserNotFoundException',
    'UserNotConfirmedException',
    'InternalErrorException',
    'ForbiddenException',
  ],
} as const satisfies Operation;

const AdminSetUserMFAPreference = {
  name: 'AdminSetUserMFAPreference',
  doc: "Sets a user's MFA preferences as an administrator.",
  input: {
    type: 'structure',
    members: { ...mfaPreferenceMembers, Username: S.Username, UserPoolId: S.UserPoolId },
    required: ['Username', 'UserPoolId'],
  },
  output: empty,
  errors: SetUserMFAPreference.errors.filter((e) => e !== 'ForbiddenException'),
} as const satisfies Operation;

const mfaView = {
  MFAOptions: S.MFAOptionList,
  PreferredMfaSetting: FreeDoc('The MFA factor the user prefers, e.g. SOFTWARE_TOKEN_MFA.'),
  UserMFASettingList: { ...S.UserMFASettingList, doc: 'The MFA factors enabled for the user.' },
} as const;

function FreeDoc<D extends string>(doc: D) {
  return { ...S.FreeString, doc } as const;
}

const GetUser = {
  name: 'GetUser',
  unsigned: true,
  doc: 'Gets the attributes and MFA settings of the signed-in user.',
  input: { type: 'structure', members: { AccessToken: S.AccessToken }, required: ['AccessToken'] },
  output: {
    type: 'structure',
    members: { Username: S.Username, UserAttributes: S.AttributeList, ...mfaView },
    required: ['Username', 'UserAttributes'],
  },
  errors: [
    'ResourceNotFoundException',
    'InvalidParameterException',
    'NotAuthorizedException',
    'TooManyRequestsException',
    'PasswordResetRequiredException',
    'UserNotFoundException',
    'UserNotConfirmedException',
    'InternalErrorException',
    'ForbiddenException',
  ],
} as const satisfies Operation;

const AdminGetUser = {
  name: 'AdminGetUser',
  doc: 'Gets a user by user name, as an administrator, with their status and MFA settings.',
  input: {
    type: 'structure',
    members: { UserPoolId: S.UserPoolId, Username: S.Username },
    required: ['UserPoolId', 'Username'],
  },
  output: {
    type: 'structure',
    members: {
      Username: S.Username,
      UserAttributes: S.AttributeList,
      UserCreateDate: S.DateType,
      UserLastModifiedDate: S.DateType,
      Enabled: S.Bool,
      UserStatus: S.UserStatus,
      ...mfaView,
    },
    required: ['Username'],
  },
  errors: [
    'ResourceNotFoundException',
    'InvalidParameterException',
    'TooManyRequestsException',
    'NotAuthorizedException',
    'UserNotFoundException',
    'InternalErrorException',
  ],
} as const satisfies Operation;

const GlobalSignOut = {
  name: 'GlobalSignOut',
  unsigned: true,
  doc: "Invalidates all of the signed-in user's access and refresh tokens.",
  input: { type: 'structure', members: { AccessToken: S.AccessToken }, required: ['AccessToken'] },
  output: empty,
  errors: [
    'ResourceNotFoundException',
    'InvalidParameterException',
    'NotAuthorizedException',
    'TooManyRequestsException',
    'PasswordResetRequiredException',
    'UserNotConfirmedException',
    'InternalErrorException',
    'ForbiddenException',
  ],
} as const satisfies Operation;

const RevokeToken = {
  name: 'RevokeToken',
  unsigned: true,
  doc: 'Revokes a refresh token and every access token issued with it.',
  input: {
    type: 'structure',
    members: {
      Token: { ...S.Token, doc: 'The refresh token to revoke.' },
      ClientId: S.ClientId,
      ClientSecret: S.ClientSecret,
    },
    required: ['Token', 'ClientId'],
  },
  output: empty,
  errors: [
    'TooManyRequestsException',
    'InternalErrorException',
    'UnauthorizedException',
    'InvalidParameterException',
    'UnsupportedOperationException',
    'UnsupportedTokenTypeException',
    'ForbiddenException',
  ],
} as const satisfies Operation;

// Issue 15: Amplify 6's refresh, with refresh-token rotation when the client enables it.
const GetTokensFromRefreshToken = {
  name: 'GetTokensFromRefreshToken',
  unsigned: true,
  doc:
    'Gets new ID and access tokens with a refresh token. When the app client has refresh token rotation enabled (RefreshTokenRotation Feature=ENABLED), it also returns a new refresh token, ' +
    'and the one sent stops working after RetryGracePeriodSeconds. A client with a secret must be sent ClientSecret.',
  input: {
    type: 'structure',
    members: {
      RefreshToken: {
        ...S.Token,
        doc: 'A valid refresh token that can authorize the request for new tokens.',
      },
      ClientId: S.ClientId,
      ClientSecret: S.ClientSecret,
      DeviceKey: {
        type: 'string',
        min: 1,
        max: 55,
        pattern: '[\\w-]+_[0-9a-f-]+',
        doc: 'The device key of a remembered device (not emulated).',
      },
      ClientMetadata: S.StringMap,
    },
    required: ['RefreshToken', 'ClientId'],
  },
  output: { type: 'structure', members: { AuthenticationResult: S.AuthenticationResult } },
  errors: [
    'ResourceNotFoundException',
    'InvalidParameterException',
    'NotAuthorizedException',
    'TooManyRequestsException',
    'UserNotFoundException',
    'RefreshTokenReuseException',
    'InternalErrorException',
    'ForbiddenException',
  ],
} as const satisfies Operation;

const ListUserPools = {
  name: 'ListUserPools',
  doc: 'Lists the user pools.',
  input: {
    type: 'structure',
    members: {
      NextToken: {
        type: 'string',
        min: 1,
        pattern: '[\\S]+',
        doc: 'The pagination token of a previous call.',
      },
      MaxResults: { type: 'integer', min: 1, max: 60, doc: 'The most user pools to return (1 to 60).' },
    },
    required: ['MaxResults'],
  },
  output: {
    type: 'structure',
    members: {
      UserPools: { type: 'list', member: S.UserPoolDescription },
      NextToken: { type: 'string', min: 1, pattern: '[\\S]+' },
    },
  },
  // MaxResults is required and is the limit key, so giving it (as one must) turns v2's automatic
  // pagination off: list-user-pools returns one page, as in v2.
  paginator: {
    inputToken: 'NextToken',
    outputToken: 'NextToken',
    limitKey: 'MaxResults',
    resultKey: 'UserPools',
  },
  errors: [
    'InvalidParameterException',
    'TooManyRequestsException',
    'NotAuthorizedException',
    'InternalErrorException',
  ],
} as const satisfies Operation;

const ListUsers = {
  name: 'ListUsers',
  doc: 'Lists the users of a user pool.',
  input: {
    type: 'structure',
    members: {
      UserPoolId: S.UserPoolId,
      Limit: { type: 'integer', min: 0, max: 60, doc: 'The most users to return (default and most: 60).' },
      PaginationToken: {
        type: 'string',
        min: 1,
        pattern: '[\\S]+',
        doc: 'The pagination token of a previous call.',
      },
    },
    required: ['UserPoolId'],
  },
  output: {
    type: 'structure',
    members: {
      Users: { type: 'list', member: S.UserType },
      PaginationToken: { type: 'string', min: 1, pattern: '[\\S]+' },
    },
  },
  paginator: {
    inputToken: 'PaginationToken',
    outputToken: 'PaginationToken',
    limitKey: 'Limit',
    resultKey: 'Users',
  },
  errors: [
    'InvalidParameterException',
    'ResourceNotFoundException',
    'TooManyRequestsException',
    'NotAuthorizedException',
    'InternalErrorException',
  ],
} as const satisfies Operation;

const DescribeUserPool = {
  name: 'DescribeUserPool',
  doc: 'Describes a user pool.',
  input: { type: 'structure', members: { UserPoolId: S.UserPoolId }, required: ['UserPoolId'] },
  output: { type: 'structure', members: { UserPool: S.UserPoolType } },
  errors: [
    'ResourceNotFoundException',
    'InvalidParameterException',
    'TooManyRequestsException',
    'NotAuthorizedException',
    'InternalErrorException',
  ],
} as const satisfies Operation;

const DescribeUserPoolClient = {
  name: 'DescribeUserPoolClient',
  doc: 'Describes an app client.',
  input: {
    type: 'structure',
    members: { UserPoolId: S.UserPoolId, ClientId: S.ClientId },
    required: ['UserPoolId', 'ClientId'],
  },
  output: { type: 'structure', members: { UserPoolClient: S.UserPoolClientType } },
  errors: DescribeUserPool.errors,
} as const satisfies Operation;

const AdminDeleteUser = {
  name: 'AdminDeleteUser',
  doc: 'Deletes a user, with their TOTP authenticator and tokens.',
  input: {
    type: 'structure',
    members: { UserPoolId: S.UserPoolId, Username: S.Username },
    required: ['UserPoolId', 'Username'],
  },
  output: empty,
  errors: [
    'ResourceNotFoundException',
    'InvalidParameterException',
    'TooManyRequestsException',
    'NotAuthorizedException',
    'UserNotFoundException',
    'InternalErrorException',
  ],
} as const satisfies Operation;

const DeleteUserPool = {
  name: 'DeleteUserPool',
  doc: 'Deletes a user pool with its clients and users.',
  input: { type: 'structure', members: { UserPoolId: S.UserPoolId }, required: ['UserPoolId'] },
  output: empty,
  errors: [
    'ResourceNotFoundException',
    'InvalidParameterException',
    'TooManyRequestsException',
    'NotAuthorizedException',
    'InternalErrorException',
  ],
} as const satisfies Operation;

/** Every operation, keyed by its API name. Order here is the order of help and completions. */
export const operations = {
  AssociateSoftwareToken,
  VerifySoftwareToken,
  CreateUserPool,
  DescribeUserPool,
  ListUserPools,
  DeleteUserPool,
  SetUserPoolMfaConfig,
  GetUserPoolMfaConfig,
  CreateUserPoolClient,
  DescribeUserPoolClient,
  AdminCreateUser,
  AdminSetUserPassword,
  AdminGetUser,
  AdminDeleteUser,
  ListUsers,
  InitiateAuth,
  RespondToAuthChallenge,
  AdminInitiateAuth,
  AdminRespondToAuthChallenge,
  SetUserMFAPreference,
  AdminSetUserMFAPreference,
  GetUser,
  GlobalSignOut,
  RevokeToken,
  GetTokensFromRefreshToken,
} as const satisfies Record<string, Operation>;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
