// Builds the program: one CommonJS bundle of src/ (dist/cognito-totp.cjs) plus V8's code cache of
// it (dist/cognito-totp.cache), warmed by running the commonest commands. Start-up then reads
// two files and compiles little. Packages only some commands need (the AWS SDK's signer and
// credential chain, enquirer, conf, chalk, qrcode-terminal) stay external and load on first use.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
await build({
  entryPoints: [join(root, 'src/cli/main.ts')],
  outfile: join(dist, 'cognito-totp.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
  external: ['@aws-sdk/*', '@smithy/*', 'enquirer', 'conf', 'chalk', 'qrcode-terminal'],
  // Modules written as ESM may use import.meta.url (createRequire, file paths); give the
  // CommonJS bundle its equivalent.
  define: { 'import.meta.url': '__ctImportMetaUrl' },
  // The bundle runs as a vm.Script from V8's code cache, and Node 20 gives such a script no
  // import() callback (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING). Turn every import() into
  // require(): Node >= 20.19 require()s the ESM-only packages (chalk, conf) too.
  supported: { 'dynamic-import': false },
  banner: { js: "const __ctImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
});
copyFileSync(join(root, 'scripts/boot.cjs'), join(dist, 'boot.cjs'));

// Warm the code cache: each run adds the functions it compiled.
const work = mkdtempSync(join(tmpdir(), 'ct-build-'));
const state = join(work, 'state.json');
const env = {
  ...process.env,
  COGNITO_TOTP_BUILD_CODE_CACHE: '1',
  HOME: work,
  AWS_CONFIG_FILE: join(work, 'none'),
};
const runs = [
  ['verify-software-token', '--generate-cli-skeleton'],
  ['verify-software-token', '--help'],
  ['create-user-pool', '--pool-name', 'warm', '--state-file', state],
  ['list-user-pools', '--max-results', '5', '--state-file', state],
  ['verify-software-token', '--access-token', 'x.y.z', '--user-code', '123456', '--state-file', state],
  ['verify-software-token', '--user-code', '1'],
];
for (const args of runs)
  spawnSync(process.execPath, [join(dist, 'boot.cjs'), ...args], { env, stdio: 'ignore' });
rmSync(work, { recursive: true, force: true });
