// AWS CLI v2's automatic pagination (awscli/customizations/paginate.py over botocore's
// PageIterator): a paginated operation is called page after page and the pages are merged, unless
// --no-paginate is given or the request names the operation's own token or limit (then the caller
// is paginating by hand). --page-size sets the limit of each call, --max-items cuts the output
// and gives a NextToken to resume from with --starting-token.
import { GeneralError, ParamError } from '../errors.ts';
import type { Paginator } from '../model/types.ts';
import { PROG } from './usage.ts';

type Wire = Record<string, unknown>;

export interface PagingArgs {
  startingToken?: string;
  pageSize?: number;
  maxItems?: number;
}

/** A page as the service sent it, its result list already cut where --max-items or a resume says. */
export interface Pages {
  pages: Wire[];
  /** The NextToken to print (botocore's resume_token), when --max-items cut the output short. */
  resumeToken?: string;
}

/**
 * Python's int() on a command-line word, as argparse's `type=int` does: surrounding white space,
 * a sign and digit-group underscores are allowed. argparse's message otherwise, exit 252.
 */
export function parseIntArg(flag: string, raw: string): number {
  const t = raw.trim();
  if (!/^[+-]?\d+(_\d+)*$/.test(t))
    throw new ParamError(`${PROG}: error: argument ${flag}: invalid int value: '${raw}'`, { usage: true });
  return Number(t.replace(/_/g, ''));
}

/**
 * Whether to paginate, as v2 decides: not with --no-paginate, and not when the request carries the
 * operation's input token or limit key (from a flag or a --cli-input-* document). Paging arguments
 * with pagination off are refused with v2's message.
 */
export function pagingEnabled(
  p: Paginator,
  request: Wire,
  noPaginate: boolean,
  /** The paging options given (--starting-token, --page-size, --max-items). */
  used: string[],
): boolean {
  const manual = request[p.inputToken] !== undefined || request[p.limitKey] !== undefined;
  if (!noPaginate && !manual) return true;
  if (used.length)
    throw new ParamError(`Cannot specify --no-paginate along with pagination arguments: ${used.join(', ')}`);
  return false;
}

/**
 * botocore's TokenEncoder: base64 of the JSON Python's json.dumps writes (", " and ": " between
 * items, non-ASCII escaped), so a token made here resumes in v2 and the other way round.
 */
export function encodeToken(token: Record<string, string | number | null>): string {
  const esc = (s: string) =>
    JSON.stringify(s).replace(
      /[\u007f-\uffff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  const body = Object.entries(token)
    .map(([k, v]) => `${esc(k)}: ${typeof v === 'string' ? esc(v) : v === null ? 'null' : String(v)}`)
    .join(', ');
  return Buffer.from(`{${body}}`, 'utf8').toString('base64');
}

/**
 * The input token and the number of items to skip in its first page, from --starting-token:
 * botocore's encoded form, else its older `token___index` form, else the text as the service's own
 * token (which the service then judges).
 */
export function decodeStartingToken(p: Paginator, raw: string): { token: string | null; skip: number } {
  const decoded = decodeJsonToken(raw);
  if (decoded !== undefined) {
    const skip = decoded.boto_truncate_amount;
    const token = decoded[p.inputToken];
    return {
      token: typeof token === 'string' ? token : null,
      skip: typeof skip === 'number' && Number.isInteger(skip) && skip > 0 ? skip : 0,
    };
  }
  // _parse_starting_token_deprecated, for one input token: "TOKEN___INDEX" or "TOKEN".
  const parts = raw.split('___');
  if (parts.length === 2 && /^\s*[+-]?\d+\s*$/.test(parts[1]!)) {
    return { token: parts[0] === 'None' ? null : parts[0]!, skip: Math.max(0, Number(parts[1])) };
  }
  // botocore raises a ValueError here, which v2 reports as a general error.
  if (parts.length > 2) throw new GeneralError(`Bad starting token: ${raw}`);
  return { token: raw === 'None' ? null : raw, skip: 0 };
}

/** Python's base64.b64decode (characters outside the alphabet dropped) then json.loads, to a dict. */
function decodeJsonToken(raw: string): Record<string, unknown> | undefined {
  const b64 = raw.replace(/[^A-Za-z0-9+/=]/g, '');
  if (b64.length === 0 || b64.length % 4 !== 0 || /=[^=]/.test(b64)) return undefined;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(b64, 'base64'));
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Calls `call` page after page, as botocore's PageIterator does: the starting token's skip is taken
 * off the first page, the page that reaches --max-items is cut there (and the resume token names
 * that page's token and how many of its items were shown), and a token repeated twice in a row
 * stops with botocore's PaginationError.
 */
export async function paginate(
  p: Paginator,
  request: Wire,
  args: PagingArgs,
  call: (request: Wire) => Promise<Wire>,
): Promise<Pages> {
  const start = args.startingToken !== undefined ? decodeStartingToken(p, args.startingToken) : undefined;
  let token: string | null = start?.token ?? null;
  let skip = start?.skip ?? 0;
  const pages: Wire[] = [];
  let total = 0;
  let previous: string | null = null;
  for (;;) {
    const req: Wire = { ...request };
    if (token !== null) req[p.inputToken] = token;
    if (args.pageSize !== undefined) req[p.limitKey] = args.pageSize;
    const page: Wire = { ...(await call(req)) };
    let items = Array.isArray(page[p.resultKey]) ? (page[p.resultKey] as unknown[]) : [];
    // Only the first page is cut on the left, by the starting token's count.
    if (skip > 0) {
      items = items.slice(skip);
      page[p.resultKey] = items;
    }
    if (args.maxItems !== undefined && total + items.length > args.maxItems) {
      const keep = items.length - (total + items.length - args.maxItems);
      page[p.resultKey] = items.slice(0, keep);
      pages.push(page);
      return {
        pages,
        resumeToken: encodeToken({ [p.inputToken]: token, boto_truncate_amount: keep + skip }),
      };
    }
    pages.push(page);
    total += items.length;
    const next = page[p.outputToken];
    if (typeof next !== 'string') return { pages };
    if (args.maxItems !== undefined && total === args.maxItems)
      return { pages, resumeToken: encodeToken({ [p.inputToken]: next }) };
    if (previous !== null && previous === next)
      throw new GeneralError(
        `Error during pagination: The same next token was received twice: {'${p.inputToken}': '${next}'}`,
      );
    previous = next;
    token = next;
    skip = 0;
  }
}

/** botocore's build_full_result: the result lists joined, then NextToken when the output was cut. */
export function fullResult(p: Paginator, pages: Pages): Wire {
  const all: unknown[] = [];
  let seen = false;
  for (const page of pages.pages) {
    const v = page[p.resultKey];
    if (Array.isArray(v)) {
      all.push(...v);
      seen = true;
    }
  }
  const out: Wire = seen ? { [p.resultKey]: all } : {};
  if (pages.resumeToken !== undefined) out.NextToken = pages.resumeToken;
  return out;
}
