/**
 * Events about objects (core/v1 Events), as upstream's EventRecorder: repeated events for the same object, reason
 * and message are aggregated into one Event with a growing `count` and `lastTimestamp`.
 */
import type { KubeObject } from '../interface.js';

export type EventType = 'Normal' | 'Warning';

export interface EventRecorder {
  event(obj: Readonly<KubeObject>, type: EventType, reason: string, message: string): void;
}

/** Records nothing; for components and tests that do not care. */
export const NOP_RECORDER: EventRecorder = { event: () => undefined };
