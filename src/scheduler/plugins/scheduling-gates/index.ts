import type { PluginFactory } from '../../framework/interface.js';
import { SchedulingGates } from './scheduling-gates.js';

export { NAME, SchedulingGates, isSchedulableAfterGatesEliminated } from './scheduling-gates.js';

/** SchedulingGates takes no args. */
export const factory: PluginFactory = () => new SchedulingGates();
