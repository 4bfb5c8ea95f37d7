/**
 * Ignores EPIPE on stdout and stderr, so the CLI stays quiet when the reader of its output
 * goes away, as in `rulecast preview … | head`. Without an error listener, Node raises EPIPE
 * as an uncaught exception. The command still runs to its end with the rest of its output
 * dropped, so a closed pipe never cuts a run short, and it exits with its own status.
 * Other stream errors are rethrown.
 */
export function ignoreClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') {
        throw error;
      }
    });
  }
}
