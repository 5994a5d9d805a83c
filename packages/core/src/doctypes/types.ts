import type { z } from 'zod';

/** A bilingual display label: Simplified Chinese and English. */
export interface Label {
  readonly zh: string;
  readonly en: string;
}

/** ISO 3166-2 code of one of the four Yangtze River Delta regions. */
export type RegionCode = 'CN-SH' | 'CN-JS' | 'CN-ZJ' | 'CN-AH';

/** 准驾车型 codes of 公安部令第162号 (机动车驾驶证申领和使用规定, 2021), 附件 1. */
export type LicenceClass =
  | 'A1'
  | 'A2'
  | 'A3'
  | 'B1'
  | 'B2'
  | 'C1'
  | 'C2'
  | 'C3'
  | 'C4'
  | 'C5'
  | 'C6'
  | 'D'
  | 'E'
  | 'F'
  | 'M'
  | 'N'
  | 'P';

/** Identifiers of the Delta ID document types (naming rule: see `RESIDENT_EID_DOCTYPE` in resident-eid.ts). */
export type DocType = 'cn.gov.mps.eid.1' | 'cn.gov.mps.dl.1' | 'cn.gov.mps.vl.1';

/** Named element sets an issuer may sign as one compact credential. */
export type Purpose = 'full' | 'checkin' | 'age' | 'traffic';

/** Code lists an element of type `code` or `code-set` draws from. */
export type CodeListId =
  | 'sex'
  | 'ethnicity'
  | 'nationality'
  | 'driving-licence-status'
  | 'vehicle-type'
  | 'use-character';

/**
 * How an element's value is represented (in claims and, mapped by the compact format, on the wire).
 * - `tstr` text; `date` a civil date `YYYY-MM-DD`; `date-or-long-term` a date or the literal
 *   `'long-term'` (长期); `uint` a non-negative integer; `bool` a boolean;
 * - `code` one code of `codeList` (a number for `sex`, a string otherwise); `code-set` a string of
 *   one-letter codes such as `'BD'`; `classes` 准驾车型 concatenated as printed (`'C1E'`);
 * - `portrait` `{ media_type, data }`.
 */
export type ElementType =
  | 'tstr'
  | 'date'
  | 'date-or-long-term'
  | 'uint'
  | 'bool'
  | 'code'
  | 'code-set'
  | 'classes'
  | 'portrait';

/** Image formats accepted for a portrait. */
export type PortraitMediaType = 'image/jpeg' | 'image/jp2' | 'image/png';

/** A portrait element value. */
export interface Portrait {
  readonly media_type: PortraitMediaType;
  readonly data: Uint8Array;
}

/** The value of one element after validation. */
export type ElementValue = string | number | boolean | Portrait;

/** One element of a document type. */
export interface ElementDefinition {
  /** snake_case identifier, stable forever. */
  readonly id: string;
  /** Integer map key in the compact credential; unique within the document type, stable forever. */
  readonly key: number;
  readonly type: ElementType;
  readonly label: Label;
  /** Required in the issuer's input claims (always false for derived elements). */
  readonly required: boolean;
  /** Computed at issuance from other claims (e.g. `age_over_18`), never supplied by the issuer. */
  readonly derived: boolean;
  /** The code list of a `code` or `code-set` element. */
  readonly codeList?: CodeListId;
  /** Unit appended when the value is displayed. */
  readonly unit?: 'kg' | 'persons';
  /** Validates one element value on its own (format, code membership); cross-field rules live in the claims schema. */
  readonly schema: z.ZodType<ElementValue>;
}

/** Options of the claims schema factories. */
export interface ClaimsSchemaOptions {
  /**
   * The current time. When given, dates that cannot lie in the future (birth, first issue,
   * registration) are checked against it, as civil dates in China Standard Time (UTC+8).
   */
  readonly now?: Date;
}

/** A document type: its id, elements, purposes and the schema of the issuer's input claims. */
export interface DocTypeDefinition {
  readonly docType: DocType;
  readonly label: Label;
  /** Elements in ascending key order. */
  readonly elements: readonly ElementDefinition[];
  /** Element ids of each purpose this document type supports, in ascending key order. */
  readonly purposes: Readonly<Partial<Record<Purpose, readonly string[]>>>;
  /** Builds the zod schema of the issuer's input claims (strict: unknown claims are rejected). */
  readonly claimsSchema: (
    options?: ClaimsSchemaOptions,
  ) => z.ZodType<Readonly<Record<string, ElementValue | undefined>>>;
}
