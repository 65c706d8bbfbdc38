import type { PluginFactory } from '../../framework/interface.js';
import { NodeName } from './node-name.js';

export { NAME, ERR_REASON, NodeName, fits } from './node-name.js';

/** NodeName takes no args. */
export const factory: PluginFactory = () => new NodeName();
