export * from './interface.js';
export { IndexedStore, namespaceIndexFunc } from './store.js';
export { createLister } from './lister.js';
export { Reflector, type ReflectorOptions, type ReflectorSink, type ChangeType } from './reflector.js';
export { SharedIndexInformer, type SharedIndexInformerOptions } from './shared-informer.js';
export { createSharedInformerFactory, type InformerFactory, type SharedInformerFactoryOptions } from './factory.js';
export type { BackoffOptions } from './backoff.js';
