import { Store } from '../store';
import { SqliteContext } from './sqlite-context';

export class SqliteStore extends Store {
  readonly kind = 'sqlite';

  constructor(
    private readonly context: SqliteContext,
    readonly location: string,
  ) {
    super();
  }

  runInTransaction<T>(work: () => Promise<T>): Promise<T> {
    return this.context.runInTransaction(work);
  }

  close(): Promise<void> {
    return this.context.close();
  }
}
