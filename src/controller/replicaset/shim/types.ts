/**
 * Minimal stand-ins for `controller/framework` types (being written in parallel). When the framework lands, import
 * `Controller` and `ControllerContext` from there and delete this file.
 */
import type { Client } from '../../../client/interface.js';
import type { SharedInformerFactory } from '../../../client/informer/interface.js';
import type { EventRecorder } from '../../../client/record/interface.js';
import type { Clock } from '../../../machinery/clock/clock.js';

export interface ControllerContext {
  client: Client;
  informers: SharedInformerFactory;
  clock: Clock;
  /** The recorder for this controller's events (source component set by the caller). */
  recorder: EventRecorder;
}

export interface Controller {
  readonly name: string;
  run(signal: AbortSignal): Promise<void>;
}
