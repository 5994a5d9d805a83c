/*
 * Civil dates as Chinese documents print them: YYYY-MM-DD, proleptic Gregorian, no time zone.
 * "Today" is the date in China Standard Time (UTC+8, no daylight saving), where every issuer works.
 */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Parts of a real calendar date, or undefined. Years before 1800 are rejected: no holder is that old. */
export function parseIsoDate(value: string): { y: number; m: number; d: number } | undefined {
  const match = DATE_RE.exec(value);
  if (!match) return undefined;
  return realDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

export function realDate(y: number, m: number, d: number): { y: number; m: number; d: number } | undefined {
  if (y < 1800 || m < 1 || m > 12 || d < 1) return undefined;
  if (d > daysInMonth(y, m)) return undefined;
  return { y, m, d };
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

export function formatIsoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The civil date of `now` in China Standard Time. */
export function cstDate(now: Date): string {
  const t = new Date(now.getTime() + CST_OFFSET_MS);
  return formatIsoDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Completed years between two valid YYYY-MM-DD dates (a 29 February birthday counts from 1 March). */
export function completedYears(birth: string, on: string): number {
  const b = parseIsoDate(birth);
  const o = parseIsoDate(on);
  if (!b || !o) return Number.NaN;
  let years = o.y - b.y;
  if (o.m < b.m || (o.m === b.m && o.d < b.d)) years -= 1;
  return years;
}
