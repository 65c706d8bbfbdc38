import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expand, lookupIn } from './expansion.js';

const vars = lookupIn(new Map([['A', '1'], ['EMPTY', ''], ['B', '$(A)']]), new Map([['A', 'shadowed'], ['SVC', 's']]));

const cases: [string, string, string][] = [
  ['no reference', 'plain text', 'plain text'],
  ['a defined variable', 'x$(A)y', 'x1y'],
  ['an undefined variable is kept as written', '$(NOPE)-$(A)', '$(NOPE)-1'],
  ['an empty value', '[$(EMPTY)]', '[]'],
  ['$$ escapes a reference', '$$(A)', '$(A)'],
  ['$$ alone is one $', 'a$$b', 'a$b'],
  ['$$$(A) is $ then the value', '$$$(A)', '$1'],
  ['$ followed by another character is kept', '$A $1 ${A}', '$A $1 ${A}'],
  ['a trailing $ is kept', 'cost$', 'cost$'],
  ['an unclosed reference is kept', '$(A', '$(A'],
  ['a name runs to the first ) (so $($(A) looks up "$(A")', '$($(A)', '$($(A)'],
  ['values are not expanded again', '$(B)', '$(A)'],
  ['the first map wins, later maps are looked into', '$(A)$(SVC)', '1s'],
  ['an empty name is kept', '$()', '$()'],
];

for (const [name, input, want] of cases) {
  test(`expand: ${name}`, () => {
    assert.equal(expand(input, vars), want);
  });
}
