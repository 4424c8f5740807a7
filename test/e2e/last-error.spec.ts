import { expect } from '@wdio/globals';
import { deviceHealth, required } from './e2e-env';
import { openHealthScreen, shown } from './screen';

describe('the last-error card', () => {
  it('shows a webhook the server rejected, with its category', async () => {
    const url = required('rejectingDeviceUrl');
    const { engine } = await deviceHealth(url);
    expect(engine.lastError).not.toBeNull();
    await openHealthScreen('', url);

    expect(await shown('metric-last-error')).toBe(engine.lastError!.message);
    expect(await shown('metric-last-error')).toMatch(/^HTTP 404/);
    expect(await shown('metric-last-error-category')).toBe('http-rejected');
    expect(await shown('metric-failed')).toBe(String(engine.failed));
  });
});
