import { deflateRawSync, deflateSync, gzipSync, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deflate, inflate } from '../src/codec/index.js';
import { DeltaIdError } from '../src/errors.js';

const text = (s: string) => new TextEncoder().encode(s);
const SAMPLE = text('Delta ID 长三角 — a sample long enough to compress: '.repeat(20));

async function inflateError(promise: Promise<unknown>): Promise<DeltaIdError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof DeltaIdError) return err;
    throw err;
  }
  throw new Error('expected a DeltaIdError');
}

/** Counts the decompressed bytes inflate actually pulled out of every stream reader. */
function countPulledBytes(): { readonly bytes: () => number } {
  let pulled = 0;
  const original = ReadableStreamDefaultReader.prototype.read;
  vi.spyOn(ReadableStreamDefaultReader.prototype, 'read').mockImplementation(async function (
    this: ReadableStreamDefaultReader<unknown>,
  ) {
    const result = await original.call(this);
    if (!result.done && result.value instanceof Uint8Array) pulled += result.value.length;
    return result;
  });
  return { bytes: () => pulled };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('zlib (RFC 1950) over Compression Streams', () => {
  it('deflate writes a zlib stream that node:zlib reads back', async () => {
    const z = await deflate(SAMPLE);
    expect(z[0]).toBe(0x78); // CMF: deflate, 32 KiB window
    expect(((z[0]! << 8) | z[1]!) % 31).toBe(0); // RFC 1950 §2.2 FCHECK
    expect(z.length).toBeLessThan(SAMPLE.length / 4);
    expect(new Uint8Array(inflateSync(z))).toEqual(SAMPLE);
  });

  it('inflate reads what node:zlib writes, at every level', async () => {
    for (const level of [0, 1, 6, 9]) {
      const z = new Uint8Array(deflateSync(SAMPLE, { level }));
      expect(await inflate(z, { maxBytes: SAMPLE.length })).toEqual(SAMPLE);
    }
  });

  it('inflate ∘ deflate is the identity (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4000 }), async (bytes) => {
        expect(await inflate(await deflate(bytes), { maxBytes: bytes.length })).toEqual(bytes);
      }),
      { numRuns: 150 },
    );
  });

  it('maxBytes is exact: the full length passes, one byte less fails', async () => {
    const z = await deflate(SAMPLE);
    expect((await inflate(z, { maxBytes: SAMPLE.length })).length).toBe(SAMPLE.length);
    const err = await inflateError(inflate(z, { maxBytes: SAMPLE.length - 1 }));
    expect(err.code).toBe('ERR_INFLATE_LIMIT');
    expect(err.details.maxBytes).toBe(SAMPLE.length - 1);
    expect(await inflate(await deflate(new Uint8Array(0)), { maxBytes: 0 })).toEqual(new Uint8Array(0));
  });

  it('stops a bomb (10 MB of zeros) at 64 KiB within milliseconds, without producing the whole output', async () => {
    const tenMB = 10 * 1024 * 1024;
    const bomb = await deflate(new Uint8Array(tenMB));
    expect(bomb.length).toBeLessThan(11 * 1024); // ~1000:1, the deflate maximum
    const pulled = countPulledBytes();
    const t0 = performance.now();
    const err = await inflateError(inflate(bomb, { maxBytes: 64 * 1024 }));
    const ms = performance.now() - t0;
    expect(err.code).toBe('ERR_INFLATE_LIMIT');
    expect(err.details.maxBytes).toBe(64 * 1024);
    // At most one stream chunk (16 KiB on Node, browsers use similar sizes) beyond the limit.
    expect(pulled.bytes()).toBeGreaterThan(64 * 1024);
    expect(pulled.bytes()).toBeLessThanOrEqual(64 * 1024 + 64 * 1024);
    expect(pulled.bytes()).toBeLessThan(tenMB / 50);
    expect(ms).toBeLessThan(500); // measured ~2 ms; generous for loaded CI machines
  });

  it('the pulled-bytes counter sees a full decode (so the bomb assertion above can fail)', async () => {
    const pulled = countPulledBytes();
    const z = await deflate(new Uint8Array(1024 * 1024));
    await inflate(z, { maxBytes: 1024 * 1024 });
    // decoded once, then once more without the last byte (the trailing-data probe)
    expect(pulled.bytes()).toBeGreaterThanOrEqual(2 * 1024 * 1024 - 64 * 1024);
  });

  describe('rejects with ERR_INFLATE', () => {
    const cases: [string, () => Promise<Uint8Array>][] = [
      ['empty input', async () => new Uint8Array(0)],
      ['raw COSE where a zlib header belongs (DCC Z2)', async () => Uint8Array.of(0xd2, 0x84, 0x4d, 0xa2)],
      ['raw deflate without the zlib wrapper', async () => new Uint8Array(deflateRawSync(SAMPLE))],
      ['gzip instead of zlib', async () => new Uint8Array(gzipSync(SAMPLE))],
      [
        'a wrong Adler-32 checksum',
        async () => {
          const z = await deflate(SAMPLE);
          z[z.length - 1]! ^= 0x01;
          return z;
        },
      ],
      [
        'a corrupt block type',
        async () => {
          const z = await deflate(SAMPLE);
          z[2] = 0xff; // BFINAL=1, BTYPE=11 (reserved)
          return z;
        },
      ],
      [
        'a header with a bad FCHECK',
        async () => {
          const z = await deflate(SAMPLE);
          z[1]! ^= 0x01;
          return z;
        },
      ],
      [
        'a preset dictionary (FDICT) nobody gave us',
        async () => new Uint8Array(deflateSync(SAMPLE, { dictionary: Buffer.from('dict') })),
      ],
    ];
    it.each(cases)('%s', async (_name, make) => {
      const err = await inflateError(inflate(await make(), { maxBytes: 1 << 20 }));
      expect(err.code).toBe('ERR_INFLATE');
    });

    it('every truncation of a valid stream', async () => {
      const z = await deflate(SAMPLE);
      for (let n = 0; n < z.length; n++) {
        const err = await inflateError(inflate(z.subarray(0, n), { maxBytes: 1 << 20 }));
        expect(err.code, `prefix of ${n} bytes`).toBe('ERR_INFLATE');
      }
    });

    // Node 20's DecompressionStream ignores trailing data; inflate must not.
    it.each([
      ['one zero byte', Uint8Array.of(0)],
      ['garbage', text('garbage')],
      ['a second zlib stream', new Uint8Array(deflateSync(text('second')))],
    ])('data after the end of the stream: %s', async (_name, tail) => {
      const z = await deflate(SAMPLE);
      const withTail = new Uint8Array(z.length + tail.length);
      withTail.set(z);
      withTail.set(tail, z.length);
      const err = await inflateError(inflate(withTail, { maxBytes: 1 << 20 }));
      expect(err.code).toBe('ERR_INFLATE');
      expect(err.message).toMatch(/after the end/);
    });
  });

  it('accepts a view on a SharedArrayBuffer and a subarray with an offset', async () => {
    const z = await deflate(SAMPLE);
    const shared = new Uint8Array(new SharedArrayBuffer(z.length + 3));
    shared.set(z, 3);
    expect(await inflate(shared.subarray(3), { maxBytes: SAMPLE.length })).toEqual(SAMPLE);
    expect(new Uint8Array(inflateSync(await deflate(shared.subarray(3))))).toEqual(z);
  });

  it('misuse', async () => {
    const z = await deflate(SAMPLE);
    for (const options of [{ maxBytes: -1 }, { maxBytes: 1.5 }, { maxBytes: Number.NaN }, {}, undefined]) {
      const err = await inflateError(inflate(z, options as unknown as { maxBytes: number }));
      expect(err.code).toBe('ERR_INVALID_ARGUMENT');
    }
    expect((await inflateError(inflate([1] as unknown as Uint8Array, { maxBytes: 9 }))).code).toBe(
      'ERR_INVALID_ARGUMENT',
    );
    expect((await inflateError(deflate('x' as unknown as Uint8Array))).code).toBe('ERR_INVALID_ARGUMENT');
  });

  it('reports a runtime without Compression Streams as ERR_UNSUPPORTED', async () => {
    vi.stubGlobal('DecompressionStream', undefined);
    vi.stubGlobal('CompressionStream', undefined);
    try {
      expect((await inflateError(inflate(Uint8Array.of(0x78), { maxBytes: 9 }))).code).toBe(
        'ERR_UNSUPPORTED',
      );
      expect((await inflateError(deflate(Uint8Array.of(1)))).code).toBe('ERR_UNSUPPORTED');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
