/** autoscaling/v2 defaults, as upstream's SetDefaults_HorizontalPodAutoscaler and its behavior defaults. */
import type { HorizontalPodAutoscaler, HPAScalingRules } from 'kubernetes-types/autoscaling/v2.js';

export const DEFAULT_CPU_UTILIZATION = 80;

function defaultRules(rules: HPAScalingRules | undefined, fallback: HPAScalingRules): HPAScalingRules {
  const r = rules ?? {};
  r.stabilizationWindowSeconds ??= fallback.stabilizationWindowSeconds!;
  r.selectPolicy ??= 'Max';
  if (!r.policies || r.policies.length === 0) r.policies = structuredClone(fallback.policies!);
  return r;
}

export function defaultHorizontalPodAutoscaler(hpa: HorizontalPodAutoscaler): void {
  const spec = (hpa.spec ??= { maxReplicas: 0, scaleTargetRef: { kind: '', name: '' } });
  spec.minReplicas ??= 1;
  if (!spec.metrics || spec.metrics.length === 0) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } } }];
  }
  if (!spec.behavior) return;
  spec.behavior.scaleUp = defaultRules(spec.behavior.scaleUp, {
    stabilizationWindowSeconds: 0,
    policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }],
  });
  spec.behavior.scaleDown = defaultRules(spec.behavior.scaleDown, {
    stabilizationWindowSeconds: 300,
    policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
  });
}
