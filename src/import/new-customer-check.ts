import { CustomerField, CustomerRepository } from '../store/repositories';
import { rowProblem } from './import-problem';
import { ProblemCollector } from './problem-collector';

/** A row that lacks fields a new customer needs, so it may only update a known one. */
interface PartialRow {
  row: number;
  line: number;
  id: string;
  missing: CustomerField[];
}

const BATCH = 2000;

/**
 * Checks in batches that rows without an email or a consent update known customers,
 * because a new customer needs both and a known one keeps its stored values.
 */
export class NewCustomerCheck {
  private pending: PartialRow[] = [];

  constructor(
    private readonly customers: CustomerRepository,
    private readonly problems: ProblemCollector,
    private readonly columnOf: (field: CustomerField) => string,
  ) {}

  async add(row: PartialRow): Promise<void> {
    this.pending.push(row);
    if (this.pending.length >= BATCH) {
      await this.flush();
    }
  }

  async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) {
      return;
    }

    const known = await this.customers.existingIds([...new Set(batch.map((row) => row.id))]);
    for (const row of batch.filter((candidate) => !known.has(candidate.id))) {
      for (const field of row.missing) {
        const column = this.columnOf(field);
        const reason = `${field} is missing, and customer ${row.id} is new, so it needs one; fill the ${column} column, or set defaults.${field} in a mapping file (--mapping)`;
        this.problems.add(rowProblem(row.row, row.line, column, '', reason));
      }
    }
  }
}
