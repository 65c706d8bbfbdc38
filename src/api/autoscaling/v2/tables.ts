/**
 * HorizontalPodAutoscalers, as upstream's printHorizontalPodAutoscaler: TARGETS pairs each metric's current value
 * (from status.currentMetrics at the same index, `<unknown>` until observed) with its target, at most two then
 * `+ N more...`.
 */
import type {
  HorizontalPodAutoscaler,
  MetricSpec,
  MetricStatus,
  MetricTarget,
  MetricValueStatus,
} from 'kubernetes-types/autoscaling/v2.js';
import type { TableConvertor } from '../../../machinery/meta/table.js';
import { ageColumn, ageOf, column, nameColumn, nameOf } from '../../../machinery/meta/table-columns.js';
import { d } from './table-descriptions.js';

const UNKNOWN = '<unknown>';

/** `current/target` for a value or average-value target; `(avg)` marks average targets of Object/External. */
function valuePair(target: MetricTarget, current: MetricValueStatus | undefined, avgSuffix: boolean): string {
  if (target.averageValue !== undefined) {
    const cur = current?.averageValue ?? UNKNOWN;
    return `${cur}/${target.averageValue}${avgSuffix ? ' (avg)' : ''}`;
  }
  return `${current?.value ?? UNKNOWN}/${target.value ?? ''}`;
}

/** `cpu: 40%/80%` for utilization targets, `cpu: 100m/200m` for average values. */
function resourcePair(name: string, target: MetricTarget, current: MetricValueStatus | undefined): string {
  if (target.averageValue !== undefined) return `${name}: ${current?.averageValue ?? UNKNOWN}/${target.averageValue}`;
  const cur = current?.averageUtilization !== undefined ? `${current.averageUtilization}%` : UNKNOWN;
  const tgt = target.averageUtilization !== undefined ? `${target.averageUtilization}%` : '<auto>';
  return `${name}: ${cur}/${tgt}`;
}

function formatMetric(spec: MetricSpec, status: MetricStatus | undefined): string {
  switch (spec.type) {
    case 'External':
      return spec.external ? valuePair(spec.external.target, status?.external?.current, true) : UNKNOWN;
    case 'Pods':
      return `${status?.pods?.current.averageValue ?? UNKNOWN}/${spec.pods?.target.averageValue ?? ''}`;
    case 'Object':
      return spec.object ? valuePair(spec.object.target, status?.object?.current, true) : UNKNOWN;
    case 'Resource':
      return spec.resource ? resourcePair(spec.resource.name, spec.resource.target, status?.resource?.current) : UNKNOWN;
    case 'ContainerResource': {
      const cr = spec.containerResource;
      return cr ? resourcePair(cr.name, cr.target, status?.containerResource?.current) : UNKNOWN;
    }
    default:
      return '<unknown type>';
  }
}

export function formatHPAMetrics(specs: readonly MetricSpec[] | undefined, statuses: readonly MetricStatus[] = []): string {
  const list = specs ?? [];
  if (list.length === 0) return '<none>';
  const max = 2;
  const shown = list.slice(0, max).map((s, i) => formatMetric(s, statuses[i]));
  const text = shown.join(', ');
  return list.length > max ? `${text} + ${list.length - max} more...` : text;
}

export const horizontalPodAutoscalerTable: TableConvertor<HorizontalPodAutoscaler> = {
  columns: [
    nameColumn,
    column('Reference', d('HorizontalPodAutoscalerSpec.scaleTargetRef')),
    column('Targets', d('HorizontalPodAutoscalerSpec.metrics')),
    column('MinPods', d('HorizontalPodAutoscalerSpec.minReplicas')),
    column('MaxPods', d('HorizontalPodAutoscalerSpec.maxReplicas')),
    column('Replicas', d('HorizontalPodAutoscalerStatus.currentReplicas')),
    ageColumn,
  ],
  cells(hpa, now) {
    const ref = hpa.spec?.scaleTargetRef;
    const min = hpa.spec?.minReplicas;
    return [
      nameOf(hpa),
      `${ref?.kind ?? ''}/${ref?.name ?? ''}`,
      formatHPAMetrics(hpa.spec?.metrics, hpa.status?.currentMetrics),
      min === undefined ? '<unset>' : String(min),
      hpa.spec?.maxReplicas ?? 0,
      hpa.status?.currentReplicas ?? 0,
      ageOf(hpa, now),
    ];
  },
};

export const AUTOSCALING_V2_TABLES: Readonly<Record<string, TableConvertor>> = {
  HorizontalPodAutoscaler: horizontalPodAutoscalerTable,
};
