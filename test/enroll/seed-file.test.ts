// The `seed` command reads a seed file in YAML or JSON, through the built program: the `yaml`
// package is not in the bundle (it is required on first use, scripts/build.mjs keeps every start
// from reading it), so this proves the built program still finds and uses it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runBin, sandbox } from './bin.ts';

const YAML_SEED = `# a pool for the app's tests
pools:
  - name: app
    id: eu-west-1_seedYaml1
    mfa: OPTIONAL
    clients:
      - name: web
        id: 1example23456789012345678
        authFlows: [ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]
    users:
      - username: alice
        password: Passw0rd!
`;

describe('cognito-totp seed FILE', () => {
  beforeAll(ensureBuilt);

  it('applies a YAML file, idempotently, and the seeded user signs in', () => {
    const box = sandbox();
    const file = join(box.dir, 'seed.yaml');
    writeFileSync(file, YAML_SEED);
    const first = runBin(['seed', file, '--state-file', box.stateFile], { env: box.env });
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const applied = JSON.parse(first.stdout);
    expect(applied.Pools[0]).toMatchObject({
      Id: 'eu-west-1_seedYaml1',
      Name: 'app',
      Clients: [{ ClientId: '1example23456789012345678', ClientName: 'web' }],
    });
    expect(applied.Pools[0].Users.map((u: { Username: string }) => u.Username)).toEqual(['alice']);

    // Applied again: nothing new, nothing duplicated.
    const again = runBin(['seed', file, '--state-file', box.stateFile], { env: box.env });
    expect(again.status).toBe(0);
    const pools = runBin(
      ['list-user-pools', '--max-results', '10', '--state-file', box.stateFile, '--query', 'UserPools[].Id'],
      { env: box.env },
    );
    expect(JSON.parse(pools.stdout)).toEqual(['eu-west-1_seedYaml1']);

    // The user can sign in with the seeded password (the client allows only SRP: sign-in's default).
    const signIn = runBin(
      [
        'sign-in',
        '--client-id',
        '1example23456789012345678',
        '--username',
        'alice',
        '--password',
        'Passw0rd!',
        '--state-file',
        box.stateFile,
        '--query',
        'AuthenticationResult.TokenType',
        '--output',
        'text',
      ],
      { env: box.env },
    );
    expect(signIn.stderr).toBe('');
    expect(signIn.stdout.trim()).toBe('Bearer');
  });

  it('refuses a file that is neither JSON nor YAML with exit 252, naming the file, nothing applied', () => {
    const box = sandbox();
    const file = join(box.dir, 'bad.yaml');
    writeFileSync(file, 'pools: [unclosed\n  - name: x\n');
    const r = runBin(['seed', file, '--state-file', box.stateFile], { env: box.env });
    expect(r.status).toBe(252);
    expect(r.stderr).toContain(`The seed file ${file} is not valid JSON or YAML`);
    const pools = runBin(
      ['list-user-pools', '--max-results', '10', '--state-file', box.stateFile, '--query', 'UserPools[].Id'],
      { env: box.env },
    );
    expect(JSON.parse(pools.stdout)).toEqual([]);
  });
});
