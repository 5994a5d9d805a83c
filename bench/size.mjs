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

// A realistic Shanghai resident: a three-character name and a 20-character address.
const EID = {
  name: '张三丰',
  sex: 1,
  ethnicity: '01',
  birth_date: '1990-03-07',
  address: '上海市浦东新区世纪大道一百号二十层二零',
  id_number: '310115199003071239',
  issuing_authority: '上海市公安局浦东分局',
  valid_from: '2020-05-01',
  valid_until: '2040-05-01',
};
const DL = {
  licence_number: '320102198805120018',
  name: '李四',
  sex: 1,
  nationality: 'CHN',
  address: '江苏省南京市玄武区中山路一号',
  birth_date: '1988-05-12',
  first_issue_date: '2010-06-01',
  classes: 'C1',
  valid_from: '2016-06-01',
  valid_until: '2032-06-01',
  file_number: '320100123456',
  issuing_authority: '南京市公安局交通管理局',
  status: 'A',
};
const VL = {
  plate_number: '浙A12345',
  vehicle_type: 'K33',
  owner: '王五',
  address: '浙江省杭州市西湖区文三路一号',
  use_character: 'A',
  brand_model: '比亚迪牌BYD7152',
  vin: 'LSVAU218XN2183294',
  engine_number: 'ABC123456',
  register_date: '2022-03-01',
  issue_date: '2022-03-01',
  issuing_authority: '杭州市公安局交通警察支队',
  approved_passengers: 5,
  gross_mass_kg: 1950,
  curb_mass_kg: 1500,
  inspection_valid_until: '2028-03-31',
};
const CASES = [
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
  const { deriveKid } = await importCore();
  const crypto = createNativeCrypto();
  for (const alg of ['ES256', 'EdDSA', 'SM2']) {
    const issuerKeys = await crypto.generateKeyPair(alg);
    const holderKeys = await crypto.generateKeyPair(alg);
    const kid = await deriveKid(issuerKeys.publicKey.jwk, crypto);
    for (const [docType, purpose, claims] of CASES) {
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
