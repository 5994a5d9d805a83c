/**
 * ISO/IEC 18013-5:2021 §9.1.2.4 KeyAuthorizations = { ? "nameSpaces": [+ NameSpace],
 *   ? "dataElements": { + NameSpace => [+ DataElementIdentifier] } }.
 */

/** The first device-signed element the MSO's keyAuthorizations does not cover, as `namespace/element`. */
export function unauthorisedDeviceElement(
  nameSpaces: ReadonlyMap<string, ReadonlyMap<string, unknown>>,
  authorizations: unknown,
): string | undefined {
  const auth = authorizations instanceof Map ? authorizations : new Map();
  const wholeNamespaces = auth.get('nameSpaces');
  const perElement = auth.get('dataElements');
  for (const [ns, elements] of nameSpaces) {
    if (Array.isArray(wholeNamespaces) && wholeNamespaces.includes(ns)) continue;
    const allowed = perElement instanceof Map ? perElement.get(ns) : undefined;
    for (const id of elements.keys()) {
      if (!Array.isArray(allowed) || !allowed.includes(id)) return `${ns}/${id}`;
    }
  }
  return undefined;
}
