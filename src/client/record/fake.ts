/**
 * A recorder for tests (upstream's record.FakeRecorder): keeps `"<type> <reason> <message>"` strings in order,
 * so tests can assert `recorder.events` equals e.g. `['Normal SuccessfulCreate Created pod: web-abc12']`.
 */
import type { KubeObject } from '../interface.js';
import type { EventRecorder, EventType } from './interface.js';

export class FakeRecorder implements EventRecorder {
  readonly events: string[] = [];
  /** The objects the events were about, parallel to `events`. */
  readonly objects: Readonly<KubeObject>[] = [];

  event(obj: Readonly<KubeObject>, type: EventType, reason: string, message: string): void {
    this.events.push(`${type} ${reason} ${message}`);
    this.objects.push(obj);
  }
}
