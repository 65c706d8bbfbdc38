/** The CONTAINERS and IMAGES cells of every workload printer: comma-joined names and images, in spec order. */
import type { PodTemplateSpec } from 'kubernetes-types/core/v1.js';

export const CONTAINERS_DESCRIPTION = 'Names of each container in the template.';
export const IMAGES_DESCRIPTION = 'Images referenced by each container in the template.';

export function containerCells(template: PodTemplateSpec | undefined): [string, string] {
  const containers = template?.spec?.containers ?? [];
  return [containers.map((c) => c.name).join(','), containers.map((c) => c.image ?? '').join(',')];
}
