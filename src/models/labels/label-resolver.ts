import type { AttributeType, CustomerRepository, ModelOutput } from '../../store';
import type { ModelDefinition } from '../catalog/models-config';
import { LabelResolution, resolveLabels } from './resolve-labels';
import { totalSegments } from './segment-means';

/**
 * Resolves the criterion labels of `definition` against the segments of a finished
 * training, reading the attributes the criteria name from every stored customer.
 * Returns null when the model has no criterion labels.
 */
export async function resolveRunLabels(
  customers: CustomerRepository,
  definition: ModelDefinition,
  outputs: readonly ModelOutput[],
): Promise<Record<string, LabelResolution> | null> {
  const criteria = definition.labelCriteria;
  if (criteria.length === 0) {
    return null;
  }

  const attributeTypes = new Map<string, AttributeType>();
  for (const attribute of await customers.attributeDefinitions()) {
    if (attribute.entity === 'customer') {
      attributeTypes.set(attribute.name, attribute.type);
    }
  }
  const segments = new Map(outputs.map((output) => [output.customerId, output.segment]));
  const attributes = [...new Set(criteria.flatMap((criterion) => criterion.attributes))];
  const totals = await totalSegments(customers, segments, attributes);
  return resolveLabels(criteria, definition.labels, totals, attributeTypes);
}
