/** Moved to client/fake/server-semantics.ts; kept until the collector's tests import it there. */
export { withServerDeletion } from '../../../client/fake/index.js';
