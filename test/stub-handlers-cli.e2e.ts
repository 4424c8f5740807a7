// The user's handlers through the real `smsgw` binary, which imports a TypeScript module through
// tsx: a module that cannot be used is exit 2 before anything starts, naming the file (and the line
// of a syntax error); the shipped example serves.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { postForTest } from './support/post-webhook';
import { runCli, startCli, tempDir, wholeProgramTimeoutMs, writeScenario } from './support/run-cli';
import { webhookPayload, webhookRequest } from './support/webhook-fixtures';

const example = fileURLToPath(new URL('../scenarios/examples/handlers.ts', import.meta.url));

describe('smsgw with handlers of its user', { timeout: wholeProgramTimeoutMs }, () => {
  it('stub: refuses a TypeScript module with a syntax error, naming its file and line, exit 2', async () => {
    const dir = tempDir();
    const broken = join(dir, 'broken.ts');
    writeFileSync(broken, "import { http } from 'msw';\n\nexport const handlers = [http.post('/webhook', () => ,)];\n");
    const result = await runCli(['stub', '--handlers', broken]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${broken}:3:`);
    expect(result.stderr).toMatch(/syntax error/);
    expect(result.stdout).not.toMatch(/listening/);
  });

  it('stub: refuses a missing module and one whose `handlers` is no array of handlers, exit 2', async () => {
    const dir = tempDir();
    const missing = await runCli(['stub', '--handlers', join(dir, 'nope.ts')]);
    expect([missing.code, missing.stderr]).toEqual([
      2,
      expect.stringContaining(`${join(dir, 'nope.ts')}: no such handlers module`),
    ]);
    const notHandlers = join(dir, 'not-handlers.ts');
    writeFileSync(notHandlers, "export const handlers: string[] = ['POST /webhook'];\n");
    const wrong = await runCli(['stub', '--handlers', notHandlers]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(
      `${notHandlers}: \`handlers[0]\` is string "POST /webhook", not an msw request handler`,
    );
  });

  it('run: refuses a scenario whose handlers module does not parse before anything starts, exit 2', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'broken.ts'), 'export const handlers = [\n  1 +\n];\n');
    const scenario = writeScenario(
      dir,
      'with-broken-handlers',
      'name: with-broken-handlers\nserver:\n  handlers: ./broken.ts\nload:\n  - burst: { count: 1, over: 1s }\n',
    );
    const reports = join(dir, 'reports');
    const result = await runCli(['run', scenario, '--reports', reports, '--no-dashboard']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${join(dir, 'broken.ts')}:3:`);
    expect(existsSync(reports) ? readdirSync(reports) : []).toEqual([]);
  });

  it("stub: serves the shipped example's handlers before its own webhook", async () => {
    const stub = startCli(['stub', '--port', '0', '--json', '--handlers', example]);
    await stub.waitFor(/"event":"listening"/);
    const { url } = JSON.parse(
      stub
        .output()
        .split('\n')
        .find((line) => line.includes('"listening"'))!,
    ) as {
      url: string;
    };
    const statuses: number[] = [];
    for (let n = 1; n <= 5; n += 1) {
      const { body, headers } = webhookRequest(webhookPayload(n));
      const result = await postForTest(url, body, headers);
      statuses.push(result.kind === 'response' ? result.status : 0);
    }
    const { body, headers } = webhookRequest(webhookPayload(6, { text: 'nul\u0000' }));
    const refused = await postForTest(url, body, headers);
    await stub.stop();
    // Busy every 5th request; a NUL it cannot store.
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    expect(refused).toMatchObject({ kind: 'response', status: 422 });
  });
});
