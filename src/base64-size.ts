// The size of a base64 body without decoding it. mailview lists an attachment by name, type and
// size and never looks at its bytes, and decoding them was a fifth of the run on a mail with two
// 4 MB attachments (bench/results.md). No library counts base64 without decoding, hence by hand.
import { Transform, type TransformCallback } from 'node:stream';

// Anything but the 64 letters, padding and line breaks: such a chunk is counted letter by letter.
const unusual = /[^A-Za-z0-9+/=\r\n]/;
const notLetter = /[^A-Za-z0-9+/]/g;
// Handed on instead of the decoded bytes: views of it carry the length, and nobody reads them.
const zeros = Buffer.alloc(64 * 1024);

/**
 * A stand-in for a base64 decoder that passes on as many (zero) bytes as the body decodes to:
 * three for every four base64 letters, which is exact for well-formed base64.
 */
export class Base64Size extends Transform {
  private letters = 0;
  private carried = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    const text = chunk.toString('latin1');
    const other = unusual.test(text) ? undefined : count(text, '\n') + count(text, '\r') + count(text, '=');
    this.letters += other === undefined ? text.replace(notLetter, '').length : text.length - other;
    this.pushDecoded();
    done();
  }

  override _flush(done: TransformCallback): void {
    this.pushDecoded(true);
    done();
  }

  // Bytes for every complete group of four letters counted so far, plus the partial group at the end.
  private pushDecoded(final = false): void {
    const total = Math.floor((this.letters * 3) / 4);
    let owed = (final ? total : Math.floor(this.letters / 4) * 3) - this.carried;
    this.carried += owed;
    while (owed > 0) {
      const n = Math.min(owed, zeros.length);
      this.push(zeros.subarray(0, n));
      owed -= n;
    }
  }
}

// String#indexOf finds each one natively; a loop over the characters would run in the interpreter.
function count(text: string, c: string): number {
  let n = 0;
  for (let at = text.indexOf(c); at >= 0; at = text.indexOf(c, at + 1)) n++;
  return n;
}
