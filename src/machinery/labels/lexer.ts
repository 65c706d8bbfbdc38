/**
 * Tokens of the label selector grammar. An identifier is any run of characters that are neither whitespace nor
 * one of `!=(),<>`; `in` and `notin` are keywords only where an operator may stand (the parser decides).
 */
export type TokenType = 'id' | 'in' | 'notin' | '!' | '!=' | '=' | '==' | '(' | ')' | ',' | '>' | '<' | 'end';

export interface Token {
  type: TokenType;
  literal: string;
}

const SYMBOLS = new Set(['!', '!=', '=', '==', '(', ')', ',', '>', '<']);
const isSpecial = (ch: string): boolean => '!=(),<>'.includes(ch);
const isSpace = (ch: string): boolean => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';

/** Every special character is a one-character token, and `!=`/`==` are the two-character ones. */
function scanSymbol(input: string, pos: number): [Token, number] {
  const two = input.slice(pos, pos + 2);
  if (two.length === 2 && SYMBOLS.has(two)) return [{ type: two as TokenType, literal: two }, pos + 2];
  const one = input[pos]!;
  return [{ type: one as TokenType, literal: one }, pos + 1];
}

function scanIdentifier(input: string, pos: number): [Token, number] {
  let end = pos;
  while (end < input.length && !isSpace(input[end]!) && !isSpecial(input[end]!)) end++;
  const literal = input.slice(pos, end);
  const type: TokenType = literal === 'in' ? 'in' : literal === 'notin' ? 'notin' : 'id';
  return [{ type, literal }, end];
}

/** Splits a selector into tokens, ending with one `end` token (literal ""). */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  while (pos < input.length) {
    const ch = input[pos]!;
    if (isSpace(ch)) {
      pos++;
      continue;
    }
    const [tok, next] = isSpecial(ch) ? scanSymbol(input, pos) : scanIdentifier(input, pos);
    tokens.push(tok);
    pos = next;
  }
  tokens.push({ type: 'end', literal: '' });
  return tokens;
}
