/** KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1): types, defaults, validation, loading. */
export * from './types.js';
export { DEFAULT_MULTI_POINT, defaultPlugins, mergePlugins, mergePluginSet } from './default-plugins.js';
export { defaultPluginArgs, hasArgs } from './plugin-args.js';
export { setDefaults, defaultProfile, type RawConfiguration, type RawProfile } from './defaults.js';
export { validateConfiguration } from './validation.js';
export { durationMs } from './duration.js';
export { ConfigError, configurationFromObject, defaultConfiguration, loadConfigurationFile, parseConfiguration } from './load.js';
