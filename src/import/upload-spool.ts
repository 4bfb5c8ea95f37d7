import { createWriteStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { Transform, TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** An upload body that is larger than RULECAST_IMPORT_MAX_BYTES allows. */
export class UploadTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`the upload is larger than ${describeBytes(maxBytes)}`);
    this.name = 'UploadTooLargeError';
  }
}

/**
 * Writes the request body to `file` and returns its size in bytes. Rejects with
 * UploadTooLargeError on the first chunk that would take the file past `maxBytes`,
 * so the file never contains more than `maxBytes`.
 *
 * The request is unpiped and paused on that error, not destroyed: destroying an
 * unfinished request closes its socket, and the client would then get a reset
 * connection in place of the 413 response.
 */
export async function spoolUpload(request: IncomingMessage, file: string, maxBytes: number): Promise<number> {
  const limit = new ByteLimit(maxBytes);
  const forwardError = (error: Error): void => {
    limit.destroy(error);
  };
  const detectAbort = (): void => {
    if (!request.complete) {
      limit.destroy(new Error('the client closed the connection before the body was complete'));
    }
  };
  request.once('error', forwardError);
  request.once('close', detectAbort);
  request.pipe(limit);
  try {
    await pipeline(limit, createWriteStream(file));
    return limit.received;
  } finally {
    request.off('error', forwardError);
    request.off('close', detectAbort);
    request.unpipe(limit);
    if (!request.complete) {
      request.pause();
    }
  }
}

/** Passes chunks through until their total would pass `maxBytes`, then fails. */
class ByteLimit extends Transform {
  received = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.received + chunk.length > this.maxBytes) {
      callback(new UploadTooLargeError(this.maxBytes));
      return;
    }
    this.received += chunk.length;
    callback(null, chunk);
  }
}

/** Formats a byte count for messages, such as "104857600 bytes (100 MiB)". */
export function describeBytes(bytes: number): string {
  const mebibytes = bytes / (1024 * 1024);
  if (mebibytes < 1) {
    return `${bytes} bytes`;
  }
  return `${bytes} bytes (${Number.isInteger(mebibytes) ? mebibytes : mebibytes.toFixed(1)} MiB)`;
}
