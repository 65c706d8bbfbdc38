import { test } from 'node:test';
import assert from 'node:assert/strict';
import { negotiate } from './negotiate.js';
import { aggregatedVersion } from '../discovery/aggregated.js';
import { isStatusError } from '../../machinery/errors/status.js';

const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';

test('negotiate: the forms kubectl asks for', () => {
  assert.deepEqual(negotiate(TABLE), { form: 'table', encoding: 'json', metaVersion: 'v1' });
  assert.deepEqual(negotiate('application/json'), { form: 'object', encoding: 'json', metaVersion: 'v1' });
  assert.deepEqual(negotiate(undefined), { form: 'object', encoding: 'json', metaVersion: 'v1' });
  assert.deepEqual(negotiate('application/yaml'), { form: 'object', encoding: 'yaml', metaVersion: 'v1' });
  assert.equal(negotiate('application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json').form, 'partial');
  assert.equal(negotiate('application/vnd.kubernetes.protobuf,application/json').form, 'object');
  assert.equal(negotiate('application/vnd.kubernetes.protobuf, */*').encoding, 'json');
});

test('negotiate: nothing acceptable is 406', () => {
  assert.throws(() => negotiate('application/vnd.kubernetes.protobuf'), (e) => isStatusError(e) && e.code === 406);
  assert.throws(() => negotiate('text/html'), (e) => isStatusError(e) && e.code === 406);
});

test('aggregated discovery follows the client order (1.29+ v2; 1.27/1.28 v2beta1; legacy otherwise)', () => {
  const v2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
  const v2beta1 = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';
  assert.equal(aggregatedVersion(v2), 'v2');
  assert.equal(aggregatedVersion(v2beta1), 'v2beta1');
  assert.equal(aggregatedVersion('application/json'), undefined);
  assert.equal(aggregatedVersion(undefined), undefined);
});
