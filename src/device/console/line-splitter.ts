// Cuts a TCP byte stream into lines the way the emulator console does: LF ends a line, every CR
// is dropped wherever it is, and a line longer than the limit is reported once and then skipped
// up to its newline, so one oversized line cannot swallow or split the commands after it.

const LF = 0x0a;
const CR = 0x0d;

export interface LineSink {
  /** One complete line, without CR or LF. */
  line(bytes: Buffer): void;
  /** A line went past the limit; its bytes up to the next LF are discarded. */
  overlong(): void;
}

export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private discarding = false;

  constructor(
    private readonly maxLineBytes: number,
    private readonly sink: LineSink,
  ) {}

  push(chunk: Buffer): void {
    const bytes = chunk.includes(CR) ? Buffer.from(chunk.filter((byte) => byte !== CR)) : chunk;
    let start = 0;
    while (start <= bytes.length) {
      const newline = bytes.indexOf(LF, start);
      const end = newline === -1 ? bytes.length : newline;
      this.take(bytes.subarray(start, end));
      if (newline === -1) return;
      this.endLine();
      start = newline + 1;
    }
  }

  private take(segment: Buffer): void {
    if (this.discarding || segment.length === 0) return;
    if (this.pendingBytes + segment.length > this.maxLineBytes) {
      this.pending = [];
      this.pendingBytes = 0;
      this.discarding = true;
      this.sink.overlong();
      return;
    }
    this.pending.push(segment);
    this.pendingBytes += segment.length;
  }

  private endLine(): void {
    if (this.discarding) {
      this.discarding = false;
      return;
    }
    const line = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    this.pending = [];
    this.pendingBytes = 0;
    this.sink.line(Buffer.from(line)); // a copy: the socket may reuse its chunk
  }
}
