/** Errors the command line reports as one line (`error: …`) with what to do next, and an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Turns a listen() failure into a message that says what to do next. */
export function listenError(err: unknown, host: string, port: number): Error {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EADDRINUSE':
      return new CliError(`port ${port} is in use; pass --port or stop the other server (k8ts down)`);
    case 'EACCES':
      return new CliError(`binding port ${port} needs more privileges; pass --port with a port above 1023 or run as root`);
    case 'EADDRNOTAVAIL':
      return new CliError(`address ${host} is not on this machine; pass --bind-address with a local address (e.g. 127.0.0.1)`);
    default:
      return err instanceof Error ? err : new Error(String(err));
  }
}
