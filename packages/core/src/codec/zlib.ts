import { DeltaIdError } from '../errors.js';

/** Options for {@link inflate}. */
export interface InflateOptions {
  /** Largest output accepted, in bytes. Decompression stops as soon as it would go beyond. */
  readonly maxBytes: number;
}

/**
 * Compresses bytes into a zlib stream (RFC 1950 wrapper around RFC 1951 deflate), as the `HC1:`/`YRD1:`
 * text forms expect (`78 9c` header).
 *
 * Uses the standard Compression Streams API (`CompressionStream('deflate')`), present in browsers and
 * Node ≥ 18, so the codec needs neither a dependency nor a `node:` import.
 *
 * @param bytes - the bytes to compress.
 * @returns the zlib stream.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` when `bytes` is not a Uint8Array (or the stream fails);
 *   `ERR_UNSUPPORTED` when
 *   the runtime lacks `CompressionStream`.
 * @example const z = await deflate(new TextEncoder().encode('hello')) // z[0] === 0x78
 * @see RFC 1950 §2.2; Compression Streams (WHATWG) §5.
 */
export async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
  if (!(bytes instanceof Uint8Array)) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'deflate expects a Uint8Array');
  }
  if (typeof CompressionStream !== 'function') {
    throw new DeltaIdError('ERR_UNSUPPORTED', 'this runtime has no CompressionStream');
  }
  const stream = new CompressionStream('deflate');
  const writer = stream.writable.getWriter();
  // Not awaited before reading: the readable must be drained concurrently or a large input deadlocks on backpressure.
  const written = writer
    .write(arrayBufferView(bytes))
    .then(() => writer.close())
    .then(
      () => undefined,
      (cause: unknown) => cause,
    );
  const chunks: Uint8Array[] = [];
  const reader = stream.readable.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
    }
  } catch (cause) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'deflate failed', { cause });
  }
  const failure = await written;
  if (failure !== undefined)
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'deflate failed', { cause: failure });
  return join(chunks);
}

/**
 * Decompresses a zlib stream (RFC 1950) with a hard output bound, for untrusted input such as a
 * scanned QR code.
 *
 * The stream is read chunk by chunk and cancelled as soon as the output would exceed `maxBytes`,
 * so a decompression bomb fails within milliseconds having produced at most one chunk (16 KiB on
 * Node) beyond the limit, never its full size. The whole input must be exactly one zlib stream: a
 * bad header, a corrupt block, a wrong Adler-32 checksum, a truncated stream and bytes after the
 * end of the stream are all refused.
 *
 * Why a second pass: the Compression Streams standard requires junk after the end of the stream to
 * be an error, but Node 20's `DecompressionStream` silently ignores it. A zlib stream that ends at
 * the last input byte cannot decode once that byte is removed (its Adler-32 would be incomplete),
 * while one followed by trailing data still decodes — so after a successful decode we decode the
 * input minus its last byte and require that to fail. The second pass produces at most the output
 * already accepted, so the bound holds; it roughly doubles the cost (Node 20: ~0.2–0.8 ms per
 * QR-sized stream in total, dominated by stream set-up, not by decompression).
 *
 * @param bytes - the zlib stream.
 * @param options - `maxBytes`, the largest output accepted.
 * @returns the decompressed bytes (at most `maxBytes`).
 * @throws DeltaIdError `ERR_INFLATE_LIMIT` (output would exceed `maxBytes`, `details.maxBytes`);
 *   `ERR_INFLATE` (not a valid zlib stream, truncated, bad checksum, trailing data);
 *   `ERR_INVALID_ARGUMENT` (bad arguments); `ERR_UNSUPPORTED` (no `DecompressionStream`).
 * @example const bytes = await inflate(zlibBytes, { maxBytes: 16 * 1024 })
 * @see RFC 1950 §2.2 (ADLER32 ends the stream); Compression Streams (WHATWG) §6 (junk after the end is an error).
 */
export async function inflate(bytes: Uint8Array, options: InflateOptions): Promise<Uint8Array> {
  if (!(bytes instanceof Uint8Array)) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'inflate expects a Uint8Array');
  }
  const maxBytes = options?.maxBytes;
  if (typeof maxBytes !== 'number' || !Number.isSafeInteger(maxBytes) || maxBytes < 0) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'inflate needs options.maxBytes, a non-negative integer');
  }
  if (typeof DecompressionStream !== 'function') {
    throw new DeltaIdError('ERR_UNSUPPORTED', 'this runtime has no DecompressionStream');
  }
  const result = await inflateBounded(bytes, maxBytes);
  if (!result.ok) {
    if (result.limit) {
      throw new DeltaIdError('ERR_INFLATE_LIMIT', `inflated data exceeds ${maxBytes} bytes`, {
        details: { maxBytes },
      });
    }
    throw new DeltaIdError('ERR_INFLATE', 'not a valid zlib stream', { cause: result.cause });
  }
  // The empty input already failed above (no header), so a successful decode means length ≥ 1.
  const probe = await inflateBounded(bytes.subarray(0, bytes.length - 1), maxBytes);
  if (probe.ok) {
    throw new DeltaIdError('ERR_INFLATE', 'data after the end of the zlib stream', {
      details: { length: bytes.length },
    });
  }
  return result.bytes;
}

type Inflated =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly limit: boolean; readonly cause?: unknown };

async function inflateBounded(bytes: Uint8Array, maxBytes: number): Promise<Inflated> {
  const stream = new DecompressionStream('deflate');
  const writer = stream.writable.getWriter();
  // The write and close promises reject when the stream errors or is cancelled; that outcome is read
  // from the readable side, so they are only kept from becoming unhandled rejections.
  writer
    .write(arrayBufferView(bytes))
    .then(() => writer.close())
    .catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (value.length > maxBytes - total) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, limit: true };
      }
      total += value.length;
      chunks.push(value);
    }
  } catch (cause) {
    return { ok: false, limit: false, cause };
  }
  return { ok: true, bytes: join(chunks) };
}

// Streams take only views on a plain ArrayBuffer; a view on a SharedArrayBuffer is copied rather than refused.
function arrayBufferView(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const { buffer } = bytes;
  return buffer instanceof ArrayBuffer
    ? new Uint8Array(buffer, bytes.byteOffset, bytes.byteLength)
    : new Uint8Array(bytes);
}

function join(chunks: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const c of chunks) length += c.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}
