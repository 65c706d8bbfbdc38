/**
 * Computing strategic merge patches on the client side (upstream's apimachinery strategicpatch, the diff half; the
 * API server applies them in src/apiserver/patch).
 */
export { createTwoWayMergePatch, DELETE_FROM_PRIMITIVE_LIST, RETAIN_KEYS, SET_ELEMENT_ORDER } from './two-way.js';
