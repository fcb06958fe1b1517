// The output registry: one pure formatter per --output value, each giving exactly the bytes AWS CLI
// v2 (2.9.19) writes to stdout for a response (after --query), trailing newline included, '' when
// v2 prints nothing. The per-format checks for "nothing to print" follow awscli/formatter.py.

import { isDict } from '../python/value.ts';
import type { OutputFormat } from './formats.ts';
import { formatJson } from './json.ts';
import { formatTable } from './table.ts';
import { formatText } from './text.ts';
import { formatYaml, formatYamlStream } from './yaml.ts';

export type { OutputFormat } from './formats.ts';

export interface FormatOptions {
  /** Columns of the terminal stdout is; v2 uses 80 when stdout is not a terminal (tables only). */
  readonly terminalWidth?: number;
}

type Formatter = (data: unknown, operationName: string, opts: FormatOptions) => string;

const isEmptyObject = (v: unknown): boolean => isDict(v) && Object.keys(v).length === 0;

const formatters: Readonly<Record<OutputFormat, Formatter>> = {
  // JSONFormatter prints everything but `{}` (an operation without output), even null and [].
  json: (data) => (isEmptyObject(data) ? '' : formatJson(data)),
  // TextFormatter always formats; `{}` and `[]` produce no lines by themselves, null prints "None".
  text: (data) => formatText(data),
  // TableFormatter draws nothing for any falsy value (null, '', 0, false, [], {}).
  table: (data, operationName, opts) => formatTable(data, operationName, opts),
  yaml: (data) => (isEmptyObject(data) ? '' : formatYaml(data)),
  'yaml-stream': (data) => (isEmptyObject(data) ? '' : formatYamlStream(data)),
  // Not in v2 2.9.19 (its --output choices stop at yaml-stream: argparse error, rc 252); later v2
  // releases added `off`, which "suppresses all command output to stdout"
  // (https://docs.aws.amazon.com/cli/latest/userguide/cli-usage-output-format.html).
  off: () => '',
};

export function formatOutput(
  data: unknown,
  format: OutputFormat,
  operationName: string,
  opts: FormatOptions = {},
): string {
  return formatters[format](data, operationName, opts);
}
