import type { CheckInOutcome } from './types.js';

/**
 * Formats an outcome for the desk screen or a log of the registration hand-off, in Chinese and English.
 *
 * @param outcome - from `checkIn`.
 * @returns lines of text ending with a newline.
 * @example process.stdout.write(formatOutcome(await checkIn(desk, text)))
 */
export function formatOutcome(outcome: CheckInOutcome): string {
  if (!outcome.accepted) {
    const { code, message } = outcome.refusal;
    return `✘ 拒绝入住登记 Refused — ${code}\n  ${message.zh}\n  ${message.en}\n`;
  }
  const r = outcome.record;
  const rows: [string, string][] = [
    ['姓名 Name', r.name],
    ['性别 Sex', `${r.sex.zh} / ${r.sex.en}`],
    ['民族 Ethnicity', `${r.ethnicity.zh} / ${r.ethnicity.en}`],
    ['出生日期 Date of birth', r.birthDate],
    ['公民身份号码 ID number', r.idNumber],
    ['住址 Address', r.address],
    ['签发地区 Issuing region', `${r.issuingRegion.zh} / ${r.issuingRegion.en} (${r.issuingRegion.code})`],
    ['签发机关 Issuer', `${r.issuer.zh} / ${r.issuer.en}`],
    ['核验时间 Verified at', r.verifiedAt],
  ];
  const lines = rows.map(([label, value]) => `  ${label}: ${value}`);
  return `✔ 核验通过 Accepted — 旅客登记信息 / guest registration record\n${lines.join('\n')}\n`;
}
