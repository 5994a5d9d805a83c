import { DeltaIdError } from '../errors.js';
import { completedYears, cstDate, parseIsoDate } from './lib/dates.js';

/** Derived age elements, as ISO 18013-5 `age_over_NN`. */
export interface AgeElements {
  readonly age_over_18: boolean;
  readonly age_over_60: boolean;
}

/**
 * Computes `age_over_18` and `age_over_60` at issuance, so an age check discloses neither the
 * birth date nor the ID number. A person born on 29 February reaches an age on 1 March in common
 * years. The civil-law reading that an age is reached the day after the birthday (民法典 第二百零一条)
 * is stricter by one day; the ISO 18013-5 reading (on the birthday) is used for interoperability.
 *
 * @param birthDate - `YYYY-MM-DD`.
 * @param on - the issuance instant (its date in China Standard Time is used) or a `YYYY-MM-DD` date.
 * @returns both booleans.
 * @throws DeltaIdError `ERR_INVALID_ARGUMENT` when a date is invalid.
 * @example deriveAgeElements('2006-05-01', '2024-05-01') // { age_over_18: true, age_over_60: false }
 * @see ISO/IEC 18013-5:2021 §7.2.5 (age attestation)
 */
export function deriveAgeElements(birthDate: string, on: Date | string): AgeElements {
  const onDate = typeof on === 'string' ? on : Number.isNaN(on.getTime()) ? '' : cstDate(on);
  if (!parseIsoDate(birthDate) || !parseIsoDate(onDate)) {
    throw new DeltaIdError('ERR_INVALID_ARGUMENT', 'birthDate and on must be valid dates', {
      details: { field: 'birth_date' },
    });
  }
  const years = completedYears(birthDate, onDate);
  return { age_over_18: years >= 18, age_over_60: years >= 60 };
}
