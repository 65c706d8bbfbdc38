/** The in-tree plugins by their upstream names (upstream's NewInTreeRegistry); profiles pick from these. */
import type { Registry } from '../framework/interface.js';
import * as prioritySort from './priority-sort/index.js';
import * as schedulingGates from './scheduling-gates/index.js';
import * as nodeUnschedulable from './node-unschedulable/index.js';
import * as nodeName from './node-name/index.js';
import * as taintToleration from './taint-toleration/index.js';
import * as nodeAffinity from './node-affinity/index.js';
import * as nodePorts from './node-ports/index.js';
import * as nodeResourcesFit from './node-resources-fit/index.js';
import * as volumeRestrictions from './volume-restrictions/index.js';
import * as volumeBinding from './volume-binding/index.js';
import * as podTopologySpread from './pod-topology-spread/index.js';
import * as interPodAffinity from './inter-pod-affinity/index.js';
import * as defaultPreemption from './default-preemption/index.js';
import * as nodeResourcesBalancedAllocation from './node-resources-balanced-allocation/index.js';
import * as imageLocality from './image-locality/index.js';
import * as defaultBinder from './default-binder/index.js';

const PLUGINS = [prioritySort, schedulingGates, nodeUnschedulable, nodeName, taintToleration, nodeAffinity, nodePorts, nodeResourcesFit, volumeRestrictions, volumeBinding, podTopologySpread, interPodAffinity, defaultPreemption, nodeResourcesBalancedAllocation, imageLocality, defaultBinder];

export const IN_TREE_REGISTRY: Registry = Object.fromEntries(PLUGINS.map((p) => [p.NAME, p.factory]));
