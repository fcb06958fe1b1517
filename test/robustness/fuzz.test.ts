// Garbage in, clean answer out: fast-check generates argv (real and made-up operations, real and
// made-up flags, random values), --cli-input-json/--cli-input-yaml documents, shorthand values and
// damaged state documents; the built binary must always end with an exit code in
// {0, 252, 253, 254, 255} and no stack trace. Samples run a few at a time (processes are slow to
// start); a failure prints the seed and the argv to replay it.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalBackend } from '../../src/backend/local/index.ts';
import { cliName, type OperationName, operations } from '../../src/model/index.ts';
import type { Shape } from '../../src/model/types.ts';
import { tempStateFile } from '../helpers/cli.ts';
import { type AsyncResult, dirtyLines, pool, readState, seedState, spawnCli } from '../helpers/robust.ts';

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const CONCURRENCY = 3;
const ALLOWED = [0, 252, 253, 254, 255];

const seeded = seedState(tempStateFile(), ['alice']);
const goodState = readFileSync(seeded.stateFile, 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'ct-fuzz-'));
let serial = 0;
/** Every sample gets its own copy of the seeded state (a sample may change it). */
function freshState(content = goodState): string {
  const file = join(dir, `state-${serial++}.json`);
  writeFileSync(file, content, { mode: 0o600 });
  return file;
}

const plausible: Record<string, unknown> = {
  AccessToken: seeded.tokens.get('alice'),
  UserPoolId: seeded.poolId,
  ClientId: seeded.clientId,
  Username: 'alice',
  UserCode: '123456',
  PoolName: 'fuzz',
  ClientName: 'fuzz',
  Password: 'Passw0rd!',
  Permanent: true,
  MaxResults: 5,
  AuthFlow: 'USER_PASSWORD_AUTH',
  AuthParameters: { USERNAME: 'alice', PASSWORD: 'Passw0rd!' },
  SoftwareTokenMfaConfiguration: { Enabled: true },
  SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
  MfaConfiguration: 'OPTIONAL',
  ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
  FriendlyDeviceName: 'phone',
};

const opNames = Object.keys(operations) as OperationName[];
const memberFlags = (op: OperationName): string[] => {
  const input = operations[op].input as { members?: Record<string, Shape> };
  return Object.keys(input.members ?? {}).map((m) => `--${cliName(m)}`);
};
const allFlags = [...new Set(opNames.flatMap(memberFlags))];
const globalFlags = [
  '--output',
  '--query',
  '--debug',
  '--no-paginate',
  '--color',
  '--no-cli-pager',
  '--cli-read-timeout',
];

// Values: plain strings, the odd characters shell scripts pass, shorthand, JSON, file references.
const shorthand = fc.oneof(
  fc.constantFrom(
    'Enabled=true',
    'Enabled=tru',
    'Name=email,Value=a@b.c',
    'Name=,Value=',
    'a=[b,c],d={e=f}',
    'a=[b,c',
    'a={',
    '={}',
    ',,,',
    'Key=\\,escaped',
    "Key='quoted",
    'Key="dq"',
    'USERNAME=alice,PASSWORD=Passw0rd!',
    'AccessToken=x,AccessToken=y',
  ),
  fc
    .array(fc.tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })), { maxLength: 4 })
    .map((kv) => kv.map(([k, v]) => `${k}=${v}`).join(',')),
);
const value = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }).map((s) => s.replace(/\0/g, '')),
  fc.integer().map(String),
  fc.constantFrom(
    '',
    '-',
    '--',
    'null',
    'true',
    '[]',
    '{}',
    '{"a":',
    '123456',
    '000000',
    'file:///nonexistent',
    'fileb://',
    'file://',
    'http://127.0.0.1:1/',
  ),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  shorthand,
);
const flag = fc.oneof(
  fc.constantFrom(...allFlags),
  fc.constantFrom(...globalFlags),
  fc.string({ maxLength: 12 }).map((s) => `--${s}`),
  fc.string({ maxLength: 6 }).map((s) => `-${s}`),
);
const argv = fc.tuple(
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...opNames.map(cliName)) },
    { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
  ),
  fc.array(fc.oneof({ weight: 3, arbitrary: flag }, { weight: 3, arbitrary: value }), { maxLength: 8 }),
);

const yamlish = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.constantFrom(
    'AccessToken: x\nUserCode: 123456',
    'AccessToken: [unclosed',
    '- a\n- b',
    'a: &x 1\nb: *x',
    'a: *undefined',
    '!!python/object:os.system {}',
    '? complex\n: key',
    'UserCode: 0o17\nFriendlyDeviceName: ~',
    '%YAML 1.1\n---\nA: 1\n...\n---\nB: 2',
    '\t tabs: bad',
  ),
);
const cliInput = fc.tuple(
  fc.constantFrom(...opNames),
  fc.oneof(fc.constant('json' as const), fc.constant('yaml' as const)),
  fc.oneof(
    // A document with the operation's own keys and random values.
    fc.constant(null),
    fc.jsonValue({ maxDepth: 4 }),
  ),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  yamlish,
  fc.boolean(),
);

function countNodes(node: unknown): number {
  if (Array.isArray(node)) return 1 + node.reduce((n: number, x) => n + countNodes(x), 0);
  if (typeof node === 'object' && node !== null)
    return 1 + Object.values(node).reduce((n: number, x) => n + countNodes(x), 0);
  return 1;
}

/** Replaces the n-th node (depth-first) of a JSON document with `v`. */
function mutate(doc: unknown, n: number, v: unknown): unknown {
  let i = 0;
  const walk = (node: unknown): unknown => {
    if (i++ === n) return v;
    if (Array.isArray(node)) return node.map(walk);
    if (typeof node === 'object' && node !== null)
      return Object.fromEntries(Object.entries(node).map(([k, x]) => [k, walk(x)]));
    return node;
  };
  return walk(doc);
}

const tally: Record<string, number> = {};
/** The program's own layout: the header on one line, then one line per user. */
function inLayout(doc: unknown): string {
  // A mutation that replaced the document or its users: written on one line.
  if (typeof doc !== 'object' || doc === null || !Array.isArray((doc as { users?: unknown }).users))
    return JSON.stringify(doc);
  const { users, ...header } = doc as { users: unknown[] };
  const head = JSON.stringify(header);
  const lines = users.map((u) => JSON.stringify(u));
  return `${head.slice(0, -1)},"users":[\n${lines.join(',\n')}${lines.length ? '\n' : ''}]}\n`;
}

function isValidState(file: string): boolean {
  try {
    readState(file);
    return true;
  } catch {
    return false;
  }
}

function check(label: string, args: string[], r: AsyncResult) {
  const key = `${label.split(' ')[0]}:${r.status}`;
  tally[key] = (tally[key] ?? 0) + 1;
  // 255 is allowed (AWS CLI's "anything else"), but worth seeing when it happens.
  if (r.status === 255)
    console.log(`exit 255: ${label} argv=${JSON.stringify(args)}: ${r.stderr.trim().slice(0, 300)}`);
  const replay = `${label} (FUZZ_SEED=${SEED}) argv=${JSON.stringify(args)}\nstderr: ${r.stderr.slice(0, 2000)}`;
  expect(r.timedOut, `hung: ${replay}`).toBe(false);
  expect(ALLOWED, replay).toContain(r.status);
  expect(dirtyLines(r.stderr), replay).toEqual([]);
}

describe(`fuzzing the binary (FUZZ_SEED=${SEED})`, () => {
  afterAll(() => console.log(`exit codes by kind (FUZZ_SEED=${SEED}): ${JSON.stringify(tally)}`));
  it('argv: real and made-up operations, flags and values', async () => {
    const samples = fc.sample(argv, { numRuns: 60, seed: SEED });
    await pool(samples, CONCURRENCY, async ([op, rest]) => {
      const args = [op, ...rest, '--state-file', freshState()];
      check('argv', args, await spawnCli(args, { timeoutMs: 30_000 }));
    });
  }, 120_000);

  it('--cli-input-json and --cli-input-yaml documents', async () => {
    const samples = fc.sample(cliInput, { numRuns: 30, seed: SEED + 1 });
    await pool(samples, CONCURRENCY, async ([op, kind, doc, vals, yaml, useYamlText]) => {
      let text: string;
      if (doc === null) {
        const keys = Object.keys((operations[op].input as { members?: object }).members ?? {});
        // Half the keys get a plausible value (so the document gets past validation now and then).
        const obj = Object.fromEntries(
          keys.map((k, i) => [
            k,
            i % 2 === 0 ? (plausible[k] ?? vals[0] ?? null) : (vals[i % Math.max(vals.length, 1)] ?? null),
          ]),
        );
        text = kind === 'yaml' && useYamlText ? yaml : JSON.stringify(obj);
      } else {
        text = kind === 'yaml' && useYamlText ? yaml : JSON.stringify(doc);
      }
      const args = [cliName(op), `--cli-input-${kind}`, text, '--state-file', freshState()];
      check('cli-input', args, await spawnCli(args, { timeoutMs: 30_000 }));
      // The same document from a file.
      const file = join(dir, `input-${serial++}.${kind}`);
      writeFileSync(file, text, { mode: 0o600 });
      const args2 = [cliName(op), `--cli-input-${kind}`, `file://${file}`, '--state-file', freshState()];
      check('cli-input file', args2, await spawnCli(args2, { timeoutMs: 30_000 }));
    });
  }, 120_000);

  it('shorthand values for structure and list parameters', async () => {
    const targets: [string, string, string[]][] = [
      ['set-user-pool-mfa-config', '--software-token-mfa-configuration', ['--user-pool-id', seeded.poolId]],
      ['admin-create-user', '--user-attributes', ['--user-pool-id', seeded.poolId, '--username', 'fz']],
      [
        'initiate-auth',
        '--auth-parameters',
        ['--auth-flow', 'USER_PASSWORD_AUTH', '--client-id', seeded.clientId],
      ],
      [
        'create-user-pool-client',
        '--explicit-auth-flows',
        ['--user-pool-id', seeded.poolId, '--client-name', 'c'],
      ],
      [
        'create-user-pool-client',
        '--token-validity-units',
        ['--user-pool-id', seeded.poolId, '--client-name', 'c'],
      ],
      ['create-user-pool', '--policies', ['--pool-name', 'p']],
    ];
    const samples = fc.sample(
      fc.tuple(
        fc.nat(targets.length - 1),
        fc.array(fc.oneof(shorthand, value), { minLength: 1, maxLength: 3 }),
      ),
      { numRuns: 25, seed: SEED + 2 },
    );
    await pool(samples, CONCURRENCY, async ([t, vals]) => {
      const [op, param, rest] = targets[t] as [string, string, string[]];
      const args = [op, ...rest, param, ...vals, '--state-file', freshState()];
      check('shorthand', args, await spawnCli(args, { timeoutMs: 30_000 }));
    });
  }, 120_000);

  it('damaged state documents: refused with 253 or worked with, never a crash', async () => {
    const doc = JSON.parse(goodState);
    const commands = [
      [
        'verify-software-token',
        '--access-token',
        seeded.tokens.get('alice') as string,
        '--user-code',
        '123456',
      ],
      ['associate-software-token', '--access-token', seeded.tokens.get('alice') as string],
      ['admin-get-user', '--user-pool-id', seeded.poolId, '--username', 'alice'],
      ['list-users', '--user-pool-id', seeded.poolId],
      ['describe-user-pool', '--user-pool-id', seeded.poolId],
      ['describe-user-pool-client', '--user-pool-id', seeded.poolId, '--client-id', seeded.clientId],
      ['create-user-pool-client', '--user-pool-id', seeded.poolId, '--client-name', 'x'],
      [
        'initiate-auth',
        '--auth-flow',
        'USER_PASSWORD_AUTH',
        '--client-id',
        seeded.clientId,
        '--auth-parameters',
        'USERNAME=alice,PASSWORD=Passw0rd!',
      ],
      ['list-user-pools', '--max-results', '10'],
    ];
    const samples = fc.sample(
      fc.tuple(fc.nat(countNodes(doc) - 1), fc.jsonValue({ maxDepth: 2 }), fc.nat(commands.length - 1)),
      { numRuns: 30, seed: SEED + 3 },
    );
    await pool(samples, CONCURRENCY, async ([n, v, c], i) => {
      // Half in the program's own layout (read by byte search, users parsed when touched), half as
      // one line (parsed whole): both readers see the damage.
      const mutated = mutate(doc, n, v);
      const content = i % 2 ? inLayout(mutated) : JSON.stringify(mutated);
      const file = freshState(content);
      const args = [...(commands[c] as string[]), '--state-file', file];
      const r = await spawnCli(args, { timeoutMs: 30_000 });
      check(`state (node ${n} := ${JSON.stringify(v).slice(0, 80)})`, args, r);
      if (r.status === 253) expect(readFileSync(file, 'utf8')).toBe(content);
    });
    // And the untouched seed still works (the mutations did not share a file with it).
    const copy = join(dir, 'copy.json');
    copyFileSync(seeded.stateFile, copy);
    const r = await spawnCli(['list-users', '--user-pool-id', seeded.poolId, '--state-file', copy]);
    expect(r.status, r.stderr).toBe(0);
  }, 120_000);

  it('damaged bytes in the layout (flipped, cut, repeated): refused with 253 or worked with', async () => {
    const bytes = Buffer.from(goodState);
    const commands = [
      ['admin-get-user', '--user-pool-id', seeded.poolId, '--username', 'alice'],
      ['associate-software-token', '--access-token', seeded.tokens.get('alice') as string],
      ['list-users', '--user-pool-id', seeded.poolId],
      ['admin-create-user', '--user-pool-id', seeded.poolId, '--username', 'newcomer'],
      ['delete-user-pool', '--user-pool-id', seeded.poolId],
    ];
    const samples = fc.sample(
      fc.tuple(
        fc.nat(bytes.length - 1),
        fc.constantFrom('flip', 'cut', 'repeat', 'newline', 'quote'),
        fc.nat(commands.length - 1),
      ),
      { numRuns: 30, seed: SEED + 5 },
    );
    await pool(samples, CONCURRENCY, async ([at, how, c]) => {
      const damaged =
        how === 'flip'
          ? Buffer.concat([bytes.subarray(0, at), Buffer.from([bytes[at]! ^ 0x20]), bytes.subarray(at + 1)])
          : how === 'cut'
            ? Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 8)])
            : how === 'repeat'
              ? Buffer.concat([bytes.subarray(0, at + 16), bytes.subarray(at)])
              : Buffer.concat([
                  bytes.subarray(0, at),
                  Buffer.from(how === 'newline' ? '\n' : '"'),
                  bytes.subarray(at),
                ]);
      const file = freshState();
      writeFileSync(file, damaged, { mode: 0o600 });
      const wasValid = isValidState(file);
      const args = [...(commands[c] as string[]), '--state-file', file];
      const r = await spawnCli(args, { timeoutMs: 30_000 });
      check(`layout (${how} at ${at})`, args, r);
      if (r.status === 253) expect(readFileSync(file).equals(damaged)).toBe(true);
      // A change made on a file that was whole leaves it whole (damage elsewhere is carried, never
      // made: an untouched line is copied as it is).
      if (r.status === 0 && wasValid) expect(isValidState(file)).toBe(true);
    });
  }, 120_000);

  it('damaged bytes in a server journal: refused with 253 or worked with, files untouched on 253', async () => {
    // A journal as a server leaves it: a few changes, whole lines, then the zeros made ahead.
    const base = freshState();
    const server = new LocalBackend({ stateFile: base, journal: true });
    server.callSync('CreateUserPoolClient', { UserPoolId: seeded.poolId, ClientName: 'by-server' });
    for (const Username of ['j1', 'j2'])
      server.callSync('AdminCreateUser', { UserPoolId: seeded.poolId, Username, MessageAction: 'SUPPRESS' });
    server.file.close();
    const journal = readFileSync(`${base}.journal`);
    const used = journal.indexOf(0);
    const commands = [
      ['admin-get-user', '--user-pool-id', seeded.poolId, '--username', 'j1'],
      ['list-users', '--user-pool-id', seeded.poolId],
      ['admin-create-user', '--user-pool-id', seeded.poolId, '--username', 'newcomer'],
      ['associate-software-token', '--access-token', seeded.tokens.get('alice') as string],
    ];
    const samples = fc.sample(
      fc.tuple(
        fc.nat(used - 1),
        fc.constantFrom('flip', 'cut', 'newline', 'zero'),
        fc.nat(commands.length - 1),
      ),
      { numRuns: 24, seed: SEED + 6 },
    );
    await pool(samples, CONCURRENCY, async ([at, how, c]) => {
      const damaged = Buffer.from(journal);
      if (how === 'flip') damaged[at] = damaged[at]! ^ 0x20;
      else if (how === 'zero') damaged[at] = 0;
      else if (how === 'newline') damaged[at] = 0x0a;
      else damaged.copy(damaged, at, at + 8, used); // 8 bytes cut out, the rest moved up
      const file = freshState(readFileSync(base, 'utf8'));
      writeFileSync(`${file}.journal`, damaged, { mode: 0o600 });
      const args = [...(commands[c] as string[]), '--state-file', file];
      const r = await spawnCli(args, { timeoutMs: 30_000 });
      check(`journal (${how} at ${at})`, args, r);
      if (r.status === 253) expect(readFileSync(`${file}.journal`).equals(damaged)).toBe(true);
      if (r.status === 0) expect(isValidState(file)).toBe(true);
    });
  }, 120_000);

  it('names that are Object.prototype members are ordinary names', async () => {
    const file = freshState();
    const sf = ['--state-file', file];
    const bad = await spawnCli(['toString', ...sf]);
    expect(bad.status, bad.stderr).toBe(252);
    for (const u of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const c = await spawnCli([
        'admin-create-user',
        '--user-pool-id',
        seeded.poolId,
        '--username',
        u,
        ...sf,
      ]);
      expect(c.status, `${u}: ${c.stderr}`).toBe(0);
      const g = await spawnCli(['admin-get-user', '--user-pool-id', seeded.poolId, '--username', u, ...sf]);
      expect(g.status, `${u}: ${g.stderr}`).toBe(0);
      expect(JSON.parse(g.stdout).Username).toBe(u);
    }
    const l = await spawnCli(['list-users', '--user-pool-id', seeded.poolId, ...sf]);
    expect(
      JSON.parse(l.stdout)
        .Users.map((x: { Username: string }) => x.Username)
        .sort(),
    ).toEqual(['__proto__', 'alice', 'constructor', 'hasOwnProperty', 'template-user', 'toString'].sort());
    const d = await spawnCli([
      'describe-user-pool-client',
      '--user-pool-id',
      seeded.poolId,
      '--client-id',
      'constructor',
      ...sf,
    ]);
    expect(d.status).toBe(254);
    expect(d.stderr).toContain('ResourceNotFoundException');
  }, 60_000);
});
