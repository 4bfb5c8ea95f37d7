/** Polls `condition` every 10 ms and fails after 30 s, so a slow shared machine still passes. */
export async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; waited < 30_000; waited += 10) {
    if (condition()) {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}
