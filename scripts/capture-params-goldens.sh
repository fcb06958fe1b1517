#!/usr/bin/env bash
# Records what AWS CLI v2 (/usr/bin/aws, 2.9.19) prints for the parameter layer's cases in
# test/golden/params/cases.json: exit code, stdout, stderr, and, for cases that pass validation,
# the JSON body v2 would send (from --debug). Writes test/golden/params/results.json, and
# test/golden/params/python-corpus.json (v2's own Python pieces over generated corpora). The tests
# in test/params/ compare our functions with both; they never need aws themselves.
#
# Each case runs against one of two service models:
#   model "aws"  - the Cognito model bundled with v2 (what v2 really does for cognito-idp);
#   model "ours" - our declarative model (src/model) exported as a botocore service-2.json and put
#                  in front of the bundled one with AWS_DATA_PATH, so v2's own code generates the
#                  skeletons and messages for exactly our members and documentation.
# Nothing real is contacted: the endpoint is a dead local port, credentials are dummies, HOME is
# a fresh empty directory, and every case either fails before sending or fails to connect.
#
# Usage: scripts/capture-params-goldens.sh   (needs /usr/bin/aws v2 and node; takes several minutes)
#        ONLY=id1,id2 scripts/capture-params-goldens.sh   re-records those cases only (after a model
#        change touches a few), keeping every other recorded result as it is.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
AWS=${AWS_V2:-/usr/bin/aws}
GOLDEN="$ROOT/test/golden/params"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

"$AWS" --version | grep -q '^aws-cli/2\.' || { echo "need AWS CLI v2 at $AWS" >&2; exit 1; }

# The Python pieces v2 runs (json, awscli.shorthand, ruamel.yaml, int, repr) over generated corpora,
# with the interpreter /usr/bin/aws itself starts.
if [ -z "${ONLY:-}" ]; then
  PYTHON=$(head -1 "$AWS" | sed -n 's/^#!//p')
  "$PYTHON" "$GOLDEN/tools/python-corpus.py" > "$GOLDEN/python-corpus.json"
fi

# Our model as a botocore service model.
mkdir -p "$WORK/data/cognito-idp/2016-04-18"
"$ROOT/node_modules/.bin/esbuild" "$GOLDEN/tools/export-botocore-model.ts" --bundle --platform=node \
  --format=esm --log-level=warning --outfile="$WORK/export-model.mjs"
node "$WORK/export-model.mjs" > "$WORK/data/cognito-idp/2016-04-18/service-2.json"

AWS="$AWS" GOLDEN="$GOLDEN" WORK="$WORK" node --input-type=module - <<'NODE'
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const { AWS, GOLDEN, WORK } = process.env;
const cases = JSON.parse(readFileSync(join(GOLDEN, 'cases.json'), 'utf8'));
const version = await run([AWS, '--version'], {}).then((r) => r.stdout.trim());

function run(argv, env, cwd = join(GOLDEN, 'fixtures')) {
  return new Promise((resolve) => {
    const child = spawn(argv[0], argv.slice(1), { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('close', (rc) =>
      resolve({ rc, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
  });
}

function envFor(c, home) {
  return {
    PATH: '/usr/bin:/bin',
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    HOME: home,
    AWS_CONFIG_FILE: join(home, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-credentials'),
    AWS_ACCESS_KEY_ID: 'testing',
    AWS_SECRET_ACCESS_KEY: 'testing',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_PAGER: '',
    AWS_MAX_ATTEMPTS: '1',
    AWS_EC2_METADATA_DISABLED: 'true',
    // For the $VAR expansion case of file:// paths.
    CT_GOLDEN_VAR: 'dir',
    ...(c.model === 'ours' ? { AWS_DATA_PATH: join(WORK, 'data') } : {}),
  };
}

// The body botocore logs with --debug: `'body': b'...'` (a Python bytes literal of the JSON).
function bodyFromDebug(log) {
  const m = /'body': b'((?:[^'\\]|\\.)*)'/.exec(log);
  if (!m) return undefined;
  const bytes = [];
  const s = m[1];
  for (let i = 0; i < s.length; i++) {
    if (s[i] !== '\\') {
      bytes.push(s.charCodeAt(i));
      continue;
    }
    const n = s[++i];
    if (n === 'x') {
      bytes.push(Number.parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push({ n: 10, r: 13, t: 9, '\\': 92, "'": 39, '"': 34 }[n] ?? n.charCodeAt(0));
  }
  return Buffer.from(bytes).toString('utf8');
}

async function capture(c) {
  const home = mkdtempSync(join(WORK, 'home-'));
  const argv = [AWS, '--endpoint-url', 'http://127.0.0.1:1', ...c.args];
  const r = await run(argv, envFor(c, home));
  const { body: wantBody, ...spec } = c;
  const result = { ...spec, rc: r.rc, stdout: r.stdout, stderr: r.stderr };
  if (wantBody) {
    const d = await run([AWS, '--debug', ...argv.slice(1)], envFor(c, home));
    const body = bodyFromDebug(d.stderr);
    if (body !== undefined) result.body = body;
  }
  rmSync(home, { recursive: true, force: true });
  for (const k of ['stdout', 'stderr']) result[k] = result[k].split(home).join('{HOME}');
  return result;
}

const only = process.env.ONLY ? new Set(process.env.ONLY.split(',')) : undefined;
const previous = only ? JSON.parse(readFileSync(join(GOLDEN, 'results.json'), 'utf8')).cases : [];
const results = new Array(cases.length);
let next = 0;
await Promise.all(
  Array.from({ length: 8 }, async () => {
    while (next < cases.length) {
      const i = next++;
      const kept = only && !only.has(cases[i].id) ? previous.find((r) => r.id === cases[i].id && r.model === cases[i].model) : undefined;
      results[i] = kept ?? (await capture(cases[i]));
    }
  }),
);
writeFileSync(
  join(GOLDEN, 'results.json'),
  `${JSON.stringify({ aws: version, cases: results }, null, 1)}\n`,
);
console.log(`captured ${results.length} cases with ${version}`);
NODE
