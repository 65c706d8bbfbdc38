import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePodLogOptions, podLogQuery } from './pod-log-options.js';

const cases: Array<{ query: string; options?: object; problems?: string[] }> = [
  { query: '', options: { follow: false, previous: false, timestamps: false } },
  { query: 'container=c&follow=true&previous=1&timestamps=true&tailLines=0&limitBytes=5', options: { container: 'c', follow: true, previous: true, timestamps: true, tailLines: 0, limitBytes: 5 } },
  { query: 'sinceSeconds=10', options: { follow: false, previous: false, timestamps: false, sinceSeconds: 10 } },
  { query: 'sinceTime=2026-01-01T00:00:00Z', options: { follow: false, previous: false, timestamps: false, sinceTime: '2026-01-01T00:00:00Z' } },
  { query: 'follow=false', options: { follow: false, previous: false, timestamps: false } },
  { query: 'tailLines=-1', problems: ['tailLines'] },
  { query: 'tailLines=x', problems: ['tailLines'] },
  { query: 'limitBytes=0', problems: ['limitBytes'] },
  { query: 'sinceSeconds=0', problems: ['sinceSeconds'] },
  { query: 'sinceTime=yesterday', problems: ['sinceTime'] },
  { query: 'sinceSeconds=5&sinceTime=2026-01-01T00:00:00Z', problems: ['sinceSeconds'] },
];
for (const c of cases) {
  test(`parsePodLogOptions(${c.query || '<empty>'})`, () => {
    const { options, problems } = parsePodLogOptions(new URLSearchParams(c.query));
    assert.deepEqual(problems.map((p) => p.field), c.problems ?? []);
    if (c.options) assert.deepEqual(options, c.options);
  });
}

test('podLogQuery carries what is set and leaves the container out', () => {
  const { options } = parsePodLogOptions(new URLSearchParams('container=c&follow=true&tailLines=3&sinceSeconds=9'));
  assert.equal(podLogQuery(options).toString(), 'follow=true&tailLines=3&sinceSeconds=9');
});
