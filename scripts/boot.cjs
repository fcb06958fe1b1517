// Start-up of the built program: runs the CommonJS bundle through V8's code cache, made at build
// time (scripts/build.mjs), so most of the bundle is neither parsed nor compiled again on each run.
// Start-up is most of a command-line tool's life; this keeps cognito-totp near bare `node`.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const file = path.join(__dirname, 'cognito-totp.cjs');
// One cache per kind of run, each made from the same bundle by the build's runs of that kind: V8
// deserializes a whole cache at each start, so one cache holding the help pages, SRP and the
// sign-in command too would cost every verify (~100 page faults). A guess that misses (a global
// option before `sign-in`, a value spelt `help`) only means a cache with less in it: slower, never
// wrong.
const args = process.argv.slice(2);
const kind =
  args[0] === 'sign-in'
    ? 'sign-in.'
    : args.includes('--help') || args.includes('help') || args.includes('--generate-cli-skeleton')
      ? 'help.'
      : '';
const cacheFile = path.join(__dirname, `cognito-totp.${kind}cache`);
// The build writes the bundle already inside CommonJS's function wrapper (Module.wrap), so no
// second 300 kB string is made here, and all ASCII (it checks), so latin1 reads it without UTF-8
// decoding: ~130 page faults fewer than readFileSync(utf8) + Module.wrap.
const source = fs.readFileSync(file, 'latin1');
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined;
}
// No importModuleDynamically: the build turns every import() into require() (scripts/build.mjs), and
// asking for Node's default loader here would load its ESM loader on every run (~1% of start-up).
const script = new vm.Script(source, { filename: file, cachedData });
const refresh =
  process.env.COGNITO_TOTP_BUILD_CODE_CACHE === '1' || cachedData === undefined || script.cachedDataRejected;
if (refresh) {
  // A cache made by another Node.js version is rejected; make one for this version when the
  // folder is writable (best effort, atomically, as many processes may race here).
  process.once('exit', () => {
    try {
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, cacheFile);
    } catch {
      // read-only install: run without a cache
    }
  });
}
// This module sits beside the bundle, so its own require resolves the bundle's external packages
// (enquirer, conf, chalk, the AWS SDK) from the same folder a Module made for the bundle would.
script.runInThisContext()(module.exports, require, module, file, __dirname);
