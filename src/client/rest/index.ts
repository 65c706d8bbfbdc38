/** The REST client and its transports. */
export { RestClient, PATCH_CONTENT_TYPES } from './client.js';
export type { Transport, TransportResponse, StreamResponse, Headers } from './transport.js';
export { httpsTransport, type HttpsTransportOptions } from './https-transport.js';
export { unixSocketTransport, type UnixTransportOptions } from './unix-transport.js';
export { loadRestConfig, restConfigFromKubeconfig, type RestConfig } from './rest-config.js';
export { resourcePath } from './paths.js';
export { errorFromResponse } from './errors.js';
