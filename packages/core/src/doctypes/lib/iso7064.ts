/*
 * ISO/IEC 7064 check character systems used by Chinese identifiers.
 * MOD 11-2 (pure, radix 2): the citizen ID number of GB 11643-1999.
 * MOD 37,36 (hybrid): the e-licence identifier of GB/T 36904-2018 (电子证照标识).
 */

/** Weights 2^(18-i) mod 11 for positions 1..17 (GB 11643-1999 §8.2). */
const MOD11_2_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const MOD11_2_CHECK = '10X98765432';

/** Check character for 17 decimal digits; callers ensure the input is exactly 17 digits. */
export function mod11_2Check(digits17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (digits17.charCodeAt(i) - 48) * (MOD11_2_WEIGHTS[i] ?? 0);
  return MOD11_2_CHECK.charAt(sum % 11);
}

const ALNUM36 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Hybrid MOD 37,36 over 0-9A-Z; returns the check character for `data` (all chars in 0-9A-Z). */
export function mod37_36Check(data: string): string {
  const m = 36;
  let p = m;
  for (const ch of data) {
    let s = (p + ALNUM36.indexOf(ch)) % m;
    if (s === 0) s = m;
    p = (s * 2) % (m + 1);
  }
  // The check character a makes (p + a) mod 36 = 1, the hybrid system's verification condition.
  return ALNUM36.charAt((((1 - p) % m) + m) % m);
}
