/**
 * Ignores EPIPE on stdout and stderr, so the CLI stays quiet when the reader of its output
 * goes away, as in `rulecast preview … | head`. Without an error listener Node throws EPIPE
 * as an uncaught exception. The command runs to its end with the rest of its output
 * dropped, so a closed pipe never cuts a run short, and the exit status is the command's.
 * Other stream errors are thrown as before.
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
