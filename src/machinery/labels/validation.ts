/**
 * Label key and value syntax (upstream's IsQualifiedName / IsValidLabelValue / IsDNS1123Subdomain): the one
 * implementation lives in machinery/validation/names; selectors use it under these names.
 */
export {
  isQualifiedName as validateQualifiedName,
  isValidLabelValue as validateLabelValue,
  isDNS1123Subdomain as validateDNS1123Subdomain,
} from '../validation/names.js';
