/*
 * zod schemas of single element values. Each runs one of our validators so that every message
 * names the field and never echoes the value; zod only carries the result. Cross-field rules
 * (ID number ↔ birth date, validity order, "not in the future") live in the claims schemas.
 */
import { z } from 'zod';
import { DeltaIdError } from '../../errors.js';
import { parseLicenceClasses } from '../parse-licence-classes.js';
import type { ElementDefinition, ElementValue, Label, Portrait, PortraitMediaType } from '../types.js';
import { validateDate } from '../validate-date.js';
import { claimsError } from './fail.js';
import type { DocTypeLayout } from './layouts.js';

/** A schema that accepts anything, runs `check` and reports its DeltaIdError as one issue. */
export function checked<T>(check: (value: unknown) => T): z.ZodType<T> {
  return z.unknown().transform((value, ctx): T => {
    try {
      return check(value);
    } catch (err) {
      if (!(err instanceof DeltaIdError)) throw err;
      ctx.addIssue({ code: 'custom', message: err.message, input: value });
      return z.NEVER;
    }
  });
}

function present(field: string, value: unknown): void {
  if (value === undefined || value === null) throw claimsError(field, 'is required');
}

/** A required element checked by one of the public validators (which name the field themselves). */
export function validated<T>(field: string, validate: (value: unknown) => T): z.ZodType<T> {
  return checked((v) => {
    present(field, v);
    return validate(v);
  });
}

// Control characters, and also line/paragraph separators, would let a value spoof a display layout.
const FORBIDDEN_CHARS = /[\p{Cc}\u2028\u2029]/u;

/** Printable text of 1..max code points, without surrounding white space. */
export function text(field: string, max: number): z.ZodType<string> {
  return checked((v) => {
    present(field, v);
    if (typeof v !== 'string') throw claimsError(field, 'must be text');
    const length = Array.from(v).length;
    if (length === 0 || length > max) throw claimsError(field, `must be 1 to ${max} characters`);
    if (FORBIDDEN_CHARS.test(v)) throw claimsError(field, 'must not contain control characters');
    if (v.trim() !== v) throw claimsError(field, 'must not start or end with white space');
    return v;
  });
}

/** Text matching a pattern; `what` describes the expected shape in the message. */
export function pattern(field: string, re: RegExp, what: string): z.ZodType<string> {
  return checked((v) => {
    present(field, v);
    if (typeof v !== 'string' || !re.test(v)) throw claimsError(field, `must be ${what}`);
    return v;
  });
}

export function date(field: string): z.ZodType<string> {
  return checked((v) => {
    present(field, v);
    return validateDate(v, { field });
  });
}

export const LONG_TERM = 'long-term';

/** A date or 'long-term' (长期). */
export function dateOrLongTerm(field: string): z.ZodType<string> {
  return checked((v) => {
    present(field, v);
    return v === LONG_TERM ? v : validateDate(v, { field });
  });
}

export function uint(field: string, max: number): z.ZodType<number> {
  return checked((v) => {
    present(field, v);
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || v > max) {
      throw claimsError(field, `must be an integer from 0 to ${max}`);
    }
    return v;
  });
}

export function bool(field: string): z.ZodType<boolean> {
  return checked((v) => {
    present(field, v);
    if (typeof v !== 'boolean') throw claimsError(field, 'must be true or false');
    return v;
  });
}

export function numericCode(field: string, list: ReadonlyMap<number, Label>): z.ZodType<number> {
  return checked((v) => {
    present(field, v);
    if (typeof v !== 'number' || !list.has(v))
      throw claimsError(field, `must be one of ${[...list.keys()].join(', ')}`);
    return v;
  });
}

export function stringCode(field: string, list: ReadonlyMap<string, Label>): z.ZodType<string> {
  return checked((v) => {
    present(field, v);
    if (typeof v !== 'string' || !list.has(v)) throw claimsError(field, 'is not a known code');
    return v;
  });
}

/**
 * A set of one-letter codes written as one string ('A', 'BD'): known letters, each once.
 * `alone` is a code that cannot be combined (正常 with any other status is a contradiction).
 */
export function codeSet(field: string, list: ReadonlyMap<string, Label>, alone: string): z.ZodType<string> {
  return checked((v) => {
    present(field, v);
    if (typeof v !== 'string' || v.length === 0 || v.length > list.size) {
      throw claimsError(field, 'must be a non-empty string of status letters');
    }
    const letters = v.split('');
    if (!letters.every((l) => list.has(l))) throw claimsError(field, 'contains an unknown status code');
    if (new Set(letters).size !== letters.length) throw claimsError(field, 'lists a status code twice');
    if (letters.length > 1 && letters.includes(alone)) {
      throw claimsError(field, `code ${alone} cannot be combined with other codes`);
    }
    return v;
  });
}

/** 准驾车型, normalised to printing order ('EC1' → 'C1E'). */
export function classes(field: string): z.ZodType<string> {
  return checked((v) => {
    present(field, v);
    return parseLicenceClasses(v, { field }).join('');
  });
}

/** Largest portrait accepted: ID-card chip photos are ~1 KiB (JPEG 2000), e-licence photos ~20 KiB. */
export const MAX_PORTRAIT_BYTES = 64 * 1024;

/** Leading bytes of each accepted image format; JPEG 2000 as JP2 box file or raw codestream. */
const MAGIC: Readonly<Record<PortraitMediaType, readonly (readonly number[])[]>> = {
  'image/jpeg': [[0xff, 0xd8, 0xff]],
  'image/png': [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  'image/jp2': [
    [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20],
    [0xff, 0x4f, 0xff, 0x51],
  ],
};

function isMediaType(v: unknown): v is PortraitMediaType {
  return typeof v === 'string' && Object.hasOwn(MAGIC, v);
}

export function portrait(field: string): z.ZodType<Portrait> {
  return checked((v): Portrait => {
    present(field, v);
    if (typeof v !== 'object' || v === null) throw claimsError(field, 'must be { media_type, data }');
    const keys = Object.keys(v);
    if (keys.length !== 2 || !keys.includes('media_type') || !keys.includes('data')) {
      throw claimsError(field, 'must be { media_type, data }');
    }
    const mediaType: unknown = Reflect.get(v, 'media_type');
    const data: unknown = Reflect.get(v, 'data');
    if (!isMediaType(mediaType))
      throw claimsError(field, 'media_type must be image/jpeg, image/jp2 or image/png');
    if (!(data instanceof Uint8Array) || data.length === 0 || data.length > MAX_PORTRAIT_BYTES) {
      throw claimsError(field, `data must be 1 to ${MAX_PORTRAIT_BYTES} bytes`);
    }
    if (!MAGIC[mediaType].some((m) => m.every((b, i) => data[i] === b))) {
      throw claimsError(field, `data is not a ${mediaType} image`);
    }
    return { media_type: mediaType, data };
  });
}

/**
 * Builds a document type's element definitions from its wire layout (layouts.ts), adding each element's label and
 * schema, so keys and types are written once and the verifier can use the layout without zod.
 */
export function defineElements(
  layout: DocTypeLayout,
  labels: Readonly<Record<string, Label>>,
  schemas: Readonly<Record<string, z.ZodType<ElementValue>>>,
): ElementDefinition[] {
  return layout.elements.map((e) => {
    const label = labels[e.id];
    const schema = schemas[e.id];
    // A programming error in this package, caught by the registry tests at import time.
    if (label === undefined || schema === undefined)
      throw new Error(`${layout.docType}: ${e.id} lacks a label or schema`);
    return { ...e, label, schema };
  });
}
