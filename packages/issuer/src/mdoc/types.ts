/** A distinguished name as ISO/IEC 18013-5 Annex B profiles it (C mandatory; ST for the region). */
export interface CertificateName {
  /** ISO 3166-1 alpha-2, e.g. `CN`. */
  readonly country: string;
  /** ISO 3166-2 subdivision, e.g. `CN-SH`. */
  readonly stateOrProvince?: string;
  readonly organization?: string;
  readonly commonName: string;
}
