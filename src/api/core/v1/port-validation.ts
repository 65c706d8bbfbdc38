/** Ports given as a number or an IANA name (probe ports, service targetPorts). */
import { invalid, required, type ErrorList, type FieldPath } from '../../../machinery/validation/field.js';
import { isValidPortName, isValidPortNum } from '../../../machinery/validation/names.js';

export function validatePortNumOrName(port: number | string | undefined, path: FieldPath): ErrorList {
  if (port === undefined || port === null || port === '') return [required(path, '')];
  if (typeof port === 'number') return isValidPortNum(port).map((m) => invalid(path, port, m));
  return isValidPortName(port).map((m) => invalid(path, port, m));
}
