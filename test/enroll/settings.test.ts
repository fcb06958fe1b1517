// configure list|get|set|unset: where conf keeps the settings (computed without loading conf and
// checked against conf itself), what is refused, and how the settings rank below flags and the
// environment when a command runs.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import configureCommand from '../../src/commands/configure.ts';
import {
  clearSettingsCache,
  configDir,
  configPath,
  readSetting,
  readSettings,
  writeSetting,
} from '../../src/config/settings.ts';
import { ConfigError, ParamError } from '../../src/errors.ts';
import { runIn, sandbox } from './bin.ts';
import { fakeIo } from './fake-io.ts';

afterEach(() => clearSettingsCache());

const tmp = () => mkdtempSync(join(tmpdir(), 'ct-settings-'));

async function configure(env: NodeJS.ProcessEnv, ...args: string[]) {
  const io = fakeIo({ env });
  const rc = await configureCommand(args, io);
  return { rc, out: io.stdoutText(), err: io.stderrText() };
}

describe('where settings live', () => {
  it("is conf's own path for projectName cognito-totp (env-paths, -nodejs suffix)", async () => {
    const xdg = tmp();
    const saved = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = xdg;
    try {
      const { default: Conf } = await import('conf');
      const conf = new Conf({ projectName: 'cognito-totp' });
      expect(configPath({ XDG_CONFIG_HOME: xdg })).toBe(conf.path);
      expect(conf.path).toBe(join(xdg, 'cognito-totp-nodejs', 'config.json'));
    } finally {
      if (saved === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = saved;
    }
  });

  it('is ~/.config/cognito-totp-nodejs without XDG_CONFIG_HOME, and COGNITO_TOTP_CONFIG_DIR moves it', () => {
    expect(configDir({ HOME: '/home/u' })).toBe('/home/u/.config/cognito-totp-nodejs');
    expect(configPath({ HOME: '/home/u', COGNITO_TOTP_CONFIG_DIR: '/etc/ct' })).toBe('/etc/ct/config.json');
  });

  it('reading when nothing is configured creates nothing', () => {
    const dir = join(tmp(), 'absent');
    expect(readSetting({ COGNITO_TOTP_CONFIG_DIR: dir }, 'output')).toBeUndefined();
    expect(existsSync(dir)).toBe(false);
  });
});

describe('configure', () => {
  it('set, get, list and unset round-trip through the file conf writes', async () => {
    const env = { COGNITO_TOTP_CONFIG_DIR: join(tmp(), 'cfg') };
    expect(await configure(env, 'list')).toEqual({ rc: 0, out: '', err: '' });
    expect((await configure(env, 'set', 'output', 'table')).rc).toBe(0);
    expect((await configure(env, 'set', 'issuer', 'ACME Co')).rc).toBe(0);
    expect((await configure(env, 'set', 'stateFile', '~/ct/state.json')).rc).toBe(0);
    expect(await configure(env, 'get', 'issuer')).toEqual({ rc: 0, out: 'ACME Co\n', err: '' });
    expect((await configure(env, 'list')).out).toBe(
      'stateFile=~/ct/state.json\nissuer=ACME Co\noutput=table\n',
    );
    const file = configPath(env);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      output: 'table',
      issuer: 'ACME Co',
      stateFile: '~/ct/state.json',
    });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await configure(env, 'unset', 'issuer')).rc).toBe(0);
    expect(await configure(env, 'get', 'issuer')).toEqual({ rc: 1, out: '', err: '' });
    expect((await configure(env, 'list')).out).toBe('stateFile=~/ct/state.json\noutput=table\n');
  });

  it('refuses unknown keys, bad values and bad usage as parameter errors', async () => {
    const env = { COGNITO_TOTP_CONFIG_DIR: join(tmp(), 'cfg') };
    await expect(configure(env, 'set', 'colour', 'on')).rejects.toThrow(
      /Unknown setting 'colour'. Known settings: backend/,
    );
    await expect(configure(env, 'set', 'output', 'xml')).rejects.toThrow(
      /valid values are json, text, table/,
    );
    await expect(configure(env, 'set', 'backend', 'cloud')).rejects.toThrow(ParamError);
    await expect(configure(env, 'set', 'color', 'yes')).rejects.toThrow(ParamError);
    await expect(configure(env, 'set', 'region', 'not a region')).rejects.toThrow(/not a region name/);
    await expect(configure(env, 'set', 'output')).rejects.toThrow(/expected KEY VALUE/);
    await expect(configure(env, 'get')).rejects.toThrow(/expected KEY/);
    await expect(configure(env, 'remove', 'output')).rejects.toThrow(/unknown action 'remove'/);
    await expect(configure(env)).rejects.toThrow(/an action is required/);
    expect(existsSync(configPath(env))).toBe(false);
  });

  it('reports a broken settings file as a configuration error and leaves it alone', async () => {
    const env = { COGNITO_TOTP_CONFIG_DIR: join(tmp(), 'cfg') };
    mkdirSync(env.COGNITO_TOTP_CONFIG_DIR);
    const file = configPath(env);
    for (const text of ['{"output": ', '[1]', '{"output": 5}', '{"output": "xml"}']) {
      writeFileSync(file, text);
      clearSettingsCache();
      expect(() => readSettings(env)).toThrow(ConfigError);
      await expect(writeSetting(env, 'issuer', 'X')).rejects.toThrow(ConfigError);
      expect(readFileSync(file, 'utf8')).toBe(text);
    }
    // Keys of a newer version are kept and ignored.
    writeFileSync(file, '{"output": "text", "future": {"x": 1}}');
    clearSettingsCache();
    expect(readSettings(env)).toEqual({ output: 'text' });
    await writeSetting(env, 'issuer', 'X');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ output: 'text', future: { x: 1 }, issuer: 'X' });
  });

  it('prints its help with the keys and the file', async () => {
    const env = { COGNITO_TOTP_CONFIG_DIR: '/somewhere' };
    const r = await configure(env, '--help');
    expect(r.rc).toBe(0);
    expect(r.out).toMatch(/backend \(local\|remote\)/);
    expect(r.out).toMatch(/Stored in \/somewhere\/config\.json/);
  });
});

describe('settings below flags and environment, in-process through (await run(io))', () => {
  it('output: the setting applies; --output and AWS_DEFAULT_OUTPUT win over it', async () => {
    const box = sandbox();
    const run = (args: string[], env = box.env) => runIn([...args, '--state-file', box.stateFile], { env });
    expect((await run(['create-user-pool', '--pool-name', 'p'])).status).toBe(0);
    expect((await runIn(['configure', 'set', 'output', 'text'], { env: box.env })).status).toBe(0);
    const text = await run(['list-user-pools', '--max-results', '5', '--query', 'UserPools[0].Name']);
    expect(text.stdout).toBe('p\n');
    expect(
      (
        await run([
          'list-user-pools',
          '--max-results',
          '5',
          '--query',
          'UserPools[0].Name',
          '--output',
          'json',
        ])
      ).stdout,
    ).toBe('"p"\n');
    expect(
      (
        await run(['list-user-pools', '--max-results', '5', '--query', 'UserPools[0].Name'], {
          ...box.env,
          AWS_DEFAULT_OUTPUT: 'json',
        })
      ).stdout,
    ).toBe('"p"\n');
    const debug = await run(['list-user-pools', '--max-results', '5', '--debug']);
    expect(debug.stderr).toMatch(/settings file .*config\.json: output=text/);
    expect(debug.stderr).toMatch(/output text from the output setting/);
  });

  it('stateFile: used when neither --state-file nor COGNITO_TOTP_STATE_FILE is given', async () => {
    const box = sandbox();
    const fromSetting = join(box.dir, 'from-setting.json');
    expect((await runIn(['configure', 'set', 'stateFile', fromSetting], { env: box.env })).status).toBe(0);
    expect((await runIn(['create-user-pool', '--pool-name', 'a'], { env: box.env })).status).toBe(0);
    expect(existsSync(fromSetting)).toBe(true);
    const fromEnv = join(box.dir, 'from-env.json');
    expect(
      (
        await runIn(['create-user-pool', '--pool-name', 'b'], {
          env: { ...box.env, COGNITO_TOTP_STATE_FILE: fromEnv },
        })
      ).status,
    ).toBe(0);
    expect(existsSync(fromEnv)).toBe(true);
    const d = await runIn(['list-user-pools', '--max-results', '5', '--debug'], { env: box.env });
    expect(d.stderr).toMatch(/state file from the stateFile setting/);
    expect(JSON.parse(d.stdout).UserPools.map((p: { Name: string }) => p.Name)).toEqual(['a']);
  });

  it('backend=remote sends commands to Cognito (and so needs a region); the region setting gives one', async () => {
    const box = sandbox();
    await runIn(['configure', 'set', 'backend', 'remote'], { env: box.env });
    const r = await runIn(['list-user-pools', '--max-results', '5'], { env: box.env });
    expect(r.status).toBe(253);
    expect(r.stderr).toMatch(/You must specify a region/);
    await runIn(['configure', 'set', 'region', 'eu-west-1'], { env: box.env });
    // An endpoint in the environment is above the settings: nothing leaves the machine.
    const d = await runIn(
      ['list-user-pools', '--max-results', '5', '--debug', '--cli-connect-timeout', '1'],
      {
        env: {
          ...box.env,
          AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
          AWS_ACCESS_KEY_ID: 'x',
          AWS_SECRET_ACCESS_KEY: 'y',
        },
      },
    );
    expect(d.stderr).toMatch(/region eu-west-1 from the region setting/);
    expect(d.stderr).toMatch(
      /backend choice: remote http:\/\/127\.0\.0\.1:9 \(from env AWS_ENDPOINT_URL\), region eu-west-1/,
    );
    // --region and AWS_REGION are above the setting.
    const e = await runIn(['list-user-pools', '--max-results', '5', '--debug', '--region', 'us-west-2'], {
      env: {
        ...box.env,
        AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
        AWS_ACCESS_KEY_ID: 'x',
        AWS_SECRET_ACCESS_KEY: 'y',
      },
    });
    expect(e.stderr).toMatch(/region us-west-2/);
    expect(e.stderr).not.toMatch(/from the region setting/);
  });

  it("backend=local sets aside the AWS profile's endpoint_url, not the environment's", async () => {
    const box = sandbox();
    writeFileSync(
      box.env.AWS_CONFIG_FILE!,
      '[default]\nregion = us-east-1\nendpoint_url = http://127.0.0.1:9\n',
    );
    const args = ['list-user-pools', '--max-results', '5', '--state-file', box.stateFile, '--debug'];
    const before = await runIn([...args, '--cli-connect-timeout', '1'], { env: box.env });
    expect(before.stderr).toMatch(/backend choice: remote http:\/\/127\.0\.0\.1:9/);
    await runIn(['configure', 'set', 'backend', 'local'], { env: box.env });
    const after = await runIn(args, { env: box.env });
    expect(after.status, after.stderr).toBe(0);
    expect(after.stderr).toMatch(/backend choice: local \(the backend setting is local\)/);
  });

  it('a broken settings file stops commands with exit 253 and a clear message', async () => {
    const box = sandbox();
    mkdirSync(box.env.COGNITO_TOTP_CONFIG_DIR!, { recursive: true });
    writeFileSync(join(box.env.COGNITO_TOTP_CONFIG_DIR!, 'config.json'), '{oops');
    const r = await runIn(['list-user-pools', '--max-results', '5', '--state-file', box.stateFile], {
      env: box.env,
    });
    expect(r.status).toBe(253);
    expect(r.stderr).toMatch(/The settings file .*config\.json is not valid JSON/);
  });

  it('configure set fails cleanly when the folder cannot be made', async () => {
    const box = sandbox();
    const file = join(box.dir, 'a-file');
    writeFileSync(file, '');
    const r = await runIn(['configure', 'set', 'output', 'text'], {
      env: { ...box.env, COGNITO_TOTP_CONFIG_DIR: join(file, 'cfg') },
    });
    expect(r.status).toBe(255);
    expect(r.stderr).toMatch(/Cannot write the settings file .*a-file\/cfg\/config\.json: .*ENOTDIR/);
  });
});
