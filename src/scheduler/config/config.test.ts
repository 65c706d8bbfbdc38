import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, defaultConfiguration, parseConfiguration } from './load.js';
import { DEFAULT_MULTI_POINT, mergePluginSet } from './default-plugins.js';
import { durationMs } from './duration.js';

const HEADER = 'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n';

const fieldsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected ConfigError, got ${String(e)}`);
    return e.errors.map((x) => x.field);
  }
  assert.fail('expected a ConfigError');
};

test('defaults: one default-scheduler profile and the upstream scalars', () => {
  const c = defaultConfiguration();
  assert.equal(c.profiles.length, 1);
  assert.equal(c.profiles[0]!.schedulerName, 'default-scheduler');
  assert.equal(c.parallelism, 16);
  assert.equal(c.percentageOfNodesToScore, 0);
  assert.equal(c.podInitialBackoffSeconds, 1);
  assert.equal(c.podMaxBackoffSeconds, 10);
  assert.deepEqual(
    [c.leaderElection.leaderElect, c.leaderElection.leaseDuration, c.leaderElection.renewDeadline, c.leaderElection.retryPeriod],
    [true, '15s', '10s', '2s'],
  );
  assert.equal(c.leaderElection.resourceNamespace, 'kube-system');
  assert.equal(c.leaderElection.resourceName, 'kube-scheduler');
  assert.equal(c.clientConnection.qps, 50);
  assert.equal(c.clientConnection.burst, 100);
});

test('defaults: the v1.33 multiPoint set with its weights', () => {
  const mp = defaultConfiguration().profiles[0]!.plugins.multiPoint.enabled;
  assert.deepEqual(mp.map((p) => p.name), DEFAULT_MULTI_POINT.map((p) => p.name));
  const weights = Object.fromEntries(mp.filter((p) => p.weight).map((p) => [p.name, p.weight]));
  assert.deepEqual(weights, {
    TaintToleration: 3,
    NodeAffinity: 2,
    NodeResourcesFit: 1,
    PodTopologySpread: 2,
    InterPodAffinity: 2,
    NodeResourcesBalancedAllocation: 1,
    ImageLocality: 1,
  });
});

test('defaults: pluginConfig gets defaulted args for every enabled plugin that has args', () => {
  const pc = defaultConfiguration().profiles[0]!.pluginConfig;
  const byName = Object.fromEntries(pc.map((c) => [c.name, c.args]));
  assert.deepEqual(Object.keys(byName).sort(), [
    'DefaultPreemption',
    'InterPodAffinity',
    'NodeAffinity',
    'NodeResourcesBalancedAllocation',
    'NodeResourcesFit',
    'PodTopologySpread',
    'VolumeBinding',
  ]);
  assert.deepEqual(byName.DefaultPreemption, { minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 100 });
  assert.deepEqual(byName.NodeResourcesFit, {
    scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'cpu', weight: 1 }, { name: 'memory', weight: 1 }] },
  });
  assert.deepEqual(byName.PodTopologySpread, { defaultingType: 'System' });
  assert.deepEqual(byName.VolumeBinding, { bindTimeoutSeconds: 600 });
});

test('pluginConfig: given args are completed field by field, apiVersion/kind dropped', () => {
  const c = parseConfiguration(
    HEADER +
      `profiles:
- pluginConfig:
  - name: NodeResourcesFit
    args:
      apiVersion: kubescheduler.config.k8s.io/v1
      kind: NodeResourcesFitArgs
      scoringStrategy:
        type: MostAllocated
        resources: [{name: cpu}, {name: nvidia.com/gpu, weight: 5}]
`,
  );
  const fit = c.profiles[0]!.pluginConfig.find((p) => p.name === 'NodeResourcesFit')!;
  assert.deepEqual(fit.args, {
    scoringStrategy: { type: 'MostAllocated', resources: [{ name: 'cpu', weight: 1 }, { name: 'nvidia.com/gpu', weight: 5 }] },
  });
});

const mergeCases: { name: string; custom: Parameters<typeof mergePluginSet>[1]; want: string[]; wantWeights?: Record<string, number> }[] = [
  { name: 'no custom set keeps the defaults', custom: undefined, want: ['A', 'B', 'C'] },
  { name: 'disable one default', custom: { disabled: [{ name: 'B' }] }, want: ['A', 'C'] },
  { name: '* disables every default; custom ones remain', custom: { disabled: [{ name: '*' }], enabled: [{ name: 'X' }] }, want: ['X'] },
  { name: 'custom plugins are appended', custom: { enabled: [{ name: 'X' }] }, want: ['A', 'B', 'C', 'X'] },
  {
    name: 're-enabling a default replaces it in place with the new weight',
    custom: { enabled: [{ name: 'X' }, { name: 'B', weight: 7 }] },
    want: ['A', 'B', 'C', 'X'],
    wantWeights: { B: 7 },
  },
];

for (const c of mergeCases) {
  test(`mergePluginSet: ${c.name}`, () => {
    const merged = mergePluginSet({ enabled: [{ name: 'A' }, { name: 'B', weight: 2 }, { name: 'C' }], disabled: [] }, c.custom);
    assert.deepEqual(merged.enabled.map((p) => p.name), c.want);
    for (const [n, w] of Object.entries(c.wantWeights ?? {})) assert.equal(merged.enabled.find((p) => p.name === n)!.weight, w);
  });
}

test('profile plugins: disabling a default at one point keeps it at multiPoint and records the disable', () => {
  const c = parseConfiguration(
    HEADER +
      `profiles:
- schedulerName: no-scoring
  plugins:
    score:
      disabled: [{name: '*'}]
    multiPoint:
      disabled: [{name: ImageLocality}]
      enabled: [{name: MyPlugin, weight: 4}]
`,
  );
  const p = c.profiles[0]!;
  assert.equal(p.schedulerName, 'no-scoring');
  assert.deepEqual(p.plugins.score.disabled, [{ name: '*' }]);
  const mp = p.plugins.multiPoint.enabled.map((x) => x.name);
  assert.ok(!mp.includes('ImageLocality'));
  assert.equal(mp.at(-1), 'MyPlugin');
  assert.equal(p.plugins.multiPoint.enabled.at(-1)!.weight, 4);
});

test('several profiles: names are required, none defaulted', () => {
  const fields = fieldsOf(() => parseConfiguration(HEADER + 'profiles:\n- schedulerName: a\n- {}\n'));
  assert.deepEqual(fields, ['profiles[1].schedulerName']);
});

const invalid: { name: string; yaml: string; fields: string[] }[] = [
  { name: 'wrong apiVersion', yaml: 'apiVersion: kubescheduler.config.k8s.io/v1beta3\nkind: KubeSchedulerConfiguration\n', fields: ['apiVersion'] },
  { name: 'unknown top-level field', yaml: HEADER + 'percentageOfNodesToScor: 10\n', fields: ['percentageOfNodesToScor'] },
  { name: 'unknown profile field', yaml: HEADER + 'profiles:\n- schedulerNam: x\n', fields: ['profiles[0].schedulerNam'] },
  { name: 'wrong type', yaml: HEADER + 'parallelism: "16"\n', fields: ['parallelism'] },
  { name: 'parallelism 0', yaml: HEADER + 'parallelism: 0\n', fields: ['parallelism'] },
  { name: 'percentage out of range', yaml: HEADER + 'percentageOfNodesToScore: 101\n', fields: ['percentageOfNodesToScore'] },
  {
    name: 'profile percentage out of range',
    yaml: HEADER + 'profiles:\n- percentageOfNodesToScore: -1\n',
    fields: ['profiles[0].percentageOfNodesToScore'],
  },
  { name: 'initial backoff 0', yaml: HEADER + 'podInitialBackoffSeconds: 0\n', fields: ['podInitialBackoffSeconds'] },
  { name: 'max backoff below initial', yaml: HEADER + 'podInitialBackoffSeconds: 5\npodMaxBackoffSeconds: 2\n', fields: ['podMaxBackoffSeconds'] },
  {
    name: 'duplicate scheduler names',
    yaml: HEADER + 'profiles:\n- schedulerName: a\n- schedulerName: a\n',
    fields: ['profiles[1].schedulerName'],
  },
  {
    name: 'duplicate pluginConfig',
    yaml: HEADER + 'profiles:\n- pluginConfig:\n  - name: NodeAffinity\n  - name: NodeAffinity\n',
    fields: ['profiles[0].pluginConfig[1]'],
  },
  {
    name: 'args of the wrong kind',
    yaml: HEADER + 'profiles:\n- pluginConfig:\n  - name: NodeAffinity\n    args: {kind: InterPodAffinityArgs}\n',
    fields: ['profiles[0].pluginConfig[0].args.kind'],
  },
  {
    name: 'different queue sorts',
    yaml: HEADER + 'profiles:\n- schedulerName: a\n- schedulerName: b\n  plugins:\n    queueSort:\n      enabled: [{name: Other}]\n',
    fields: ['profiles[1].plugins.queueSort'],
  },
  { name: 'negative weight', yaml: HEADER + 'profiles:\n- plugins:\n    score:\n      enabled: [{name: X, weight: -1}]\n', fields: ['profiles[0].plugins.score.enabled[0].weight'] },
  { name: 'lease shorter than renew deadline', yaml: HEADER + 'leaderElection:\n  leaseDuration: 5s\n', fields: ['leaderElection.leaseDuration'] },
  { name: 'extenders are not supported', yaml: HEADER + 'extenders:\n- urlPrefix: http://x\n', fields: ['extenders'] },
];

for (const c of invalid) {
  test(`validation: ${c.name}`, () => {
    assert.deepEqual(fieldsOf(() => parseConfiguration(c.yaml)), c.fields);
  });
}

test('validation messages use the upstream wording', () => {
  assert.throws(() => parseConfiguration(HEADER + 'percentageOfNodesToScore: 101\n'), /percentageOfNodesToScore: Invalid value: 101: not in valid range \[0-100\]/);
});

test('durationMs parses Go durations', () => {
  assert.equal(durationMs('15s'), 15_000);
  assert.equal(durationMs('1m30s'), 90_000);
  assert.equal(durationMs('250ms'), 250);
  assert.equal(durationMs('1.5h'), 5_400_000);
  assert.equal(durationMs('0'), 0);
  assert.equal(durationMs('15'), undefined);
  assert.equal(durationMs('s'), undefined);
});
