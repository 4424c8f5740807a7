import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmsgwError } from '../errors';
import { totalMessages } from './step-size';
import { maxFileBytes } from './defaults';
import { loadScenario } from './load-scenario';

const scenariosDir = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const shipped = (await readdir(scenariosDir)).filter((file) => file.endsWith('.yaml'));

describe('loadScenario', () => {
  it('finds the scenarios the project ships', () => {
    expect(shipped).toEqual(
      expect.arrayContaining(['burst-100.yaml', 'flaky-server.yaml', 'server-outage.yaml', 'steady-5-per-second.yaml']),
    );
  });

  it.each(shipped)('loads the shipped scenario %s, named after its file', async (file) => {
    const scenario = await loadScenario(join(scenariosDir, file));
    expect(`${scenario.name}.yaml`).toBe(file);
    // Nothing lost, but for a scenario that runs the app out of its retry budget on purpose: it allows
    // exactly the SMS it expects the app to give up on, never more. Behind a certificate no client
    // trusts, a correct gateway sends nothing: that scenario allows every SMS, and judges the refusal.
    const untrusted = scenario.server.faults.some((fault) => fault.kind === 'tls');
    expect(scenario.expect.lost).toMatchObject({
      op: '<=',
      value: untrusted ? totalMessages(scenario.load) : scenario.expect.gave_up.value,
    });
    if (untrusted) expect(scenario.expect.tls_refused).toBe(true);
    expect(scenario.expect.duplicates).toMatchObject({ op: '<=', value: 0 });
  });

  it('reads burst-100, the acceptance test', async () => {
    const scenario = await loadScenario(join(scenariosDir, 'burst-100.yaml'));
    expect(scenario.load).toEqual([{ kind: 'burst', count: 100, overMs: 10_000 }]);
    expect(scenario.server.faults).toEqual([]);
    expect(scenario.expect).toMatchObject({
      success_rate: { op: '>=', value: 1 },
      p95_latency: { op: '<', value: 2000 },
      device_rss: { op: '<', value: 200_000_000 },
      drained_within: { op: '<=', value: 60_000 },
    });
  });

  it('reads flaky-server and server-outage with their faults', async () => {
    const flaky = await loadScenario(join(scenariosDir, 'flaky-server.yaml'));
    expect(flaky.server.faults).toEqual([
      { kind: 'status', status: 503, rate: 0.2, retryAfterMs: 1000, window: null },
      { kind: 'reset', rate: 0.05, window: null },
      { kind: 'delay', delayMs: 300, rate: 0.1, window: null },
    ]);
    expect(totalMessages(flaky.load)).toBe(200);
    const outage = await loadScenario(join(scenariosDir, 'server-outage.yaml'));
    expect(outage.server.faults).toEqual([{ kind: 'outage', window: { atMs: 3000, forMs: 15_000 } }]);
    expect(outage.expect.drained_within).toMatchObject({ op: '<=', value: 120_000 });
  });

  it('reads steady-5-per-second as 300 SMS over a minute', async () => {
    const steady = await loadScenario(join(scenariosDir, 'steady-5-per-second.yaml'));
    expect(steady.load).toEqual([{ kind: 'constant', ratePerSec: 5, forMs: 60_000 }]);
    expect(totalMessages(steady.load)).toBe(300);
  });

  describe('when the file cannot be read', () => {
    let dir = '';
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'smsgw-scenario-'));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('says so with code bad-scenario (exit 2) for a missing file', async () => {
      const error = await loadScenario('no/such/scenario.yaml').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SmsgwError);
      expect(error).toMatchObject({
        code: 'bad-scenario',
        exitCode: 2,
        message: 'no/such/scenario.yaml: no such file',
      });
      expect((error as SmsgwError).hint).toContain('scenarios/burst-100.yaml');
    });

    it('says so for a directory', async () => {
      await expect(loadScenario(dir)).rejects.toMatchObject({
        code: 'bad-scenario',
        message: `${dir}: is a directory, not a scenario file`,
      });
    });

    // Found by load-scenario.fuzz.test.ts: the files below used to be read whole, or waited on forever.
    it.skipIf(!existsSync('/dev/zero'))(
      'refuses /dev/zero at once instead of reading it until memory runs out',
      async () => {
        await expect(loadScenario('/dev/zero')).rejects.toMatchObject({
          code: 'bad-scenario',
          message: '/dev/zero: is not a regular file',
        });
      },
    );

    it.skipIf(process.platform === 'win32')('refuses a FIFO at once instead of waiting for a writer', async () => {
      const fifo = join(dir, 'scenario.fifo');
      execFileSync('mkfifo', [fifo]);
      await expect(loadScenario(fifo)).rejects.toMatchObject({
        code: 'bad-scenario',
        message: `${fifo}: is not a regular file`,
      });
    });

    it('refuses a file over the size cap without reading it', async () => {
      const huge = join(dir, 'huge.yaml');
      await writeFile(huge, '');
      await truncate(huge, 4 * 1024 ** 3); // sparse: 4 GB on paper, no disk used
      await expect(loadScenario(huge)).rejects.toMatchObject({
        code: 'bad-scenario',
        message: `${huge}: ${4 * 1024 ** 3} bytes is too big for a scenario file (at most ${maxFileBytes})`,
      });
    });

    it('reads a scenario of exactly the size cap', async () => {
      const scenario = 'name: at-the-cap\nload:\n  - burst: { count: 1, over: 1s }\n';
      const atCap = join(dir, 'at-cap.yaml');
      await writeFile(atCap, scenario + '#'.repeat(maxFileBytes - scenario.length));
      await expect(loadScenario(atCap)).resolves.toMatchObject({ name: 'at-the-cap' });
    });

    it('says a Latin-1 file is not UTF-8 rather than quoting mangled text', async () => {
      const latin1 = join(dir, 'latin1.yaml');
      await writeFile(latin1, Buffer.from('name: caf\xe9\n', 'latin1'));
      await expect(loadScenario(latin1)).rejects.toMatchObject({
        code: 'bad-scenario',
        message: `${latin1}: is not UTF-8 text`,
        issues: [],
      });
    });

    it('says a UTF-16 file (Notepad\'s "Unicode") looks like UTF-16', async () => {
      const utf16 = join(dir, 'utf16.yaml');
      await writeFile(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('name: x\n', 'utf16le')]));
      await expect(loadScenario(utf16)).rejects.toMatchObject({
        code: 'bad-scenario',
        message: `${utf16}: is not UTF-8 text (it looks like UTF-16)`,
      });
    });

    it('points at the right column on line 1 of a file with a UTF-8 byte order mark', async () => {
      const marked = join(dir, 'bom-issue.yaml');
      await writeFile(marked, '\ufeffnam: x\n');
      await expect(loadScenario(marked)).rejects.toMatchObject({
        issues: expect.arrayContaining([expect.stringMatching(new RegExp(`^${marked}:1:1 Unknown key \`nam\``))]),
      });
    });

    it('reads a file that starts with a UTF-8 byte order mark', async () => {
      const marked = join(dir, 'bom.yaml');
      await writeFile(marked, '\ufeffname: with-bom\nload:\n  - burst: { count: 1, over: 1s }\n');
      await expect(loadScenario(marked)).resolves.toMatchObject({ name: 'with-bom' });
    });
  });
});
