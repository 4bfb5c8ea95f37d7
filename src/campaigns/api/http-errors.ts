import { BadRequestException, ConflictException, NotFoundException, UnprocessableEntityException } from '@nestjs/common';

import { ModelNotTrainedError, RunNotFoundError, SegmentLabelError, UnknownCampaignError } from '../campaign-errors';
import { CustomerNotFoundError } from '../run/campaign-previewer';
import { RunAlreadyExistsError } from './run-starter';

/** Maps the campaign errors a client can act on to HTTP errors with the same message; rethrows anything else. */
export function toHttpError(error: unknown): unknown {
  if (error instanceof UnknownCampaignError || error instanceof RunNotFoundError || error instanceof CustomerNotFoundError) {
    return new NotFoundException(error.message);
  }
  if (error instanceof ModelNotTrainedError || error instanceof SegmentLabelError) {
    return new UnprocessableEntityException(error.message);
  }
  if (error instanceof RunAlreadyExistsError) {
    return new ConflictException({ message: error.message, runId: error.run.id, status: error.run.status });
  }
  if (error instanceof InvalidRunRequestError) {
    return new BadRequestException(error.message);
  }
  return error;
}

/** A run request whose fields are valid one by one but not together. */
export class InvalidRunRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidRunRequestError';
  }
}
