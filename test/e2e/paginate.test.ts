// list-users through the built binary on the local emulator: every page by default, as AWS CLI v2
// does (the emulator, like Cognito, gives at most 60 users a call), and v2's paging options.
import { beforeAll, describe, expect, it } from 'vitest';
import { json, run, tempStateFile } from '../helpers/cli.ts';
import { seedState } from '../helpers/robust.ts';

let stateFile: string;
let poolId: string;
const NAMES = Array.from({ length: 130 }, (_, i) => `user-${String(i).padStart(3, '0')}`);

beforeAll(() => {
  stateFile = tempStateFile();
  poolId = seedState(stateFile, NAMES).poolId;
}, 60_000);

const list = (...args: string[]) => [
  'list-users',
  '--user-pool-id',
  poolId,
  ...args,
  '--state-file',
  stateFile,
];

describe('list-users pages', () => {
  it('by default: all 131 users (3 calls of at most 60), no token in the output', () => {
    const out = json(list());
    expect(out.Users).toHaveLength(131);
    expect(new Set(out.Users.map((u: { Username: string }) => u.Username)).size).toBe(131);
    expect(Object.keys(out)).toEqual(['Users']);
    const r = run(list('--debug'));
    expect(r.stderr.match(/request ListUsers/g)).toHaveLength(3);
  });

  it('--no-paginate or --limit: one call, one page with its PaginationToken', () => {
    for (const extra of [['--no-paginate'], ['--limit', '60']]) {
      const out = json(list(...extra));
      expect(out.Users).toHaveLength(60);
      expect(typeof out.PaginationToken).toBe('string');
    }
  });

  it('--max-items then --starting-token: the rest, every user once, in order', () => {
    const first = json(list('--max-items', '70', '--page-size', '25'));
    expect(first.Users).toHaveLength(70);
    expect(Object.keys(first)).toEqual(['Users', 'NextToken']);
    const rest = json(list('--starting-token', first.NextToken));
    expect(rest.Users).toHaveLength(61);
    const all = json(list()).Users.map((u: { Username: string }) => u.Username);
    expect([...first.Users, ...rest.Users].map((u: { Username: string }) => u.Username)).toEqual(all);
  });

  it('--output text: each page printed as it comes, then the NextToken line', () => {
    const r = run(
      list('--max-items', '3', '--page-size', '2', '--output', 'text', '--query', 'Users[].Username'),
    );
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]!.split('\t')).toHaveLength(2);
    expect(lines[1]!.split('\t')).toHaveLength(1);
    expect(lines[2]).toBe('None');
  });

  it('--no-paginate with paging options: v2 message, exit 252', () => {
    const r = run(list('--no-paginate', '--max-items', '3'));
    expect(r.status).toBe(252);
    expect(r.stderr).toBe('\nCannot specify --no-paginate along with pagination arguments: --max-items\n');
  });
});
