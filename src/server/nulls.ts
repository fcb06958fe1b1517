// JSON null for a member means the member is absent, as Cognito reads its requests:
// amazon-cognito-identity-js sends `SMSMfaSettings: null` (its README's own
// setUserMfaPreference(null, totpSettings, cb) example) and `ClientMetadata: null`, and the
// service answers as if they were not sent. A null required member is then missing, which Cognito
// reports as "Value null at 'userPoolId' failed to satisfy constraint: Member must not be null":
// the service-side validation's InvalidParameterException, not a type error. Only the server does
// this: AWS CLI v2 refuses a null in --cli-input-json before sending (botocore's ParamValidator,
// "Invalid type for parameter X, value: None"), and so does the CLI path here.
import type { Shape, StructureShape } from '../model/types.ts';

/** Deletes, in place, every structure member whose value is null, following the shape. */
export function stripNulls(shape: StructureShape, input: Record<string, unknown>): void {
  for (const key in input) {
    if (!Object.hasOwn(shape.members, key) || !Object.hasOwn(input, key)) continue;
    const member = shape.members[key]!;
    const value = input[key];
    if (value === null) delete input[key];
    else strip(member, value);
  }
}

function strip(shape: Shape, value: unknown): void {
  if (value === null || typeof value !== 'object') return;
  switch (shape.type) {
    case 'structure':
      if (!Array.isArray(value)) stripNulls(shape, value as Record<string, unknown>);
      return;
    case 'list':
      if (Array.isArray(value) && isContainer(shape.member)) for (const v of value) strip(shape.member, v);
      return;
    case 'map':
      if (Array.isArray(value)) return;
      for (const [k, v] of Object.entries(value)) {
        // A null entry is absent too: amazon-cognito-identity-js retries a PASSWORD_VERIFIER that
        // met "Device does not exist." with `ChallengeResponses.DEVICE_KEY: null` (CognitoUser.js,
        // authenticateUserDefaultAuth), which Cognito answers as if the key were not sent.
        if (v === null) delete (value as Record<string, unknown>)[k];
        else if (isContainer(shape.value)) strip(shape.value, v);
      }
      return;
    default:
      return;
  }
}

function isContainer(shape: Shape): boolean {
  return shape.type === 'structure' || shape.type === 'list' || shape.type === 'map';
}
