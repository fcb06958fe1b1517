// Every command resolves backend, state file and region through the composition root: `serve`
// included (it once read its state file and region by itself, without `~/` or the settings).
// In-process: run(io) with a fake Io, the server stopped through the Io's signal handler.
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.ts';
import type { StopSignal } from '../../src/shared/io.ts';
import { fakeIo } from '../enroll/fake-io.ts';

function place() {
  const home = mkdtempSync(join(tmpdir(), 'ct-compose-home-'));
  const cwd = mkdtempSync(join(tmpdir(), 'ct-compose-cwd-'));
  const env = {
    HOME: home,
    COGNITO_TOTP_CONFIG_DIR: join(home, 'config'),
    AWS_CONFIG_FILE: join(home, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
  };
  const cli = async (...argv: string[]) => {
    const io = fakeIo({ argv, env, cwd });
    const rc = await run(io);
    return { rc, out: io.stdoutText(), err: io.stderrText() };
  };
  return { home, cwd, env, cli };
}

describe('one composition root for every command', () => {
  it('serve uses the stateFile setting with ~/ and the region setting, as the CLI does', async () => {
    const { home, cwd, env, cli } = place();
    expect((await cli('configure', 'set', 'stateFile', '~/s.json')).rc).toBe(0);
    expect((await cli('configure', 'set', 'region', 'eu-west-1')).rc).toBe(0);

    let stop: ((s: StopSignal) => void) | undefined;
    const io = fakeIo({
      argv: ['serve', '--port', '0'],
      env,
      cwd,
      onStopSignal: (h) => {
        stop = h;
      },
    });
    const served = run(io);
    let port: number | undefined;
    for (let i = 0; i < 500 && port === undefined; i++) {
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(io.stderrText());
      if (m) port = Number(m[1]);
      else await new Promise((r) => setTimeout(r, 10));
    }
    expect(port, io.stderrText()).toBeDefined();
    expect(io.stderrText()).toContain(`(state file ${join(home, 's.json')})`);
    const answer = await fetch(`http://127.0.0.1:${port}/`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.1',
        'X-Amz-Target': 'AWSCognitoIdentityProviderService.CreateUserPool',
      },
      body: JSON.stringify({ PoolName: 'drift' }),
    });
    expect(answer.status).toBe(200);
    const poolId = ((await answer.json()) as { UserPool: { Id: string } }).UserPool.Id;
    expect(poolId).toMatch(/^eu-west-1_/);
    expect(stop).toBeDefined();
    stop!('SIGTERM');
    expect(await served).toBe(0);

    // The file is where the CLI looks: $HOME/s.json, not <cwd>/~/s.json.
    expect(existsSync(join(home, 's.json'))).toBe(true);
    expect(readdirSync(cwd)).toEqual([]);
    const listed = await cli(
      'list-user-pools',
      '--max-results',
      '10',
      '--query',
      'UserPools[].Id',
      '--output',
      'text',
    );
    expect(listed.rc, listed.err).toBe(0);
    expect(listed.out.trim()).toBe(poolId);
    // And the CLI's own new pools get the same region.
    const made = await cli(
      'create-user-pool',
      '--pool-name',
      'cli',
      '--query',
      'UserPool.Id',
      '--output',
      'text',
    );
    expect(made.out).toMatch(/^eu-west-1_/);
  });

  it('--debug says where the state file came from, for serve as for an operation', async () => {
    const { cli } = place();
    const r = await cli('list-user-pools', '--max-results', '1', '--debug', '--state-file', 'rel.json');
    expect(r.rc).toBe(0);
    expect(r.err).toMatch(/backend choice: local .*state file from --state-file/);
  });
});
