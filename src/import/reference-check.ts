import { CustomerRepository, ItemRepository } from '../store/repositories';
import { rowProblem } from './import-problem';
import { ProblemCollector } from './problem-collector';

interface Reference {
  row: number;
  line: number;
  customerId: string;
  itemId: string | null;
}

const BATCH = 2000;

/**
 * Checks in batches that the customer and item of each event row exist in the store,
 * because events may only refer to imported customers and items.
 */
export class ReferenceCheck {
  private pending: Reference[] = [];

  constructor(
    private readonly customers: CustomerRepository,
    private readonly items: ItemRepository,
    private readonly problems: ProblemCollector,
    private readonly customerColumn: string,
    private readonly itemColumn: string,
  ) {}

  async add(reference: Reference): Promise<void> {
    this.pending.push(reference);
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

    const knownCustomers = await this.customers.existingIds([...new Set(batch.map((reference) => reference.customerId))]);
    const itemIds = batch.flatMap((reference) => (reference.itemId === null ? [] : [reference.itemId]));
    const knownItems = await this.items.existingIds([...new Set(itemIds)]);
    for (const reference of batch) {
      if (!knownCustomers.has(reference.customerId)) {
        this.problems.add(
          rowProblem(reference.row, reference.line, this.customerColumn, reference.customerId, 'no customer has this id; import the customers first'),
        );
      } else if (reference.itemId !== null && !knownItems.has(reference.itemId)) {
        this.problems.add(rowProblem(reference.row, reference.line, this.itemColumn, reference.itemId, 'no item has this id; import the items first'));
      }
    }
  }
}
