// The user's home folder. HOME is what os.homedir() returns whenever it is set; node:os itself
// (0.2 ms to load) is asked only when it is not, so that a command that names its files does not pay for it.
export function homeOf(env: NodeJS.ProcessEnv): string {
  return env.HOME || process.getBuiltinModule('node:os').homedir();
}
