/**
 * Field options our schema text uses (protobufjs keeps unknown `(name)` options on the field):
 *
 * - `[(keep_zero) = true]`: a *present* numeric or boolean zero (0 / false) stays in the JSON. Used for Go pointer fields
 *   (`replicas: 0`, `gracePeriodSeconds: 0`, `runAsUser: 0`) and for fields whose Go JSON tag has no `omitempty`
 *   (`containerPort`, `status.allowed`). Every other zero scalar is dropped, exactly like `omitempty`.
 *   A present empty string is always dropped: for JSON clients `""` and an absent string mean the same to
 *   defaulting and validation (kubectl ≥ 1.32 sends `namespace: ""`, `uid: ""` … as present-but-empty).
 * - `[(inline) = true]`: a Go embedded struct (`Probe.handler`, `Volume.volumeSource`,
 *   `ConfigMapKeySelector.localObjectReference`): its fields are merged into the parent object, as in JSON.
 */
export const KEEP_ZERO = '(keep_zero)';
export const INLINE = '(inline)';

/** Package names of the upstream generated.proto files; messages use the upstream field numbers. */
export const META = 'k8s.io.apimachinery.pkg.apis.meta.v1';
export const RESOURCE = 'k8s.io.apimachinery.pkg.api.resource';
export const INTSTR = 'k8s.io.apimachinery.pkg.util.intstr';
export const RUNTIME = 'k8s.io.apimachinery.pkg.runtime';
export const CORE = 'k8s.io.api.core.v1';

/** Messages whose JSON form is not an object (see to-json.ts). */
export const TIME_TYPE = `${META}.Time`;
export const QUANTITY_TYPE = `${RESOURCE}.Quantity`;
export const INT_OR_STRING_TYPE = `${INTSTR}.IntOrString`;
