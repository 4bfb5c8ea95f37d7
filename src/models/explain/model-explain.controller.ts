import {
  Controller,
  Get,
  Inject,
  InternalServerErrorException,
  NotFoundException,
  Param,
  UnprocessableEntityException,
} from '@nestjs/common';
import {
  ApiInternalServerErrorResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiSecurity,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';

import { PluginRunError, UnknownModelError } from '../errors';
import { isExplainFailure, UnknownCustomerError } from './explain-errors';
import { ModelExplanation, ModelExplainer } from './model-explainer';
import { ModelExplanationDto } from './model-explanation.dto';

/** Reasons behind one customer's model output, for integrators' preview screens. */
@ApiTags('models')
@ApiSecurity('api-key')
@Controller('api/models')
export class ModelExplainController {
  constructor(@Inject(ModelExplainer) private readonly explainer: ModelExplainer) {}

  @Get(':name/explain/:customerId')
  @ApiOperation({ summary: "Reasons the model's active run gives for one customer's output, in the interface language (RULECAST_LANG)" })
  @ApiParam({ name: 'name', description: 'Model name from models.json, such as products' })
  @ApiParam({ name: 'customerId', description: 'Customer id as imported' })
  @ApiOkResponse({ type: ModelExplanationDto })
  @ApiNotFoundResponse({ description: 'No model of that name in models.json, or no customer with that id' })
  @ApiUnprocessableEntityResponse({
    description: 'The model has no trained run, its plugin is not available or has no explain(), or its run needs retraining for the current plugin',
  })
  @ApiInternalServerErrorResponse({ description: 'The plugin failed; the message names it' })
  async explain(@Param('name') name: string, @Param('customerId') customerId: string): Promise<ModelExplanation> {
    try {
      return await this.explainer.explain(name, customerId);
    } catch (error) {
      throw toHttpError(error);
    }
  }
}

function toHttpError(error: unknown): unknown {
  if (!isExplainFailure(error)) {
    return error;
  }
  if (error instanceof UnknownModelError || error instanceof UnknownCustomerError) {
    return new NotFoundException(error.message);
  }
  if (error instanceof PluginRunError) {
    return new InternalServerErrorException(error.message);
  }
  return new UnprocessableEntityException(error.message);
}
