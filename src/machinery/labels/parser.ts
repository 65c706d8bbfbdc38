/**
 * Parses the label selector grammar of `?labelSelector=` (upstream's labels.Parse):
 *
 *   selector    := "" | requirement ("," requirement)*
 *   requirement := "!" key | key | key ("=" | "==" | "!=") value? | key ("in" | "notin") "(" values ")"
 *                | key (">" | "<") integer
 *
 * Errors throw a 400 BadRequest Status whose message is upstream's, e.g.
 * `unable to parse requirement: found '', expected: identifier after '!'`.
 */
import { newBadRequest } from '../errors/status.js';
import { newRequirement, type Operator, type Requirement } from './requirement.js';
import { Selector } from './selector.js';
import { tokenize, type Token } from './lexer.js';

const BINARY_OPERATORS = 'in, notin, =, ==, !=, gt, lt';

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(): Token {
    return this.tokens[this.pos]!;
  }

  /** In value position the keywords `in`/`notin` are plain identifiers. */
  next(asValue = false): Token {
    const tok = this.tokens[this.pos]!;
    if (tok.type !== 'end') this.pos++;
    return asValue && (tok.type === 'in' || tok.type === 'notin') ? { type: 'id', literal: tok.literal } : tok;
  }

  peekValue(): Token {
    const tok = this.peek();
    return tok.type === 'in' || tok.type === 'notin' ? { type: 'id', literal: tok.literal } : tok;
  }
}

const fail = (literal: string, expected: string): never => {
  throw new Error(`found '${literal}', expected: ${expected}`);
};

function parseOperator(p: Parser): Operator {
  const tok = p.next();
  switch (tok.type) {
    case '=':
    case '==':
    case '!=':
    case 'in':
    case 'notin':
      return tok.type;
    case '>':
      return 'gt';
    case '<':
      return 'lt';
    default:
      return fail(tok.literal, BINARY_OPERATORS);
  }
}

function parseExactValue(p: Parser): string[] {
  const ahead = p.peekValue();
  if (ahead.type === 'end' || ahead.type === ',') return [''];
  const tok = p.next(true);
  return tok.type === 'id' ? [tok.literal] : fail(tok.literal, 'identifier');
}

/** `(a,b)`; empty members (`(a,)`, `(,a)`, `(a,,b)`) stand for the empty value, as upstream. */
function parseValueSet(p: Parser): string[] {
  const open = p.next();
  if (open.type !== '(') fail(open.literal, "'('");
  const values: string[] = [];
  if (p.peek().type === ')') {
    p.next();
    return values;
  }
  let expectValue = true;
  for (;;) {
    const tok = p.next(true);
    if (tok.type === ')' && !expectValue) return values;
    if (tok.type === ')' || tok.type === ',') {
      if (expectValue) values.push('');
      if (tok.type === ')') return values;
      expectValue = true;
    } else if (tok.type === 'id' && expectValue) {
      values.push(tok.literal);
      expectValue = false;
    } else {
      fail(tok.literal, expectValue ? "',', ')' or identifier" : "',' or ')'");
    }
  }
}

function parseRequirement(p: Parser): Requirement {
  const first = p.next();
  if (first.type === '!') {
    const key = p.next();
    if (key.type !== 'id') fail(key.literal, "identifier after '!'");
    return newRequirement(key.literal, '!', []);
  }
  if (first.type !== 'id') fail(first.literal, 'identifier');
  const ahead = p.peek().type;
  if (ahead === 'end' || ahead === ',') return newRequirement(first.literal, 'exists', []);
  const op = parseOperator(p);
  const values = op === 'in' || op === 'notin' ? parseValueSet(p) : parseExactValue(p);
  return newRequirement(first.literal, op, values);
}

function parseAll(p: Parser): Requirement[] {
  const reqs: Requirement[] = [];
  for (;;) {
    const start = p.peek();
    if (start.type !== 'id' && start.type !== '!') fail(start.literal, "!, identifier, or 'end of string'");
    try {
      reqs.push(parseRequirement(p));
    } catch (e) {
      throw new Error(`unable to parse requirement: ${(e as Error).message}`);
    }
    const sep = p.next();
    if (sep.type === 'end') return reqs;
    if (sep.type !== ',') fail(sep.literal, "',' or 'end of string'");
    const after = p.peek();
    if (after.type !== 'id' && after.type !== '!') fail(after.literal, "identifier after ','");
  }
}

/** Parses a selector string; `""` (or only whitespace) selects everything. Throws BadRequest on bad input. */
export function parseSelector(input: string): Selector {
  const p = new Parser(tokenize(input));
  if (p.peek().type === 'end') return Selector.EVERYTHING;
  try {
    return Selector.of(parseAll(p));
  } catch (e) {
    throw newBadRequest((e as Error).message);
  }
}
