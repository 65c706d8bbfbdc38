/**
 * OpenAPI descriptions of the rbac/v1 fields that name table columns (upstream uses each field's
 * SwaggerDoc text as the column description). Data only; keys are `Type.field`.
 */
const DESCRIPTIONS = {
  'ClusterRoleBinding.roleRef':
    'RoleRef can only reference a ClusterRole in the global namespace. If the RoleRef cannot be resolved, ' +
    'the Authorizer must return an error. This field is immutable.',
  'RoleBinding.roleRef':
    'RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. If ' +
    'the RoleRef cannot be resolved, the Authorizer must return an error. This field is immutable.',
} as const;

export type DescribedField = keyof typeof DESCRIPTIONS;

/** The description of `Type.field`. */
export const d = (key: DescribedField): string => DESCRIPTIONS[key];
