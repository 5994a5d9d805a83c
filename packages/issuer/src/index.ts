// @deltaid/issuer — explicit export list (STYLE.md item 3). Each area keeps its own index; add names here.

export {
  type IssueCompactContext,
  type IssueCompactInput,
  type IssuedCompact,
  type IssuerIdentity,
  issueCompact,
} from './issue-compact.js';
export {
  type CertificateName,
  CN_DL_NAMESPACE,
  CN_EID_NAMESPACE,
  createDocumentSignerCertificate,
  createIacaCertificate,
  type DocumentSignerCertificateInput,
  EID_MDOC_CHECKIN,
  EID_MDOC_DOCTYPE,
  EID_MDOC_ELEMENTS,
  type IacaCertificateInput,
  ISO_23220_NAMESPACE,
  type IssuedMdoc,
  type IssueMdocContext,
  type IssueMdocInput,
  issueMdl,
  issueMdoc,
  issueMdocEid,
  MDL_DS_EKU,
  type MdlClaims,
} from './mdoc/index.js';
export {
  createFileStatusListStorage,
  createMemoryStatusListStorage,
  createStatusListManager,
  type PublishedStatusList,
  type StatusListInfo,
  type StatusListManager,
  type StatusListManagerOptions,
  type StatusListRecord,
  type StatusListStorage,
  type StatusReference,
} from './status/index.js';
