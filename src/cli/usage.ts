// argparse-style usage errors with AWS CLI v2's exact layout, "aws" replaced by our name.

export const PROG = 'cognito-totp';

export const USAGE =
  `usage: ${PROG} [options] <command> <subcommand> [<subcommand> ...] [parameters]\n` +
  'To see help text, you can run:\n\n' +
  `  ${PROG} help\n` +
  `  ${PROG} <command> help\n` +
  `  ${PROG} <command> <subcommand> help\n`;

/** argparse's "Invalid choice" list: two columns, each padded to 40 characters (trailing spaces kept). */
export function invalidChoice(flag: string, choices: readonly string[]): string {
  const rows: string[] = [];
  for (let i = 0; i < choices.length; i += 2) {
    const left = choices[i]!.padEnd(40);
    const right = choices[i + 1];
    rows.push(right === undefined ? left : `${left} | ${right.padEnd(40)}`);
  }
  return `${PROG}: error: argument ${flag}: Invalid choice, valid choices are:\n\n${rows.join('\n')}\n`;
}
