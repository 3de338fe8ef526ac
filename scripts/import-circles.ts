/**
 * `npx tsx scripts/import-circles.ts`: lists every import circle among our own TypeScript files (the files
 * tsconfig.json includes) and exits 1 if there is one. test/unit/import-circles.test.ts runs it in `npm test`.
 *
 * A circle makes a module run before its dependency has finished loading (a value read at load time is
 * undefined), and it makes a layer impossible to read on its own. Every import counts, `import type` too:
 * type-only edges vanish at run time, but a type circle still ties two files into one unit a reader must hold
 * at once, and so far each could be cut by moving the shared type to the file it belongs to. `require()` and
 * `import()` count as well (workflows/index.ts loads each workflow lazily, which is still a dependency).
 * Only relative specifiers are followed: packages cannot import our files back.
 */
import path from 'node:path';
import ts from 'typescript';

/** One circle: project-relative file names, the first repeated at the end (`a.ts → b.ts → a.ts`). */
export type ImportCircle = string[];

/** The project's files and, for each, the project files it imports (project-relative, sorted). */
export function importGraph(projectDir: string): Map<string, string[]> {
  const configFile = path.join(projectDir, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configFile,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!parsed) throw new Error(`cannot read ${configFile}`);
  const host = ts.createCompilerHost(parsed.options);
  const cache = ts.createModuleResolutionCache(projectDir, (name) => name, parsed.options);
  const relative = (file: string) => path.relative(projectDir, file).split(path.sep).join('/');
  const files = parsed.fileNames.filter((file) => /\.(c|m)?tsx?$/.test(file) && !file.endsWith('.d.ts'));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    // preProcessFile reads import and export declarations, `import x = require()`, `import('...')` types
    // and, with its last argument, require() and import() calls: every way a file names another.
    const specifiers = ts.preProcessFile(ts.sys.readFile(file) ?? '', true, true).importedFiles.map((f) => f.fileName);
    const targets = new Set<string>();
    for (const specifier of specifiers.filter((name) => name.startsWith('.'))) {
      const resolved = ts.resolveModuleName(specifier, file, parsed.options, host, cache).resolvedModule;
      if (!resolved || resolved.isExternalLibraryImport || resolved.resolvedFileName.endsWith('.json')) continue;
      targets.add(relative(resolved.resolvedFileName));
    }
    graph.set(relative(file), [...targets].sort());
  }
  return graph;
}

/**
 * The circles of a graph. In each tangle (a strongly connected component: two or more files that all reach
 * each other, or a file that imports itself), the shortest circle through each file not yet on a listed one:
 * every file of a tangle shows up, without listing the exponentially many circles a big tangle has.
 */
export function findCircles(graph: Map<string, string[]>): ImportCircle[] {
  const circles: ImportCircle[] = [];
  for (const component of stronglyConnected(graph)) {
    const members = new Set(component);
    if (component.length === 1 && !(graph.get(component[0]!) ?? []).includes(component[0]!)) continue;
    const covered = new Set<string>();
    for (const file of component.sort()) {
      if (covered.has(file)) continue;
      const circle = startAtFirstName(shortestCircle(graph, file, members));
      circle.forEach((f) => covered.add(f));
      if (!circles.some((c) => c.join() === circle.join())) circles.push(circle);
    }
  }
  return circles.sort((a, b) => a.join().localeCompare(b.join()));
}

/** The same circle told from its alphabetically first file, so one circle always reads the same. */
function startAtFirstName(circle: ImportCircle): ImportCircle {
  const ring = circle.slice(0, -1);
  const first = ring.indexOf([...ring].sort()[0]!);
  const rotated = [...ring.slice(first), ...ring.slice(0, first)];
  return [...rotated, rotated[0]!];
}

/** Tarjan's algorithm, iterative so a deep import chain cannot overflow the stack. */
function stronglyConnected(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: { node: string; edge: number }[] = [{ node: root, edge: 0 }];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const edges = graph.get(frame.node) ?? [];
      if (frame.edge < edges.length) {
        const to = edges[frame.edge++]!;
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, edge: 0 });
        } else if (onStack.has(to)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component);
      }
    }
  }
  return components;
}

/** Breadth-first from `start` back to itself, staying inside its component. */
function shortestCircle(graph: Map<string, string[]>, start: string, component: Set<string>): ImportCircle {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length) {
    const node = queue.shift()!;
    for (const to of graph.get(node) ?? []) {
      if (!component.has(to)) continue;
      if (to === start) {
        const circle = [start];
        for (let at: string | undefined = node; at !== start && at !== undefined; at = cameFrom.get(at)) circle.splice(1, 0, at);
        return [...circle, start];
      }
      if (!cameFrom.has(to)) {
        cameFrom.set(to, node);
        queue.push(to);
      }
    }
  }
  throw new Error(`no circle through ${start}`);
}

/** The circles among the files of the project at projectDir (the directory holding tsconfig.json). */
export function findImportCircles(projectDir: string): ImportCircle[] {
  return findCircles(importGraph(projectDir));
}

if (require.main === module) {
  const circles = findImportCircles(path.resolve(__dirname, '..'));
  for (const circle of circles) console.log(circle.join(' → '));
  console.log(circles.length ? `${circles.length} import circle(s)` : 'no import circles');
  process.exitCode = circles.length ? 1 : 0;
}
