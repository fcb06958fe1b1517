// Automatic pagination side by side with AWS CLI v2 (/usr/bin/aws) against the same moto_server:
// the same arguments give the same stdout, stderr and exit code (the program's name in argparse
// usage lines aside), tokens included: a NextToken printed by one resumes in the other.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, json, run } from '../helpers/cli.ts';
import { type Moto, startMoto } from '../helpers/moto.ts';

const AWS_V2 = '/usr/bin/aws';
const haveMoto = spawnSync('python3', ['-c', 'import moto.server'], { stdio: 'ignore' }).status === 0;
const haveAwsV2 =
  existsSync(AWS_V2) &&
  /^aws-cli\/2\./.test(spawnSync(AWS_V2, ['--version'], { encoding: 'utf8' }).stdout ?? '');

const KEYS = {
  AWS_ACCESS_KEY_ID: 'testing',
  AWS_SECRET_ACCESS_KEY: 'testing',
  AWS_DEFAULT_REGION: 'us-east-1',
};
let moto: Moto;
let pool: string;

function both(args: string[]) {
  const env = cleanEnv({ ...KEYS, AWS_PAGER: '', AWS_EC2_METADATA_DISABLED: 'true', LC_ALL: 'C.UTF-8' });
  const full = ['--endpoint-url', moto.endpoint, ...args];
  const v2 = spawnSync(AWS_V2, ['cognito-idp', ...full], { env, encoding: 'utf8', timeout: 60_000 });
  const ours = run(full, { env: KEYS });
  // The program's own name, in argparse's usage lines and `PROG: error:`, is the one difference.
  const named = (s: string) => s.replace(/\b(aws|cognito-totp)\b/g, 'PROG');
  return {
    v2: { status: v2.status, stdout: v2.stdout, stderr: named(v2.stderr) },
    ours: { status: ours.status, stdout: ours.stdout, stderr: named(ours.stderr) },
  };
}

describe.skipIf(!haveMoto || !haveAwsV2)('pagination: cognito-totp beside AWS CLI v2, against moto', () => {
  beforeAll(async () => {
    moto = await startMoto();
    const at = ['--endpoint-url', moto.endpoint];
    pool = json(['create-user-pool', '--pool-name', 'paging', ...at], { env: KEYS }).UserPool.Id;
    for (const u of ['a', 'b', 'c', 'd', 'e', 'f', 'g'])
      json(
        ['admin-create-user', '--user-pool-id', pool, '--username', u, '--message-action', 'SUPPRESS', ...at],
        {
          env: KEYS,
        },
      );
  }, 120_000);
  afterAll(async () => {
    await moto?.stop();
  });

  const cases: string[][] = [
    ['--query', 'Users[].Username'],
    ['--page-size', '2', '--query', 'Users[].Username'],
    ['--page-size', '2', '--max-items', '3', '--query', '{u: Users[].Username, n: NextToken}'],
    ['--page-size', '3', '--max-items', '3', '--query', '{u: Users[].Username, n: NextToken}'],
    ['--max-items', '0', '--query', '{u: Users, n: NextToken}'],
    ['--page-size', '2', '--max-items', '5', '--output', 'text', '--query', 'Users[].Username'],
    ['--page-size', '2', '--output', 'yaml-stream', '--query', 'Users[].Username'],
    ['--page-size', '2', '--output', 'table', '--query', 'Users[].Username'],
    ['--page-size', '2', '--output', 'yaml', '--query', 'Users[].Username'],
    ['--limit', '2', '--query', '{u: Users[].Username, t: PaginationToken != null}'],
    ['--no-paginate', '--query', 'length(Users)'],
    ['--no-paginate', '--max-items', '3', '--page-size', '1'],
    ['--page-size', 'abc'],
    ['--page-size', '-1'],
    ['--page-size', '61', '--query', 'length(Users)'],
    ['--starting-token', 'garbage', '--query', 'Users[].Username'],
  ];
  for (const extra of cases) {
    it(`list-users ${extra.join(' ')}`, () => {
      const r = both(['list-users', '--user-pool-id', pool, ...extra]);
      expect(r.ours).toEqual(r.v2);
    });
  }

  it('a NextToken from v2 resumes in cognito-totp, and one from cognito-totp in v2', () => {
    const first = ['list-users', '--user-pool-id', pool, '--page-size', '2', '--max-items', '3'];
    const fromV2 = JSON.parse(both([...first, '--query', 'NextToken']).v2.stdout) as string;
    const fromUs = JSON.parse(both([...first, '--query', 'NextToken']).ours.stdout) as string;
    expect(fromUs).toBe(fromV2);
    const rest = both([
      'list-users',
      '--user-pool-id',
      pool,
      '--starting-token',
      fromV2,
      '--query',
      'Users[].Username',
    ]);
    expect(rest.ours).toEqual(rest.v2);
    expect(JSON.parse(rest.ours.stdout)).toEqual(['d', 'e', 'f', 'g']);
  });
});
