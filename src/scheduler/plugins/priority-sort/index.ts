import type { PluginFactory } from '../../framework/interface.js';
import { PrioritySort } from './priority-sort.js';

export { NAME, PrioritySort, podPriority } from './priority-sort.js';

/** PrioritySort takes no args. */
export const factory: PluginFactory = () => new PrioritySort();
