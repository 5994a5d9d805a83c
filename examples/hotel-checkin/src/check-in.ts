import { isDeltaIdError } from '@deltaid/core';
import { messageFor } from '@deltaid/verifier';
import { readGuestCode } from './read-guest-code.js';
import { toGuestRecord } from './to-guest-record.js';
import type { CheckInOutcome, Desk } from './types.js';

const UNREADABLE = {
  zh: '无法识别图片中的二维码，请重新拍摄或扫描。',
  en: 'No QR code could be read from the image. Take the photo or scan again.',
};

/**
 * Checks a guest in: reads the code (text, image or text file), verifies it offline with the desk's policy and, when
 * it is accepted, returns the guest registration record; otherwise the first reason, with the message the clerk
 * reads out. Never throws for anything the guest shows.
 *
 * @param desk - from `loadDesk`.
 * @param input - the scanned `YRD1:` text, or the path of an image or text file.
 * @returns `{ accepted: true, record }` or `{ accepted: false, refusal: { code, message, detail } }`; codes are the
 *   verifier's (`ERR_REVOKED`, `ERR_POLICY`, `ERR_STALE_PRESENTATION`, `ERR_REPLAY`, `ERR_SIGNATURE`, …) and
 *   `ERR_QR_READ` for an image without a readable code.
 * @example
 * ```ts
 * const outcome = await checkIn(desk, 'guest.png');
 * if (!outcome.accepted) console.log(outcome.refusal.message.zh);
 * ```
 * @see docs/guide-hotel-integrator.md
 */
export async function checkIn(desk: Desk, input: string): Promise<CheckInOutcome> {
  let text: string;
  try {
    text = await readGuestCode(input);
  } catch (err) {
    if (!isDeltaIdError(err)) throw err;
    return { accepted: false, refusal: { code: err.code, message: UNREADABLE, detail: err.message } };
  }
  const result = await desk.verifier.verify(text);
  if (!result.valid) {
    const first = result.errors[0];
    const code = first?.code ?? 'ERR_POLICY';
    return {
      accepted: false,
      refusal: {
        code,
        message: first?.message ?? messageFor(code),
        ...(first?.detail === undefined ? {} : { detail: first.detail }),
      },
    };
  }
  try {
    return { accepted: true, record: toGuestRecord(result, desk.clock()) };
  } catch (err) {
    // A custom desk policy that accepts other documents: no registration record can be made from them.
    if (!isDeltaIdError(err)) throw err;
    return {
      accepted: false,
      refusal: { code: 'ERR_POLICY', message: messageFor('ERR_POLICY'), detail: err.message },
    };
  }
}
