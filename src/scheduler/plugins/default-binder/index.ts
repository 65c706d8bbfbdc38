import type { PluginFactory } from '../../framework/interface.js';
import { DefaultBinder } from './default-binder.js';

export { NAME, DefaultBinder, newBinding } from './default-binder.js';

/** DefaultBinder takes no args; it writes through the handle's client. */
export const factory: PluginFactory = (_args, handle) => new DefaultBinder(handle);
