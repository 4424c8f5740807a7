import { describe, expect, it } from 'vitest';
import { main } from './main';

describe('smsgw selftest', () => {
  it('exits 2 for an unknown --only, naming the defects it knows, before any device starts', async () => {
    let stderr = '';
    const code = await main(['node', 'smsgw', 'selftest', '--only', 'drop,explode'], {
      writeErr: (text) => (stderr += text),
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /got "explode"[\s\S]*drop, duplicate, mangle, leak, hang, refuse, dedupe-content, no-recovery, ack-before-commit, retry-budget, give-up-abort, follow-redirects, ignore-tls, latency, latency-p99, latency-max, server-delay, spike, skip-signature, wrong-dashboard/,
    );
  });
});
