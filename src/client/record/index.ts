export { NOP_RECORDER, type EventRecorder, type EventType } from './interface.js';
export { createEventRecorder, EVENTS, MAX_QUEUED_EVENTS, type EventRecorderOptions, type SinkEventRecorder } from './recorder.js';
export { EventCorrelator, eventKey, type CorrelatorOptions, type CorrelateResult } from './correlator.js';
export { makeEvent, referenceOf, eventName, type CoreEvent, type EventSource } from './event.js';
export { FakeRecorder } from './fake.js';
