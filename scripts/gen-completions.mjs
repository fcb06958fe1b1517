// Writes completions/ from the built program (`cognito-totp completion bash|zsh|fish`). Run after
// `npm run build` whenever the model, the global options or a command's options change; the test
// test/enroll/completion.test.ts fails until the files match.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const files = { bash: 'cognito-totp.bash', zsh: '_cognito-totp', fish: 'cognito-totp.fish' };
mkdirSync(join(root, 'completions'), { recursive: true });
for (const [shell, name] of Object.entries(files)) {
  const script = execFileSync(process.execPath, [join(root, 'bin/cognito-totp.js'), 'completion', shell], {
    encoding: 'utf8',
  });
  writeFileSync(join(root, 'completions', name), script);
  console.log(`completions/${name}`);
}
