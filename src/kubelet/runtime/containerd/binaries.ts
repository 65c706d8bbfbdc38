/** Finding the runtime's binaries on PATH, with an error that says which Debian package provides a missing one. */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export class RuntimeBinaryMissingError extends Error {
  constructor(
    readonly binary: string,
    readonly aptPackage: string,
  ) {
    super(
      `${binary} not found on PATH: install the Debian package "${aptPackage}" ` +
        `(apt-get install -y containerd runc containernetworking-plugins), or point k8ts at an existing runtime ` +
        `with --container-runtime-endpoint`,
    );
    this.name = 'RuntimeBinaryMissingError';
  }
}

/** The absolute path of an executable on PATH, or undefined. */
export function which(binary: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, binary);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export function requireBinary(binary: string, aptPackage: string, path?: string): string {
  const found = which(binary, path);
  if (!found) throw new RuntimeBinaryMissingError(binary, aptPackage);
  return found;
}
