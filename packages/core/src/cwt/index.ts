export { type CheckCwtTimesOptions, checkCwtTimes } from './check-cwt-times.js';
export { CWT_CLAIM, type CwtClaimKey, type CwtClaims, type CwtClaimsInput } from './claims.js';
export { type DecodeCwtClaimsOptions, decodeCwtClaims } from './decode-cwt-claims.js';
export { encodeCwtClaims } from './encode-cwt-claims.js';
