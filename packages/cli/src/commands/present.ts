import { decodeCredential } from '@deltaid/core';
import { createNativeCrypto } from '@deltaid/core/crypto/native';
import { renderQrPng, renderQrSvg } from '@deltaid/qr';
import { parseChallenge } from '@deltaid/verifier';
import { presentCompact } from '@deltaid/wallet';
import type { Parsed } from '../lib/args.js';
import { type Io, readBytes, UsageError, writeOut } from '../lib/io.js';
import { loadPrivateKey } from '../lib/keys.js';

export const PRESENT_HELP = `deltaid present --credential FILE --holder-key FILE [--purpose P] [--challenge TEXT]
                [--png FILE] [--svg FILE]

Signs a fresh presentation of the credential with the holder's device key and prints the YRD1: text.
--purpose (full, checkin, age, traffic) checks the credential carries that element set before presenting it.
--challenge answers a desk's challenge QR (YRDC1:…). --png/--svg also write the QR code (mode 0600: personal data).`;

export async function presentCommand(args: Parsed, io: Io): Promise<number> {
  const crypto = createNativeCrypto();
  const credential = await readBytes(args.required('credential'));
  const purpose = args.string('purpose');
  if (purpose !== undefined) {
    const carried = decodeCredential(credential).purpose;
    if (carried !== purpose)
      throw new UsageError(`the credential carries purpose '${carried}', not '${purpose}'`);
  }
  const deviceKey = await loadPrivateKey(crypto, args.required('holder-key'));
  const challengeText = args.string('challenge');
  const challenge = challengeText === undefined ? undefined : parseChallenge(challengeText);
  const { text } = await presentCompact(
    {
      credential,
      ...(challenge === undefined
        ? {}
        : { challenge: { nonce: challenge.nonce, audience: challenge.audience } }),
    },
    { deviceKey, crypto, clock: Date.now },
  );
  const png = args.string('png');
  if (png !== undefined) await writeOut(png, await renderQrPng(text), { secret: true });
  const svg = args.string('svg');
  if (svg !== undefined) await writeOut(svg, renderQrSvg(text), { secret: true });
  io.stdout.write(`${text}\n`);
  return 0;
}
