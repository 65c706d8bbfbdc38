/**
 * IntOrString, as upstream's k8s.io/apimachinery/pkg/util/intstr: a JSON number or string (`8080`, `"http"`,
 * `"25%"`), used for ports and for rolling-update and disruption-budget amounts.
 */
export type IntOrString = number | string;

export const isInt = (v: IntOrString | undefined): v is number => typeof v === 'number';
export const isString = (v: IntOrString | undefined): v is string => typeof v === 'string';

/** Parses a string as an int when it is one (`"80"` → 80), else keeps the string, as upstream's Parse. */
export function parseIntOrString(text: string): IntOrString {
  return /^-?[0-9]+$/.test(text) && Number.isSafeInteger(Number(text)) ? Number(text) : text;
}

/** `"25%"` → 25; undefined for a string that is not a whole percentage. */
export function percentValue(v: IntOrString | undefined): number | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^([0-9]+)%$/.exec(v);
  return m ? Number(m[1]) : undefined;
}

/**
 * Resolves an int or a percentage of `total`, as upstream's GetScaledValueFromIntOrPercent: 2 → 2; "25%" of 10 →
 * 2.5 → 3 when `roundUp`, else 2. Throws with upstream's messages for any other string.
 */
export function scaledValueFromIntOrPercent(v: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (v === undefined || v === null) throw new Error('nil value for IntOrString');
  if (typeof v === 'number') return v;
  const pct = percentValue(v);
  if (pct === undefined) {
    if (!v.endsWith('%')) throw new Error(`invalid type: string is not a percentage`);
    throw new Error(`invalid value for IntOrString: invalid value "${v}"`);
  }
  const scaled = (pct * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

export const intOrStringToString = (v: IntOrString): string => String(v);
