// Size report of the compact format: for each document type × purpose × algorithm, the credential and presentation
// CBOR bytes, the QR text length and the QR version at error correction L, M and Q. One JSON line per case:
// {"bench":"qr-size","docType","purpose","alg","credential_bytes","presentation_bytes","text_chars","qr_L","qr_M","qr_Q"}
// Budget: the holder-bound e-ID check-in presentation with ES256 must fit QR version 15 at M.
import { issueCompact } from '@deltaid/issuer';
import { presentCompact } from '@deltaid/wallet';
import QRCode from 'qrcode';
import { importCore } from './lib/core.mjs';

const NOW = Date.UTC(2026, 10, 28, 10, 0, 0);
const clock = () => NOW;

const cases = (EID, DL, VL) => [
  ['cn.gov.mps.eid.1', 'checkin', EID],
  ['cn.gov.mps.eid.1', 'age', EID],
  ['cn.gov.mps.eid.1', 'full', EID],
  ['cn.gov.mps.dl.1', 'traffic', DL],
  ['cn.gov.mps.dl.1', 'full', DL],
  ['cn.gov.mps.vl.1', 'full', VL],
];

function version(text, level) {
  return QRCode.create(text, { errorCorrectionLevel: level }).version;
}

export default async function sizeBench() {
  const { createNativeCrypto } = await importCore('crypto/native');
  const { deriveKid, EXAMPLE_CLAIMS } = await importCore();
  // The budget case: a realistic 20-character address.
  const EID = { ...EXAMPLE_CLAIMS['cn.gov.mps.eid.1'], address: '上海市浦东新区世纪大道一百号二十层二零' };
  const DL = EXAMPLE_CLAIMS['cn.gov.mps.dl.1'];
  const VL = EXAMPLE_CLAIMS['cn.gov.mps.vl.1'];
  const crypto = createNativeCrypto();
  for (const alg of ['ES256', 'EdDSA', 'SM2']) {
    const issuerKeys = await crypto.generateKeyPair(alg);
    const holderKeys = await crypto.generateKeyPair(alg);
    const kid = await deriveKid(issuerKeys.publicKey.jwk, crypto);
    for (const [docType, purpose, claims] of cases(EID, DL, VL)) {
      const { credential } = await issueCompact(
        { docType, purpose, claims, holderKey: holderKeys.publicKey, status: { list: 1, index: 999_999 } },
        { issuer: { id: 'sh-psb', kid, key: issuerKeys.privateKey }, crypto, clock },
      );
      const p = await presentCompact({ credential }, { deviceKey: holderKeys.privateKey, crypto, clock });
      console.log(
        JSON.stringify({
          bench: 'qr-size',
          docType,
          purpose,
          alg,
          credential_bytes: credential.length,
          presentation_bytes: p.bytes.length,
          text_chars: p.text.length,
          qr_L: version(p.text, 'L'),
          qr_M: version(p.text, 'M'),
          qr_Q: version(p.text, 'Q'),
        }),
      );
    }
  }
}
