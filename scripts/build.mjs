// Builds the program: one CommonJS bundle of src/ (dist/cognito-totp.cjs) plus V8's code caches of
// it (dist/cognito-totp.cache; .help.cache for help and skeletons, .sign-in.cache for sign-in: see
// scripts/boot.cjs), warmed by running the commonest commands. Start-up then reads two files and compiles little. Packages only some
// commands need (the AWS SDK's signer and credential chain, enquirer, conf, chalk, qrcode-terminal,
// yaml, otpauth) stay external and load on first use (src/shared/lazy.ts).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

// commander's lib/command.js requires node:child_process at the top, for executable subcommands
// (`program.command('x', 'desc')` run as separate programs), which cognito-totp never defines. That
// one require loads net, dgram, stream and more: ~10M instructions and ~150 page faults on every
// run, --help included. Rewrite it into a proxy that requires child_process on first use. The
// build fails if the line is not found, so a commander upgrade cannot silently undo this.
const COMMANDER_EAGER = "const childProcess = require('node:child_process');";
const COMMANDER_LAZY =
  "const childProcess = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });";
let commanderPatched = false;
const lazyCommanderChildProcess = {
  name: 'lazy-commander-child-process',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (source.split(COMMANDER_EAGER).length !== 2) {
        throw new Error(
          `${args.path}: expected one "${COMMANDER_EAGER}"; commander changed, see scripts/build.mjs`,
        );
      }
      commanderPatched = true;
      return { contents: source.replace(COMMANDER_EAGER, COMMANDER_LAZY), loader: 'js' };
    });
  },
};

const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
const bundle = await build({
  entryPoints: [join(root, 'src/cli/main.ts')],
  outfile: join(dist, 'cognito-totp.cjs'),
  write: false,
  // ASCII only (non-ASCII characters escaped), so boot.cjs can read the file as latin1; checked below.
  charset: 'ascii',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // CT_BUILD_PLAIN=1: not minified, so that a CPU profile names the functions (bench/serve.mjs).
  minify: process.env.CT_BUILD_PLAIN !== '1',
  keepNames: false,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [lazyCommanderChildProcess],
  external: ['@aws-sdk/*', '@smithy/*', 'enquirer', 'conf', 'chalk', 'qrcode-terminal'],
  // Modules written as ESM may use import.meta.url (createRequire, file paths); give the
  // CommonJS bundle its equivalent.
  define: { 'import.meta.url': '__ctImportMeta.url' },
  // The bundle runs as a vm.Script from V8's code cache, and Node 20 gives such a script no
  // import() callback (ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING). Turn every import() into
  // require(): Node >= 20.19 require()s the ESM-only packages (chalk, conf) too.
  supported: { 'dynamic-import': false },
  // A getter: computed only by the modules that use it, not on every start (~0.3 ms).
  banner: {
    js: "const __ctImportMeta = { get url() { return require('node:url').pathToFileURL(__filename).href; } };",
  },
});
if (!commanderPatched) throw new Error("commander's lib/command.js was not bundled; see scripts/build.mjs");
const [out] = bundle.outputFiles;
// Unminified, esbuild keeps comments, which charset does not escape: with every string, regex and
// name already escaped, whatever is not ASCII is in a comment, and is replaced there.
const bundled = process.env.CT_BUILD_PLAIN === '1' ? out.text.replace(/[^\x00-\x7f]/g, '?') : out.text;
if (!/^[\x00-\x7f]*$/.test(bundled)) throw new Error('the bundle is not ASCII; boot.cjs reads it as latin1');
// Written inside CommonJS's function wrapper, as Module.wrap would (same line and column numbers in
// stack traces), so boot.cjs compiles the file as it is, without building a second copy of it.
mkdirSync(dist, { recursive: true });
writeFileSync(out.path, Module.wrap(bundled));
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
const runWith = (e, args) =>
  spawnSync(process.execPath, [join(dist, 'boot.cjs'), ...args], { env: e, encoding: 'utf8' }).stdout.trim();
const cli = (...args) => runWith(env, args);
// Setting-up runs leave the cache as it is: V8 deserializes all of a cache at every start, so what
// a verify never runs (making pools, clients, users) would cost each verify ~100 page faults, and
// costs these rarer commands less compiled on their first use (a function at a time).
const { COGNITO_TOTP_BUILD_CODE_CACHE: _, ...setupEnv } = env;
const setup = (...args) => runWith(setupEnv, args);
// The help pages and skeletons (dist/cognito-totp.help.cache, see boot.cjs), then the operations.
for (const args of [
  ['verify-software-token', '--generate-cli-skeleton'],
  ['associate-software-token', '--generate-cli-skeleton', 'yaml-input'],
  ['verify-software-token', '--help'],
  ['--help'],
  ['verify-software-token', '--user-code', '1'],
  ['verify-software-token', '--access-token', 'x.y.z', '--user-code', '123456', '--state-file', state],
])
  cli(...args);
// Then a whole enrollment, so the code that succeeds (signing, checking the token, the TOTP code,
// rewriting the state, printing the answer) is in the cache too, and not compiled on every run:
// a pool, client and user set up, then initiate-auth, associate-software-token and verify.
const text = ['--output', 'text', '--state-file', state];
const pool = setup('create-user-pool', '--pool-name', 'warm', '--query', 'UserPool.Id', ...text);
setup(
  'set-user-pool-mfa-config',
  ...['--user-pool-id', pool, '--software-token-mfa-configuration', 'Enabled=true'],
  ...['--mfa-configuration', 'OPTIONAL', ...text],
);
const client = setup(
  'create-user-pool-client',
  ...['--user-pool-id', pool, '--client-name', 'warm', '--explicit-auth-flows', 'ALLOW_USER_PASSWORD_AUTH'],
  'ALLOW_USER_SRP_AUTH',
  ...['--query', 'UserPoolClient.ClientId', ...text],
);
setup('admin-create-user', '--user-pool-id', pool, '--username', 'warm', ...text);
const password = `Warm-${process.pid}-Passw0rd!`;
setup(
  'admin-set-user-password',
  '--user-pool-id',
  pool,
  '--username',
  'warm',
  '--password',
  password,
  '--permanent',
  ...text,
);
const token = cli(
  'initiate-auth',
  ...['--auth-flow', 'USER_PASSWORD_AUTH', '--client-id', client],
  ...[
    '--auth-parameters',
    `USERNAME=warm,PASSWORD=${password}`,
    '--query',
    'AuthenticationResult.AccessToken',
    ...text,
  ],
);
const secret = cli('associate-software-token', '--access-token', token, '--query', 'SecretCode', ...text);
const code = cli('totp', '--secret', secret);
cli('verify-software-token', '--access-token', token, '--user-code', code, '--state-file', state);
// And `sign-in` with SRP (both halves of SRP, the secret block, the tokens): boot.cjs keeps its
// functions in a cache of their own (dist/cognito-totp.sign-in.cache), so they cost no other command.
cli('sign-in', '--client-id', client, '--username', 'warm', '--password', password, '--state-file', state);
rmSync(work, { recursive: true, force: true });

// The programmatic API (src/api.ts) for test suites: an ES module of its own, dist/api.js, and its
// declarations. They are emitted per file without a type check (TypeScript's isolated
// declarations: api.ts and seed-types.ts spell out every exported type), so the build stays quick;
// `npm test` type-checks the sources. The published declarations are these two files only.
await build({
  entryPoints: [join(root, 'src/api.ts')],
  outfile: join(dist, 'api.js'),
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: false,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [lazyCommanderChildProcess],
  external: ['@aws-sdk/*', '@smithy/*', 'enquirer', 'conf', 'chalk', 'qrcode-terminal'],
  // The bundled CommonJS packages (commander, ini...) call require(): give the module one.
  banner: {
    js: "import { createRequire as __ctCreateRequire } from 'node:module'; const require = __ctCreateRequire(import.meta.url);",
  },
});
const ts = (await import('typescript')).default;
for (const [from, to] of [
  ['src/api.ts', 'api.d.ts'],
  ['src/backend/local/seed-types.ts', 'seed-types.d.ts'],
]) {
  const out = ts.transpileDeclaration(readFileSync(join(root, from), 'utf8'), {
    fileName: from,
    compilerOptions: { isolatedDeclarations: true, declaration: true, module: ts.ModuleKind.NodeNext },
  });
  if (out.diagnostics?.length)
    throw new Error(`${from}: ${ts.flattenDiagnosticMessageText(out.diagnostics[0].messageText, '\n')}`);
  const text = out.outputText.replaceAll("'./backend/local/seed-types.ts'", "'./seed-types.js'");
  const imports = [...text.matchAll(/from '([^']+)'/g)]
    .map((m) => m[1])
    .filter((m) => m !== './seed-types.js');
  if (imports.length)
    throw new Error(
      `${to} would import ${imports.join(', ')}: keep the API's types in api.ts and seed-types.ts`,
    );
  writeFileSync(join(dist, to), text);
}
