import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSelector } from './parser.js';
import { isBadRequestStatus } from '../errors/status.js';

const canonical: Array<[string, string]> = [
  ['', ''],
  ['   ', ''],
  ['app=web', 'app=web'],
  ['app==web', 'app==web'],
  ['app!=web', 'app!=web'],
  ['app', 'app'],
  ['!app', '!app'],
  ['tier in (b,a)', 'tier in (a,b)'],
  ['tier notin (a, b)', 'tier notin (a,b)'],
  ['  tier   in   ( a , b )  ', 'tier in (a,b)'],
  ['z=1,a=2', 'a=2,z=1'],
  ['app=web,tier in (a,b),!canary', 'app=web,!canary,tier in (a,b)'],
  ['x in (a,)', 'x in (,a)'],
  ['x in (a,a)', 'x in (a)'],
  ['x=', 'x='],
  ['x=,y', 'x=,y'],
  ['x=in', 'x=in'],
  ['example.com/app=web', 'example.com/app=web'],
  ['n>5', 'n>5'],
  ['n<5', 'n<5'],
];

for (const [input, want] of canonical) {
  test(`parse ${JSON.stringify(input)} -> ${JSON.stringify(want)}`, () => {
    assert.equal(parseSelector(input).toString(), want);
  });
}

const errors: Array<[string, string]> = [
  ['app=web,', "found '', expected: identifier after ','"],
  [',app', "found ',', expected: !, identifier, or 'end of string'"],
  ['!', "unable to parse requirement: found '', expected: identifier after '!'"],
  ['app web', "unable to parse requirement: found 'web', expected: in, notin, =, ==, !=, gt, lt"],
  ['app in a', "unable to parse requirement: found 'a', expected: '('"],
  ['app in ()', "unable to parse requirement: values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty"],
  ['app in (a b)', "unable to parse requirement: found 'b', expected: ',' or ')'"],
  ['app in (a', "unable to parse requirement: found '', expected: ',' or ')'"],
  ['app=(', "unable to parse requirement: found '(', expected: identifier"],
  ['app=a=b', "found '=', expected: ',' or 'end of string'"],
  ['n>x', `unable to parse requirement: values[0]: Invalid value: "x": for 'Gt', 'Lt' operators, the value must be an integer`],
  ['a b=c', "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"],
  ['-app=x', 'unable to parse requirement: key: Invalid value: "-app": name part must consist of alphanumeric characters'],
  ['app=-x', 'unable to parse requirement: values[0][app]: Invalid value: "-x": a valid label must be an empty string'],
  ['a/b/c', 'unable to parse requirement: key: Invalid value: "a/b/c": a qualified name must consist'],
  ['Bad_Prefix/app', 'unable to parse requirement: key: Invalid value: "Bad_Prefix/app": prefix part a lowercase RFC 1123'],
  [`app=${'v'.repeat(64)}`, 'must be no more than 63 characters'],
];

for (const [input, want] of errors) {
  test(`parse error ${JSON.stringify(input)}`, () => {
    assert.throws(
      () => parseSelector(input),
      (e: unknown) => {
        assert.ok(isBadRequestStatus(e), 'BadRequest');
        assert.ok((e as Error).message.includes(want), `message ${(e as Error).message} should contain ${want}`);
        return true;
      },
    );
  });
}
