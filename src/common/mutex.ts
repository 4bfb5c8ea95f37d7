/**
 * A first-come, first-served lock for async work in one process. Each `runExclusive`
 * call starts after every earlier call has settled, whether it resolved or rejected.
 */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  runExclusive<T>(work: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(work);
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
