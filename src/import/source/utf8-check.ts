import { isUtf8 } from 'node:buffer';
import { Transform, TransformCallback } from 'node:stream';

import { fileProblem, ImportAbort } from '../import-problem';

/**
 * Passes bytes through unchanged while checking that they are UTF-8, and counts bytes
 * and line feeds so that a bad byte can be reported by offset and line. Each chunk is
 * checked natively (`buffer.isUtf8`); only a failing chunk is scanned byte by byte.
 * A UTF-16 byte-order mark gets its own message, since that is the usual cause.
 */
export class Utf8Check extends Transform {
  /** Bytes passed on so far. */
  bytes = 0;
  /** Line feeds passed on so far. */
  lineFeeds = 0;
  /** Last byte passed on, or -1 before the first; shows whether the file ends with a newline. */
  lastByte = -1;
  private carry: Buffer = Buffer.alloc(0);

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const data = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    if (this.bytes === 0 && this.carry.length === 0) {
      const bomProblem = detectUtf16(data);
      if (bomProblem !== null) {
        callback(bomProblem);
        return;
      }
    }

    const end = completeLength(data);
    const complete = data.subarray(0, end);
    this.carry = Buffer.from(data.subarray(end));
    if (!isUtf8(complete)) {
      callback(this.invalidAt(complete, firstInvalidByte(complete)));
      return;
    }
    this.pass(complete);
    callback();
  }

  override _flush(callback: TransformCallback): void {
    if (this.carry.length > 0) {
      callback(this.invalidAt(this.carry, 0, 'the file ends in the middle of a UTF-8 character; it may be truncated'));
      return;
    }
    callback();
  }

  private pass(data: Buffer): void {
    if (data.length === 0) {
      return;
    }
    let index = data.indexOf(10);
    while (index !== -1) {
      this.lineFeeds += 1;
      index = data.indexOf(10, index + 1);
    }
    this.bytes += data.length;
    this.lastByte = data[data.length - 1];
    this.push(data);
  }

  private invalidAt(data: Buffer, index: number, reason?: string): ImportAbort {
    const before = data.subarray(0, index);
    let lineFeeds = this.lineFeeds;
    for (let at = before.indexOf(10); at !== -1; at = before.indexOf(10, at + 1)) {
      lineFeeds += 1;
    }
    const byte = data[index];
    return new ImportAbort([
      fileProblem(
        reason ??
          `invalid UTF-8 (byte 0x${byte.toString(16).padStart(2, '0')}); the file is in another encoding, such as Latin-1 or Windows-1252. Convert it to UTF-8 (for example: iconv -f WINDOWS-1252 -t UTF-8) and import again`,
        { byteOffset: this.bytes + index, line: lineFeeds + 1 },
      ),
    ]);
  }
}

function detectUtf16(data: Buffer): ImportAbort | null {
  const littleEndian = data.length >= 2 && data[0] === 0xff && data[1] === 0xfe;
  const bigEndian = data.length >= 2 && data[0] === 0xfe && data[1] === 0xff;
  if (!littleEndian && !bigEndian) {
    return null;
  }
  return new ImportAbort([
    fileProblem('the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8 and import again', {
      byteOffset: 0,
      line: 1,
    }),
  ]);
}

/** Length of `data` without a trailing, possibly incomplete multi-byte sequence. */
function completeLength(data: Buffer): number {
  const length = data.length;
  for (let back = 1; back <= Math.min(3, length); back += 1) {
    const byte = data[length - back];
    if ((byte & 0xc0) !== 0x80) {
      return sequenceLengthOfLead(byte) > back ? length - back : length;
    }
  }
  return length;
}

/** Length a sequence starting with `lead` claims: 1 for ASCII (and invalid leads), up to 4. */
function sequenceLengthOfLead(lead: number): number {
  if (lead >= 0xf0) {
    return 4;
  }
  if (lead >= 0xe0) {
    return 3;
  }
  if (lead >= 0xc0) {
    return 2;
  }
  return 1;
}

/** Index of the first byte that breaks UTF-8 (RFC 3629: no overlongs, surrogates or values above U+10FFFF). */
function firstInvalidByte(data: Buffer): number {
  let index = 0;
  while (index < data.length) {
    const length = sequenceLength(data, index);
    if (length === 0) {
      return index;
    }
    index += length;
  }
  return data.length;
}

/** Length of the valid sequence starting at `index`, or 0 when it is invalid or cut short. */
function sequenceLength(data: Buffer, index: number): number {
  const lead = data[index];
  if (lead < 0x80) {
    return 1;
  }

  let length = 0;
  let secondLow = 0x80;
  let secondHigh = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    secondLow = lead === 0xe0 ? 0xa0 : 0x80;
    secondHigh = lead === 0xed ? 0x9f : 0xbf;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    secondLow = lead === 0xf0 ? 0x90 : 0x80;
    secondHigh = lead === 0xf4 ? 0x8f : 0xbf;
  } else {
    return 0;
  }

  for (let offset = 1; offset < length; offset += 1) {
    const next = data[index + offset];
    const low = offset === 1 ? secondLow : 0x80;
    const high = offset === 1 ? secondHigh : 0xbf;
    if (next === undefined || next < low || next > high) {
      return 0;
    }
  }
  return length;
}
