/**
 * Node selectors and node affinity (upstream's component-helpers/scheduling/corev1/nodeaffinity), parsed once and
 * matched many times (the scheduler matches one pod against thousands of nodes).
 *
 * - The terms of a NodeSelector are ORed; the requirements inside one term (matchExpressions on labels and
 *   matchFields on fields) are ANDed. A term with no requirements matches nothing; so does a selector with no terms.
 * - matchExpressions take In/NotIn/Exists/DoesNotExist/Gt/Lt with upstream's label-requirement validation (In/NotIn
 *   need values, Exists/DoesNotExist none, Gt/Lt one integer). matchFields take In/NotIn with exactly one value;
 *   the only field a node has is `metadata.name` (any other key reads as '').
 * - Field requirements are checked only when the node has a name (upstream: a node object built from labels alone,
 *   as PV node affinity checks do, skips them).
 * - Parsing is lazy about errors (upstream's LazyErrorNodeSelector): an invalid term matches nothing, the others
 *   still match, and the errors are kept for whoever wants to report them. `parseStrict` throws instead.
 */
import type { Node, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, Pod, PreferredSchedulingTerm } from 'kubernetes-types/core/v1.js';
import {
  aggregate,
  matchesRequirement,
  newRequirement,
  requirementErrors,
  type Operator,
  type Requirement,
} from '../../../../machinery/labels/requirement.js';

/** The one field selector key a node supports (metav1.ObjectNameField). */
export const OBJECT_NAME_FIELD = 'metadata.name';

type Labels = Readonly<Record<string, string>>;
type N = Readonly<Node>;

const LABEL_OPERATORS = new Map<string, Operator>([
  ['In', 'in'],
  ['NotIn', 'notin'],
  ['Exists', 'exists'],
  ['DoesNotExist', '!'],
  ['Gt', 'gt'],
  ['Lt', 'lt'],
]);

interface FieldRequirement {
  readonly key: string;
  readonly notIn: boolean;
  readonly value: string;
}

/** One parsed term; an absent part is not checked. */
interface ParsedTerm {
  readonly labels?: readonly Requirement[];
  readonly fields?: readonly FieldRequirement[];
}

const isEmptyTerm = (t: Readonly<NodeSelectorTerm> | undefined): boolean =>
  !t || ((t.matchExpressions?.length ?? 0) === 0 && (t.matchFields?.length ?? 0) === 0);

function parseLabelRequirements(reqs: readonly NodeSelectorRequirement[], path: string, errs: string[]): Requirement[] {
  const out: Requirement[] = [];
  reqs.forEach((r, i) => {
    const p = `${path}[${i}]`;
    const op = LABEL_OPERATORS.get(r.operator);
    if (!op) {
      errs.push(`${p}.operator: Unsupported value: ${JSON.stringify(r.operator)}`);
      return;
    }
    const values = r.values ?? [];
    const e = requirementErrors(r.key, op, values);
    if (e.length > 0) errs.push(...e.map((m) => `${p}.${m}`));
    else out.push(newRequirement(r.key, op, values));
  });
  return out;
}

function parseFieldRequirements(reqs: readonly NodeSelectorRequirement[], path: string, errs: string[]): FieldRequirement[] {
  const out: FieldRequirement[] = [];
  reqs.forEach((r, i) => {
    const p = `${path}[${i}]`;
    if (r.operator !== 'In' && r.operator !== 'NotIn') {
      errs.push(`${p}.operator: Unsupported value: ${JSON.stringify(r.operator)}: supported values: "In", "NotIn"`);
    } else if (r.values?.length !== 1) {
      errs.push(`${p}.values: Invalid value: ${JSON.stringify(r.values ?? [])}: must have one element`);
    } else {
      out.push({ key: r.key, notIn: r.operator === 'NotIn', value: r.values[0]! });
    }
  });
  return out;
}

/** Parses a non-empty term; undefined (and errors pushed) when any requirement is invalid. */
function parseTerm(term: Readonly<NodeSelectorTerm>, path: string, errs: string[]): ParsedTerm | undefined {
  const before = errs.length;
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  const parsed: ParsedTerm = {
    ...(exprs.length > 0 ? { labels: parseLabelRequirements(exprs, `${path}.matchExpressions`, errs) } : {}),
    ...(fields.length > 0 ? { fields: parseFieldRequirements(fields, `${path}.matchFields`, errs) } : {}),
  };
  return errs.length === before ? parsed : undefined;
}

function matchTerm(t: ParsedTerm, labels: Labels, name: string): boolean {
  if (t.labels) for (const r of t.labels) if (!matchesRequirement(r, labels)) return false;
  if (t.fields && name) {
    for (const f of t.fields) {
      const v = f.key === OBJECT_NAME_FIELD ? name : '';
      if ((v === f.value) === f.notIn) return false;
    }
  }
  return true;
}

const nodeLabels = (node: N): Labels => node.metadata?.labels ?? {};
const nodeName = (node: N): string => node.metadata?.name ?? '';

/** A parsed NodeSelector (required terms). */
export class NodeSelectorMatcher {
  private constructor(
    private readonly terms: readonly ParsedTerm[],
    /** Parse errors of the invalid terms (they match nothing). */
    readonly errors: readonly string[],
  ) {}

  /** Lazy parsing: invalid terms are dropped and reported in `errors`. */
  static parse(sel: Readonly<NodeSelector>): NodeSelectorMatcher {
    const errs: string[] = [];
    const terms: ParsedTerm[] = [];
    sel.nodeSelectorTerms.forEach((t, i) => {
      if (isEmptyTerm(t)) return;
      const parsed = parseTerm(t, `nodeSelectorTerms[${i}]`, errs);
      if (parsed) terms.push(parsed);
    });
    return new NodeSelectorMatcher(terms, errs);
  }

  /** Like parse, but any invalid term throws (upstream's NewNodeSelector), e.g. for scheduler plugin args. */
  static parseStrict(sel: Readonly<NodeSelector>): NodeSelectorMatcher {
    const m = NodeSelectorMatcher.parse(sel);
    if (m.errors.length > 0) throw new Error(aggregate(m.errors));
    return m;
  }

  match(node: N): boolean {
    return this.matchLabels(nodeLabels(node), nodeName(node));
  }

  /** Matches labels alone (field requirements skipped) or labels and a node name. */
  matchLabels(labels: Labels, name = ''): boolean {
    for (const t of this.terms) if (matchTerm(t, labels, name)) return true;
    return false;
  }
}

/** Whether the node matches the selector's terms (upstream's MatchNodeSelectorTerms; parse errors → no match). */
export const matchNodeSelectorTerms = (node: N, sel: Readonly<NodeSelector>): boolean => NodeSelectorMatcher.parse(sel).match(node);

/**
 * A pod's hard node constraints: spec.nodeSelector (exact label values) AND
 * affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution (upstream's RequiredNodeAffinity).
 */
export class RequiredNodeAffinity {
  private readonly selector: readonly (readonly [string, string])[];
  /** Undefined when the pod has no required node affinity. */
  readonly affinity: NodeSelectorMatcher | undefined;

  constructor(pod: Readonly<Pod>) {
    this.selector = Object.entries(pod.spec?.nodeSelector ?? {});
    const req = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    this.affinity = req ? NodeSelectorMatcher.parse(req) : undefined;
  }

  match(node: N): boolean {
    const labels = nodeLabels(node);
    for (const [k, v] of this.selector) if (!Object.prototype.hasOwnProperty.call(labels, k) || labels[k] !== v) return false;
    return this.affinity ? this.affinity.match(node) : true;
  }
}

export const getRequiredNodeAffinity = (pod: Readonly<Pod>): RequiredNodeAffinity => new RequiredNodeAffinity(pod);

/**
 * Weighted preferred terms (upstream's PreferredSchedulingTerms): a node scores the sum of the weights of the terms
 * it matches. Terms with weight 0 or no requirements are ignored; any invalid term makes parsing throw.
 */
export class PreferredSchedulingTerms {
  private constructor(private readonly terms: readonly { weight: number; term: ParsedTerm }[]) {}

  static parse(terms: readonly Readonly<PreferredSchedulingTerm>[]): PreferredSchedulingTerms {
    const { parsed, errors } = PreferredSchedulingTerms.tryParse(terms);
    if (!parsed) throw new Error(aggregate(errors));
    return parsed;
  }

  /** Parses, or reports every error with its path (`[i].matchExpressions[j]…`). */
  static tryParse(terms: readonly Readonly<PreferredSchedulingTerm>[]): { parsed?: PreferredSchedulingTerms; errors: string[] } {
    const errors: string[] = [];
    const parsed: { weight: number; term: ParsedTerm }[] = [];
    terms.forEach((t, i) => {
      if (!t.weight || isEmptyTerm(t.preference)) return;
      const term = parseTerm(t.preference, `[${i}]`, errors);
      if (term) parsed.push({ weight: t.weight, term });
    });
    return errors.length > 0 ? { errors } : { parsed: new PreferredSchedulingTerms(parsed), errors };
  }

  score(node: N): number {
    const labels = nodeLabels(node);
    const name = nodeName(node);
    let sum = 0;
    for (const t of this.terms) if (matchTerm(t.term, labels, name)) sum += t.weight;
    return sum;
  }
}
