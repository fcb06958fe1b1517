// Writes our declarative model as a botocore service-2.json for cognito-idp, so that the real AWS CLI
// v2 (pointed at it with AWS_DATA_PATH) generates skeletons and validation messages for *our* model:
// the goldens then compare like with like (our members, our documentation). Run by
// scripts/capture-params-goldens.sh; not part of the program.
import { operations } from '../../../../src/model/index.ts';
import type { Operation, Shape } from '../../../../src/model/types.ts';

type Json = Record<string, unknown>;
const shapes: Record<string, Json> = {};

function common(shape: Shape): Json {
  const out: Json = {};
  if (shape.doc) out.documentation = shape.doc;
  if (shape.sensitive) out.sensitive = true;
  return out;
}

function exportShape(name: string, shape: Shape): string {
  const out: Json = { type: shape.type, ...common(shape) };
  switch (shape.type) {
    case 'structure':
      out.members = Object.fromEntries(
        Object.entries(shape.members).map(([m, s]) => [m, { shape: exportShape(`${name}${m}`, s) }]),
      );
      if (shape.required?.length) out.required = [...shape.required];
      break;
    case 'list':
      out.member = { shape: exportShape(`${name}Member`, shape.member) };
      if (shape.min !== undefined) out.min = shape.min;
      if (shape.max !== undefined) out.max = shape.max;
      break;
    case 'map':
      out.key = { shape: exportShape(`${name}Key`, shape.key) };
      out.value = { shape: exportShape(`${name}Value`, shape.value) };
      if (shape.min !== undefined) out.min = shape.min;
      if (shape.max !== undefined) out.max = shape.max;
      break;
    case 'string':
      if (shape.min !== undefined) out.min = shape.min;
      if (shape.max !== undefined) out.max = shape.max;
      if (shape.pattern !== undefined) out.pattern = shape.pattern;
      if (shape.enum !== undefined) out.enum = [...shape.enum];
      break;
    case 'integer':
    case 'long':
      if (shape.min !== undefined) out.min = shape.min;
      if (shape.max !== undefined) out.max = shape.max;
      break;
    default:
      break;
  }
  shapes[name] = out;
  return name;
}

const ops: Json = {};
for (const op of Object.values(operations) as Operation[]) {
  ops[op.name] = {
    name: op.name,
    http: { method: 'POST', requestUri: '/' },
    input: { shape: exportShape(`${op.name}Request`, op.input) },
    output: { shape: exportShape(`${op.name}Response`, op.output) },
    documentation: op.doc,
    ...(op.unsigned ? { authtype: 'none' } : {}),
  };
}

const model = {
  version: '2.0',
  metadata: {
    apiVersion: '2016-04-18',
    endpointPrefix: 'cognito-idp',
    jsonVersion: '1.1',
    protocol: 'json',
    serviceFullName: 'Amazon Cognito Identity Provider',
    serviceId: 'Cognito Identity Provider',
    signatureVersion: 'v4',
    targetPrefix: 'AWSCognitoIdentityProviderService',
    uid: 'cognito-idp-2016-04-18',
  },
  operations: ops,
  shapes,
};
process.stdout.write(`${JSON.stringify(model, null, 1)}\n`);
