// cognito-totp configure list|get KEY|set KEY VALUE|unset KEY: cognito-totp's own defaults, kept by
// conf in its usual place (see src/config/settings.ts) and read by every command below its flags
// and environment variables.
import { checkKey, readSettings, SETTING_KEYS, unsetSetting, writeSetting } from '../config/settings.ts';
import { EXIT, ParamError } from '../errors.ts';
import type { Io } from '../shared/io.ts';
import { parseCommand } from './args.ts';

export default async function configureCommand(args: string[], io: Io): Promise<number> {
  const parsed = parseCommand('configure', args, io.env);
  if ('help' in parsed) {
    io.stdout(parsed.help);
    return EXIT.ok;
  }
  const [action, ...rest] = parsed.operands;
  const arity = (n: number) => {
    if (rest.length !== n) {
      throw new ParamError(
        `cognito-totp configure ${action}: expected ${n === 1 ? 'KEY' : 'KEY VALUE'}.\nUsage: cognito-totp configure list | get KEY | set KEY VALUE | unset KEY`,
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
      throw new ParamError(
        `cognito-totp configure: an action is required.\nUsage: cognito-totp configure list | get KEY | set KEY VALUE | unset KEY`,
      );
    default:
      throw new ParamError(
        `cognito-totp configure: unknown action '${action}'.\nUsage: cognito-totp configure list | get KEY | set KEY VALUE | unset KEY`,
      );
  }
}
