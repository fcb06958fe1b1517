// Help pages rendered from the model, laid out like the AWS CLI's man pages (NAME, DESCRIPTION,
// SYNOPSIS, OPTIONS, GLOBAL OPTIONS, OUTPUT), as plain text.
import { cliName, type Operation, type Shape, type StructureShape } from '../model/index.ts';
import { extrasOf } from './customizations.ts';
import { type GlobalOption, globalOptions, pagingOptions } from './globals.ts';
import { PROG } from './usage.ts';

const WIDTH = 79;

function wrap(text: string, indent: number): string {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && pad.length + line.length + 1 + word.length > WIDTH) {
      lines.push(pad + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(pad + line);
  return lines.join('\n');
}

export function typeName(shape: Shape): string {
  return shape.type === 'long' ? 'long' : shape.type;
}

function constraints(shape: Shape): string[] {
  const out: string[] = [];
  if (shape.type === 'string') {
    if (shape.min !== undefined && shape.max !== undefined && shape.min === shape.max)
      out.push(`length ${shape.min}`);
    else {
      if (shape.min !== undefined && shape.min > 0) out.push(`min length ${shape.min}`);
      if (shape.max !== undefined) out.push(`max length ${shape.max}`);
    }
    if (shape.pattern !== undefined) out.push(`pattern ${shape.pattern}`);
    if (shape.enum !== undefined) out.push(`one of ${shape.enum.join(' | ')}`);
  } else if (
    shape.type === 'integer' ||
    shape.type === 'long' ||
    shape.type === 'list' ||
    shape.type === 'map'
  ) {
    if (shape.min !== undefined) out.push(`min ${shape.min}`);
    if (shape.max !== undefined) out.push(`max ${shape.max}`);
  }
  return out;
}

function describeShape(name: string, shape: Shape, indent: number, required: boolean): string[] {
  const pad = ' '.repeat(indent);
  const head = `${pad}${name} -> (${typeName(shape)})${required ? ' [REQUIRED]' : ''}${shape.sensitive ? ' [sensitive]' : ''}`;
  const out = [head];
  if (shape.doc) out.push(wrap(shape.doc, indent + 3));
  const c = constraints(shape);
  if (c.length) out.push(wrap(`Constraints: ${c.join(', ')}`, indent + 3));
  const nested = shape.type === 'list' ? shape.member : shape.type === 'map' ? shape.value : shape;
  if (nested.type === 'structure') {
    for (const [k, v] of Object.entries(nested.members)) {
      out.push('', ...describeShape(k, v, indent + 3, nested.required?.includes(k) ?? false));
    }
  }
  return out;
}

function shorthandHint(shape: Shape): string | undefined {
  if (shape.type === 'structure') {
    const keys = Object.entries(shape.members)
      .map(
        ([k, v]) => `${k}=${v.type === 'boolean' ? 'boolean' : v.type === 'integer' ? 'integer' : 'string'}`,
      )
      .join(',');
    return `Shorthand Syntax:\n\n  ${keys}`;
  }
  if (shape.type === 'map') return 'Shorthand Syntax:\n\n  KeyName1=string,KeyName2=string';
  if (shape.type === 'list') return 'Syntax:\n\n  value1 value2 value3';
  return undefined;
}

function globalBlock(opts: readonly GlobalOption[]): string[] {
  const out: string[] = [];
  for (const g of opts) {
    out.push(`       ${g.flag} (${g.value ?? 'boolean'})`, '', wrap(g.doc, 10));
    if (g.choices) out.push('', ...g.choices.map((c) => `          o ${c}`));
    out.push('');
  }
  return out;
}

export function operationHelp(op: Operation): string {
  const name = cliName(op.name);
  const title = `${name.toUpperCase()}()`;
  const input: StructureShape = op.input;
  const required = new Set(input.required ?? []);
  const out: string[] = [];
  out.push(title + ' '.repeat(Math.max(1, WIDTH - 2 * title.length)) + title, '', '');
  out.push('NAME', `       ${name} -`, '', 'DESCRIPTION', wrap(op.doc, 7), '');
  out.push(
    wrap(`Command: ${PROG} ${name} (also ${PROG} cognito-idp ${name}). API operation: ${op.name}.`, 7),
    '',
  );
  const p = op.paginator;
  if (p) {
    out.push(
      wrap(
        `${name} is a paginated operation. Multiple API calls may be issued in order to retrieve the entire data set of results. You can disable pagination by providing the --no-paginate argument. When using --output text and the --query argument on a paginated response, the --query argument must extract data from the results of the following query expressions: ${p.resultKey}`,
        7,
      ),
      '',
    );
  }
  // As v2 does, the operation's own paging members are left out of the page (they still work, and
  // turn automatic pagination off); a required one (list-user-pools' --max-results) stays.
  const members = Object.entries(input.members).filter(
    ([m]) => !p || required.has(m) || (m !== p.inputToken && m !== p.limitKey),
  );
  out.push('SYNOPSIS', `            ${name}`);
  for (const [member, shape] of members) {
    const flag = `--${cliName(member)}${shape.type === 'boolean' ? ` | --no-${cliName(member)}` : ' <value>'}`;
    out.push(required.has(member) ? `          ${flag}` : `          [${flag}]`);
  }
  out.push('          [--cli-input-json | --cli-input-yaml]');
  if (p) for (const g of pagingOptions) out.push(`          [${g.flag} <value>]`);
  out.push('          [--generate-cli-skeleton <value>]');
  for (const g of globalOptions) out.push(`          [${g.flag}${g.value ? ' <value>' : ''}]`);
  out.push('', 'OPTIONS');
  for (const [member, shape] of members) {
    const flag =
      shape.type === 'boolean' ? `--${cliName(member)} | --no-${cliName(member)}` : `--${cliName(member)}`;
    out.push(
      `       ${flag} (${typeName(shape)})${required.has(member) ? ' [REQUIRED]' : ''}${shape.sensitive ? ' [sensitive: masked in --debug]' : ''}`,
    );
    out.push('');
    if (shape.doc) out.push(wrap(shape.doc, 10), '');
    const c = constraints(shape);
    if (c.length) out.push(wrap(`Constraints: ${c.join(', ')}`, 10), '');
    if (shape.type === 'structure' || shape.type === 'map' || shape.type === 'list') {
      const nested = shape.type === 'list' ? shape.member : shape.type === 'map' ? shape.value : shape;
      if (nested.type === 'structure') {
        for (const [k, v] of Object.entries(nested.members)) {
          out.push(...describeShape(k, v, 10, nested.required?.includes(k) ?? false), '');
        }
      }
      const hint = shorthandHint(shape);
      if (hint) out.push(...hint.split('\n').map((l) => (l ? `          ${l}` : '')), '');
      out.push('          JSON Syntax: a JSON value, e.g. from --generate-cli-skeleton.', '');
    }
  }
  out.push(...globalBlock(extrasOf(op)));
  out.push('GLOBAL OPTIONS', ...globalBlock(globalOptions));
  out.push('OUTPUT');
  const outMembers = Object.entries(op.output.members);
  if (outMembers.length === 0) out.push('       None', '');
  for (const [k, v] of outMembers) out.push(...describeShape(k, v, 7, false), '');
  out.push('ERRORS', wrap(op.errors.join(', '), 7), '');
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

export interface CommandSummary {
  name: string;
  doc: string;
}

export function programHelp(ops: readonly CommandSummary[], extras: readonly CommandSummary[]): string {
  const out: string[] = [];
  out.push(
    `${PROG}: Amazon Cognito TOTP (software token) MFA from the terminal, compatible with aws cognito-idp.`,
    '',
    'USAGE',
    `       ${PROG} [options] <command> [parameters]`,
    `       ${PROG} cognito-idp <command> [parameters]      (same, as the AWS CLI spells it)`,
    `       ${PROG} <command> help                          (help for one command)`,
    '',
    'BACKENDS',
    wrap(
      'By default commands run against the local emulator, whose state is one JSON file (--state-file, COGNITO_TOTP_STATE_FILE). --endpoint-url URL (or AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER, AWS_ENDPOINT_URL, a profile endpoint_url) or --remote forward the request to Amazon Cognito or a compatible server.',
      7,
    ),
    '',
    'COGNITO-IDP COMMANDS',
  );
  const width = Math.max(...ops.map((o) => o.name.length), ...extras.map((o) => o.name.length)) + 2;
  for (const o of ops) out.push(`       ${o.name.padEnd(width)}${firstSentence(o.doc)}`);
  if (extras.length) {
    out.push('', 'MORE COMMANDS');
    for (const o of extras) out.push(`       ${o.name.padEnd(width)}${o.doc}`);
  }
  out.push('', 'GLOBAL OPTIONS');
  for (const g of globalOptions)
    out.push(`       ${(g.flag + (g.value ? ` <${g.value}>` : '')).padEnd(30)}${g.doc}`);
  return `${out.join('\n')}\n`;
}

function firstSentence(doc: string): string {
  const end = doc.indexOf('. ');
  return end === -1 ? doc : doc.slice(0, end + 1);
}
