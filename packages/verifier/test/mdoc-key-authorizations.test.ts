import { describe, expect, it } from 'vitest';
import { unauthorisedDeviceElement } from '../src/mdoc/lib/device-key-authorizations.js';

const signed = (entries: [string, string[]][]) =>
  new Map(entries.map(([ns, ids]) => [ns, new Map(ids.map((id) => [id, true]))]));

describe('mdoc device-signed elements need keyAuthorizations (ISO/IEC 18013-5 §9.1.2.4)', () => {
  it('nothing device-signed: nothing to authorise', () => {
    expect(unauthorisedDeviceElement(new Map(), undefined)).toBeUndefined();
  });
  it('no keyAuthorizations: any device-signed element is refused', () => {
    expect(unauthorisedDeviceElement(signed([['org.iso.18013.5.1', ['age_over_18']]]), undefined)).toBe(
      'org.iso.18013.5.1/age_over_18',
    );
  });
  it('a whole namespace authorised', () => {
    const auth = new Map([['nameSpaces', ['org.iso.18013.5.1']]]);
    expect(unauthorisedDeviceElement(signed([['org.iso.18013.5.1', ['a', 'b']]]), auth)).toBeUndefined();
    expect(unauthorisedDeviceElement(signed([['cn.gov.mps.dl.1', ['status']]]), auth)).toBe(
      'cn.gov.mps.dl.1/status',
    );
  });
  it('single elements authorised', () => {
    const auth = new Map([['dataElements', new Map([['org.iso.18013.5.1', ['age_over_18']]])]]);
    expect(unauthorisedDeviceElement(signed([['org.iso.18013.5.1', ['age_over_18']]]), auth)).toBeUndefined();
    expect(
      unauthorisedDeviceElement(signed([['org.iso.18013.5.1', ['age_over_18', 'family_name']]]), auth),
    ).toBe('org.iso.18013.5.1/family_name');
  });
});
