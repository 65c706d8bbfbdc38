/**
 * metav1.LabelSelector validation (upstream's ValidateLabelSelector) and matching against a label set, which
 * workload validation needs to check that a selector selects its own template.
 */
import { invalid, forbidden, required, type ErrorList, type FieldPath } from './field.js';
import { isQualifiedName, isValidLabelValue } from './names.js';
import { validateLabels } from './objectmeta.js';
import { labelSelectorAsSelector } from '../labels/index.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';

export interface LabelSelectorRequirementLike {
  key: string;
  operator: string;
  values?: string[];
}

export interface LabelSelectorLike {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirementLike[];
}

function validateRequirement(r: LabelSelectorRequirementLike, path: FieldPath): ErrorList {
  const errs: ErrorList = [];
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(required(path.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errs.push(forbidden(path.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    default:
      errs.push(invalid(path.child('operator'), r.operator, 'not a valid selector operator'));
  }
  for (const msg of isQualifiedName(r.key ?? '')) errs.push(invalid(path.child('key'), r.key, msg));
  values.forEach((v, i) => {
    for (const msg of isValidLabelValue(v)) errs.push(invalid(path.child('values').index(i), v, msg));
  });
  return errs;
}

export function validateLabelSelector(sel: LabelSelectorLike | undefined, path: FieldPath): ErrorList {
  if (!sel) return [];
  const errs = validateLabels(sel.matchLabels, path.child('matchLabels'));
  (sel.matchExpressions ?? []).forEach((r, i) => errs.push(...validateRequirement(r, path.child('matchExpressions').index(i))));
  return errs;
}

/** True when the selector has neither matchLabels nor matchExpressions (it then selects everything). */
export const isEmptySelector = (sel: LabelSelectorLike | undefined): boolean =>
  !sel || (Object.keys(sel.matchLabels ?? {}).length === 0 && (sel.matchExpressions ?? []).length === 0);

/**
 * Whether `labels` satisfy the selector; an empty or absent selector matches everything, an invalid one nothing
 * (validation reports why). Matching itself is machinery/labels'.
 */
export function selectorMatches(sel: LabelSelectorLike | undefined, labels: Record<string, string> | undefined): boolean {
  if (isEmptySelector(sel)) return true;
  try {
    return labelSelectorAsSelector(sel as LabelSelector).matches(labels ?? {});
  } catch {
    return false;
  }
}
