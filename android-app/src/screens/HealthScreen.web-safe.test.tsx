import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';

// The web build renders HealthScreen with react-native-web: nothing it imports at runtime may reach
// a native module. A checked rule, not a hope. Type-only imports are erased, so they pass.
const src = resolve(__dirname, '..');

function resolveImport(from: string, specifier: string): string {
  const base = resolve(dirname(from), specifier);
  const found = [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`cannot resolve ${specifier} from ${from}`);
  return found;
}

function runtimeGraph(entry: string) {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    for (const [, specifier] of text.matchAll(/^\s*(?:import|export)\s+(?!type\b)[^'"]*?from\s+'([^']+)'/gm)) {
      if (specifier!.startsWith('.')) visit(resolveImport(file, specifier!));
      else packages.add(specifier!);
    }
  };
  visit(entry);
  return { files: [...files].map((file) => relative(src, file)), packages: [...packages].sort() };
}

describe('HealthScreen stays renderable by react-native-web', () => {
  const graph = runtimeGraph(join(src, 'screens', 'HealthScreen.tsx'));

  it('walks the components it is made of', () => {
    expect(graph.files).toEqual(expect.arrayContaining(['components/MetricCard.tsx', 'screens/use-health.ts']));
  });

  it('imports no package but react and react-native at runtime', () => {
    expect(graph.packages).toEqual(['react', 'react-native']);
  });

  it('reaches no service, adapter or engine code at runtime', () => {
    expect(
      graph.files.filter(
        (file) => file.startsWith('services/') || file.startsWith('engine/') || file.startsWith('app/'),
      ),
    ).toEqual([]);
  });

  it('never mentions NativeModules, TurboModuleRegistry or PermissionsAndroid', () => {
    const offenders = graph.files.filter((file) =>
      /NativeModules|TurboModuleRegistry|PermissionsAndroid/.test(readFileSync(join(src, file), 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
});
