import { DeltaIdError, type ErrorCode } from '../../errors.js';
import { COSE_HEADER } from '../headers.js';

/** A header label: an integer or a text string (RFC 9052 §3, `label = int / tstr`). */
export type HeaderLabel = number | string;

function isLabel(v: unknown): v is HeaderLabel {
  return typeof v === 'string' || (typeof v === 'number' && Number.isSafeInteger(v));
}

function isIntOrText(v: unknown): boolean {
  return typeof v === 'string' || (typeof v === 'number' && Number.isSafeInteger(v));
}

function isUintOrText(v: unknown): boolean {
  return typeof v === 'string' || (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0);
}

/**
 * Validates a COSE header map (decoded or caller-built) and returns it as a `Map` with checked labels.
 * The values of the parameters Delta ID reads are type-checked here so later code never casts;
 * other parameters are kept as they are. Fails with `code` and a message naming the field.
 */
export function readHeaderMap(
  value: unknown,
  bucket: 'protected' | 'unprotected',
  code: ErrorCode = 'ERR_STRUCTURE',
): Map<HeaderLabel, unknown> {
  const fail = (msg: string): never => {
    throw new DeltaIdError(code, `COSE ${bucket} header: ${msg}`, { details: { bucket } });
  };
  if (!(value instanceof Map)) return fail('must be a map');
  const out = new Map<HeaderLabel, unknown>();
  for (const [label, v] of value) {
    if (!isLabel(label)) return fail('labels must be integers or text strings');
    switch (label) {
      case COSE_HEADER.alg:
        if (!isIntOrText(v)) fail('alg (1) must be an integer or a text string');
        break;
      case COSE_HEADER.crit:
        // RFC 9052 §3.1: crit is only meaningful when integrity-protected, and never empty.
        if (bucket !== 'protected') fail('crit (2) must be in the protected header');
        if (!Array.isArray(v) || v.length === 0 || !v.every(isLabel)) {
          fail('crit (2) must be a non-empty array of labels');
        }
        break;
      case COSE_HEADER.contentType:
      case COSE_HEADER.typ:
        if (!isUintOrText(v)) fail(`label ${label} must be an unsigned integer or a text string`);
        break;
      case COSE_HEADER.kid:
      case COSE_HEADER.iv:
      case 6: // Partial IV
        if (!(v instanceof Uint8Array)) fail(`label ${label} must be a byte string`);
        break;
      case COSE_HEADER.x5chain:
        if (
          !(v instanceof Uint8Array) &&
          !(Array.isArray(v) && v.length > 0 && v.every((c) => c instanceof Uint8Array))
        ) {
          fail('x5chain (33) must be a byte string or a non-empty array of byte strings');
        }
        break;
      default:
        break;
    }
    out.set(label, v);
  }
  return out;
}
