import { describe, expect, it } from 'vitest';
import { isHttpRequestLine } from './console-protocol';
import { isValidPhoneNumber } from '../../sms/phone-number';

describe('isValidPhoneNumber', () => {
  it.each(['0', '5551234', '+15551234', '1'.repeat(32), `+${'9'.repeat(32)}`])('accepts %s', (number) => {
    expect(isValidPhoneNumber(number)).toBe(true);
  });

  it.each(['', '+', '++1', '555-1234', '1 2', 'abc', '1'.repeat(33), '١٢٣'])('refuses %j', (number) => {
    expect(isValidPhoneNumber(number)).toBe(false);
  });
});

describe('isHttpRequestLine', () => {
  it.each(['GET / HTTP/1.1', 'POST /api HTTP/1.0', 'GET HTTP/1.1', 'OPTIONS * HTTP/1.1 ', 'CONNECT\thost:443\tHTTP/2'])(
    'spots %j',
    (line) => {
      expect(isHttpRequestLine(line)).toBe(true);
    },
  );

  it.each(['GET / HTTP/', 'get / HTTP/1.1', 'GET /', 'sms send 123 HTTP/1.1', 'GETX / HTTP/1.1 extra', 'ping'])(
    'lets %j through',
    (line) => {
      expect(isHttpRequestLine(line)).toBe(false);
    },
  );
});
