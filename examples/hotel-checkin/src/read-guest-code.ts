import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { COMPACT_PREFIX, DeltaIdError } from '@deltaid/core';
import { readQrFile } from '@deltaid/qr/node';

const IMAGE_EXTENSIONS: ReadonlySet<string> = new Set(['.png', '.jpg', '.jpeg']);
// A QR text file is one line of at most a few thousand characters; anything far larger is not one.
const MAX_TEXT_FILE_BYTES = 64 * 1024;

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * Turns what the desk received into the QR text: the text itself (a scanner that types it, `YRD1:…`), a photo or
 * screenshot of the code (`.png`, `.jpg`), or a text file holding the code.
 *
 * @param input - QR text, or the path of an image or text file.
 * @returns the QR text, trimmed; anything that is not a file is returned as given, for the verifier to judge.
 * @throws DeltaIdError `ERR_QR_READ` (no readable QR code in the image, or the file cannot be read or is too large).
 * @example await readGuestCode('guest.png') // 'YRD1:…'
 * @see docs/formats/compact-credential.md §Text form
 */
export async function readGuestCode(input: string): Promise<string> {
  const trimmed = input.trim();
  if (trimmed.startsWith(COMPACT_PREFIX) || !(await isFile(trimmed))) return trimmed;
  if (IMAGE_EXTENSIONS.has(extname(trimmed).toLowerCase())) return (await readQrFile(trimmed)).trim();
  if ((await stat(trimmed)).size > MAX_TEXT_FILE_BYTES) {
    throw new DeltaIdError('ERR_QR_READ', 'the text file is too large to hold a QR text', {
      details: { reason: 'too-large' },
    });
  }
  return (await readFile(trimmed, 'utf8')).trim();
}
