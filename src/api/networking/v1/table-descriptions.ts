/**
 * OpenAPI descriptions of the networking/v1 fields that name table columns (upstream uses each field's
 * SwaggerDoc text as the column description). Data only; keys are `Type.field`.
 */
const DESCRIPTIONS = {
  'NetworkPolicySpec.podSelector':
    'podSelector selects the pods to which this NetworkPolicy object applies. The array of ingress rules ' +
    'is applied to any pods selected by this field. Multiple network policies can select the same set of ' +
    'pods. In this case, the ingress rules for each are combined additively. This field is NOT optional ' +
    'and follows standard label selector semantics. An empty podSelector matches all pods in this ' +
    'namespace.',
} as const;

export type DescribedField = keyof typeof DESCRIPTIONS;

/** The description of `Type.field`. */
export const d = (key: DescribedField): string => DESCRIPTIONS[key];
