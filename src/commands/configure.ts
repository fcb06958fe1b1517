// cognito-totp configure list|get KEY|set KEY VALUE|unset KEY: cognito-totp's own defaults, kept by
// conf in its usual place (see src/config/settings.ts) and read by every command below its flags
// and environment variables.
import type { Io } from '../cli/run.ts';
import {
  checkKey,
  configPath,
  readSettings,
  SETTING_KEYS,
  SETTINGS,
  unsetSetting,
  writeSetting,
} from '../config/settings.ts';
import { EXIT, ParamError } from '../errors.ts';
import { parseCommand } from './args.ts';

const USAGE_LINE = 'cognito-totp configure list | get KEY | set KEY VALUE | unset KEY';

function notes(env: NodeJS.ProcessEnv): string {
  const keys = SETTING_KEYS.map((k) => {
    const spec = SETTINGS[k];
    const values = spec.choices ? ` (${spec.choices.join('|')})` : '';
    return `  ${k}${values}\n      ${spec.doc}`;
  }).join('\n');
  return `Actions:
  list             every setting, KEY=VALUE per line (unset ones are left out)
  get KEY          the value alone; exit 1 (nothing printed) when it is not set
  set KEY VALUE    store a value (checked first)
  unset KEY        remove a value

Settings:
${keys}

Stored in ${configPath(env)}
(COGNITO_TOTP_CONFIG_DIR moves the folder). --debug shows which settings a command used.`;
}

const ACTIONS = ['list', 'get', 'set', 'unset'] as const;

/** What completion offers after `configure`: actions, then keys, then a key's values. */
export const positionals: { after: readonly string[]; words: readonly string[] }[] = [
  { after: [], words: ACTIONS },
  ...(['get', 'set', 'unset'] as const).map((a) => ({ after: [a], words: SETTING_KEYS })),
  ...SETTING_KEYS.flatMap((k) => {
    const choices = SETTINGS[k].choices;
    return choices ? [{ after: ['set', k], words: choices }] : [];
  }),
];

export default async function configureCommand(args: string[], io: Io): Promise<number> {
  const parsed = parseCommand(
    'configure',
    args,
    (cmd) =>
      cmd
        .description("Read and change cognito-totp's settings.")
        .usage('list | get KEY | set KEY VALUE | unset KEY'),
    notes(io.env),
  );
  if ('help' in parsed) {
    io.stdout(parsed.help);
    return EXIT.ok;
  }
  const [action, ...rest] = parsed.operands;
  const arity = (n: number) => {
    if (rest.length !== n) {
      throw new ParamError(
        `cognito-totp configure ${action}: expected ${n === 1 ? 'KEY' : 'KEY VALUE'}.\nUsage: ${USAGE_LINE}`,
      );
    }
  };
  switch (action) {
    case 'list': {
      arity(0);
      const all = readSettings(io.env);
      for (const k of SETTING_KEYS) {
        const v = all[k];
        if (v !== undefined) io.stdout(`${k}=${v}\n`);
      }
      return EXIT.ok;
    }
    case 'get': {
      arity(1);
      const v = readSettings(io.env)[checkKey(rest[0]!)];
      if (v === undefined) return 1;
      io.stdout(`${v}\n`);
      return EXIT.ok;
    }
    case 'set': {
      arity(2);
      await writeSetting(io.env, checkKey(rest[0]!), rest[1]!);
      return EXIT.ok;
    }
    case 'unset': {
      arity(1);
      await unsetSetting(io.env, checkKey(rest[0]!));
      return EXIT.ok;
    }
    case undefined:
      throw new ParamError(`cognito-totp configure: an action is required.\nUsage: ${USAGE_LINE}`);
    default:
      throw new ParamError(`cognito-totp configure: unknown action '${action}'.\nUsage: ${USAGE_LINE}`);
  }
}
