import { Logger } from '@nestjs/common';

import { isLeaseAlive, processLeaseOwner } from '../../campaigns/run-lease';
import { errorMessage } from '../../common/error-message';
import type { ModelRepository, TrainingLease } from '../../store';
import { TrainingInProgressError } from '../errors';

/** How long a training lease lasts without renewal; the holder renews it every third of that. */
export const TRAINING_LEASE_MS = 120_000;
const MAX_SWAP_ATTEMPTS = 3;

/** A lease this process holds; `release` stops renewing it and deletes it. */
export interface HeldTrainingLease {
  release(): Promise<void>;
}

/**
 * Lets one process at a time train each model of a store. The lease is a row per model
 * with the owner "host|pid|nonce" and an expiry that the holder renews while it trains.
 * A lease held by a live process makes `acquire` throw TrainingInProgressError. A lease
 * left by a process that stopped is taken over: on this host as soon as that pid is
 * gone, otherwise once the lease has expired.
 */
export class TrainingLeases {
  private readonly logger = new Logger(TrainingLeases.name);
  private readonly owner = processLeaseOwner();

  constructor(private readonly models: ModelRepository) {}

  /**
   * Takes the lease on `model` and keeps renewing it until released. Runs of the model
   * still marked running are left by a process that stopped, so they are marked failed.
   */
  async acquire(model: string): Promise<HeldTrainingLease> {
    const lease = await this.take(model);

    const stranded = await this.models.failUnfinishedRuns(model, 'the process training this run stopped before the run finished');
    if (stranded > 0) {
      this.logger.warn(`model ${model}: marked ${stranded} run(s) left running by a stopped process as failed`);
    }
    return this.keep(model, lease);
  }

  /**
   * Swaps this process in as the holder. A swap fails when another process changed the
   * lease between the read and the write, so it is tried again with the new holder.
   */
  private async take(model: string): Promise<TrainingLease> {
    for (let attempt = 1; ; attempt++) {
      const now = Date.now();
      const holder = await this.models.trainingLeaseOf(model);
      if (holder && holder.owner !== this.owner && isLeaseAlive(holder, now)) {
        throw new TrainingInProgressError(model, holder);
      }

      const lease: TrainingLease = { owner: this.owner, acquiredAt: now, expiresAt: now + TRAINING_LEASE_MS };
      if (await this.models.swapTrainingLease(model, holder?.owner ?? null, lease)) {
        if (holder && holder.owner !== this.owner) {
          this.logger.warn(`model ${model}: took over the training lease of ${holder.owner}, a process that stopped or whose lease expired`);
        }
        return lease;
      }
      if (attempt === MAX_SWAP_ATTEMPTS) {
        throw new TrainingInProgressError(model, await this.models.trainingLeaseOf(model));
      }
    }
  }

  private keep(model: string, lease: TrainingLease): HeldTrainingLease {
    const timer = setInterval(() => {
      const renewed = { ...lease, expiresAt: Date.now() + TRAINING_LEASE_MS };
      this.models
        .swapTrainingLease(model, this.owner, renewed)
        .then((kept) => {
          if (!kept) {
            this.logger.error(`model ${model}: lost the training lease to another process; the run that completes last becomes active`);
          }
        })
        .catch((error: unknown) => {
          this.logger.error(`model ${model}: failed to renew the training lease: ${errorMessage(error)}`);
        });
    }, TRAINING_LEASE_MS / 3);
    timer.unref();

    return {
      release: async () => {
        clearInterval(timer);
        try {
          await this.models.releaseTrainingLease(model, this.owner);
        } catch (error) {
          this.logger.error(
            `model ${model}: failed to release the training lease, so other processes on this host cannot train it until this process exits: ${errorMessage(error)}`,
          );
        }
      },
    };
  }
}
