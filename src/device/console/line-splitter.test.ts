import { describe, expect, it } from 'vitest';
import { LineSplitter } from './line-splitter';

function split(chunks: Array<string | Buffer>, max = 10): Array<string | null> {
  const out: Array<string | null> = [];
  const splitter = new LineSplitter(max, {
    line: (bytes) => out.push(bytes.toString('latin1')),
    overlong: () => out.push(null),
  });
  for (const chunk of chunks) splitter.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, 'latin1'));
  return out;
}

describe('LineSplitter', () => {
  it('cuts lines at LF, drops every CR, and joins lines split across chunks', () => {
    expect(split(['pi', 'ng\r\nhe', 'lp\nq\ru\rit\n', '\n'])).toEqual(['ping', 'help', 'quit', '']);
  });

  it('holds a half line until its newline arrives', () => {
    expect(split(['half'])).toEqual([]);
  });

  it('reports a line over the limit once and skips it up to its newline', () => {
    expect(split(['12345', '678901', '234\nok\n'])).toEqual([null, 'ok']);
  });

  it('accepts a line of exactly the limit, CRs not counted', () => {
    expect(split(['1234567890\r\n', '12345678901\n'])).toEqual(['1234567890', null]);
  });
});
