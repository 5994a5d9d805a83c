export {
  createDocumentSignerCertificate,
  type DocumentSignerCertificateInput,
  MDL_DS_EKU,
} from './create-document-signer-certificate.js';
export { createIacaCertificate, type IacaCertificateInput } from './create-iaca-certificate.js';
export { CN_DL_NAMESPACE, issueMdl, type MdlClaims } from './issue-mdl.js';
export { type IssuedMdoc, type IssueMdocContext, type IssueMdocInput, issueMdoc } from './issue-mdoc.js';
export {
  CN_EID_NAMESPACE,
  EID_MDOC_CHECKIN,
  EID_MDOC_DOCTYPE,
  EID_MDOC_ELEMENTS,
  ISO_23220_NAMESPACE,
  issueMdocEid,
} from './issue-mdoc-eid.js';
export type { CertificateName } from './types.js';
