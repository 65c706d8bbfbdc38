/**
 * Escaping of field selector values, as upstream's fields.EscapeValue/UnescapeValue: `\` `,` and `=` are written
 * `\\` `\,` `\=`; any other escape, or a bare `,`/`=` inside a value, is an error.
 */
export function escapeValue(value: string): string {
  return value.replace(/[\\,=]/g, (c) => `\\${c}`);
}

/** Reverses escapeValue; throws an Error with upstream's message on malformed input. */
export function unescapeValue(value: string): string {
  if (!/[\\,=]/.test(value)) return value;
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\') {
      const n = value[i + 1];
      if (n !== '\\' && n !== ',' && n !== '=') {
        throw new Error(`invalid field selector: invalid escape sequence: \\${n ?? ''}`);
      }
      out += n;
      i++;
    } else if (c === ',' || c === '=') {
      throw new Error(`invalid field selector: unescaped character in value: ${c}`);
    } else {
      out += c;
    }
  }
  return out;
}

/** Splits on commas that are not escaped (a backslash escapes the next character). */
export function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let start = 0;
  for (let i = 0; i < selector.length; i++) {
    if (selector[i] === '\\') i++;
    else if (selector[i] === ',') {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

const TERM_OPERATORS = ['!=', '==', '='] as const;
export type TermOperator = (typeof TERM_OPERATORS)[number];

/** Splits one term at its first unescaped operator; undefined when it has none. */
export function splitTerm(term: string): [string, TermOperator, string] | undefined {
  for (let i = 0; i < term.length; i++) {
    if (term[i] === '\\') {
      i++;
      continue;
    }
    const op = TERM_OPERATORS.find((o) => term.startsWith(o, i));
    if (op !== undefined) return [term.slice(0, i), op, term.slice(i + op.length)];
  }
  return undefined;
}
