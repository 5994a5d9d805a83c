import type { ErrorCode } from '@deltaid/core';

/** A message in both languages a front desk works in. */
export interface BilingualMessage {
  readonly zh: string;
  readonly en: string;
}

/**
 * What each failure means to the person at the desk, and what they can do. Stable per code; details (which field,
 * which limit) are in the error's `details`.
 */
export const MESSAGES: Readonly<Partial<Record<ErrorCode, BilingualMessage>>> = {
  ERR_QR_PREFIX: {
    zh: '这不是长三角电子证照二维码，请出示正确的二维码。',
    en: 'Not a Delta ID QR code. Ask for the right code.',
  },
  ERR_BASE45: { zh: '二维码内容已损坏，请重新扫描。', en: 'The QR code is damaged. Scan it again.' },
  ERR_INFLATE: { zh: '二维码内容已损坏，请重新扫描。', en: 'The QR code is damaged. Scan it again.' },
  ERR_INFLATE_LIMIT: {
    zh: '二维码内容超出允许大小，已拒绝。',
    en: 'The QR code content is too large and was refused.',
  },
  ERR_CBOR: {
    zh: '二维码内容格式错误，请重新扫描。',
    en: 'The QR code content is malformed. Scan it again.',
  },
  ERR_CBOR_LIMIT: {
    zh: '二维码内容超出允许大小，已拒绝。',
    en: 'The QR code content is too large and was refused.',
  },
  ERR_STRUCTURE: {
    zh: '证照数据结构不符合规范，已拒绝。',
    en: 'The credential data is not in the expected format.',
  },
  ERR_UNKNOWN_ISSUER: {
    zh: '签发机关不在信任列表中，请更新信任列表或请持证人出示其他证件。',
    en: 'The issuer is not on the trust list. Update the trust lists or ask for another document.',
  },
  ERR_ISSUER_NOT_AUTHORISED: {
    zh: '该签发机关无权签发此类证照。',
    en: 'This issuer is not authorised to issue this kind of document.',
  },
  ERR_ISSUER_KEY_RETIRED: {
    zh: '签发密钥已停用，该证照在停用后签发，无效。',
    en: 'Issued after the issuer key was retired.',
  },
  ERR_ISSUER_KEY_COMPROMISED: {
    zh: '签发密钥已泄露，该证照不可信。',
    en: 'The issuer key was compromised; not trusted.',
  },
  ERR_TRUST_LIST_STALE: {
    zh: '信任列表已过期，请联网更新信任列表。',
    en: 'The trust list is out of date. Go online to update it.',
  },
  ERR_REGION_NOT_ACCEPTED: {
    zh: '本窗口不受理该地区签发的证照。',
    en: 'This desk does not accept documents from the issuing region.',
  },
  ERR_SIGNATURE: {
    zh: '证照签名无效，可能被篡改。',
    en: 'The credential signature is invalid; it may have been altered.',
  },
  ERR_NOT_YET_VALID: { zh: '证照尚未生效。', en: 'The credential is not valid yet.' },
  ERR_EXPIRED: {
    zh: '证照已过期，请持证人更新证照。',
    en: 'The credential has expired. The holder must renew it.',
  },
  ERR_HOLDER_SIGNATURE: {
    zh: '出示设备签名无效：二维码不是由持证人手机生成的。',
    en: 'The holder signature is invalid: the code was not made by the holder’s phone.',
  },
  ERR_STALE_PRESENTATION: {
    zh: '二维码已过时，请持证人刷新后重新出示。',
    en: 'The code is out of date. Ask the holder to refresh it.',
  },
  ERR_CHALLENGE: {
    zh: '二维码未响应本窗口的验证码，请持证人扫描本窗口二维码后重新出示。',
    en: 'The code does not answer this desk’s challenge. Ask the holder to scan the desk code again.',
  },
  ERR_AUDIENCE: { zh: '二维码是为其他核验方生成的。', en: 'The code was made for another verifier.' },
  ERR_REPLAY: {
    zh: '该二维码已被使用过，请持证人刷新后重新出示。',
    en: 'This code was already used. Ask the holder to refresh it.',
  },
  ERR_REVOKED: { zh: '证照已被吊销或注销。', en: 'The credential has been revoked.' },
  ERR_SUSPENDED: { zh: '证照已被暂停使用。', en: 'The credential is suspended.' },
  ERR_STATUS_UNKNOWN: { zh: '证照状态未知，已拒绝。', en: 'The credential status is unknown.' },
  ERR_STATUS_UNAVAILABLE: {
    zh: '无法获取证照状态列表，请联网更新后重试。',
    en: 'The status list is not available. Go online to update it.',
  },
  ERR_STATUS_STALE: {
    zh: '证照状态列表已过期，请联网更新。',
    en: 'The status list is out of date. Go online to update it.',
  },
  ERR_STATUS_INDEX: { zh: '证照状态索引无效。', en: 'The credential status index is invalid.' },
  ERR_POLICY: {
    zh: '证照信息不满足本业务要求。',
    en: 'The credential does not meet this desk’s requirements.',
  },
};

const FALLBACK: BilingualMessage = { zh: '核验失败。', en: 'Verification failed.' };

/**
 * The bilingual message of a code, for the person at the desk (a generic one for codes the pipeline never reports).
 *
 * @param code - an error code from a `VerificationIssue`.
 * @returns `{ zh, en }`.
 * @example messageFor('ERR_REPLAY').zh // '该二维码已被使用过，请持证人刷新后重新出示。'
 * @see docs/formats/compact-credential.md §Verification
 */
export function messageFor(code: ErrorCode): BilingualMessage {
  return MESSAGES[code] ?? FALLBACK;
}
