// The layers hold (docs/architecture.md): `platform/` is the floor and imports no feature; a route
// reaches the database only through its service; no two feature folders import each other, however
// long the loop. Composition (app.ts, server.ts, worker.ts, job-handlers.ts, queue.ts, warm-up.ts)
// sits at the top of src/ and may import anything.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, it } from 'node:test';

const SRC = join(import.meta.dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Each file's imports inside src/, as paths relative to src/ (type-only imports too). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)]
    .map((m) => relative(SRC, normalize(join(dirname(file), m[1]!))))
    .filter((path) => !path.startsWith('..'));
}

const files = sourceFiles(SRC).map((file) => ({ path: relative(SRC, file), imports: importsOf(file) }));
const folderOf = (path: string) => (path.includes('/') ? path.split('/')[0]! : null);

describe('layers', () => {
  it('platform/ imports no feature', () => {
    const wrong = files
      .filter((f) => folderOf(f.path) === 'platform')
      .flatMap((f) => f.imports.filter((i) => folderOf(i) !== 'platform').map((i) => `${f.path} → ${i}`));
    assert.deepEqual(wrong, []);
  });

  it('a route imports no repository', () => {
    const wrong = files
      .filter((f) => f.path.endsWith('.routes.ts'))
      .flatMap((f) => f.imports.filter((i) => i.endsWith('.repository.ts')).map((i) => `${f.path} → ${i}`));
    assert.deepEqual(wrong, []);
  });

  it('no feature folders import each other in a loop', () => {
    const edges = new Map<string, Set<string>>();
    for (const f of files) {
      const from = folderOf(f.path);
      if (from === null || from === 'platform') continue;
      for (const i of f.imports) {
        const to = folderOf(i);
        if (to === null || to === from || to === 'platform') continue;
        if (!edges.has(from)) edges.set(from, new Set());
        edges.get(from)!.add(to);
      }
    }
    // Depth-first search for a path back to where it started.
    const loops: string[] = [];
    const walk = (start: string, at: string, path: string[]) => {
      for (const next of edges.get(at) ?? []) {
        if (next === start) loops.push([...path, next].join(' → '));
        else if (!path.includes(next)) walk(start, next, [...path, next]);
      }
    };
    for (const start of edges.keys()) walk(start, start, [start]);
    assert.deepEqual(loops, []);
  });

  it('would catch what it is for (the checks see imports at all)', () => {
    assert.ok(files.length > 100);
    assert.ok(files.some((f) => f.path === 'app.ts' && f.imports.some((i) => i.startsWith('platform/'))));
  });
});
