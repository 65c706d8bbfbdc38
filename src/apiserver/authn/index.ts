export * from './types.js';
export { x509Authenticator } from './x509.js';
export { staticTokenAuthenticator, bearerToken } from './token.js';
export { unionAuthenticator } from './union.js';
export { authenticateRequest, isAnonymousPath, ANONYMOUS_PATHS, type AuthenticationDecision } from './request.js';
