import type { ErrorCode, Label, RegionCode } from '@deltaid/core';
import type { Verifier } from '@deltaid/verifier';

/** A coded value and its bilingual label, e.g. sex `1` → 男 / male. */
export interface CodedLabel {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
}

/**
 * The guest registration record a hotel sends to the public-security registration system (旅馆业治安管理信息系统):
 * the identity fields of the resident e-ID, where it was issued, and when this desk verified it.
 */
export interface GuestRecord {
  /** 姓名 */
  readonly name: string;
  /** 性别 (GB/T 2261.1) */
  readonly sex: CodedLabel;
  /** 民族 (GB/T 3304) */
  readonly ethnicity: CodedLabel;
  /** 出生日期, `YYYY-MM-DD` */
  readonly birthDate: string;
  /** 公民身份号码 (18 characters, GB 11643) */
  readonly idNumber: string;
  /** 住址 */
  readonly address: string;
  /** 签发地区: the region whose trust list names the issuer (ISO 3166-2 code and names). */
  readonly issuingRegion: CodedLabel & { readonly code: RegionCode };
  /** 签发机关 as the trust list names it. */
  readonly issuer: Label;
  /** 核验时间: this desk's clock when it verified the code, ISO 8601 UTC. */
  readonly verifiedAt: string;
}

/** Why a code was refused: a stable code and what the clerk tells the guest, in both languages. */
export interface Refusal {
  readonly code: ErrorCode;
  readonly message: Label;
  /** Technical detail for the log; never personal data. */
  readonly detail?: string;
}

/** The outcome of one check-in: the record, or the refusal. */
export type CheckInOutcome =
  | { readonly accepted: true; readonly record: GuestRecord }
  | { readonly accepted: false; readonly refusal: Refusal };

/** A front desk ready to verify: the verifier built from the cached files and the desk's clock. */
export interface Desk {
  readonly verifier: Verifier;
  /** Milliseconds since the epoch. */
  readonly clock: () => number;
  /** Regions whose signed trust lists verified. */
  readonly regions: readonly RegionCode[];
  /** Status list tokens loaded. */
  readonly statusLists: number;
  /** Cached files that did not verify and were ignored (file name and reason). */
  readonly ignored: readonly string[];
}
