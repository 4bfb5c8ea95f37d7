import { buildSparseRows, SparseEntry, SparseRows, transposeSparseRows } from './sparse-matrix';
import type { Interaction } from './feedback';

/**
 * Feedback as a sparse customers x items matrix, stored both by customer and by item.
 * Customers and items are numbered in order of first appearance.
 */
export interface InteractionMatrix {
  customerIds: string[];
  itemIds: string[];
  customerIndex: Map<string, number>;
  itemIndex: Map<string, number>;
  /** Rows are customers, columns items. */
  byCustomer: SparseRows;
  /** Rows are items, columns customers. */
  byItem: SparseRows;
}

/** Builds the matrix; each (customer, item) pair must occur once, as `collectFeedback` ensures. */
export function buildInteractionMatrix(interactions: readonly Interaction[]): InteractionMatrix {
  const customerIds: string[] = [];
  const itemIds: string[] = [];
  const customerIndex = new Map<string, number>();
  const itemIndex = new Map<string, number>();
  const entries: SparseEntry[] = [];

  for (const interaction of interactions) {
    const row = indexOf(interaction.customerId, customerIndex, customerIds);
    const column = indexOf(interaction.itemId, itemIndex, itemIds);
    entries.push({ row, column, value: interaction.value });
  }

  const byCustomer = buildSparseRows(customerIds.length, itemIds.length, entries);
  const byItem = transposeSparseRows(byCustomer);
  return { customerIds, itemIds, customerIndex, itemIndex, byCustomer, byItem };
}

function indexOf(id: string, index: Map<string, number>, ids: string[]): number {
  const known = index.get(id);
  if (known !== undefined) {
    return known;
  }
  index.set(id, ids.length);
  ids.push(id);
  return ids.length - 1;
}
