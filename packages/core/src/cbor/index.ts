export {
  type DecodeCborOptions,
  decodeCbor,
  embedCbor,
  encodeCbor,
  fullDate,
  isTag,
  TAG_COSE_MAC0,
  TAG_COSE_SIGN1,
  TAG_CWT,
  TAG_ENCODED_CBOR,
  TAG_EPOCH_DATE,
  TAG_FULL_DATE,
  TAG_TDATE,
  Tag,
  tdate,
} from './cbor.js';
export { type CborLimits, DEFAULT_CBOR_LIMITS, QR_CBOR_LIMITS } from './limits.js';
export { ALLOWED_TAGS } from './scan.js';
