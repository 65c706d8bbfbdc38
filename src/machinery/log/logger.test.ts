import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger, levelFromFlags } from './logger.js';

function capture(): { lines: string[]; write(s: string): boolean } {
  const lines: string[] = [];
  return { lines, write: (s: string) => lines.push(s) > 0 };
}

test('json format writes one object per line with child bindings', () => {
  const out = capture();
  const log = createLogger({ format: 'json', destination: out }).child({ component: 'apiserver' });
  log.info('Serving', { address: '127.0.0.1:6443' });
  const rec = JSON.parse(out.lines[0]!);
  assert.equal(rec.msg, 'Serving');
  assert.equal(rec.level, 'info');
  assert.equal(rec.component, 'apiserver');
  assert.equal(rec.address, '127.0.0.1:6443');
});

test('text format is klog-like', () => {
  const out = capture();
  const log = createLogger({ format: 'text', destination: out }).child({ component: 'scheduler' });
  log.warn('Bound pod', { pod: 'default/web-1', attempts: 2, err: new Error('boom') });
  assert.match(out.lines[0]!, /^W\d{4} \d\d:\d\d:\d\d\.\d{6} \d+ scheduler\] "Bound pod" pod="default\/web-1" attempts=2 err="boom"\n$/);
});

test('level filters lines', () => {
  const out = capture();
  const log = createLogger({ level: 'warn', destination: out });
  log.info('hidden');
  log.debug('hidden');
  log.error('shown');
  assert.equal(out.lines.length, 1);
  assert.equal(log.enabled('info'), false);
});

const levelCases: Array<[{ v?: number; logLevel?: string }, string]> = [
  [{}, 'info'],
  [{ v: 2 }, 'debug'],
  [{ v: 6 }, 'trace'],
  [{ v: 6, logLevel: 'error' }, 'error'],
];
for (const [flags, want] of levelCases) {
  test(`levelFromFlags(${JSON.stringify(flags)}) = ${want}`, () => assert.equal(levelFromFlags(flags), want));
}

test('levelFromFlags rejects an unknown level', () => {
  assert.throws(() => levelFromFlags({ logLevel: 'loud' }), /unknown log level "loud"/);
});
