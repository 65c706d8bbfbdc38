/**
 * OpenAPI descriptions of the scheduling/v1 fields that name table columns (upstream uses each field's
 * SwaggerDoc text as the column description). Data only; keys are `Type.field`.
 */
const DESCRIPTIONS = {
  'PriorityClass.globalDefault':
    'globalDefault specifies whether this PriorityClass should be considered as the default priority for ' +
    'pods that do not have any priority class. Only one PriorityClass can be marked as `globalDefault`. ' +
    'However, if more than one PriorityClasses exists with their `globalDefault` field set to true, the ' +
    'smallest value of such global default PriorityClasses will be used as the default priority.',
  'PriorityClass.preemptionPolicy':
    'preemptionPolicy is the Policy for preempting pods with lower priority. One of Never, ' +
    'PreemptLowerPriority. Defaults to PreemptLowerPriority if unset.',
  'PriorityClass.value':
    'value represents the integer value of this priority class. This is the actual priority that pods ' +
    'receive when they have the name of this class in their pod spec.',
} as const;

export type DescribedField = keyof typeof DESCRIPTIONS;

/** The description of `Type.field`. */
export const d = (key: DescribedField): string => DESCRIPTIONS[key];
