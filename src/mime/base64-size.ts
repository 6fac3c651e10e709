// The size of a base64 body without decoding it. mailview lists an attachment by name, type and
// size and never looks at its bytes, and decoding them was a fifth of the run on a mail with two
// 4 MB attachments (bench/results.md). No library counts base64 without decoding, hence by hand.
import { Transform, type TransformCallback } from 'node:stream';

// What each byte is to the count: a letter (1), the '=' that ends a run (2), or nothing (0): line
// breaks, and whatever else libbase64 drops before decoding.
const letter = 1;
const pad = 2;
const kinds = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') kinds[c.charCodeAt(0)] = letter;
kinds[0x3d] = pad;
// Bytes that 0-3 letters left over before a '=' (or at the end) decode to.
const tail = [0, 0, 1, 2] as const;
/**
 * A stand-in for mailparser's base64 decoder (libbase64) that counts the bytes it would make,
 * passing none on: every '=' ends a run of letters decoded on its own, three bytes for each four
 * letters and one or two for a group of two or three left before the '=' or at the end. Nothing
 * is handed on because mailparser gathers what a decoder passes into one buffer per read, and
 * copying megabytes of stand-in bytes cost more than counting them.
 */
export class Base64Size extends Transform {
  /** The bytes counted so far; the decoded size once the stream has ended. */
  size = 0;
  /** Letters of the current run's unfinished group of four, carried from chunk to chunk. */
  private partial = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.size += this.count(chunk);
    done();
  }

  override _flush(done: TransformCallback): void {
    this.size += tail[this.partial as 0 | 1 | 2 | 3];
    this.partial = 0;
    done();
  }

  // Bytes for the runs the '='s in the chunk close and the complete groups after the last one. The
  // bytes are looked at in place, once each: turning megabytes of base64 into strings first to
  // search them cost several times the count itself.
  private count(chunk: Buffer): number {
    let bytes = 0;
    let letters = 0;
    for (let i = 0; i < chunk.length; i++) {
      const kind = kinds[chunk[i]!];
      if (kind === letter) letters++;
      else if (kind === pad) {
        bytes += this.groups(letters) + tail[this.partial as 0 | 1 | 2 | 3];
        this.partial = 0;
        letters = 0;
      }
    }
    return bytes + this.groups(letters);
  }

  // Three bytes for each complete group of four letters; the rest waits for more.
  private groups(letters: number): number {
    const total = this.partial + letters;
    this.partial = total % 4;
    return Math.floor(total / 4) * 3;
  }
}
