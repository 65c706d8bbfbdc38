/**
 * OpenAPI descriptions of the coordination/v1 fields that name table columns (upstream uses each field's
 * SwaggerDoc text as the column description). Data only; keys are `Type.field`.
 */
const DESCRIPTIONS = {
  'LeaseSpec.holderIdentity':
    'holderIdentity contains the identity of the holder of a current lease.',
} as const;

export type DescribedField = keyof typeof DESCRIPTIONS;

/** The description of `Type.field`. */
export const d = (key: DescribedField): string => DESCRIPTIONS[key];
