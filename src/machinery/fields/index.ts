/** Field selectors: parsing, matching, supported-field checks and the metadata.name fast path. */
export {
  FieldSelector,
  parseFieldSelector,
  checkSupportedFields,
  nameFromSelector,
  everythingFields,
  type FieldRequirement,
  type Fields,
} from './selector.js';
export { escapeValue, unescapeValue } from './escape.js';
