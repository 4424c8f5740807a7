// The sharding examples in docs/ are YAML a user copies as is: each must parse, cut the run into as
// many shards as it runs jobs or pods, hand every shard's folder to one merge, and use only options
// smsgw has.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { program } from '../src/cli/main';

const docs = (path: string): string => fileURLToPath(new URL(`../docs/${path}`, import.meta.url));
const text = (path: string): string => readFileSync(docs(path), 'utf8');

/** The long options of `smsgw <words…>`. */
function optionsOf(...words: string[]): Set<string> {
  let command: Command = program();
  for (const word of words) command = command.commands.find((child) => child.name() === word)!;
  return new Set(command.options.flatMap((option) => option.long ?? []));
}

/** Every `smsgw <words…>` command line in `script`, with the options it passes. */
function smsgwLines(script: string, words: readonly string[]): string[][] {
  const joined = script.replace(/\\\n\s*/g, ' ');
  const pattern = new RegExp(`smsgw ${words.join(' ')} ([^\\n|]*)`, 'g');
  return [...joined.matchAll(pattern)].map((match) => match[1]!.match(/--[a-z][a-z-]*/g) ?? []);
}

function expectKnownOptions(script: string, words: readonly string[]): void {
  const lines = smsgwLines(script, words);
  expect(lines.length, `smsgw ${words.join(' ')} in the example`).toBeGreaterThan(0);
  const known = optionsOf(...words);
  for (const flags of lines)
    for (const flag of flags) expect(known, `smsgw ${words.join(' ')} ${flag}`).toContain(flag);
}

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly with?: Record<string, unknown>;
}
interface Job {
  readonly needs?: string | string[];
  readonly if?: string;
  readonly env?: Record<string, unknown>;
  readonly strategy?: { readonly 'fail-fast'?: boolean; readonly matrix: { readonly shard: number[] } };
  readonly steps: Step[];
}

describe('docs/examples/github-actions-shards.yml', () => {
  const workflow = parse(text('examples/github-actions-shards.yml'), { strict: true }) as { jobs: Record<string, Job> };
  const { shard, merge } = workflow.jobs;

  it('runs one matrix job per shard, k of n with n the number of jobs, every shard to its end', () => {
    const shards = shard!.strategy!.matrix.shard;
    expect(shards).toEqual(shards.map((_, position) => position + 1));
    expect(shard!.env!['SMSGW_SHARD']).toBe(`\${{ matrix.shard }}/${shards.length}`);
    expect(shard!.strategy!['fail-fast']).toBe(false);
    // The merge reads each shard's databases: a shard under CI would remove them by default.
    expect(shard!.env!['SMSGW_NO_REDACT']).toBe(1);
  });

  it('runs each shard on an emulator and uploads its run folder whatever its verdicts', () => {
    const emulator = shard!.steps.find((step) => step.uses?.startsWith('reactivecircus/android-emulator-runner@'));
    const script = String(emulator?.with?.['script']);
    expect(script).toMatch(/smsgw run .*--reports reports\/shard-\$\{\{ matrix\.shard \}\}.*\|\| test \$\? -eq 1/);
    expectKnownOptions(script, ['run']);
    const upload = shard!.steps.find((step) => step.uses?.startsWith('actions/upload-artifact@'));
    expect(upload).toMatchObject({ if: 'always()', with: { path: 'reports/shard-${{ matrix.shard }}/' } });
  });

  it('merges every shard in one final job whose exit code is the verdict', () => {
    expect(merge!.needs).toBe('shard');
    expect(merge!.if).toBe('always()');
    const download = merge!.steps.find((step) => step.uses?.startsWith('actions/download-artifact@'));
    expect(download?.with).toMatchObject({ pattern: 'smsgw-shard-*', path: 'shards' });
    const run = merge!.steps.find((step) => step.run?.includes('smsgw report merge'));
    expect(run?.run).toContain('smsgw report merge shards/*/* --out');
    expect(run?.if).toBeUndefined();
    expectKnownOptions(run!.run!, ['report', 'merge']);
  });
});

interface Container {
  readonly args: string[];
  readonly volumeMounts: { name: string; mountPath: string }[];
}
interface KubernetesObject {
  readonly kind: string;
  readonly metadata: { name: string; labels: Record<string, string> };
  readonly spec: {
    readonly completionMode?: string;
    readonly completions?: number;
    readonly parallelism?: number;
    readonly backoffLimit?: number;
    readonly template: {
      spec: {
        containers: Container[];
        nodeSelector?: Record<string, string>;
        volumes: { name: string; persistentVolumeClaim?: { claimName: string }; hostPath?: { path: string } }[];
      };
    };
  };
}

describe('docs/examples/kubernetes-shards.yaml', () => {
  const documents = parseAllDocuments(text('examples/kubernetes-shards.yaml'), { strict: true });
  const objects = (Array.isArray(documents) ? documents : [documents]).map((document) => {
    expect(document.errors).toEqual([]);
    return document.toJS() as KubernetesObject;
  });
  const job = (name: string) => objects.find((object) => object.kind === 'Job' && object.metadata.name === name)!;

  it('runs an Indexed Job of n pods at once, pod i running shard i+1 of n, on nodes with /dev/kvm', () => {
    const { spec } = job('smsgw-shards');
    expect(spec.completionMode).toBe('Indexed');
    expect(spec.parallelism).toBe(spec.completions);
    const script = spec.template.spec.containers[0]!.args.join('\n');
    expect(script).toContain('shard=$((JOB_COMPLETION_INDEX + 1))');
    expect(script).toContain(`--shard "$shard/${spec.completions}"`);
    expectKnownOptions(script, ['run']);
    expect(spec.template.spec.volumes.find((volume) => volume.name === 'kvm')?.hostPath?.path).toBe('/dev/kvm');
    expect(spec.template.spec.nodeSelector).toBeDefined();
  });

  it('merges the shards from the volume they wrote to, without retrying a failed verdict', () => {
    const shards = job('smsgw-shards').spec.template.spec;
    const merge = job('smsgw-merge').spec;
    expect(merge.backoffLimit).toBe(0);
    const claim = (spec: typeof shards) =>
      spec.volumes.find((volume) => volume.persistentVolumeClaim)?.persistentVolumeClaim?.claimName;
    expect(claim(merge.template.spec)).toBe(claim(shards));
    expect(
      objects.some((object) => object.kind === 'PersistentVolumeClaim' && object.metadata.name === claim(shards)),
    ).toBe(true);
    const script = merge.template.spec.containers[0]!.args.join('\n');
    expect(script).toContain('smsgw report merge /results/shards/*/* --out /results/merged');
    expectKnownOptions(script, ['report', 'merge']);
  });
});

describe('docs/sharding.md', () => {
  it('links both examples', () => {
    const page = text('sharding.md');
    for (const example of ['examples/github-actions-shards.yml', 'examples/kubernetes-shards.yaml']) {
      expect(page).toContain(`(${example})`);
      expect(existsSync(docs(example))).toBe(true);
    }
  });
});
