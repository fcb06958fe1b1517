// AWS CLI v2's automatic pagination (src/cli/paginate.ts): botocore's page iterator, with a fake
// service of numbered items in pages, and its tokens compared with ones v2 made.
import { describe, expect, it } from 'vitest';
import {
  decodeStartingToken,
  encodeToken,
  fullResult,
  paginate,
  pagingEnabled,
  parseIntArg,
} from '../../src/cli/paginate.ts';
import { GeneralError, ParamError } from '../../src/errors.ts';
import type { Paginator } from '../../src/model/types.ts';

const P: Paginator = {
  inputToken: 'PaginationToken',
  outputToken: 'PaginationToken',
  limitKey: 'Limit',
  resultKey: 'Users',
};

/** A service holding `n` items, `perPage` a page unless the request's Limit says otherwise. */
function service(n: number, perPage = 3) {
  const calls: Record<string, unknown>[] = [];
  const call = async (req: Record<string, unknown>) => {
    calls.push(req);
    const from = req.PaginationToken === undefined ? 0 : Number(String(req.PaginationToken).slice(1));
    const size = (req.Limit as number | undefined) ?? perPage;
    const Users = Array.from({ length: Math.max(0, Math.min(size, n - from)) }, (_, i) => from + i);
    return from + size < n ? { Users, PaginationToken: `t${from + size}` } : { Users };
  };
  return { call, calls };
}

const items = (pages: { pages: Record<string, unknown>[] }) =>
  pages.pages.flatMap((p) => p.Users as number[]);

describe('tokens as botocore writes them', () => {
  it('encodes as base64 of Python json.dumps, byte for byte as v2 printed them', () => {
    // Printed by aws-cli/2.9.19 for `list-users --max-items 0` against moto_server.
    expect(encodeToken({ PaginationToken: null, boto_truncate_amount: 0 })).toBe(
      'eyJQYWdpbmF0aW9uVG9rZW4iOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAwfQ==',
    );
    expect(Buffer.from(encodeToken({ PaginationToken: 'x"é' }), 'base64').toString()).toBe(
      '{"PaginationToken": "x\\"\\u00e9"}',
    );
  });

  it('decodes its own tokens, the older TOKEN___INDEX form, and anything else as the service token', () => {
    const t = encodeToken({ PaginationToken: 'abc', boto_truncate_amount: 2 });
    expect(decodeStartingToken(P, t)).toEqual({ token: 'abc', skip: 2 });
    expect(decodeStartingToken(P, encodeToken({ PaginationToken: null, boto_truncate_amount: 0 }))).toEqual({
      token: null,
      skip: 0,
    });
    expect(decodeStartingToken(P, 'abc___4')).toEqual({ token: 'abc', skip: 4 });
    expect(decodeStartingToken(P, 'None___1')).toEqual({ token: null, skip: 1 });
    expect(decodeStartingToken(P, 'garbage')).toEqual({ token: 'garbage', skip: 0 });
    expect(decodeStartingToken(P, 'abc___x')).toEqual({ token: 'abc___x', skip: 0 });
    expect(() => decodeStartingToken(P, 'a___b___c')).toThrow(GeneralError);
  });

  it('--page-size and --max-items are Python int()s, with argparse message otherwise', () => {
    expect(parseIntArg('--page-size', ' 12 ')).toBe(12);
    expect(parseIntArg('--page-size', '1_000')).toBe(1000);
    expect(() => parseIntArg('--page-size', 'abc')).toThrow(
      "cognito-totp: error: argument --page-size: invalid int value: 'abc'",
    );
    expect(() => parseIntArg('--max-items', '1.5')).toThrow(ParamError);
  });
});

describe("botocore's page iterator", () => {
  it('fetches every page, each with the previous token and the page size as the limit', async () => {
    const s = service(8);
    const r = await paginate(P, { UserPoolId: 'p' }, { pageSize: 3 }, s.call);
    expect(items(r)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(r.resumeToken).toBeUndefined();
    expect(s.calls).toEqual([
      { UserPoolId: 'p', Limit: 3 },
      { UserPoolId: 'p', Limit: 3, PaginationToken: 't3' },
      { UserPoolId: 'p', Limit: 3, PaginationToken: 't6' },
    ]);
    expect(fullResult(P, r)).toEqual({ Users: [0, 1, 2, 3, 4, 5, 6, 7] });
  });

  it('--max-items inside a page: cut there, and the token resumes at the next item', async () => {
    const s = service(8);
    const r = await paginate(P, {}, { maxItems: 4 }, s.call);
    expect(items(r)).toEqual([0, 1, 2, 3]);
    expect(decodeStartingToken(P, r.resumeToken!)).toEqual({ token: 't3', skip: 1 });
    expect(fullResult(P, r)).toEqual({ Users: [0, 1, 2, 3], NextToken: r.resumeToken });
    const rest = await paginate(P, {}, { startingToken: r.resumeToken! }, service(8).call);
    expect(items(rest)).toEqual([4, 5, 6, 7]);
  });

  it('--max-items on a page boundary: the next page token, nothing to skip', async () => {
    const r = await paginate(P, {}, { maxItems: 3 }, service(8).call);
    expect(items(r)).toEqual([0, 1, 2]);
    expect(Buffer.from(r.resumeToken!, 'base64').toString()).toBe('{"PaginationToken": "t3"}');
  });

  it('a resumed page is cut on both sides: the skip counts in the next token (botocore _truncate_response)', async () => {
    // Items 0-2 on the first page; start after 1 of them, take 1: the next start is after 2.
    const start = encodeToken({ PaginationToken: null, boto_truncate_amount: 1 });
    const r = await paginate(P, {}, { startingToken: start, maxItems: 1 }, service(8).call);
    expect(items(r)).toEqual([1]);
    expect(decodeStartingToken(P, r.resumeToken!)).toEqual({ token: null, skip: 2 });
  });

  it('--max-items 0: an empty list and a token to start from the beginning', async () => {
    const r = await paginate(P, {}, { maxItems: 0 }, service(8).call);
    expect(fullResult(P, r)).toEqual({
      Users: [],
      NextToken: 'eyJQYWdpbmF0aW9uVG9rZW4iOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAwfQ==',
    });
  });

  it('the same token twice in a row stops with botocore PaginationError (255), not a loop', async () => {
    const stuck = async () => ({ Users: [1], PaginationToken: 'same' });
    await expect(paginate(P, {}, {}, stuck)).rejects.toThrow(
      new GeneralError(
        "Error during pagination: The same next token was received twice: {'PaginationToken': 'same'}",
      ),
    );
  });
});

describe('when v2 paginates', () => {
  const given = (used: boolean) => (used ? ['--max-items'] : []);
  it('by default, but not with --no-paginate or with the operation own token or limit', () => {
    expect(pagingEnabled(P, { UserPoolId: 'p' }, false, given(false))).toBe(true);
    expect(pagingEnabled(P, { UserPoolId: 'p' }, true, given(false))).toBe(false);
    expect(pagingEnabled(P, { Limit: 2 }, false, given(false))).toBe(false);
    expect(pagingEnabled(P, { PaginationToken: 'x' }, false, given(false))).toBe(false);
  });
  it('paging arguments with pagination off: v2 message, exit 252', () => {
    expect(() => pagingEnabled(P, {}, true, given(true))).toThrow(
      new ParamError('Cannot specify --no-paginate along with pagination arguments: --max-items'),
    );
  });
});
