// The model's public face: the operations table, name translation, and request/response types.
import { type OperationName, type Operations, operations } from './operations.ts';
import type { Operation, StructValue } from './types.ts';

export type * from './types.ts';
export type { OperationName, Operations };
export { operations };

export type Request<N extends OperationName> = StructValue<Operations[N]['input']>;
export type Response<N extends OperationName> = StructValue<Operations[N]['output']>;

/** VerifySoftwareToken -> verify-software-token; SetUserMFAPreference -> set-user-mfa-preference (botocore's xform_name). */
export function cliName(apiName: string): string {
  return apiName
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

const byCliName = new Map<string, OperationName>(
  (Object.keys(operations) as OperationName[]).map((n) => [cliName(n), n]),
);

export function operationByCliName(name: string): OperationName | undefined {
  return byCliName.get(name);
}

export function getOperation(name: OperationName): Operation {
  return operations[name];
}
