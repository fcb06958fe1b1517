// The vocabulary of the declarative model: shapes and operations as plain typed data.
// Meaning follows Cognito's service model (botocore cognito-idp/2016-04-18/service-2.json);
// the text is ours. This file imports nothing.

export interface Common {
  /** One-paragraph documentation, shown by help and yaml-input skeletons. */
  readonly doc?: string;
  /** Secret material: masked in --debug, never echoed in error messages. */
  readonly sensitive?: boolean;
}

export interface StringShape extends Common {
  readonly type: 'string';
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly enum?: readonly string[];
}
export interface IntegerShape extends Common {
  readonly type: 'integer' | 'long';
  readonly min?: number;
  readonly max?: number;
}
export interface BooleanShape extends Common {
  readonly type: 'boolean';
}
export interface TimestampShape extends Common {
  readonly type: 'timestamp';
}
export interface StructureShape extends Common {
  readonly type: 'structure';
  /** Members in model order: that order drives JSON output, skeletons, flags and validation messages. */
  readonly members: Readonly<Record<string, Shape>>;
  readonly required?: readonly string[];
}
export interface ListShape extends Common {
  readonly type: 'list';
  readonly member: Shape;
  readonly min?: number;
  readonly max?: number;
}
export interface MapShape extends Common {
  readonly type: 'map';
  readonly key: StringShape;
  readonly value: Shape;
  readonly min?: number;
  readonly max?: number;
}

export type Shape =
  | StringShape
  | IntegerShape
  | BooleanShape
  | TimestampShape
  | StructureShape
  | ListShape
  | MapShape;

export interface ErrorSpec {
  readonly code: string;
  readonly doc?: string;
}

export interface Operation {
  /** PascalCase API name, e.g. VerifySoftwareToken. The CLI name is derived (verify-software-token). */
  readonly name: string;
  readonly doc: string;
  readonly input: StructureShape;
  readonly output: StructureShape;
  readonly errors: readonly string[];
  /** Cognito marks these `authtype: none`: sent unsigned, no AWS credentials needed. */
  readonly unsigned?: boolean;
  /** botocore's paginator (paginators-1.json): the AWS CLI fetches every page unless told not to. */
  readonly paginator?: Paginator;
}

export interface Paginator {
  readonly inputToken: string;
  readonly outputToken: string;
  readonly limitKey: string;
  readonly resultKey: string;
}

// ---- Type inference: requests and responses typed from the model itself ----

type Simplify<T> = { [K in keyof T]: T[K] } & {};
export type ValueOf<S extends Shape> = S extends StringShape
  ? S['enum'] extends readonly (infer E)[]
    ? E
    : string
  : S extends IntegerShape
    ? number
    : S extends BooleanShape
      ? boolean
      : S extends TimestampShape
        ? number
        : S extends ListShape
          ? ValueOf<S['member']>[]
          : S extends MapShape
            ? Record<string, ValueOf<S['value']>>
            : S extends StructureShape
              ? StructValue<S>
              : never;
type RequiredKeys<S extends StructureShape> = S['required'] extends readonly (infer R)[]
  ? Extract<R, keyof S['members']>
  : never;
export type StructValue<S extends StructureShape> = Simplify<
  { -readonly [K in RequiredKeys<S>]: ValueOf<S['members'][K]> } & {
    -readonly [K in Exclude<keyof S['members'], RequiredKeys<S>>]?: ValueOf<S['members'][K]>;
  }
>;
