/**
 * Field selectors (`?fieldSelector=`), as upstream's k8s.io/apimachinery/pkg/fields: the AND of `field=value`
 * (or `==`) and `field!=value` terms over a flat map of field values, e.g. `metadata.name=web,status.phase!=Failed`.
 * A field missing from the map has the value "".
 */
import { newBadRequest } from '../errors/status.js';
import { escapeValue, splitTerm, splitTerms, unescapeValue } from './escape.js';

export interface FieldRequirement {
  readonly field: string;
  readonly operator: '=' | '!=';
  readonly value: string;
}

export type Fields = Readonly<Record<string, string>>;

export class FieldSelector {
  constructor(readonly requirements: readonly FieldRequirement[]) {}

  static readonly EVERYTHING = new FieldSelector([]);

  matches(fields: Fields): boolean {
    return this.requirements.every((r) => ((fields[r.field] ?? '') === r.value) === (r.operator === '='));
  }

  isEverything(): boolean {
    return this.requirements.length === 0;
  }

  /** The distinct field names the selector reads, in order (for "field label not supported" checks). */
  requiredFields(): string[] {
    return [...new Set(this.requirements.map((r) => r.field))];
  }

  /** The value `field` must equal, when some `=` term pins it (e.g. `metadata.name` for a GET fast path). */
  requiresExactMatch(field: string): string | undefined {
    return this.requirements.find((r) => r.field === field && r.operator === '=')?.value;
  }

  /** Canonical text: terms sorted, `==` printed as `=`, values escaped. */
  toString(): string {
    return this.requirements.map((r) => `${r.field}${r.operator}${escapeValue(r.value)}`).join(',');
  }
}

export const everythingFields = (): FieldSelector => FieldSelector.EVERYTHING;

function parseTerm(selector: string, term: string): FieldRequirement {
  const parts = splitTerm(term);
  if (parts === undefined) throw new Error(`invalid selector: '${selector}'; can't understand '${term}'`);
  const [field, op, raw] = parts;
  return { field, operator: op === '!=' ? '!=' : '=', value: unescapeValue(raw) };
}

/** Parses a field selector; `""` selects everything. Throws a 400 BadRequest Status with upstream's message. */
export function parseFieldSelector(selector: string): FieldSelector {
  const terms = splitTerms(selector)
    .filter((t) => t !== '')
    .sort();
  try {
    return new FieldSelector(terms.map((t) => parseTerm(selector, t)));
  } catch (e) {
    throw newBadRequest((e as Error).message);
  }
}

/** Throws 400 `field label not supported: <f>` for the first field outside `supported`. */
export function checkSupportedFields(sel: FieldSelector, supported: Iterable<string>): void {
  const allowed = new Set(supported);
  const bad = sel.requiredFields().find((f) => !allowed.has(f));
  if (bad !== undefined) throw newBadRequest(`field label not supported: ${bad}`);
}

/** The single name a selector pins with `metadata.name=x`, for list-by-name fast paths. */
export const nameFromSelector = (sel: FieldSelector): string | undefined => sel.requiresExactMatch('metadata.name');
