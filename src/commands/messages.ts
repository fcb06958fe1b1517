// cognito-totp messages: what the local emulator would have sent by email or SMS (sign-up
// confirmation, password reset, attribute verification codes), from the outbox in the state, so a
// developer or a test completes those flows without a mail server.
import { localTarget } from '../cli/compose.ts';
import { debugLogger } from '../cli/report.ts';
import { EXIT, ParamError } from '../errors.ts';
import type { Io } from '../shared/io.ts';
import { parseCommand } from './args.ts';

export default async function messagesCommand(args: string[], io: Io): Promise<number> {
  const parsed = parseCommand('messages', args, io.env);
  if ('help' in parsed) {
    io.stdout(parsed.help);
    return EXIT.ok;
  }
  const { opts, globals, operands } = parsed;
  if (operands.length) throw new ParamError(`cognito-totp messages: unexpected argument '${operands[0]}'.`);
  // A bad --query is refused before anything is read, as for every command.
  const query =
    globals.query !== undefined
      ? (await import('../output/query.ts')).compileQuery(globals.query)
      : undefined;
  const { stateFile, region } = await localTarget(io, globals, debugLogger(io, globals.debug));
  const { LocalBackend } = await import('../backend/local/index.ts');
  const listed = new LocalBackend({ stateFile, env: { region } }).messages({
    ...(typeof opts.userPoolId === 'string' ? { poolId: opts.userPoolId } : {}),
    ...(typeof opts.username === 'string' ? { username: opts.username } : {}),
  });
  const result = {
    Messages: listed.map((m) => ({
      UserPoolId: m.pool,
      Username: m.user,
      Kind: m.kind,
      Medium: m.medium,
      Attribute: m.attribute,
      Destination: m.destination,
      Code: m.code,
      SentAt: new Date(m.at * 1000).toISOString(),
    })),
  };
  const { formatOutput } = await import('../output/format.ts');
  const format = (globals.output ?? 'json') as Parameters<typeof formatOutput>[1];
  io.stdout(formatOutput(query ? query(result) : result, format, 'Messages'));
  return EXIT.ok;
}
