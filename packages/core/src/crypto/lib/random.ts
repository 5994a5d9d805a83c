/** Random-byte helpers shared by the providers. Internal. */
import { DeltaIdError } from '../../errors.js';

/** Largest request served in one call: far above any nonce or key, small enough that a typo cannot exhaust memory. */
export const MAX_RANDOM_BYTES = 1 << 20;

/** WebCrypto's per-call quota for getRandomValues (W3C WebCrypto §10.1.1). */
const GET_RANDOM_VALUES_QUOTA = 65_536;

/** @throws DeltaIdError `ERR_INVALID_ARGUMENT` unless `length` is an integer in 0..{@link MAX_RANDOM_BYTES}. */
export function assertRandomLength(length: number): void {
  if (!Number.isInteger(length) || length < 0 || length > MAX_RANDOM_BYTES) {
    throw new DeltaIdError(
      'ERR_INVALID_ARGUMENT',
      `randomBytes length must be an integer in 0..${MAX_RANDOM_BYTES}`,
      {
        details: { length: String(length) },
      },
    );
  }
}

/** True when the runtime has WebCrypto's CSPRNG (browsers, Node ≥ 19, Deno, Bun, workers). */
export function hasGetRandomValues(): boolean {
  return typeof globalThis.crypto?.getRandomValues === 'function';
}

/** Fills a fresh buffer from `crypto.getRandomValues`, in quota-sized chunks. */
export function webRandomBytes(length: number): Uint8Array {
  assertRandomLength(length);
  const out = new Uint8Array(length);
  for (let off = 0; off < length; off += GET_RANDOM_VALUES_QUOTA) {
    globalThis.crypto.getRandomValues(out.subarray(off, Math.min(length, off + GET_RANDOM_VALUES_QUOTA)));
  }
  return out;
}
