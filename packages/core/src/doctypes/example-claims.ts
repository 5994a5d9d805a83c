import type { DocType } from './types.js';

/**
 * Synthetic example claims for each document type: fictional people whose ID number, VIN and plate pass every
 * validator. For documentation, demos, benchmarks and tests — never real personal data. Not imported by the
 * verifier, so bundles that do not use it drop it.
 *
 * @example
 * ```ts
 * const { credential } = await issueCompact(
 *   { docType: 'cn.gov.mps.eid.1', purpose: 'checkin', claims: EXAMPLE_CLAIMS['cn.gov.mps.eid.1'], holderKey },
 *   ctx,
 * );
 * ```
 */
export const EXAMPLE_CLAIMS = {
  'cn.gov.mps.eid.1': {
    name: '张三丰',
    sex: 1,
    ethnicity: '01',
    birth_date: '1990-03-07',
    address: '上海市浦东新区世纪大道一百号二十层二零零一室',
    id_number: '310115199003071239',
    issuing_authority: '上海市公安局浦东分局',
    valid_from: '2020-05-01',
    valid_until: '2040-05-01',
  },
  'cn.gov.mps.dl.1': {
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
  },
  'cn.gov.mps.vl.1': {
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
  },
} as const satisfies Record<DocType, Readonly<Record<string, string | number>>>;
