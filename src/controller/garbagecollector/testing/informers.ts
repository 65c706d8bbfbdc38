/** Moved to client/fake (one harness for every controller's tests); kept until the collector's tests import it there. */
export { FakeInformer, FakeInformerFactory, RecordingQueue, testContext } from '../../../client/fake/index.js';
