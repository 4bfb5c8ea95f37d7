import { Store, StoreCounts } from '../store';
import { Query, SqliteContext } from './sqlite-context';

const TABLES: Record<keyof StoreCounts, string> = {
  customers: 'customers',
  items: 'items',
  events: 'events',
  modelRuns: 'model_runs',
  modelOutputs: 'model_outputs',
  campaignRuns: 'campaign_runs',
  sends: 'send_log',
};

export class SqliteStore extends Store {
  readonly kind = 'sqlite';
  private readonly counts: Query<[], StoreCounts>;

  constructor(
    private readonly context: SqliteContext,
    readonly location: string,
  ) {
    super();
    const columns = Object.entries(TABLES).map(([key, table]) => `(SELECT COUNT(*) FROM ${table}) AS ${key}`);
    this.counts = new Query(context, `SELECT ${columns.join(', ')}`);
  }

  async tableCounts(): Promise<StoreCounts> {
    const row = this.counts.forRead().get();
    if (!row) {
      throw new Error('SELECT COUNT(*) returned no row');
    }
    return row;
  }

  runInTransaction<T>(work: () => Promise<T>): Promise<T> {
    return this.context.runInTransaction(work);
  }

  close(): Promise<void> {
    return this.context.close();
  }
}
