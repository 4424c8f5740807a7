import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { getLogger } from './logger';

afterEach(() => {
  jest.restoreAllMocks();
});

describe('getLogger', () => {
  it('writes one line per event, named after its part of the app, with its fields as JSON', () => {
    const info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const logger = getLogger('task');
    logger.info('background pass done', { reason: 'sms', created: 2 });
    logger.warn('receiver paused');
    expect(info).toHaveBeenCalledWith('smsgw:task background pass done {"reason":"sms","created":2}');
    expect(warn).toHaveBeenCalledWith('smsgw:task receiver paused');
  });

  it('leaves out debug lines unless asked for them', () => {
    const debug = jest.spyOn(console, 'debug').mockImplementation(() => undefined);
    getLogger('engine').debug('claimed', { count: 3 });
    expect(debug).not.toHaveBeenCalled();
    getLogger('engine', { minimum: 'debug' }).debug('claimed', { count: 3 });
    expect(debug).toHaveBeenCalledWith('smsgw:engine claimed {"count":3}');
  });
});
