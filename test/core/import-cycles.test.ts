/**
 * No import cycle in the product code, type-only imports included: ESLint's `import-x/no-cycle` skips
 * `import type`, yet a cycle of types is a cycle of concepts all the same (each module needs the other to
 * be understood), and it turns into a runtime cycle the day one of the imports carries a value.
 */
import { strict as assert } from 'node:assert';
import { relative, resolve } from 'node:path';
import { importsOf, localImportsOf, sources } from '../support/imports';

const ROOT = resolve(__dirname, '../..');
const PRODUCT = ['core', 'cli', 'tasks', 'hub/src', 'sandbox'];

type Graph = ReadonlyMap<string, readonly string[]>;

/**
 * The graph's cycles, one per strongly connected component of more than one module (or a module that
 * imports itself), each as a path that closes on its first module (Tarjan's algorithm).
 */
function cyclesOf(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    lowLink.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        lowLink.set(node, Math.min(lowLink.get(node)!, lowLink.get(next)!));
      } else if (onStack.has(next)) lowLink.set(node, Math.min(lowLink.get(node)!, index.get(next)!));
    }
    if (lowLink.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) components.push(component);
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return components.map((component) => pathThrough(graph, new Set(component)));
}

/** A shortest way round a strongly connected component, from its first module (by name) back to it. */
function pathThrough(graph: Graph, members: ReadonlySet<string>): string[] {
  const start = [...members].sort()[0];
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of graph.get(node) ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(cameFrom.get(path[0])!);
        return [...path, start];
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start];
}

describe('import cycles in the product code', () => {
  it('finds none, type-only imports included', () => {
    const files = PRODUCT.flatMap((folder) => sources(resolve(ROOT, folder)));
    assert.ok(files.length > 100, `only ${files.length} product sources found`);
    const name = (file: string) => relative(ROOT, file);
    const graph = new Map(files.map((file) => [name(file), localImportsOf(file).map(name)]));
    const cycles = cyclesOf(graph).map((cycle) => cycle.join(' → '));
    assert.deepEqual(cycles, [], `import cycles:\n${cycles.join('\n')}`);
  });

  it('would catch what it forbids', () => {
    assert.deepEqual(importsOf("import type { PoolSettings } from './verdict';"), ['./verdict']);
    assert.deepEqual(importsOf("export type { Verdict } from './findings';"), ['./findings']);
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
      ['e', ['e']],
    ]);
    assert.deepEqual(cyclesOf(graph), [
      ['a', 'b', 'c', 'a'],
      ['e', 'e'],
    ]);
    assert.deepEqual(
      cyclesOf(
        new Map([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
      [],
    );
  });
});
