import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Pod } from 'kubernetes-types/core/v1.js';
import { isBadRequestStatus } from '../../../machinery/errors/status.js';
import { checkLogStatus, logContainerName } from './log-container.js';

const pod = (containers: string[], extra: { init?: string[]; annotation?: string; statuses?: Pod['status'] } = {}): Pod => ({
  metadata: { name: 'p', ...(extra.annotation ? { annotations: { 'kubectl.kubernetes.io/default-container': extra.annotation } } : {}) },
  spec: { containers: containers.map((name) => ({ name })), ...(extra.init ? { initContainers: extra.init.map((name) => ({ name })) } : {}) },
  ...(extra.statuses ? { status: extra.statuses } : {}),
});

const nameCases: Array<{ name: string; pod: Pod; requested?: string; want?: string; error?: string }> = [
  { name: 'the only container', pod: pod(['a']), want: 'a' },
  { name: 'the annotated default', pod: pod(['a', 'b'], { annotation: 'b' }), want: 'b' },
  { name: 'several, no default', pod: pod(['a', 'b']), error: 'a container name must be specified for pod p, choose one of: [a b]' },
  { name: 'several with init containers', pod: pod(['a', 'b'], { init: ['i'] }), error: 'a container name must be specified for pod p, choose one of: [a b] or one of the init containers: [i]' },
  { name: 'an init container by name', pod: pod(['a'], { init: ['i'] }), requested: 'i', want: 'i' },
  { name: 'an unknown container', pod: pod(['a']), requested: 'z', error: 'container z is not valid for pod p' },
];
for (const c of nameCases) {
  test(`logContainerName: ${c.name}`, () => {
    if (c.want) return assert.equal(logContainerName(c.pod, c.requested), c.want);
    assert.throws(() => logContainerName(c.pod, c.requested), (e: Error) => isBadRequestStatus(e) && e.message === c.error);
  });
}

const waiting = { name: 'a', ready: false, restartCount: 0, image: 'i', imageID: '', state: { waiting: { reason: 'ContainerCreating' } } };
const crashLoop = { ...waiting, restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, containerID: 'containerd://x' } } };
const statusCases: Array<{ name: string; st?: object; previous: boolean; error?: string }> = [
  { name: 'no status yet', previous: false, error: 'container "a" in pod "p" is not available' },
  { name: 'waiting to start', st: waiting, previous: false, error: 'container "a" in pod "p" is waiting to start: ContainerCreating' },
  { name: 'crash loop shows the last run', st: crashLoop, previous: false },
  { name: 'previous of a crash loop', st: crashLoop, previous: true },
  { name: 'previous without one', st: waiting, previous: true, error: 'previous terminated container "a" in pod "p" not found' },
];
for (const c of statusCases) {
  test(`checkLogStatus: ${c.name}`, () => {
    const p = pod(['a'], c.st ? { statuses: { containerStatuses: [c.st as never] } } : {});
    if (!c.error) return assert.doesNotThrow(() => checkLogStatus(p, 'a', c.previous));
    assert.throws(() => checkLogStatus(p, 'a', c.previous), (e: Error) => isBadRequestStatus(e) && e.message === c.error);
  });
}
