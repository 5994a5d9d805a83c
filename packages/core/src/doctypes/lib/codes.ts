/*
 * Code lists of the document types. Generated once from the project's reference-codes.json
 * (kept outside the repository) and committed as code, so nothing reads that file at run time.
 * English labels were added by hand where the reference gives only Chinese. Entries the reference
 * marks "verify" (taken from secondary sources) are marked the same way below; they only affect
 * display labels and code membership, never a cryptographic check.
 */
import type { Label, RegionCode } from '../types.js';

/** GB/T 2261.1-2003 sex codes; numerically identical to ISO/IEC 5218 (used by ISO 18013-5). */
export const SEX_CODES: ReadonlyMap<number, Label> = new Map([
  [0, { zh: '未知的性别', en: 'unknown' }],
  [1, { zh: '男', en: 'male' }],
  [2, { zh: '女', en: 'female' }],
  [9, { zh: '未说明的性别', en: 'unspecified' }],
]);

/**
 * GB/T 3304-1991 ethnicity codes. Legacy chip names (36 毛难族, 46 崩龙族) are normalised on the
 * two-digit code, which is why the code, not the name, is what a credential carries.
 */
export const ETHNICITY_CODES: ReadonlyMap<string, Label> = new Map(
  Object.entries({
    '01': { zh: '汉族', en: 'Han' },
    '02': { zh: '蒙古族', en: 'Mongol' },
    '03': { zh: '回族', en: 'Hui' },
    '04': { zh: '藏族', en: 'Zang (Tibetan)' },
    '05': { zh: '维吾尔族', en: 'Uygur' },
    '06': { zh: '苗族', en: 'Miao' },
    '07': { zh: '彝族', en: 'Yi' },
    '08': { zh: '壮族', en: 'Zhuang' },
    '09': { zh: '布依族', en: 'Buyei' },
    '10': { zh: '朝鲜族', en: 'Chosen (Korean)' },
    '11': { zh: '满族', en: 'Man (Manchu)' },
    '12': { zh: '侗族', en: 'Dong' },
    '13': { zh: '瑶族', en: 'Yao' },
    '14': { zh: '白族', en: 'Bai' },
    '15': { zh: '土家族', en: 'Tujia' },
    '16': { zh: '哈尼族', en: 'Hani' },
    '17': { zh: '哈萨克族', en: 'Kazak' },
    '18': { zh: '傣族', en: 'Dai' },
    '19': { zh: '黎族', en: 'Li' },
    '20': { zh: '傈僳族', en: 'Lisu' },
    '21': { zh: '佤族', en: 'Va' },
    '22': { zh: '畲族', en: 'She' },
    '23': { zh: '高山族', en: 'Gaoshan' },
    '24': { zh: '拉祜族', en: 'Lahu' },
    '25': { zh: '水族', en: 'Sui' },
    '26': { zh: '东乡族', en: 'Dongxiang' },
    '27': { zh: '纳西族', en: 'Naxi' },
    '28': { zh: '景颇族', en: 'Jingpo' },
    '29': { zh: '柯尔克孜族', en: 'Kirgiz' },
    '30': { zh: '土族', en: 'Tu' },
    '31': { zh: '达斡尔族', en: 'Daur' },
    '32': { zh: '仫佬族', en: 'Mulao' },
    '33': { zh: '羌族', en: 'Qiang' },
    '34': { zh: '布朗族', en: 'Blang' },
    '35': { zh: '撒拉族', en: 'Salar' },
    '36': { zh: '毛南族', en: 'Maonan' },
    '37': { zh: '仡佬族', en: 'Gelao' },
    '38': { zh: '锡伯族', en: 'Xibe' },
    '39': { zh: '阿昌族', en: 'Achang' },
    '40': { zh: '普米族', en: 'Pumi' },
    '41': { zh: '塔吉克族', en: 'Tajik' },
    '42': { zh: '怒族', en: 'Nu' },
    '43': { zh: '乌孜别克族', en: 'Uzbek' },
    '44': { zh: '俄罗斯族', en: 'Russ' },
    '45': { zh: '鄂温克族', en: 'Ewenki' },
    '46': { zh: '德昂族', en: 'Deang' },
    '47': { zh: '保安族', en: 'Bonan' },
    '48': { zh: '裕固族', en: 'Yugur' },
    '49': { zh: '京族', en: 'Gin' },
    '50': { zh: '塔塔尔族', en: 'Tatar' },
    '51': { zh: '独龙族', en: 'Derung' },
    '52': { zh: '鄂伦春族', en: 'Oroqen' },
    '53': { zh: '赫哲族', en: 'Hezhen' },
    '54': { zh: '门巴族', en: 'Monba' },
    '55': { zh: '珞巴族', en: 'Lhoba' },
    '56': { zh: '基诺族', en: 'Jino' },
    '97': { zh: '其他（未识别民族）', en: 'other / unrecognised' },
    '98': { zh: '外国血统中国籍人士', en: 'naturalised citizen of foreign origin' },
  }),
);

/**
 * Nationalities shown with a label (ISO 3166-1 alpha-3). Other well-formed alpha-3 codes are
 * accepted and displayed as the code itself: the licence of a foreign resident must still validate.
 */
export const NATIONALITY_LABELS: ReadonlyMap<string, Label> = new Map([['CHN', { zh: '中国', en: 'China' }]]);

// The class table lives on its own so that class checks (verifier policies) do not bundle every code list.
export { LICENCE_CLASSES, type LicenceClassEntry } from './licence-classes.js';

/**
 * Driving-licence status (驾驶证状态, field ZT). A licence carries a string of these letters
 * (e.g. 'BD'); 'A' (正常) stands alone. Source: 交管 integration code bases (reference "DrivingStatus").
 */
export const DRIVING_LICENCE_STATUS_CODES: ReadonlyMap<string, Label> = new Map(
  Object.entries({
    A: { zh: '正常', en: 'valid' },
    B: { zh: '超分', en: 'points limit exceeded' },
    C: { zh: '转出', en: 'transferred out' },
    D: { zh: '暂扣', en: 'temporarily withheld' },
    E: { zh: '撤销', en: 'annulled' },
    F: { zh: '吊销', en: 'revoked' },
    G: { zh: '注销', en: 'cancelled' },
    H: { zh: '违法未处理', en: 'unresolved violation' },
    I: { zh: '事故未处理', en: 'unresolved accident' },
    J: { zh: '停止使用', en: 'use stopped' },
    K: { zh: '扣押', en: 'impounded' }, // some systems: 协查
    L: { zh: '锁定', en: 'locked' },
    M: { zh: '逾期未换证', en: 'overdue for renewal' },
    N: { zh: '延期换证', en: 'renewal deferred' },
    P: { zh: '延期体检', en: 'medical check deferred' },
    R: { zh: '注销可恢复', en: 'cancelled, restorable' },
    S: { zh: '逾期未审验', en: 'overdue for review' },
    T: { zh: '延期审验', en: 'review deferred' },
    U: { zh: '扣留', en: 'detained' },
    Z: { zh: '其他', en: 'other' },
  }),
);

/** 使用性质 (SYXZ). A–E are confirmed in integration code; F–R are marked "verify" in the reference. */
export const USE_CHARACTER_CODES: ReadonlyMap<string, Label> = new Map(
  Object.entries({
    A: { zh: '非营运', en: 'non-commercial' },
    B: { zh: '公路客运', en: 'road passenger transport' },
    C: { zh: '公交客运', en: 'public bus' },
    D: { zh: '出租客运', en: 'taxi' },
    E: { zh: '旅游客运', en: 'tourist transport' },
    F: { zh: '货运', en: 'freight' },
    G: { zh: '租赁', en: 'rental' },
    H: { zh: '警用', en: 'police' },
    I: { zh: '消防', en: 'fire service' },
    J: { zh: '救护', en: 'ambulance' },
    K: { zh: '工程救险', en: 'engineering rescue' },
    L: { zh: '营转非', en: 'commercial converted to non-commercial' },
    M: { zh: '出租转非', en: 'taxi converted to non-commercial' },
    N: { zh: '教练', en: 'driver training' },
    R: { zh: '危化品运输', en: 'hazardous chemicals transport' },
  }),
);

/**
 * Common vehicle types of GA 24.4 (marked "verify" in the reference). The full table is long, so
 * other codes of the GA 24.4 shape are accepted and displayed as the code (see vehicle-licence.ts).
 */
export const VEHICLE_TYPE_CODES: ReadonlyMap<string, Label> = new Map(
  Object.entries({
    K11: { zh: '大型普通客车', en: 'large bus' },
    K21: { zh: '中型普通客车', en: 'medium bus' },
    K31: { zh: '小型普通客车', en: 'small passenger car' },
    K32: { zh: '小型越野客车', en: 'small off-road passenger car' },
    K33: { zh: '小型轿车', en: 'small saloon car' },
    K41: { zh: '微型普通客车', en: 'mini passenger car' },
    K42: { zh: '微型轿车', en: 'mini saloon car' },
    H11: { zh: '重型普通货车', en: 'heavy truck' },
    H21: { zh: '中型普通货车', en: 'medium truck' },
    H31: { zh: '轻型普通货车', en: 'light truck' },
    H41: { zh: '微型普通货车', en: 'mini truck' },
    Q11: { zh: '重型半挂牵引车', en: 'heavy semi-trailer tractor' },
  }),
);

/**
 * Province-level codes of GB/T 2260 that appear as the first two digits of a citizen ID number,
 * plus 83 used by 港澳台居民居住证 numbers (国办发〔2018〕81号: 81 Hong Kong, 82 Macao, 83 Taiwan).
 * 71 (台湾) is a GB/T 2260 code but no ID number is issued under it, so it is not listed.
 */
export const PROVINCE_CODES: ReadonlyMap<string, Label> = new Map(
  Object.entries({
    '11': { zh: '北京市', en: 'Beijing' },
    '12': { zh: '天津市', en: 'Tianjin' },
    '13': { zh: '河北省', en: 'Hebei' },
    '14': { zh: '山西省', en: 'Shanxi' },
    '15': { zh: '内蒙古自治区', en: 'Inner Mongolia' },
    '21': { zh: '辽宁省', en: 'Liaoning' },
    '22': { zh: '吉林省', en: 'Jilin' },
    '23': { zh: '黑龙江省', en: 'Heilongjiang' },
    '31': { zh: '上海市', en: 'Shanghai' },
    '32': { zh: '江苏省', en: 'Jiangsu' },
    '33': { zh: '浙江省', en: 'Zhejiang' },
    '34': { zh: '安徽省', en: 'Anhui' },
    '35': { zh: '福建省', en: 'Fujian' },
    '36': { zh: '江西省', en: 'Jiangxi' },
    '37': { zh: '山东省', en: 'Shandong' },
    '41': { zh: '河南省', en: 'Henan' },
    '42': { zh: '湖北省', en: 'Hubei' },
    '43': { zh: '湖南省', en: 'Hunan' },
    '44': { zh: '广东省', en: 'Guangdong' },
    '45': { zh: '广西壮族自治区', en: 'Guangxi' },
    '46': { zh: '海南省', en: 'Hainan' },
    '50': { zh: '重庆市', en: 'Chongqing' },
    '51': { zh: '四川省', en: 'Sichuan' },
    '52': { zh: '贵州省', en: 'Guizhou' },
    '53': { zh: '云南省', en: 'Yunnan' },
    '54': { zh: '西藏自治区', en: 'Tibet' },
    '61': { zh: '陕西省', en: 'Shaanxi' },
    '62': { zh: '甘肃省', en: 'Gansu' },
    '63': { zh: '青海省', en: 'Qinghai' },
    '64': { zh: '宁夏回族自治区', en: 'Ningxia' },
    '65': { zh: '新疆维吾尔自治区', en: 'Xinjiang' },
    '81': { zh: '香港特别行政区', en: 'Hong Kong' },
    '82': { zh: '澳门特别行政区', en: 'Macao' },
    '83': { zh: '台湾地区居民（居住证）', en: 'Taiwan (residence permit)' },
  }),
);

/** The four regions: ISO 3166-2 code, GB/T 2260 province code, plate/short character, names. */
export interface RegionEntry {
  readonly code: RegionCode;
  readonly gb2260: string;
  readonly abbr: string;
  readonly name: Label;
}

export const REGION_ENTRIES: readonly RegionEntry[] = [
  { code: 'CN-SH', gb2260: '31', abbr: '沪', name: { zh: '上海市', en: 'Shanghai' } },
  { code: 'CN-JS', gb2260: '32', abbr: '苏', name: { zh: '江苏省', en: 'Jiangsu' } },
  { code: 'CN-ZJ', gb2260: '33', abbr: '浙', name: { zh: '浙江省', en: 'Zhejiang' } },
  { code: 'CN-AH', gb2260: '34', abbr: '皖', name: { zh: '安徽省', en: 'Anhui' } },
];

/**
 * 发牌机关代号 (plate office letters) per province character. Letter order is not GB/T 2260 order
 * (浙E is 湖州 = 3305, 浙F is 嘉兴 = 3304). I and O are never used. 沪: the reference lists
 * "A, B, D … N, all Shanghai" and 沪C (outer districts); 沪R (崇明) is the remaining Shanghai letter.
 * 皖Q (巢湖) was retired in 2011 but plates already issued stay valid.
 */
export const PLATE_OFFICES: ReadonlyMap<string, ReadonlyMap<string, Label>> = new Map([
  [
    '沪',
    new Map(
      ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'R'].map((l) => [
        l,
        l === 'C'
          ? { zh: '上海（郊区）', en: 'Shanghai (outer districts)' }
          : l === 'R'
            ? { zh: '上海（崇明）', en: 'Shanghai (Chongming)' }
            : { zh: '上海', en: 'Shanghai' },
      ]),
    ),
  ],
  [
    '苏',
    new Map(
      Object.entries({
        A: { zh: '南京', en: 'Nanjing' },
        B: { zh: '无锡', en: 'Wuxi' },
        C: { zh: '徐州', en: 'Xuzhou' },
        D: { zh: '常州', en: 'Changzhou' },
        E: { zh: '苏州', en: 'Suzhou' },
        F: { zh: '南通', en: 'Nantong' },
        G: { zh: '连云港', en: 'Lianyungang' },
        H: { zh: '淮安', en: "Huai'an" },
        J: { zh: '盐城', en: 'Yancheng' },
        K: { zh: '扬州', en: 'Yangzhou' },
        L: { zh: '镇江', en: 'Zhenjiang' },
        M: { zh: '泰州', en: 'Taizhou' },
        N: { zh: '宿迁', en: 'Suqian' },
        U: { zh: '苏州', en: 'Suzhou' },
      }),
    ),
  ],
  [
    '浙',
    new Map(
      Object.entries({
        A: { zh: '杭州', en: 'Hangzhou' },
        B: { zh: '宁波', en: 'Ningbo' },
        C: { zh: '温州', en: 'Wenzhou' },
        D: { zh: '绍兴', en: 'Shaoxing' },
        E: { zh: '湖州', en: 'Huzhou' },
        F: { zh: '嘉兴', en: 'Jiaxing' },
        G: { zh: '金华', en: 'Jinhua' },
        H: { zh: '衢州', en: 'Quzhou' },
        J: { zh: '台州', en: 'Taizhou' },
        K: { zh: '丽水', en: 'Lishui' },
        L: { zh: '舟山', en: 'Zhoushan' },
      }),
    ),
  ],
  [
    '皖',
    new Map(
      Object.entries({
        A: { zh: '合肥', en: 'Hefei' },
        B: { zh: '芜湖', en: 'Wuhu' },
        C: { zh: '蚌埠', en: 'Bengbu' },
        D: { zh: '淮南', en: 'Huainan' },
        E: { zh: '马鞍山', en: "Ma'anshan" },
        F: { zh: '淮北', en: 'Huaibei' },
        G: { zh: '铜陵', en: 'Tongling' },
        H: { zh: '安庆', en: 'Anqing' },
        J: { zh: '黄山', en: 'Huangshan' },
        K: { zh: '阜阳', en: 'Fuyang' },
        L: { zh: '宿州', en: 'Suzhou (Anhui)' },
        M: { zh: '滁州', en: 'Chuzhou' },
        N: { zh: '六安', en: "Lu'an" },
        P: { zh: '宣城', en: 'Xuancheng' },
        Q: { zh: '巢湖', en: 'Chaohu' },
        R: { zh: '池州', en: 'Chizhou' },
        S: { zh: '亳州', en: 'Bozhou' },
      }),
    ),
  ],
]);
