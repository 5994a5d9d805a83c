import type { Label, LicenceClass } from '../types.js';

/** One 准驾车型 with the classes it directly permits (准予驾驶的其他准驾车型). */
export interface LicenceClassEntry {
  readonly code: LicenceClass;
  readonly label: Label;
  readonly implies: readonly LicenceClass[];
}

/**
 * 准驾车型及代号, 公安部令第162号《机动车驾驶证申领和使用规定》(2021-12-17, in force 2022-04-01),
 * 附件 1, column 准予驾驶的其他准驾车型; matches reference-codes.json
 * `driving_licence_classes_GA_162_2021`. Since order 162, A2 also covers the new C6 (轻型牵引挂车),
 * and C2, C4, C5, C6, F, M, N, P cover no other class. Order is the printing order on a licence.
 */
export const LICENCE_CLASSES: readonly LicenceClassEntry[] = [
  {
    code: 'A1',
    label: { zh: '大型客车', en: 'large bus' },
    implies: ['A3', 'B1', 'B2', 'C1', 'C2', 'C3', 'C4', 'M'],
  },
  {
    code: 'A2',
    label: { zh: '重型牵引挂车', en: 'heavy tractor-trailer' },
    implies: ['B1', 'B2', 'C1', 'C2', 'C3', 'C4', 'C6', 'M'],
  },
  { code: 'A3', label: { zh: '城市公交车', en: 'city bus' }, implies: ['C1', 'C2', 'C3', 'C4'] },
  { code: 'B1', label: { zh: '中型客车', en: 'medium bus' }, implies: ['C1', 'C2', 'C3', 'C4', 'M'] },
  { code: 'B2', label: { zh: '大型货车', en: 'large truck' }, implies: ['C1', 'C2', 'C3', 'C4', 'M'] },
  { code: 'C1', label: { zh: '小型汽车', en: 'small car' }, implies: ['C2', 'C3', 'C4'] },
  { code: 'C2', label: { zh: '小型自动挡汽车', en: 'small car, automatic' }, implies: [] },
  { code: 'C3', label: { zh: '低速载货汽车', en: 'low-speed truck' }, implies: ['C4'] },
  { code: 'C4', label: { zh: '三轮汽车', en: 'three-wheeled vehicle' }, implies: [] },
  {
    code: 'C5',
    label: { zh: '残疾人专用小型自动挡载客汽车', en: 'small automatic car for disabled drivers' },
    implies: [],
  },
  { code: 'C6', label: { zh: '轻型牵引挂车', en: 'light tractor-trailer' }, implies: [] },
  { code: 'D', label: { zh: '普通三轮摩托车', en: 'three-wheeled motorcycle' }, implies: ['E', 'F'] },
  { code: 'E', label: { zh: '普通二轮摩托车', en: 'two-wheeled motorcycle' }, implies: ['F'] },
  { code: 'F', label: { zh: '轻便摩托车', en: 'light motorcycle' }, implies: [] },
  { code: 'M', label: { zh: '轮式专用机械车', en: 'wheeled special machinery' }, implies: [] },
  { code: 'N', label: { zh: '无轨电车', en: 'trolleybus' }, implies: [] },
  { code: 'P', label: { zh: '有轨电车', en: 'tram' }, implies: [] },
];
