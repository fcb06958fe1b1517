// The import graph of src/, drawn from the source text (static imports, re-exports and import()):
// no circles, and the layering rules of DESIGN.md ("The layer above the model").
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SRC = join(ROOT, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)'(\.[^']+)'/gm;

/** File (relative to the root) -> the project files it imports, type-only imports included. */
function graph(): Map<string, string[]> {
  const g = new Map<string, string[]>();
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    const deps = [...text.matchAll(SPECIFIER)].map((m) => relative(ROOT, resolve(dirname(file), m[1]!)));
    g.set(relative(ROOT, file), [...new Set(deps)]);
  }
  return g;
}

/** Every strongly connected component with more than one file, or a file importing itself. */
function cycles(g: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of g.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || (g.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of g.keys()) if (!idx.has(v)) visit(v);
  return out;
}

const importersOf = (g: Map<string, string[]>, target: string) =>
  [...g].filter(([, deps]) => deps.includes(target)).map(([f]) => f);

describe('the import graph of src/', () => {
  const g = graph();

  it('is read from the real files (every import resolves to a file of src/)', () => {
    expect(g.size).toBeGreaterThan(50);
    const missing = [...g].flatMap(([f, deps]) => deps.filter((d) => !g.has(d)).map((d) => `${f} -> ${d}`));
    expect(missing).toEqual([]);
  });

  it('has no circles, dynamic imports included', () => {
    expect(cycles(g)).toEqual([]);
  });

  it('finds a circle when there is one (the check itself works)', () => {
    const bad = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(cycles(bad)).toEqual([['a', 'b', 'c']]);
  });

  it('only cli/main.ts imports cli/run.ts', () => {
    expect(importersOf(g, 'src/cli/run.ts')).toEqual(['src/cli/main.ts']);
  });

  it('backends, configuration, the model, shared leaves and the protocol never import the CLI or the commands', () => {
    const below = /^src\/(backend|config|model|shared|protocol|output|params|python|server)\//;
    const wrong = [...g].flatMap(([f, deps]) =>
      below.test(f) ? deps.filter((d) => /^src\/(cli|commands)\//.test(d)).map((d) => `${f} -> ${d}`) : [],
    );
    expect(wrong).toEqual([]);
  });

  it('the model imports nothing outside itself; shared leaves import only the model and each other', () => {
    const wrong = [...g].flatMap(([f, deps]) => {
      if (f.startsWith('src/model/'))
        return deps.filter((d) => !d.startsWith('src/model/')).map((d) => `${f} -> ${d}`);
      if (f.startsWith('src/shared/'))
        return deps.filter((d) => !/^src\/(shared|model)\//.test(d)).map((d) => `${f} -> ${d}`);
      return [];
    });
    expect(wrong).toEqual([]);
  });

  it('every own command of specs.ts has a loader and a module', () => {
    const registry = readFileSync(join(SRC, 'commands', 'registry.ts'), 'utf8');
    const specs = readFileSync(join(SRC, 'commands', 'specs.ts'), 'utf8');
    const names = [...specs.matchAll(/^ {2}(['a-z-]+): \{$/gm)].map((m) => m[1]!.replace(/'/g, ''));
    expect(names.length).toBeGreaterThanOrEqual(6);
    for (const n of names)
      expect(registry).toMatch(new RegExp(`^ {2}'?${n}'?: \\(\\) => import\\('\\./`, 'm'));
  });
});
