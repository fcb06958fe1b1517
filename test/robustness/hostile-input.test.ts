// Issue 17, item 1: a request whose members have the wrong shape, nested deeper than any recursive
// check survives, is refused (SerializationException / a parameter error) and nothing of it is
// stored: the state still reads, and list-user-pools / list-users still work, through `serve`, the
// CLI and the backend itself.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations } from '../../src/model/index.ts';
import type { Shape, StructureShape } from '../../src/model/types.ts';
import { validateClientSide, validateServiceSide, validateTypes } from '../../src/params/validate.ts';
import { json, run, tempStateFile } from '../helpers/cli.ts';
import { harness, seed } from '../helpers/local.ts';
import { call, raw, type Served, serve, target } from '../serve/harness.ts';

/** `["x"]` wrapped in `depth` arrays, as JSON text. */
function deepJson(depth: number): string {
  return `${'['.repeat(depth)}"x"${']'.repeat(depth)}`;
}

/** The same as a value. */
function deepValue(depth: number): unknown {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

describe('validation never overflows, whatever the depth', () => {
  const createPool = operations.CreateUserPool.input as StructureShape;

  it('validateClientSide reports the type problem of a 100,000-deep list instead of throwing', () => {
    const input = { PoolName: { a: 1 }, AutoVerifiedAttributes: deepValue(100_000) };
    const problems = validateClientSide(createPool, input);
    expect(problems[0]).toMatch(/^Invalid type for parameter PoolName, value: \{'a': 1\}/);
    expect(problems[1]).toMatch(/^Invalid type for parameter AutoVerifiedAttributes\[0\], value: \[\[\[/);
    expect(problems).toHaveLength(2);
  });

  it('validateTypes names the first wrong member at any depth, and treats null as absent', () => {
    expect(validateTypes(createPool, { PoolName: 'p', AutoVerifiedAttributes: deepValue(100_000) })).toBe(
      "Invalid type for parameter AutoVerifiedAttributes[0], type: <class 'list'>, valid types: <class 'str'>",
    );
    expect(validateTypes(createPool, { PoolName: { a: 1 } })).toMatch(
      /^Invalid type for parameter PoolName,/,
    );
    const createUser = operations.AdminCreateUser.input as StructureShape;
    const attr = { UserPoolId: 'us-east-1_x', Username: 'u', UserAttributes: [{ Name: 'email', Value: {} }] };
    expect(validateTypes(createUser, attr)).toMatch(/UserAttributes\[0\]\.Value, type: <class 'dict'>/);
    expect(validateTypes(createPool, { PoolName: 'p', AutoVerifiedAttributes: null })).toBeUndefined();
  });

  it('validateServiceSide echoes a deep value beside a bad one without overflowing', () => {
    // A map with one value too long is echoed whole (Coral prints the map): here with a deep neighbour.
    const input = { PoolName: 'p', UserPoolTags: { a: 'x'.repeat(300), b: deepValue(100_000) } };
    expect(validateServiceSide(createPool, input)).toMatch(
      /^1 validation error detected: Value '\{a=x+, b=\[\[\[.*' at 'userPoolTags' failed to satisfy constraint: Map value/,
    );
  });

  it('no input shape of the model is recursive (so every walk over it has a bounded depth)', () => {
    const depth = (shape: Shape, seen: Set<Shape>): number => {
      expect(seen.has(shape)).toBe(false);
      const next = new Set(seen).add(shape);
      if (shape.type === 'structure')
        return 1 + Math.max(0, ...Object.values(shape.members).map((m) => depth(m, next)));
      if (shape.type === 'list') return 1 + depth(shape.member, next);
      if (shape.type === 'map') return 1 + Math.max(depth(shape.key, next), depth(shape.value, next));
      return 1;
    };
    for (const op of Object.values(operations)) expect(depth(op.input, new Set())).toBeLessThan(10);
  });
});

describe('the local backend checks the shape before any handler (CLI and server alike)', () => {
  it('refuses an object as a pool name or as an attribute value, and stores nothing', () => {
    const h = harness();
    const { poolId } = seed(h);
    const before = readFileSync(h.stateFile, 'utf8');
    const e = h.fail('CreateUserPool', { PoolName: { evil: true } });
    expect(e.code).toBe('SerializationException');
    const attr = h.fail('AdminCreateUser', {
      UserPoolId: poolId,
      Username: 'mallory',
      UserAttributes: [{ Name: 'email', Value: { nested: deepValue(10_000) } }],
    });
    expect(attr.code).toBe('SerializationException');
    const update = h.fail('ListUsers', { UserPoolId: poolId, Limit: '10' });
    expect(update.code).toBe('SerializationException');
    expect(readFileSync(h.stateFile, 'utf8')).toBe(before);
    expect(h.call('ListUsers', { UserPoolId: poolId }).Users.map((u: any) => u.Username)).toEqual(['alice']);
    expect(h.call('ListUserPools', { MaxResults: 10 }).UserPools).toHaveLength(1);
  });
});

describe('through serve (real HTTP)', () => {
  let srv: Served;
  beforeAll(async () => {
    srv = await serve();
  });
  afterAll(async () => {
    expect(await srv.stop()).toBe(0);
  });

  it('a pool name that is an object beside a list nested 4,000 and 200,000 deep: 400, nothing stored', async () => {
    for (const depth of [4_000, 200_000]) {
      const body = `{"PoolName":{"a":1},"AutoVerifiedAttributes":${deepJson(depth)}}`;
      const a = await raw(srv.port, { target: target('CreateUserPool'), body });
      expect(a.status, `depth ${depth}`).toBe(400);
      expect(JSON.parse(a.body).__type).toBe('SerializationException');
    }
    expect((await call(srv.port, 'ListUserPools', { MaxResults: 60 })).UserPools).toEqual([]);
  });

  it('an object as a user attribute value: 400, and list-users keeps working', async () => {
    const pool = (await call(srv.port, 'CreateUserPool', { PoolName: 'p' })).UserPool.Id;
    for (const value of ['{"x":1}', deepJson(5_000)]) {
      const body = `{"UserPoolId":"${pool}","Username":"m","UserAttributes":[{"Name":"email","Value":${value}}]}`;
      const a = await raw(srv.port, { target: target('AdminCreateUser'), body });
      expect(a.status).toBe(400);
      expect(JSON.parse(a.body).__type).toBe('SerializationException');
    }
    expect((await call(srv.port, 'ListUsers', { UserPoolId: pool })).Users).toEqual([]);
    expect(srv.stderr()).not.toMatch(/RangeError|Maximum call stack|\n\s+at /);
  });

  it('afterwards the state file reads fine from the CLI', async () => {
    const r = run(['list-user-pools', '--max-results', '10', '--state-file', srv.stateFile]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).UserPools.map((p: any) => p.Name)).toEqual(['p']);
  });
});

describe('through the CLI (--cli-input-json with deep nesting)', () => {
  it('is refused with a clear error at any depth; the state still reads and list-users works', () => {
    const stateFile = tempStateFile();
    const sf = ['--state-file', stateFile];
    const pool = json(['create-user-pool', '--pool-name', 'p', ...sf]).UserPool.Id;
    const dir = dirname(stateFile);
    for (const depth of [300, 4_000]) {
      const file = join(dir, `deep-${depth}.json`);
      writeFileSync(file, `{"PoolName":{"a":1},"AutoVerifiedAttributes":${deepJson(depth)}}`);
      const r = run(['create-user-pool', '--cli-input-json', `file://${file}`, ...sf]);
      expect([252, 255], r.stderr).toContain(r.status);
      expect(r.stderr).not.toMatch(/RangeError|Maximum call stack|\n\s+at /);
      const attrFile = join(dir, `attr-${depth}.json`);
      const attrs = `[{"Name":"email","Value":{"deep":${deepJson(depth)}}}]`;
      writeFileSync(attrFile, `{"UserPoolId":"${pool}","Username":"m","UserAttributes":${attrs}}`);
      const u = run(['admin-create-user', '--cli-input-json', `file://${attrFile}`, ...sf]);
      expect([252, 255], u.stderr).toContain(u.status);
    }
    expect(json(['list-user-pools', '--max-results', '10', ...sf]).UserPools.map((p: any) => p.Name)).toEqual(
      ['p'],
    );
    expect(json(['list-users', '--user-pool-id', pool, ...sf]).Users).toEqual([]);
  });
});
