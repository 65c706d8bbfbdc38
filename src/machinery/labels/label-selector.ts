/**
 * metav1.LabelSelector (matchLabels + matchExpressions) as a Selector, as upstream's LabelSelectorAsSelector:
 * a missing selector selects nothing, an empty one everything; its canonical text is the Selector's toString().
 */
import type { LabelSelector, LabelSelectorRequirement } from 'kubernetes-types/meta/v1.js';
import { newRequirement, type Operator, type Requirement } from './requirement.js';
import { Selector } from './selector.js';

const EXPRESSION_OPERATORS: Readonly<Record<string, Operator>> = {
  In: 'in',
  NotIn: 'notin',
  Exists: 'exists',
  DoesNotExist: '!',
};

function expressionRequirement(expr: LabelSelectorRequirement): Requirement {
  const op = EXPRESSION_OPERATORS[expr.operator];
  if (op === undefined) throw new Error(`${JSON.stringify(expr.operator)} is not a valid label selector operator`);
  return newRequirement(expr.key, op, expr.values ?? []);
}

/** Converts, validating every key and value; throws an Error with upstream's message when invalid. */
export function labelSelectorAsSelector(ls: LabelSelector | null | undefined): Selector {
  if (ls === null || ls === undefined) return Selector.NOTHING;
  const labels = Object.entries(ls.matchLabels ?? {});
  const exprs = ls.matchExpressions ?? [];
  if (labels.length === 0 && exprs.length === 0) return Selector.EVERYTHING;
  const reqs = labels.map(([k, v]) => newRequirement(k, '=', [v]));
  return Selector.of(reqs.concat(exprs.map(expressionRequirement)));
}

/** The canonical string (`app=web,tier in (a,b)`); `""` for both everything and nothing. */
export function labelSelectorAsString(ls: LabelSelector | null | undefined): string {
  return labelSelectorAsSelector(ls).toString();
}

/** Upstream's FormatLabelSelector for table cells: the string, `<none>` when empty, `<error>` when invalid. */
export function formatLabelSelector(ls: LabelSelector | null | undefined): string {
  let text: string;
  try {
    text = labelSelectorAsString(ls);
  } catch {
    return '<error>';
  }
  return text === '' ? '<none>' : text;
}
