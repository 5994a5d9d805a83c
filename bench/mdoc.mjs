// ISO/IEC 18013-5 DeviceResponse verification against the floor no mdoc verifier can avoid: three bare
// node:crypto ES256 verifies of the very same signatures (DS certificate by the IACA, issuerAuth by the DS,
// deviceSignature by the device key), keys imported once, measured interleaved in the same process.
// The response is our mDL disclosing 6 elements (no portrait), device-signed. Lines:
//   {"bench":"mdoc-verify","cache":"warm"|"cold","provider","elements","us_per_op","floor_us_per_op","ratio"}
//   {"bench":"mdoc-size","document","elements","device_response_bytes","mso_bytes","qr_M_byte","qr_L_byte","qr_M_base64url"}
//   (for the mDL response and for the e-ID hotel check-in response, EID_MDOC_CHECKIN, 8 elements)
// warm: one createCertificateCache() reused (parsed certificates and the verified DS certificate signature are
// remembered, so the chain costs no signature verify); cold: nothing reused. qr_M_byte is the QR version at M
// of the raw bytes as one byte segment (qrcode; qr_L_byte at L), qr_M_base64url the version @deltaid/qr's qrVersion gives for
// the base64url text; null when it does not fit version 40.
// Uses the built packages: run `npx tsup` in packages/{core,trust,issuer,wallet,verifier,qr} first.
import { createPublicKey, verify as nodeVerify, X509Certificate } from 'node:crypto';
import { createRequire } from 'node:module';
import { compare, round3 } from './lib/measure.mjs';

const root = new URL('../packages/', import.meta.url);
const load = (pkg, file = 'index.js') => import(new URL(`${pkg}/dist/${file}`, root).href);
// qrcode as @deltaid/qr resolves it (the same version its qrVersion uses).
const QRCode = createRequire(new URL('qr/package.json', root))('qrcode');

const SIGNED = new Date(Date.UTC(2026, 10, 1, 8, 0, 0));
const NOW = Date.UTC(2026, 10, 28, 10, 0, 0);
const PORTRAIT = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...new Array(2000).fill(7), 0xff, 0xd9]);
const CLAIMS = {
  family_name: 'ZHANG',
  given_name: 'WEI',
  family_name_national_character: '张',
  given_name_national_character: '伟',
  birth_date: '1990-05-17',
  issue_date: '2026-03-01',
  expiry_date: '2032-03-01',
  issuing_authority: '上海市公安局交通警察总队',
  issuing_jurisdiction: 'CN-SH',
  document_number: '310101199005170012',
  portrait: PORTRAIT,
  driving_privileges: [{ vehicle_category_code: 'B', issue_date: '2012-07-01', expiry_date: '2032-03-01' }],
  sex: 1,
  nationality: 'CN',
  extension: {
    file_number: '310012345678',
    status: 'A',
    classes: 'C1',
    first_issue_date: '2012-07-01',
    name: '张伟',
  },
};
const EID_CLAIMS = {
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
// Six elements a traffic or rental check asks for.
const REQUEST = [
  'family_name',
  'given_name',
  'birth_date',
  'document_number',
  'driving_privileges',
  'issuing_jurisdiction',
];

function sessionTranscript(core) {
  const engagement = core.encodeCbor(new Map([[0, '1.0']]));
  const readerKey = core.encodeCbor(
    new Map([
      [1, 2],
      [-1, 1],
      [-2, new Uint8Array(32).fill(3)],
      [-3, new Uint8Array(32).fill(4)],
    ]),
  );
  return core.encodeCbor(
    new core.Tag(core.encodeCbor([new core.Tag(engagement, 24), new core.Tag(readerKey, 24), null]), 24),
  );
}

/** QR version of `bytes` as one byte segment at `level`, or null when beyond version 40. */
function qr(bytes, level) {
  try {
    return QRCode.create([{ mode: 'byte', data: bytes }], { errorCorrectionLevel: level }).version;
  } catch {
    return null;
  }
}

export default async function benchMdoc(options = {}) {
  const [core, native, trust, issuer, wallet, verifier, qrPkg] = await Promise.all([
    load('core'),
    load('core', 'crypto/native-node.js'),
    load('trust'),
    load('issuer'),
    load('wallet'),
    load('verifier'),
    load('qr'),
  ]);
  const crypto = native.createNativeCrypto();
  const iacaKey = await crypto.generateKeyPair('ES256');
  const dsKey = await crypto.generateKeyPair('ES256');
  const device = await crypto.generateKeyPair('ES256');
  const iaca = await issuer.createIacaCertificate(
    {
      subject: { country: 'CN', stateOrProvince: 'CN-SH', commonName: 'CN-SH mDL IACA' },
      notBefore: new Date(Date.UTC(2026, 0, 1)),
      notAfter: new Date(Date.UTC(2036, 0, 1)),
    },
    { key: iacaKey.privateKey, crypto },
  );
  const ds = await issuer.createDocumentSignerCertificate(
    {
      subject: { country: 'CN', stateOrProvince: 'CN-SH', commonName: 'CN-SH mDL DS 1' },
      publicKey: dsKey.publicKey.jwk,
      notBefore: new Date(Date.UTC(2026, 5, 1)),
      notAfter: new Date(Date.UTC(2027, 8, 1)),
      iaca,
    },
    { key: iacaKey.privateKey, crypto },
  );
  const issued = await issuer.issueMdl(
    CLAIMS,
    {
      deviceKey: device.publicKey.jwk,
      validity: { signed: SIGNED, validFrom: SIGNED, validUntil: new Date(Date.UTC(2027, 10, 1)) },
    },
    { key: dsKey.privateKey, certificateChain: [ds], crypto },
  );
  const st = sessionTranscript(core);
  const response = await wallet.presentDeviceResponse(
    {
      issuerSigned: issued.issuerSigned,
      request: { docType: core.MDL_DOCTYPE, nameSpaces: { [core.MDL_NAMESPACE]: REQUEST } },
      sessionTranscript: st,
    },
    { deviceKey: device.privateKey, crypto },
  );

  // The floor: the same three signatures over the same bytes, node:crypto keys imported once.
  const doc = core.decodeDeviceResponse(response).documents[0];
  const { issuerAuth } = doc.issuerSigned;
  const dsParsed = trust.parseCertificate(ds);
  const deviceSig = doc.deviceSigned.deviceAuth.deviceSignature;
  const aad = core.deviceAuthenticationBytes({
    transcript: core.decodeSessionTranscript(st).transcript,
    docType: doc.docType,
    deviceNameSpaces: doc.deviceSigned.nameSpacesBytes,
  });
  const p1363 = (key) => ({ key, dsaEncoding: 'ieee-p1363' });
  const checks = [
    [dsParsed.tbs, p1363(new X509Certificate(iaca).publicKey), dsParsed.signature],
    [core.sigStructure(issuerAuth), p1363(new X509Certificate(ds).publicKey), issuerAuth.signature],
    [
      core.sigStructure(deviceSig, new Uint8Array(0), aad),
      p1363(createPublicKey({ key: device.publicKey.jwk, format: 'jwk' })),
      deviceSig.signature,
    ],
  ];
  const floor = () => {
    let ok = true;
    for (const [data, key, sig] of checks) ok = nodeVerify('sha256', data, key, sig) && ok;
    return ok;
  };
  if (!floor()) throw new Error('floor does not verify');

  for (const cache of ['warm', 'cold']) {
    const certificateCache = cache === 'warm' ? verifier.createCertificateCache() : undefined;
    const opts = {
      trustedIacas: [iaca],
      sessionTranscript: st,
      now: () => NOW,
      crypto,
      docType: core.MDL_DOCTYPE,
      ...(certificateCache === undefined ? {} : { certificateCache }),
    };
    const subject = () => verifier.verifyDeviceResponse(response, opts);
    const first = await subject();
    if (
      !first.valid ||
      Object.keys(first.documents[0].elements[core.MDL_NAMESPACE]).length !== REQUEST.length
    ) {
      throw new Error(`mdoc response does not verify: ${JSON.stringify(first.errors)}`);
    }
    const r = await compare(subject, floor, options);
    console.log(
      JSON.stringify({
        bench: 'mdoc-verify',
        cache,
        provider: 'native',
        elements: REQUEST.length,
        us_per_op: round3(r.usPerOp),
        floor_us_per_op: round3(r.floorUsPerOp),
        ratio: round3(r.ratio),
      }),
    );
  }

  // The e-ID check-in response too, next to the compact check-in presentation of bench/size.mjs.
  const eid = await issuer.issueMdocEid(
    EID_CLAIMS,
    {
      deviceKey: device.publicKey.jwk,
      validity: { signed: SIGNED, validFrom: SIGNED, validUntil: new Date(Date.UTC(2027, 10, 1)) },
    },
    { key: dsKey.privateKey, certificateChain: [ds], crypto },
  );
  const eidResponse = await wallet.presentDeviceResponse(
    {
      issuerSigned: eid.issuerSigned,
      request: { nameSpaces: issuer.EID_MDOC_CHECKIN },
      sessionTranscript: st,
    },
    { deviceKey: device.privateKey, crypto },
  );
  const eidCount = Object.values(issuer.EID_MDOC_CHECKIN).reduce((n, ids) => n + ids.length, 0);
  for (const [document, bytes, elements] of [
    ['mDL', response, REQUEST.length],
    ['e-ID check-in', eidResponse, eidCount],
  ]) {
    let base64url = null;
    try {
      base64url = qrPkg.qrVersion(core.toBase64Url(bytes), 'M');
    } catch {}
    console.log(
      JSON.stringify({
        bench: 'mdoc-size',
        document,
        elements,
        device_response_bytes: bytes.length,
        mso_bytes: core.decodeDeviceResponse(bytes).documents[0].issuerSigned.issuerAuth.payload.length,
        qr_M_byte: qr(bytes, 'M'),
        qr_L_byte: qr(bytes, 'L'),
        qr_M_base64url: base64url,
      }),
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchMdoc();
