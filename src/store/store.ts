export interface StoreCounts {
  customers: number;
  items: number;
  events: number;
  modelRuns: number;
  modelOutputs: number;
  campaignRuns: number;
  sends: number;
}

/**
 * The store as a whole, beside its repositories: transactions that span several
 * repositories, and shutdown. Injected by this class; the SQLite store implements it and
 * a MongoDB store can implement it later without touching callers.
 */
export abstract class Store {
  /**
   * Runs `work` in one transaction: the repository writes it makes before it settles
   * commit together when it resolves, and none of them does when it rejects. Transactions
   * run one at a time. Calls made from inside `work`, callbacks it schedules included,
   * join the open transaction; a nested `runInTransaction` joins it too. Writes from
   * outside wait until it ends, so `work` must not await such a write or it waits
   * forever. Reads from outside see only committed data.
   */
  abstract runInTransaction<T>(work: () => Promise<T>): Promise<T>;

  /** Counts the rows of each table, committed data only, for health checks and `rulecast stats`. */
  abstract tableCounts(): Promise<StoreCounts>;

  /** Waits for the running transaction, if any, then closes the store. */
  abstract close(): Promise<void>;

  /** Short name of the backing engine, shown by health checks and `rulecast stats`. */
  abstract readonly kind: string;

  /** Location of the data: a file path for SQLite. */
  abstract readonly location: string;
}
