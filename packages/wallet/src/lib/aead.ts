import { DeltaIdError } from '@deltaid/core';

/** AES-256-GCM through WebCrypto (`crypto.subtle`: browsers, Node ≥ 20, Deno, Bun). Keys are non-extractable. */

export const IV_BYTES = 12;

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (s === undefined)
    throw new DeltaIdError('ERR_UNSUPPORTED', 'encryption at rest needs WebCrypto (crypto.subtle)');
  return s;
}

// WebCrypto's BufferSource wants an ArrayBuffer-backed view; copying also detaches us from caller-owned memory.
function buf(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}

export function importAesKey(raw: Uint8Array): Promise<CryptoKey> {
  return subtle().importKey('raw', buf(raw), { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

export function generateAesKey(): Promise<CryptoKey> {
  return subtle().generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

export async function seal(
  key: CryptoKey,
  iv: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Promise<Uint8Array> {
  const out = await subtle().encrypt(
    { name: 'AES-GCM', iv: buf(iv), additionalData: buf(aad) },
    key,
    buf(plaintext),
  );
  return new Uint8Array(out);
}

/** The plaintext, or undefined when the tag does not verify (wrong key, or bytes changed). */
export async function open(
  key: CryptoKey,
  iv: Uint8Array,
  ciphertext: Uint8Array,
  aad: Uint8Array,
): Promise<Uint8Array | undefined> {
  try {
    const out = await subtle().decrypt(
      { name: 'AES-GCM', iv: buf(iv), additionalData: buf(aad) },
      key,
      buf(ciphertext),
    );
    return new Uint8Array(out);
  } catch {
    return undefined;
  }
}
