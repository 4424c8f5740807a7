import { afterEach, describe, expect, it } from 'vitest';
import { getLogger, logCaught, setLogLevel } from './logger';

const collect = () => {
  const lines: string[] = [];
  return { lines, sink: { write: (line: string) => lines.push(line) } };
};

describe('getLogger', () => {
  afterEach(() => setLogLevel('info'));

  it('names the stage on every line and appends the fields as JSON', () => {
    const { lines, sink } = collect();
    getLogger('stub', { sink }).warn('slow answer', { ms: 900 });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\S+Z warn smsgw:stub slow answer \{"ms":900\}\n$/);
  });

  it('writes nothing below the shared level, and everything once the level is lowered', () => {
    const { lines, sink } = collect();
    const logger = getLogger('device', { sink });
    logger.debug('hidden');
    setLogLevel('debug');
    logger.debug('shown');
    expect(lines.map((line) => line.split(' ').slice(3).join(' '))).toEqual(['shown\n']);
  });

  it('lets one logger keep its own minimum whatever the shared level', () => {
    const { lines, sink } = collect();
    getLogger('run', { sink, minimum: 'error' }).warn('quiet');
    expect(lines).toEqual([]);
  });

  it('logs a caught error by its message, its stack only at debug', () => {
    const { lines, sink } = collect();
    logCaught(getLogger('stub', { sink }), 'ledger write failed')(new Error('SQLITE_FULL'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('error smsgw:stub ledger write failed: SQLITE_FULL');
  });
});
