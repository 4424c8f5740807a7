import { describe, expect, it } from 'vitest';
import { SmsgwError } from '../errors';
import { parseScenario } from './parse-scenario';

function problemsOf(text: string): SmsgwError {
  try {
    parseScenario(text, 'bad.yaml');
  } catch (error) {
    if (error instanceof SmsgwError) return error;
    throw error;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('expect.tls_refused', () => {
  it('is left to the run to add under a tls fault, and can be written there', () => {
    const under = (expectBlock: string) =>
      parseScenario(
        `name: t\nserver: { faults: [ { tls: self-signed } ] }\nload: [ { burst: { count: 3, over: 1s } } ]\n${expectBlock}`,
        't.yaml',
      ).expect;
    expect(under('').tls_refused).toBeUndefined();
    expect(under('expect: { lost: 3, tls_refused: true }\n')).toMatchObject({ tls_refused: true });
  });

  it('refuses tls_refused without a tls fault, at its line and column, before any run', () => {
    const error = problemsOf(
      'name: t\nserver: { faults: [ { status: 503, rate: 10% } ] }\nload: [ { burst: { count: 3, over: 1s } } ]\nexpect:\n  tls_refused: true\n',
    );
    expect(error.exitCode).toBe(2);
    expect(error.issues).toEqual([
      'bad.yaml:5:16 Expected `tls_refused` only with a `{ tls: self-signed }` fault in `server.faults`: without one the stub serves plain HTTP and there is no certificate to refuse',
    ]);
  });

  it('refuses a tls_refused that is not true or false', () => {
    expect(
      problemsOf(
        'name: t\nserver: { faults: [ { tls: self-signed } ] }\nload: [ { burst: { count: 3, over: 1s } } ]\nexpect: { tls_refused: yes-please }\n',
      ).issues[0],
    ).toBe('bad.yaml:4:24 Expected `tls_refused` to be true or false, got "yes-please"');
  });
});
