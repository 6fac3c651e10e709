// The size of a base64 body without decoding it. mailview lists an attachment by name, type and
// size and never looks at its bytes, and decoding them was a fifth of the run on a mail with two
// 4 MB attachments (bench/results.md). No library counts base64 without decoding, hence by hand.
import { Transform, type TransformCallback } from 'node:stream';

// Anything but the 64 letters, padding and line breaks: such a chunk loses it before counting.
const unusual = /[^A-Za-z0-9+/=\r\n]/;
const notCounted = /[^A-Za-z0-9+/=]/g;
// Bytes that 0-3 letters left over before a '=' (or at the end) decode to.
const tail = [0, 0, 1, 2] as const;
// Handed on instead of the decoded bytes: views of it carry the length, and nobody reads them.
const zeros = Buffer.alloc(64 * 1024);

/**
 * A stand-in for mailparser's base64 decoder (libbase64) that passes on as many (zero) bytes as it
 * would: every '=' ends a run of letters decoded on its own, three bytes for each four letters
 * and one or two for a group of two or three left before the '=' or at the end.
 */
export class Base64Size extends Transform {
  /** Letters of the current run's unfinished group of four, carried from chunk to chunk. */
  private partial = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let text = chunk.toString('latin1');
    if (unusual.test(text)) text = text.replace(notCounted, '');
    this.pushZeros(this.count(text));
    done();
  }

  override _flush(done: TransformCallback): void {
    this.pushZeros(tail[this.partial as 0 | 1 | 2 | 3]);
    this.partial = 0;
    done();
  }

  // Bytes for the runs the '='s in text close and the complete groups after the last one. Line
  // breaks are skipped with cursors that only move forward, so each is looked at once.
  private count(text: string): number {
    let lf = text.indexOf('\n');
    let cr = text.indexOf('\r');
    let from = 0;
    const letters = (to: number): number => {
      let n = to - from;
      for (; lf >= 0 && lf < to; lf = text.indexOf('\n', lf + 1)) n--;
      for (; cr >= 0 && cr < to; cr = text.indexOf('\r', cr + 1)) n--;
      return n;
    };
    let bytes = 0;
    for (let pad = text.indexOf('='); pad >= 0; pad = text.indexOf('=', from)) {
      bytes += this.groups(letters(pad)) + tail[this.partial as 0 | 1 | 2 | 3];
      this.partial = 0;
      from = pad + 1;
    }
    return bytes + this.groups(letters(text.length));
  }

  // Three bytes for each complete group of four letters; the rest waits for more.
  private groups(letters: number): number {
    const total = this.partial + letters;
    this.partial = total % 4;
    return Math.floor(total / 4) * 3;
  }

  private pushZeros(owed: number): void {
    for (; owed > 0; owed -= zeros.length) this.push(zeros.subarray(0, Math.min(owed, zeros.length)));
  }
}
