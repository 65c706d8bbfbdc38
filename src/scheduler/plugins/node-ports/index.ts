import type { PluginFactory } from '../../framework/interface.js';
import { NodePorts } from './node-ports.js';

export { NAME, ERR_REASON, NodePorts, isSchedulableAfterPodDeleted } from './node-ports.js';
export { conflicts, fitsPorts, podWantedPorts, type WantedPort } from './host-ports.js';

/** NodePorts takes no args. */
export const factory: PluginFactory = () => new NodePorts();
