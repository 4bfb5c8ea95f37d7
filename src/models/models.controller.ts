import {
  BadRequestException,
  ConflictException,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  Res,
  UnprocessableEntityException,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiQuery,
  ApiSecurity,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';

import { ModelStatusDto, RunSummaryDto } from './dto/model-status.dto';
import { PluginNotInstalledError, TrainingInProgressError, UnknownModelError } from './errors';
import { ModelsService, ModelStatus, RunSummary, summarizeRun } from './models.service';

@ApiTags('models')
@ApiSecurity('api-key')
@Controller('api/models')
export class ModelsController {
  constructor(@Inject(ModelsService) private readonly models: ModelsService) {}

  @Get()
  @ApiOkResponse({ type: [ModelStatusDto], description: 'Configured models with their active and recent runs' })
  list(): Promise<ModelStatus[]> {
    return this.models.list();
  }

  /**
   * Starts a training and responds 202 with the running run at once. With `wait=true`
   * it responds 200 with the finished run (succeeded or failed) when training ends.
   */
  @Post(':name/train')
  @HttpCode(202)
  @ApiQuery({ name: 'wait', required: false, type: Boolean, description: 'Respond when training has finished' })
  @ApiAcceptedResponse({ type: RunSummaryDto, description: 'The run, still running' })
  @ApiOkResponse({ type: RunSummaryDto, description: 'With wait=true: the finished run' })
  @ApiNotFoundResponse({ description: 'No model of that name in models.json' })
  @ApiConflictResponse({ description: 'The model is already training' })
  @ApiUnprocessableEntityResponse({ description: "The model's plugin is not installed or failed to load" })
  async train(
    @Param('name') name: string,
    @Res({ passthrough: true }) response: StatusResponse,
    @Query('wait') wait?: string,
  ): Promise<RunSummary> {
    // Parsed here because the global ValidationPipe would turn any string into true.
    if (wait !== undefined && wait !== 'true' && wait !== 'false') {
      throw new BadRequestException(`wait must be true or false, got ${JSON.stringify(wait)}`);
    }
    try {
      if (wait === 'true') {
        const { run } = await this.models.train(name);
        response.status(200);
        return summarizeRun(run);
      }
      return summarizeRun(await this.models.startTraining(name));
    } catch (error) {
      throw toHttpError(error);
    }
  }
}

/** The part of Express's response this controller sets. */
interface StatusResponse {
  status(code: number): unknown;
}

function toHttpError(error: unknown): unknown {
  if (error instanceof UnknownModelError) {
    return new NotFoundException(error.message);
  }
  if (error instanceof TrainingInProgressError) {
    return new ConflictException(error.message);
  }
  if (error instanceof PluginNotInstalledError) {
    return new UnprocessableEntityException(error.message);
  }
  return error;
}
