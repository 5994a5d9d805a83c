/**
 * Wire constants of the Delta ID compact credential, version 1 (`docs/formats/compact-credential.md`).
 * Every number here is part of the format: never renumber, only add.
 */

/** The QR text prefix. The digit is the format version; an unknown version is refused, never guessed. */
export const COMPACT_PREFIX = 'YRD1:';

/** Private-use CWT claim (RFC 8392 §9.1: below -65536) holding the Delta ID document. */
export const CLAIM_DELTA = -65537;

/** Keys inside the {@link CLAIM_DELTA} map. */
export const DELTA_KEY = {
  docType: 1,
  purpose: 2,
  status: 3,
  elements: 4,
} as const;

/** Keys of the presentation map (the payload the holder's device key signs). */
export const PRESENTATION_KEY = {
  credential: 1,
  time: 2,
  nonce: 3,
  audience: 4,
  challenge: 5,
} as const;

/** Compact document type numbers ↔ docType identifiers. */
export const DOC_TYPE_CODE = {
  'cn.gov.mps.eid.1': 1,
  'cn.gov.mps.dl.1': 2,
  'cn.gov.mps.vl.1': 3,
} as const;

/** Purpose numbers ↔ purpose names. */
export const PURPOSE_CODE = {
  full: 0,
  checkin: 1,
  age: 2,
  traffic: 3,
} as const;

/** A first byte of 0x78 (zlib CMF for a 32 KiB window) marks deflated text; a CBOR presentation never starts so. */
export const ZLIB_FIRST_BYTE = 0x78;

/** Nonce length in bytes chosen by the wallet for every presentation. */
export const NONCE_BYTES = 8;

/** Upper bound on a presentation after inflation: a QR of version 40 holds < 3 KiB, portraits included. */
export const MAX_PRESENTATION_BYTES = 8 * 1024;
