import { Controller, Get, Inject, Param, ParseIntPipe } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiSecurity, ApiTags } from '@nestjs/swagger';

import { RunReport, RunReports } from '../run-reports';
import { RunReportDto } from './dto/campaign.dto';
import { toHttpError } from './http-errors';

/** One run with its counts, conversions and uplift. */
@ApiTags('campaigns')
@ApiSecurity('api-key')
@Controller('api/runs')
export class RunsController {
  constructor(@Inject(RunReports) private readonly reports: RunReports) {}

  @Get(':id')
  @ApiOperation({ summary: 'A run with its customers per outcome and variant, conversions, and uplift against the holdout' })
  @ApiParam({ name: 'id', description: 'Run id', type: Number })
  @ApiOkResponse({ type: RunReportDto })
  @ApiNotFoundResponse({ description: 'No run with that id' })
  async report(@Param('id', ParseIntPipe) id: number): Promise<RunReport> {
    try {
      return await this.reports.report(id);
    } catch (error) {
      throw toHttpError(error);
    }
  }
}
