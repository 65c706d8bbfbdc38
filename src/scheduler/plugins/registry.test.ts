import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IN_TREE_REGISTRY } from './registry.js';

test('the in-tree registry names every plugin of the default profile by its upstream name', () => {
  assert.deepEqual(Object.keys(IN_TREE_REGISTRY).sort(), [
    'DefaultBinder', 'DefaultPreemption', 'ImageLocality', 'InterPodAffinity', 'NodeAffinity', 'NodeName', 'NodePorts',
    'NodeResourcesBalancedAllocation', 'NodeResourcesFit', 'NodeUnschedulable', 'PodTopologySpread', 'PrioritySort',
    'SchedulingGates', 'TaintToleration', 'VolumeBinding', 'VolumeRestrictions',
  ]);
});
