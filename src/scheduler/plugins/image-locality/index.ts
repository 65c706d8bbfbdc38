import type { PluginFactory } from '../../framework/interface.js';
import { ImageLocality } from './image-locality.js';

export { NAME, ImageLocality, calculatePriority, normalizedImageName, sumImageScores } from './image-locality.js';

/** ImageLocality takes no args; it reads the node count from the handle's snapshot. */
export const factory: PluginFactory = (_args, handle) => new ImageLocality(handle);
