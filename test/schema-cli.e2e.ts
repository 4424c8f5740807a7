// `smsgw schema`, as a CI job calls it: the real binary prints the schema files smsgw ships.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli, wholeProgramTimeoutMs } from './support/run-cli';
import { reportSchemaErrors } from './support/report-schema';

describe('smsgw schema', { timeout: wholeProgramTimeoutMs }, () => {
  it('prints the report.json schema exactly as shipped, as JSON a validator reads', async () => {
    const result = await runCli(['schema', 'report']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(readFileSync('schemas/report.schema.json', 'utf8'));
    const schema = JSON.parse(result.stdout) as { title: string; $schema: string };
    expect(schema).toMatchObject({ title: 'smsgw report.json', $schema: 'http://json-schema.org/draft-07/schema#' });
    // The printed schema is the one reports are checked against: an empty object breaks it.
    expect(reportSchemaErrors({})).toContain("(the report) must have required property 'runId'");
  });

  it('prints the scenario schema exactly as shipped', async () => {
    const result = await runCli(['schema', 'scenario']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(readFileSync('scenarios/scenario.schema.json', 'utf8'));
    expect(JSON.parse(result.stdout)).toMatchObject({ title: 'smsgw scenario' });
  });

  it('exits 2 with the names it knows for a missing or unknown schema name, and prints nothing on stdout', async () => {
    const missing = await runCli(['schema']);
    expect(missing.code).toBe(2);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('smsgw: Name the schema to print: report or scenario');
    const unknown = await runCli(['schema', 'junit']);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('smsgw: Unknown schema "junit"; expected report or scenario');
  });
});
