/** Label selectors: parsing, matching, metav1.LabelSelector conversion and printing. */
export { parseSelector } from './parser.js';
export { Selector, everything, nothing, selectorFromSet, type Labels } from './selector.js';
export { newRequirement, matchesRequirement, requirementString, type Operator, type Requirement } from './requirement.js';
export { labelSelectorAsSelector, labelSelectorAsString, formatLabelSelector } from './label-selector.js';
export { formatLabels } from './format.js';
export { validateQualifiedName, validateLabelValue, validateDNS1123Subdomain } from './validation.js';
