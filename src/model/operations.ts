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

/**
 * The pool settings create-user-pool and update-user-pool both take, in botocore's order (two runs:
 * the sign-in attributes, which only create-user-pool takes, come between them).
 */
const poolSettingsHead = {
  Policies: S.UserPoolPolicy,
  DeletionProtection: S.DeletionProtection,
  AutoVerifiedAttributes: S.UserPoolType.members.AutoVerifiedAttributes,
} as const;
const poolSettingsTail = {
  MfaConfiguration: S.MfaConfiguration,
  DeviceConfiguration: S.DeviceConfiguration,
  UserPoolTags: S.UserPoolTags,
  AdminCreateUserConfig: S.AdminCreateUserConfig,
} as const;

const CreateUserPool = {
  name: 'CreateUserPool',
  doc: 'Creates a new user pool. In the local emulator the pool gets its own signing key and MFA configuration.',
  input: {
    type: 'structure',
    members: {
      PoolName: S.PoolName,
      ...poolSettingsHead,
      AliasAttributes: S.UserPoolType.members.AliasAttributes,
      UsernameAttributes: S.UserPoolType.members.UsernameAttributes,
      ...poolSettingsTail,
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

const UpdateUserPool = {
  name: 'UpdateUserPool',
  doc:
    'Changes the settings of a user pool. As in Cognito, a setting left out goes back to its default value (MFA OFF, the default password policy, no device tracking, no auto-verified attributes): describe-user-pool first to keep it. ' +
    'MFA ON or OPTIONAL needs TOTP turned on first (set-user-pool-mfa-config). The sign-in attributes (UsernameAttributes, AliasAttributes) cannot be changed.',
  input: {
    type: 'structure',
    members: {
      UserPoolId: S.UserPoolId,
      ...poolSettingsHead,
      ...poolSettingsTail,
      PoolName: S.PoolName,
    },
    required: ['UserPoolId'],
  },
  output: empty,
  errors: [
    'ResourceNotFoundException',
    'InvalidParameterException',
    'ConcurrentModificationException',
    'TooManyRequestsException',
    'NotAuthorizedException',
    'UserImportInProgressException',
    'InternalErrorException',
    'InvalidSmsRoleAccessPolicyException',
    'InvalidSmsRoleTrustRelationshipException',
    'UserPoolTaggingException',
    'InvalidEmailRoleAccessPolicyException',
    'TierChangeNotAllowedException',
    'FeatureUnavailableInTierException',
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

/** The settings create-user-pool-client and update-user-pool-client both take, in model order. */
const clientSettings = {
  RefreshTokenValidity: S.UserPoolClientType.members.RefreshTokenValidity,
  AccessTokenValidity: S.UserPoolClientType.members.AccessTokenValidity,
  IdTokenValidity: S.UserPoolClientType.members.IdTokenValidity,
  TokenValidityUnits: S.TokenValidityUnits,
  ExplicitAuthFlows: S.ExplicitAuthFlows,
  PreventUserExistenceErrors: S.UserPoolClientType.members.PreventUserExistenceErrors,
  EnableTokenRevocation: S.Bool,
  AuthSessionValidity: S.AuthSessionValidity,
  RefreshTokenRotation: S.RefreshTokenRotation,
} as const;

const CreateUserPoolClient = {
  name: 'CreateUserPoolClient',
  doc: 'Creates an app client in a user pool. Its AuthSessionValidity sets how long challenge sessions last; its token validities set how long tokens last.',
  input: {
    type: 'structure',
    members: {
      UserPoolId: S.UserPoolId,
      ClientName: S.UserPoolClientType.members.ClientName,
      GenerateSecret: { type: 'boolean', doc: 'Whether to generate a client secret.' },
      ...clientSettings,
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
      ForceAliasCreation: {
        type: 'boolean',
        doc: 'With email_verified or phone_number_verified true: whether to move an alias another user has to this one (else AliasExistsException).',
      },
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
    'AliasExistsException',
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
        doc: 'The key of the device the refresh token was issued to: required while the pool tracks devices (the confirmed device of the sign-in).',
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
      AttributesToGet: {
        type: 'list',
        member: S.AttributeType.members.Name,
        doc: 'The attributes to return for each user (all when not given).',
      },
      Limit: { type: 'integer', min: 0, max: 60, doc: 'The most users to return (default and most: 60).' },
      PaginationToken: {
        type: 'string',
        min: 1,
        pattern: '[\\S]+',
        doc: 'The pagination token of a previous call.',
      },
      Filter: {
        type: 'string',
        max: 256,
        doc: 'A filter of the form \'AttributeName = "value"\' (exact) or \'AttributeName ^= "value"\' (starts with), on one of username, email, phone_number, name, given_name, family_name, preferred_username, cognito:user_status, status or sub.',
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

// ---- Groups (issue 16): a pool's groups, their members, and the cognito:groups claim ----

const groupErrors = [
  'ResourceNotFoundException',
  'InvalidParameterException',
  'TooManyRequestsException',
  'NotAuthorizedException',
  'InternalErrorException',
] as const;

const groupKey = { GroupName: S.GroupName, UserPoolId: S.UserPoolId } as const;

const groupFields = {
  ...groupKey,
  Description: S.GroupDescription,
  RoleArn: S.RoleArn,
  Precedence: S.Precedence,
} as const;

const groupOutput = { type: 'structure', members: { Group: S.GroupType } } as const satisfies StructureShape;

const CreateGroup = {
  name: 'CreateGroup',
  doc: "Creates a group in a user pool. Its members' ID and access tokens list it in the cognito:groups claim, ordered by precedence.",
  input: { type: 'structure', members: groupFields, required: ['GroupName', 'UserPoolId'] },
  output: groupOutput,
  errors: [
    'InvalidParameterException',
    'GroupExistsException',
    'ResourceNotFoundException',
    'TooManyRequestsException',
    'LimitExceededException',
    'NotAuthorizedException',
    'InternalErrorException',
  ],
} as const satisfies Operation;

const GetGroup = {
  name: 'GetGroup',
  doc: 'Gets a group of a user pool.',
  input: { type: 'structure', members: groupKey, required: ['GroupName', 'UserPoolId'] },
  output: groupOutput,
  errors: groupErrors,
} as const satisfies Operation;

const ListGroups = {
  name: 'ListGroups',
  doc: 'Lists the groups of a user pool.',
  input: {
    type: 'structure',
    members: { UserPoolId: S.UserPoolId, Limit: S.QueryLimit, NextToken: S.PaginationKey },
    required: ['UserPoolId'],
  },
  output: { type: 'structure', members: { Groups: S.GroupList, NextToken: S.PaginationKey } },
  paginator: { inputToken: 'NextToken', outputToken: 'NextToken', limitKey: 'Limit', resultKey: 'Groups' },
  errors: [
    'InvalidParameterException',
    'ResourceNotFoundException',
    'TooManyRequestsException',
    'NotAuthorizedException',
    'InternalErrorException',
  ],
} as const satisfies Operation;

const UpdateGroup = {
  name: 'UpdateGroup',
  doc: 'Changes the description, role or precedence of a group. What is not given stays as it was. Tokens issued afterwards carry the new order.',
  input: { type: 'structure', members: groupFields, required: ['GroupName', 'UserPoolId'] },
  output: groupOutput,
  errors: groupErrors,
} as const satisfies Operation;

const DeleteGroup = {
  name: 'DeleteGroup',
  doc: 'Deletes a group; its members leave it. Tokens issued afterwards no longer name it.',
  input: { type: 'structure', members: groupKey, required: ['GroupName', 'UserPoolId'] },
  output: empty,
  errors: groupErrors,
} as const satisfies Operation;

const userGroupMembers = {
  UserPoolId: S.UserPoolId,
  Username: S.Username,
  GroupName: S.GroupName,
} as const;

const userGroupErrors = [
  'InvalidParameterException',
  'ResourceNotFoundException',
  'TooManyRequestsException',
  'NotAuthorizedException',
  'UserNotFoundException',
  'InternalErrorException',
] as const;

const AdminAddUserToGroup = {
  name: 'AdminAddUserToGroup',
  doc: 'Adds a user to a group. Tokens issued afterwards carry the group in cognito:groups.',
  input: {
    type: 'structure',
    members: userGroupMembers,
    required: ['UserPoolId', 'Username', 'GroupName'],
  },
  output: empty,
  errors: userGroupErrors,
} as const satisfies Operation;

const AdminRemoveUserFromGroup = {
  name: 'AdminRemoveUserFromGroup',
  doc: 'Removes a user from a group.',
  input: AdminAddUserToGroup.input,
  output: empty,
  errors: userGroupErrors,
} as const satisfies Operation;

const AdminListGroupsForUser = {
  name: 'AdminListGroupsForUser',
  doc: 'Lists the groups a user belongs to.',
  input: {
    type: 'structure',
    members: {
      Username: S.Username,
      UserPoolId: S.UserPoolId,
      Limit: S.QueryLimit,
      NextToken: S.PaginationKey,
    },
    required: ['Username', 'UserPoolId'],
  },
  output: ListGroups.output,
  paginator: ListGroups.paginator,
  errors: userGroupErrors,
} as const satisfies Operation;

const ListUsersInGroup = {
  name: 'ListUsersInGroup',
  doc: 'Lists the users of a group.',
  input: {
    type: 'structure',
    members: {
      UserPoolId: S.UserPoolId,
      GroupName: S.GroupName,
      Limit: S.QueryLimit,
      NextToken: S.PaginationKey,
    },
    required: ['UserPoolId', 'GroupName'],
  },
  output: {
    type: 'structure',
    members: { Users: { type: 'list', member: S.UserType }, NextToken: S.PaginationKey },
  },
  paginator: { inputToken: 'NextToken', outputToken: 'NextToken', limitKey: 'Limit', resultKey: 'Users' },
  errors: [
    'InvalidParameterException',
    'ResourceNotFoundException',
    'TooManyRequestsException',
    'NotAuthorizedException',
    'InternalErrorException',
  ],
} as const satisfies Operation;

// ---- User states and sessions (issue 16): disable, enable, sign out everywhere, delete ----

const adminUserKey = {
  type: 'structure',
  members: { UserPoolId: S.UserPoolId, Username: S.Username },
  required: ['UserPoolId', 'Username'],
} as const satisfies StructureShape;

const adminUserErrors = [
  'ResourceNotFoundException',
  'InvalidParameterException',
  'TooManyRequestsException',
  'NotAuthorizedException',
  'UserNotFoundException',
  'InternalErrorException',
] as const;

const signedInErrors = [
  'ResourceNotFoundException',
  'InvalidParameterException',
  'NotAuthorizedException',
  'TooManyRequestsException',
  'PasswordResetRequiredException',
  'UserNotFoundException',
  'UserNotConfirmedException',
  'InternalErrorException',
  'ForbiddenException',
] as const;

const AdminDisableUser = {
  name: 'AdminDisableUser',
  doc: 'Deactivates a user and revokes all of the user\'s tokens. A deactivated user cannot sign in ("User is disabled.") but still appears in list-users.',
  input: adminUserKey,
  output: empty,
  errors: adminUserErrors,
} as const satisfies Operation;

const AdminEnableUser = {
  name: 'AdminEnableUser',
  doc: 'Activates a deactivated user: they can sign in again. Tokens revoked when the user was deactivated stay revoked.',
  input: adminUserKey,
  output: empty,
  errors: adminUserErrors,
} as const satisfies Operation;

const AdminUserGlobalSignOut = {
  name: 'AdminUserGlobalSignOut',
  doc: 'Signs a user out of every device, as an administrator: every access, ID and refresh token issued so far stops working.',
  input: adminUserKey,
  output: empty,
  errors: adminUserErrors,
} as const satisfies Operation;

const DeleteUser = {
  name: 'DeleteUser',
  unsigned: true,
  doc: 'Deletes the signed-in user, with their TOTP authenticator, group memberships and tokens.',
  input: { type: 'structure', members: { AccessToken: S.AccessToken }, required: ['AccessToken'] },
  output: empty,
  errors: signedInErrors,
} as const satisfies Operation;

const GetUserAuthFactors = {
  name: 'GetUserAuthFactors',
  unsigned: true,
  doc: 'Lists the authentication factors the signed-in user has configured: the MFA factors (SOFTWARE_TOKEN_MFA once TOTP is enabled) and the sign-in factors (PASSWORD).',
  input: { type: 'structure', members: { AccessToken: S.AccessToken }, required: ['AccessToken'] },
  output: {
    type: 'structure',
    members: {
      Username: S.Username,
      PreferredMfaSetting: FreeDoc('The MFA factor the user prefers, e.g. SOFTWARE_TOKEN_MFA.'),
      UserMFASettingList: { ...S.UserMFASettingList, doc: 'The MFA factors enabled for the user.' },
      ConfiguredUserAuthFactors: {
        type: 'list',
        min: 0,
        max: 8,
        member: { type: 'string', enum: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'] },
        doc: 'The factors the user can sign in with (choice-based sign-in).',
      },
    },
    required: ['Username'],
  },
  errors: signedInErrors,
} as const satisfies Operation;

// ---- Passwords (issue 16): change, forgot and confirm, admin reset ----

const ChangePassword = {
  name: 'ChangePassword',
  unsigned: true,
  doc: "Changes the signed-in user's password: the previous one must be right and the proposed one must meet the pool's password policy.",
  input: {
    type: 'structure',
    members: { PreviousPassword: S.Password, ProposedPassword: S.Password, AccessToken: S.AccessToken },
    required: ['ProposedPassword', 'AccessToken'],
  },
  output: empty,
  errors: [
    'ResourceNotFoundException',
    'InvalidParameterException',
    'InvalidPasswordException',
    'PasswordHistoryPolicyViolationException',
    'NotAuthorizedException',
    'TooManyRequestsException',
    'LimitExceededException',
    'PasswordResetRequiredException',
    'UserNotFoundException',
    'UserNotConfirmedException',
    'InternalErrorException',
    'ForbiddenException',
  ],
} as const satisfies Operation;

const ForgotPassword = {
  name: 'ForgotPassword',
  unsigned: true,
  doc: "Sends a password reset code to the user's verified email address or phone number (the local emulator puts it in its outbox). Confirm with confirm-forgot-password.",
  input: {
    type: 'structure',
    members: {
      ClientId: S.ClientId,
      SecretHash: S.SecretHash,
      UserContextData: S.UserContextData,
      Username: S.Username,
      AnalyticsMetadata: S.AnalyticsMetadata,
      ClientMetadata: S.StringMap,
    },
    required: ['ClientId', 'Username'],
  },
  output: { type: 'structure', members: { CodeDeliveryDetails: S.CodeDeliveryDetails } },
  errors: [
    'ResourceNotFoundException',
    'InvalidParameterException',
    'UnexpectedLambdaException',
    'UserLambdaValidationException',
    'NotAuthorizedException',
    'InvalidLambdaResponseException',
    'TooManyRequestsException',
    'LimitExceededException',
    'InvalidSmsRoleAccessPolicyException',
    'InvalidSmsRoleTrustRelationshipException',
    'InvalidEmailRoleAccessPolicyException',
    'CodeDeliveryFailureException',
    'UserNotFoundException',
    'InternalErrorException',
    'ForbiddenException',
  ],
} as const satisfies Operation;

const ConfirmForgotPassword = {
  name: 'ConfirmForgotPassword',
  unsigned: true,
  doc: 'Sets a new password with the code that forgot-password or admin-reset-user-password sent. The code is single use and expires after an hour.',
  input: {
    type: 'structure',
    members: {
      ClientId: S.ClientId,
      SecretHash: S.SecretHash,
      Username: S.Username,
      ConfirmationCode: S.ConfirmationCode,
      Password: S.Password,
      AnalyticsMetadata: S.AnalyticsMetadata,
      UserContextData: S.UserContextData,
      ClientMetadata: S.StringMap,
    },
    required: ['ClientId', 'Username', 'ConfirmationCode', 'Password'],
  },
  output: empty,
  errors: [
    'ResourceNotFoundException',
    'UnexpectedLambdaException',
    'UserLambdaValidationException',
    'InvalidParameterException',
    'InvalidPasswordException',
    'PasswordHistoryPolicyViolationException',
    'NotAuthorizedException',
    'CodeMismatchException',
    'ExpiredCodeException',
    'TooManyFailedAttemptsException',
    'InvalidLambdaResponseException',
    'TooManyRequestsException',
    'LimitExceededException',
    'UserNotFoundException',
    'UserNotConfirmedException',
    'InternalErrorException',
    'ForbiddenException',
  ],
} as const satisfies Operation;

const AdminResetUserPassword = {
  name: 'AdminResetUserPassword',
  doc: "Resets a user's password as an administrator: the user is RESET_REQUIRED, sign-in answers PasswordResetRequiredException, and a code goes to the user's verified email or phone (the local outbox) for confirm-forgot-password.",
  input: {
    type: 'structure',
    members: { UserPoolId: S.UserPoolId, Username: S.Username, ClientMetadata: S.StringMap },
    required: ['UserPoolId', 'Username'],
  },
  output: empty,
  errors: [
    'ResourceNotFoundException',
    'InvalidParameterException',
    'UnexpectedLambdaException',
    'UserLambdaValidationException',
    'NotAuthorizedException',
    'InvalidLambdaResponseException',
    'TooManyRequestsException',
    'LimitExceededException',
    'UserNotFoundException',
    'InvalidSmsRoleAccessPolicyException',
    'InvalidEmailRoleAccessPolicyException',
    'InvalidSmsRoleTrustRelationshipException',
    'InternalErrorException',
  ],
} as const satisfies Operation;

// ---- Sign-up (issue 16): self-service sign-up and its confirmation ----

const SignUp = {
  name: 'SignUp',
  unsigned: true,
  doc: "Registers a user: UNCONFIRMED until confirm-sign-up (with the code sent to an auto-verified email or phone; the local emulator puts it in its outbox) or admin-confirm-sign-up. The password must meet the pool's password policy.",
  input: {
    type: 'structure',
    members: {
      ClientId: S.ClientId,
      SecretHash: S.SecretHash,
      Username: S.Username,
      Password: S.Password,
      UserAttributes: S.AttributeList,
      ValidationData: S.AttributeList,
      AnalyticsMetadata: S.AnalyticsMetadata,
      UserContextData: S.UserContextData,
      ClientMetadata: S.StringMap,
    },
    required: ['ClientId', 'Username'],
  },
  output: {
    type: 'structure',
    members: {
      UserConfirmed: { type: 'boolean', doc: 'Whether the user is already confirmed.' },
      CodeDeliveryDetails: S.CodeDeliveryDetails,
      UserSub: { ...S.FreeString, doc: "The new user's sub." },
      Session: S.Session,
    },
    required: ['UserConfirmed', 'UserSub'],
  },
  errors: [
    'ResourceNotFoundException',
    'InvalidParameterException',
    'UnexpectedLambdaException',
    'UserLambdaValidationException',
    'NotAuthorizedException',
    'InvalidPasswordException',
    'InvalidLambdaResponseException',
    'UsernameExistsException',
    'TooManyRequestsException',
    'InternalErrorException',
    'LimitExceededException',
    'InvalidSmsRoleAccessPolicyException',
    'InvalidSmsRoleTrustRelationshipException',
    'InvalidEmailRoleAccessPolicyException',
    'CodeDeliveryFailureException',
    'ForbiddenException',
  ],
} as const satisfies Operation;

const ConfirmSignUp = {
  name: 'ConfirmSignUp',
  unsigned: true,
  doc: 'Confirms a signed-up user with the code sent to them. The code is single use and expires after 24 hours; the attribute it went to becomes verified.',
  input: {
    type: 'structure',
    members: {
      ClientId: S.ClientId,
      SecretHash: S.SecretHash,
      Username: S.Username,
      ConfirmationCode: S.ConfirmationCode,
      ForceAliasCreation: {
        type: 'boolean',
        doc: 'Whether to move an alias already used by another user to this one.',
      },
      AnalyticsMetadata: S.AnalyticsMetadata,
      UserContextData: S.UserContextData,
      ClientMetadata: S.StringMap,
      Session: S.Session,
    },
    required: ['ClientId', 'Username', 'ConfirmationCode'],
  },
  output: { type: 'structure', members: { Session: S.Session } },
  errors: [
    'ResourceNotFoundException',
    'InvalidParameterException',
    'UnexpectedLambdaException',
    'UserLambdaValidationException',
    'NotAuthorizedException',
    'TooManyFailedAttemptsException',
    'CodeMismatchException',
    'ExpiredCodeException',
    'InvalidLambdaResponseException',
    'AliasExistsException',
    'TooManyRequestsException',
    'LimitExceededException',
    'UserNotFoundException',
    'InternalErrorException',
    'ForbiddenException',
  ],
} as const satisfies Operation;

const ResendConfirmationCode = {
  name: 'ResendConfirmationCode',
  unsigned: true,
  doc: 'Sends an UNCONFIRMED user a new confirmation code; an earlier code stops working.',
  input: {
    type: 'structure',
    members: {
      ClientId: S.ClientId,
      SecretHash: S.SecretHash,
      UserContextData: S.UserContextData,
      Username: S.Username,
      AnalyticsMetadata: S.AnalyticsMetadata,
      ClientMetadata: S.StringMap,
    },
    required: ['ClientId', 'Username'],
  },
  output: ForgotPassword.output,
  errors: ForgotPassword.errors,
} as const satisfies Operation;

const AdminConfirmSignUp = {
  name: 'AdminConfirmSignUp',
  doc: 'Confirms a signed-up (UNCONFIRMED) user as an administrator, without a code. No attribute becomes verified.',
  input: {
    type: 'structure',
    members: { UserPoolId: S.UserPoolId, Username: S.Username, ClientMetadata: S.StringMap },
    required: ['UserPoolId', 'Username'],
  },
  output: empty,
  errors: [
    'ResourceNotFoundException',
    'InvalidParameterException',
    'UnexpectedLambdaException',
    'UserLambdaValidationException',
    'NotAuthorizedException',
    'TooManyFailedAttemptsException',
    'InvalidLambdaResponseException',
    'TooManyRequestsException',
    'LimitExceededException',
    'UserNotFoundException',
    'InternalErrorException',
  ],
} as const satisfies Operation;

// ---- Attributes (issue 16): change, delete and verify a user's attributes ----

const UpdateUserAttributes = {
  name: 'UpdateUserAttributes',
  unsigned: true,
  doc: "Changes the signed-in user's attributes. A new email or phone number is unverified until verify-user-attribute; when the pool auto-verifies it, a code is sent (the local outbox).",
  input: {
    type: 'structure',
    members: { UserAttributes: S.AttributeList, AccessToken: S.AccessToken, ClientMetadata: S.StringMap },
    required: ['UserAttributes', 'AccessToken'],
  },
  output: {
    type: 'structure',
    members: {
      CodeDeliveryDetailsList: {
        type: 'list',
        member: S.CodeDeliveryDetails,
        doc: 'Where verification codes were sent.',
      },
    },
  },
  errors: [
    'ResourceNotFoundException',
    'InvalidParameterException',
    'CodeMismatchException',
    'ExpiredCodeException',
    'NotAuthorizedException',
    'UnexpectedLambdaException',
    'UserLambdaValidationException',
    'InvalidLambdaResponseException',
    'TooManyRequestsException',
    'AliasExistsException',
    'InvalidSmsRoleAccessPolicyException',
    'InvalidSmsRoleTrustRelationshipException',
    'InvalidEmailRoleAccessPolicyException',
    'CodeDeliveryFailureException',
    'PasswordResetRequiredException',
    'UserNotFoundException',
    'UserNotConfirmedException',
    'InternalErrorException',
    'ForbiddenException',
  ],
} as const satisfies Operation;

const AdminUpdateUserAttributes = {
  name: 'AdminUpdateUserAttributes',
  doc: "Changes a user's attributes as an administrator. A new email or phone number is unverified unless email_verified / phone_number_verified is set true in the same call.",
  input: {
    type: 'structure',
    members: {
      UserPoolId: S.UserPoolId,
      Username: S.Username,
      UserAttributes: S.AttributeList,
      ClientMetadata: S.StringMap,
    },
    required: ['UserPoolId', 'Username', 'UserAttributes'],
  },
  output: empty,
  errors: [
    'ResourceNotFoundException',
    'InvalidParameterException',
    'UnexpectedLambdaException',
    'UserLambdaValidationException',
    'InvalidLambdaResponseException',
    'AliasExistsException',
    'TooManyRequestsException',
    'NotAuthorizedException',
    'UserNotFoundException',
    'InternalErrorException',
    'InvalidSmsRoleAccessPolicyException',
    'InvalidEmailRoleAccessPolicyException',
    'InvalidSmsRoleTrustRelationshipException',
  ],
} as const satisfies Operation;

const AdminDeleteUserAttributes = {
  name: 'AdminDeleteUserAttributes',
  doc: 'Deletes attributes of a user as an administrator (not sub).',
  input: {
    type: 'structure',
    members: {
      UserPoolId: S.UserPoolId,
      Username: S.Username,
      UserAttributeNames: {
        type: 'list',
        member: S.AttributeType.members.Name,
        doc: 'The names of the attributes to delete.',
      },
    },
    required: ['UserPoolId', 'Username', 'UserAttributeNames'],
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

const GetUserAttributeVerificationCode = {
  name: 'GetUserAttributeVerificationCode',
  unsigned: true,
  doc: 'Sends the signed-in user a code to verify their email or phone number (the local outbox); verify with verify-user-attribute.',
  input: {
    type: 'structure',
    members: {
      AccessToken: S.AccessToken,
      AttributeName: S.AttributeType.members.Name,
      ClientMetadata: S.StringMap,
    },
    required: ['AccessToken', 'AttributeName'],
  },
  output: { type: 'structure', members: { CodeDeliveryDetails: S.CodeDeliveryDetails } },
  errors: [
    'ResourceNotFoundException',
    'InvalidParameterException',
    'TooManyRequestsException',
    'NotAuthorizedException',
    'UnexpectedLambdaException',
    'UserLambdaValidationException',
    'InvalidLambdaResponseException',
    'InvalidSmsRoleAccessPolicyException',
    'InvalidSmsRoleTrustRelationshipException',
    'InvalidEmailRoleAccessPolicyException',
    'CodeDeliveryFailureException',
    'LimitExceededException',
    'PasswordResetRequiredException',
    'UserNotFoundException',
    'UserNotConfirmedException',
    'InternalErrorException',
    'ForbiddenException',
  ],
} as const satisfies Operation;

const VerifyUserAttribute = {
  name: 'VerifyUserAttribute',
  unsigned: true,
  doc: "Verifies the signed-in user's email or phone number with the code get-user-attribute-verification-code (or update-user-attributes) sent. Single use; expires after 24 hours.",
  input: {
    type: 'structure',
    members: {
      AccessToken: S.AccessToken,
      AttributeName: S.AttributeType.members.Name,
      Code: S.ConfirmationCode,
    },
    required: ['AccessToken', 'AttributeName', 'Code'],
  },
  output: empty,
  errors: [
    'ResourceNotFoundException',
    'InvalidParameterException',
    'CodeMismatchException',
    'ExpiredCodeException',
    'NotAuthorizedException',
    'TooManyRequestsException',
    'LimitExceededException',
    'PasswordResetRequiredException',
    'UserNotFoundException',
    'UserNotConfirmedException',
    'InternalErrorException',
    'AliasExistsException',
    'ForbiddenException',
  ],
} as const satisfies Operation;

// ---- Upkeep (issue 16): app clients listed, changed and deleted ----

const ListUserPoolClients = {
  name: 'ListUserPoolClients',
  doc: 'Lists the app clients of a user pool.',
  input: {
    type: 'structure',
    members: {
      UserPoolId: S.UserPoolId,
      MaxResults: { type: 'integer', min: 1, max: 60, doc: 'The most clients to return (1 to 60).' },
      NextToken: S.PaginationKey,
    },
    required: ['UserPoolId'],
  },
  output: {
    type: 'structure',
    members: {
      UserPoolClients: {
        type: 'list',
        member: {
          type: 'structure',
          members: {
            ClientId: S.ClientId,
            UserPoolId: S.UserPoolId,
            ClientName: S.UserPoolClientType.members.ClientName,
          },
        },
      },
      NextToken: S.PaginationKey,
    },
  },
  paginator: {
    inputToken: 'NextToken',
    outputToken: 'NextToken',
    limitKey: 'MaxResults',
    resultKey: 'UserPoolClients',
  },
  errors: [
    'InvalidParameterException',
    'ResourceNotFoundException',
    'TooManyRequestsException',
    'NotAuthorizedException',
    'InternalErrorException',
  ],
} as const satisfies Operation;

const UpdateUserPoolClient = {
  name: 'UpdateUserPoolClient',
  doc: "Changes an app client. As in Cognito, a member left out goes back to its default value (describe-user-pool-client first to keep it). The client's secret is kept.",
  input: {
    type: 'structure',
    members: {
      UserPoolId: S.UserPoolId,
      ClientId: S.ClientId,
      ClientName: S.UserPoolClientType.members.ClientName,
      ...clientSettings,
    },
    required: ['UserPoolId', 'ClientId'],
  },
  output: { type: 'structure', members: { UserPoolClient: S.UserPoolClientType } },
  errors: [
    'ResourceNotFoundException',
    'InvalidParameterException',
    'ConcurrentModificationException',
    'TooManyRequestsException',
    'NotAuthorizedException',
    'ScopeDoesNotExistException',
    'InvalidOAuthFlowException',
    'InternalErrorException',
    'FeatureUnavailableInTierException',
  ],
} as const satisfies Operation;

const DeleteUserPoolClient = {
  name: 'DeleteUserPoolClient',
  doc: 'Deletes an app client: its sign-in sessions end, and tokens issued to it can no longer be refreshed.',
  input: {
    type: 'structure',
    members: { UserPoolId: S.UserPoolId, ClientId: S.ClientId },
    required: ['UserPoolId', 'ClientId'],
  },
  output: empty,
  errors: [
    'ResourceNotFoundException',
    'InvalidParameterException',
    'TooManyRequestsException',
    'NotAuthorizedException',
    'ConcurrentModificationException',
    'InternalErrorException',
  ],
} as const satisfies Operation;

// ---- Remembered devices (issue 16): confirm-device and the device operations, user and admin ----

const DeviceSecretVerifierConfig = {
  type: 'structure',
  members: {
    PasswordVerifier: {
      type: 'string',
      min: 0,
      max: 131072,
      sensitive: true,
      doc: "The device's SRP verifier v = g^x, base64 of its bytes.",
    },
    Salt: {
      type: 'string',
      min: 0,
      max: 131072,
      sensitive: true,
      doc: "The device's SRP salt, base64 of its bytes.",
    },
  },
  doc: 'The SRP verifier of the device, computed by the client from a random device password, the DeviceGroupKey and the DeviceKey.',
} as const satisfies StructureShape;

const deviceErrors = [
  'ResourceNotFoundException',
  'InvalidParameterException',
  'NotAuthorizedException',
  'InvalidUserPoolConfigurationException',
  'TooManyRequestsException',
  'PasswordResetRequiredException',
  'UserNotFoundException',
  'UserNotConfirmedException',
  'InternalErrorException',
  'ForbiddenException',
] as const;

const adminDeviceErrors = [
  'ResourceNotFoundException',
  'InvalidParameterException',
  'InvalidUserPoolConfigurationException',
  'TooManyRequestsException',
  'NotAuthorizedException',
  'UserNotFoundException',
  'InternalErrorException',
] as const;

const deviceListOutput = {
  type: 'structure',
  members: {
    Devices: { type: 'list', member: S.DeviceType },
    PaginationToken: { type: 'string', min: 1, pattern: '[\\S]+' },
  },
} as const satisfies StructureShape;

const deviceLimit = {
  type: 'integer',
  min: 0,
  max: 60,
  doc: 'The most devices to return (default and most: 60).',
} as const;

const devicePaginationToken = {
  type: 'string',
  min: 1,
  pattern: '[\\S]+',
  doc: 'The pagination token of a previous call.',
} as const;

const ConfirmDevice = {
  name: 'ConfirmDevice',
  unsigned: true,
  doc:
    "Confirms a device that a sign-in returned in NewDeviceMetadata, with the device's SRP verifier. " +
    "Answers UserConfirmationNecessary: true when the pool remembers devices only on the user's prompt (then call update-device-status), false when the device is remembered at once.",
  input: {
    type: 'structure',
    members: {
      AccessToken: S.AccessToken,
      DeviceKey: S.DeviceKey,
      DeviceSecretVerifierConfig,
      DeviceName: { ...S.DeviceName, doc: 'A friendly name for the device.' },
    },
    required: ['AccessToken', 'DeviceKey'],
  },
  output: {
    type: 'structure',
    members: {
      UserConfirmationNecessary: {
        type: 'boolean',
        doc: 'True: the device is not remembered until update-device-status says so.',
      },
    },
  },
  errors: [
    'ResourceNotFoundException',
    'InvalidParameterException',
    'NotAuthorizedException',
    'InvalidPasswordException',
    'InvalidLambdaResponseException',
    'UsernameExistsException',
    'InvalidUserPoolConfigurationException',
    'TooManyRequestsException',
    'PasswordResetRequiredException',
    'UserNotFoundException',
    'UserNotConfirmedException',
    'InternalErrorException',
    'DeviceKeyExistsException',
    'ForbiddenException',
  ],
} as const satisfies Operation;

const UpdateDeviceStatus = {
  name: 'UpdateDeviceStatus',
  unsigned: true,
  doc: "Sets whether the signed-in user's device is remembered (it may then sign in with device authentication) or not remembered (tracked only).",
  input: {
    type: 'structure',
    members: {
      AccessToken: S.AccessToken,
      DeviceKey: S.DeviceKey,
      DeviceRememberedStatus: S.DeviceRememberedStatus,
    },
    required: ['AccessToken', 'DeviceKey'],
  },
  output: empty,
  errors: deviceErrors,
} as const satisfies Operation;

const GetDevice = {
  name: 'GetDevice',
  unsigned: true,
  doc: "Gets one of the signed-in user's devices: its key, attributes (name, remembered status) and dates.",
  input: {
    type: 'structure',
    members: { DeviceKey: S.DeviceKey, AccessToken: S.AccessToken },
    required: ['DeviceKey'],
  },
  output: { type: 'structure', members: { Device: S.DeviceType }, required: ['Device'] },
  errors: deviceErrors,
} as const satisfies Operation;

const ListDevices = {
  name: 'ListDevices',
  unsigned: true,
  doc: "Lists the signed-in user's confirmed devices, remembered or not.",
  input: {
    type: 'structure',
    members: { AccessToken: S.AccessToken, Limit: deviceLimit, PaginationToken: devicePaginationToken },
    required: ['AccessToken'],
  },
  output: deviceListOutput,
  errors: deviceErrors,
} as const satisfies Operation;

const ForgetDevice = {
  name: 'ForgetDevice',
  unsigned: true,
  doc: "Forgets one of the signed-in user's devices: its next sign-in is a new device (and needs the TOTP code again).",
  input: {
    type: 'structure',
    members: { AccessToken: S.AccessToken, DeviceKey: S.DeviceKey },
    required: ['DeviceKey'],
  },
  output: empty,
  errors: deviceErrors,
} as const satisfies Operation;

const AdminGetDevice = {
  name: 'AdminGetDevice',
  doc: "Gets one of a user's devices, as an administrator.",
  input: {
    type: 'structure',
    members: { DeviceKey: S.DeviceKey, UserPoolId: S.UserPoolId, Username: S.Username },
    required: ['DeviceKey', 'UserPoolId', 'Username'],
  },
  output: GetDevice.output,
  errors: adminDeviceErrors,
} as const satisfies Operation;

const AdminListDevices = {
  name: 'AdminListDevices',
  doc: "Lists a user's confirmed devices, as an administrator.",
  input: {
    type: 'structure',
    members: {
      UserPoolId: S.UserPoolId,
      Username: S.Username,
      Limit: deviceLimit,
      PaginationToken: devicePaginationToken,
    },
    required: ['UserPoolId', 'Username'],
  },
  output: deviceListOutput,
  errors: adminDeviceErrors,
} as const satisfies Operation;

const AdminForgetDevice = {
  name: 'AdminForgetDevice',
  doc: "Forgets one of a user's devices, as an administrator.",
  input: {
    type: 'structure',
    members: { UserPoolId: S.UserPoolId, Username: S.Username, DeviceKey: S.DeviceKey },
    required: ['UserPoolId', 'Username', 'DeviceKey'],
  },
  output: empty,
  errors: adminDeviceErrors,
} as const satisfies Operation;

const AdminUpdateDeviceStatus = {
  name: 'AdminUpdateDeviceStatus',
  doc: "Sets whether one of a user's devices is remembered, as an administrator.",
  input: {
    type: 'structure',
    members: {
      UserPoolId: S.UserPoolId,
      Username: S.Username,
      DeviceKey: S.DeviceKey,
      DeviceRememberedStatus: S.DeviceRememberedStatus,
    },
    required: ['UserPoolId', 'Username', 'DeviceKey'],
  },
  output: empty,
  errors: adminDeviceErrors,
} as const satisfies Operation;

// ---- end of remembered devices ----

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
  // Groups (issue 16)
  CreateGroup,
  GetGroup,
  ListGroups,
  UpdateGroup,
  DeleteGroup,
  AdminAddUserToGroup,
  AdminRemoveUserFromGroup,
  AdminListGroupsForUser,
  ListUsersInGroup,
  // User states and sessions (issue 16)
  AdminDisableUser,
  AdminEnableUser,
  AdminUserGlobalSignOut,
  DeleteUser,
  GetUserAuthFactors,
  // Passwords (issue 16)
  ChangePassword,
  ForgotPassword,
  ConfirmForgotPassword,
  AdminResetUserPassword,
  // Sign-up (issue 16)
  SignUp,
  ConfirmSignUp,
  ResendConfirmationCode,
  AdminConfirmSignUp,
  // Attributes (issue 16)
  UpdateUserAttributes,
  AdminUpdateUserAttributes,
  AdminDeleteUserAttributes,
  GetUserAttributeVerificationCode,
  VerifyUserAttribute,
  // Upkeep (issue 16)
  UpdateUserPool,
  ListUserPoolClients,
  UpdateUserPoolClient,
  DeleteUserPoolClient,
  // Remembered devices (issue 16)
  ConfirmDevice,
  UpdateDeviceStatus,
  GetDevice,
  ListDevices,
  ForgetDevice,
  AdminGetDevice,
  AdminListDevices,
  AdminForgetDevice,
  AdminUpdateDeviceStatus,
} as const satisfies Record<string, Operation>;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
