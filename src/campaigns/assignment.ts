import { unitHash } from './stable-hash';

/** One A/B variant and its share of the treatment group. */
export interface VariantWeight {
  name: string;
  /** Relative weight, such as 50 for 50%. Weights are divided by their sum. */
  weight: number;
}

export interface AssignmentSpec {
  campaign: string;
  /** Fraction of the audience held out, in [0, 1): 0.1 for a 10% holdout. */
  holdout: number;
  /** Empty when the campaign has a single template and no A/B test. */
  variants: readonly VariantWeight[];
}

/** Arm of a campaign that a customer falls into. */
export type Arm = { group: 'holdout' } | { group: 'treatment'; variant: string | null };

export class AssignmentSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AssignmentSpecError';
  }
}

/** Lists what is wrong with `spec`, or nothing when it is valid, so checkers can report problems as data. */
export function checkAssignmentSpec(spec: AssignmentSpec): string[] {
  const problems: string[] = [];
  if (!Number.isFinite(spec.holdout) || spec.holdout < 0 || spec.holdout >= 1) {
    problems.push(
      `campaign '${spec.campaign}': holdout ${spec.holdout} is outside [0, 1); write it as a fraction, 0.1 for 10%`,
    );
  }

  const seen = new Set<string>();
  for (const variant of spec.variants) {
    if (variant.name.trim().length === 0) {
      problems.push(`campaign '${spec.campaign}': a variant has an empty name`);
    } else if (seen.has(variant.name)) {
      problems.push(`campaign '${spec.campaign}': variant '${variant.name}' is listed twice`);
    }
    seen.add(variant.name);

    if (!Number.isFinite(variant.weight) || variant.weight <= 0) {
      problems.push(`campaign '${spec.campaign}': variant '${variant.name}' has weight ${variant.weight}; use a positive number`);
    }
  }
  return problems;
}

/**
 * Splits a campaign's audience into holdout and weighted variants by hashing the
 * campaign name with the customer id, so a customer lands in the same arm on every run
 * and every machine. Holdout and variant use separate hashes. Raising the holdout
 * therefore only moves treatment customers into the holdout, and changing it leaves the
 * variant of everyone still treated unchanged.
 */
export class ArmAssigner {
  private readonly variantNames: string[];
  /** Upper bound of each variant's slice of [0, 1). */
  private readonly cumulative: number[];

  private constructor(private readonly spec: AssignmentSpec) {
    const total = spec.variants.reduce((sum, variant) => sum + variant.weight, 0);
    let running = 0;
    this.variantNames = spec.variants.map((variant) => variant.name);
    this.cumulative = spec.variants.map((variant) => {
      running += variant.weight;
      return running / total;
    });
  }

  /** Validates `spec` and builds the assigner. Throws AssignmentSpecError listing every problem. */
  static create(spec: AssignmentSpec): ArmAssigner {
    const problems = checkAssignmentSpec(spec);
    if (problems.length > 0) {
      throw new AssignmentSpecError(problems.join('; '));
    }
    return new ArmAssigner(spec);
  }

  assign(customerId: string): Arm {
    if (this.spec.holdout > 0 && unitHash(`${this.spec.campaign}\u0000holdout\u0000${customerId}`) < this.spec.holdout) {
      return { group: 'holdout' };
    }
    return { group: 'treatment', variant: this.pickVariant(customerId) };
  }

  private pickVariant(customerId: string): string | null {
    if (this.variantNames.length === 0) {
      return null;
    }

    const point = unitHash(`${this.spec.campaign}\u0000variant\u0000${customerId}`);
    for (let index = 0; index < this.cumulative.length; index++) {
      if (point < this.cumulative[index]) {
        return this.variantNames[index];
      }
    }
    // Rounding can leave the last bound a hair below 1.
    return this.variantNames[this.variantNames.length - 1];
  }
}
