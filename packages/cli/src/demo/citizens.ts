import { EXAMPLE_CLAIMS, type Purpose } from '@deltaid/core';
import type { Region } from '@deltaid/trust';
import type { PolicyPreset } from '@deltaid/verifier';

/** The demo's citizens (fictional people, synthetic but valid ID numbers), what they hold and where they go. */
export const CITIZENS = [
  {
    id: 'zhang-sanfeng',
    name: '张三丰',
    issuerId: 'sh-psb',
    deviceAlg: 'ES256',
    purpose: 'checkin' as Purpose,
    document: { zh: '上海 电子身份证（入住）', en: 'Shanghai e-ID (check-in)' },
    // A realistic 20-character address (the QR size budget case).
    claims: { ...EXAMPLE_CLAIMS['cn.gov.mps.eid.1'], address: '上海市浦东新区世纪大道一百号二十层二零' },
    presentationName: 'sh-eid-checkin-at-zj-hotel',
    visit: {
      region: 'CN-ZJ' as Region,
      desk: { zh: '杭州 酒店前台', en: 'Hangzhou hotel front desk' },
      policy: 'hotel-checkin' as PolicyPreset,
    },
  },
  {
    id: 'li-si',
    name: '李四',
    issuerId: 'js-tp',
    deviceAlg: 'SM2',
    purpose: 'traffic' as Purpose,
    document: { zh: '江苏 电子驾驶证（交通）', en: 'Jiangsu driving licence (traffic)' },
    claims: EXAMPLE_CLAIMS['cn.gov.mps.dl.1'],
    presentationName: 'js-dl-traffic-at-ah-police',
    visit: {
      region: 'CN-AH' as Region,
      desk: { zh: '合肥 交警路检', en: 'Hefei traffic stop' },
      policy: 'traffic-stop' as PolicyPreset,
    },
  },
  {
    id: 'wang-wu',
    name: '王五',
    issuerId: 'zj-tp',
    deviceAlg: 'EdDSA',
    purpose: 'full' as Purpose,
    document: { zh: '浙江 电子行驶证', en: 'Zhejiang vehicle licence' },
    claims: EXAMPLE_CLAIMS['cn.gov.mps.vl.1'],
    presentationName: 'zj-vl-full-at-sh-police',
    visit: {
      region: 'CN-SH' as Region,
      desk: { zh: '上海 交警路检', en: 'Shanghai traffic stop' },
      policy: 'traffic-stop' as PolicyPreset,
    },
  },
  {
    id: 'zhao-liu',
    name: '赵六',
    issuerId: 'ah-psb',
    deviceAlg: 'ES256',
    purpose: 'checkin' as Purpose,
    document: { zh: '安徽 电子身份证（入住）', en: 'Anhui e-ID (check-in)' },
    claims: {
      name: '赵六',
      sex: 2,
      ethnicity: '03',
      birth_date: '1985-01-01',
      address: '安徽省合肥市蜀山区长江西路一号',
      id_number: '340104198501010027',
      issuing_authority: '合肥市公安局蜀山分局',
      valid_from: '2015-01-01',
      valid_until: 'long-term',
    },
    presentationName: 'ah-eid-checkin-at-js-hotel',
    visit: {
      region: 'CN-JS' as Region,
      desk: { zh: '南京 酒店前台', en: 'Nanjing hotel front desk' },
      policy: 'hotel-checkin' as PolicyPreset,
    },
  },
] as const;
