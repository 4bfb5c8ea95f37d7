import { Body, Controller, Get, HttpCode, HttpStatus, Inject, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiSecurity,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';

import { CampaignJobs } from '../../scheduler/campaign-jobs';
import { scheduleRegistrationName } from '../../scheduler/campaign-scheduler';
import { isValidTimeZone } from '../../scheduler/zoned-time';
import type { CampaignRun } from '../../store/entities/campaign-run';
import { CampaignRegistry } from '../registry/campaign-registry';
import { CampaignDescription, describeCampaign } from '../registry/campaign-description';
import { RunReports } from '../run-reports';
import { CampaignPreview, CampaignPreviewer } from '../run/campaign-previewer';
import { CampaignDto, CampaignRunDto } from './dto/campaign.dto';
import { PreviewQueryDto, RunsQueryDto } from './dto/run-queries.dto';
import { StartRunDto } from './dto/start-run.dto';
import { InvalidRunRequestError, toHttpError } from './http-errors';
import { RunStarter } from './run-starter';

const CAMPAIGN_PARAM = { name: 'id', description: 'Campaign name or slug, such as win-back-lapsed-wine-buyers' };

/** The campaigns the engine has loaded, their previews and their runs. */
@ApiTags('campaigns')
@ApiSecurity('api-key')
@Controller('api/campaigns')
export class CampaignsController {
  constructor(
    @Inject(CampaignRegistry) private readonly registry: CampaignRegistry,
    @Inject(CampaignPreviewer) private readonly previewer: CampaignPreviewer,
    @Inject(RunStarter) private readonly starter: RunStarter,
    @Inject(RunReports) private readonly reports: RunReports,
    @Inject(CampaignJobs) private readonly jobs: CampaignJobs,
  ) {}

  @Get()
  @ApiOperation({ summary: 'List the campaigns loaded from the rules folder' })
  @ApiOkResponse({ type: [CampaignDto] })
  list(): Array<CampaignDescription & { nextRuns: string[] }> {
    return this.registry.list().map((campaign) => {
      const fires = campaign.schedules.flatMap((_, index) => this.jobs.nextFires(scheduleRegistrationName(campaign.name, index)));
      const nextRuns = [...new Set(fires.map((fire) => fire.scheduledAt))].sort((a, b) => a - b).map((time) => new Date(time).toISOString());
      return { ...describeCampaign(campaign), nextRuns };
    });
  }

  @Get(':id/preview')
  @ApiOperation({ summary: 'Audience size, outcomes per variant and ten sample recipients with offers, as a run now would decide them; nothing is sent or recorded' })
  @ApiParam(CAMPAIGN_PARAM)
  @ApiOkResponse({ description: 'The preview', schema: { type: 'object', additionalProperties: true } })
  @ApiNotFoundResponse({ description: 'No campaign of that name or slug' })
  @ApiUnprocessableEntityResponse({ description: 'A model the campaign reads has no trained run, or that run gives a label the campaign uses no cluster' })
  async preview(@Param('id') id: string, @Query() query: PreviewQueryDto): Promise<CampaignPreview> {
    try {
      if (query.timeZone !== undefined && !isValidTimeZone(query.timeZone)) {
        throw new InvalidRunRequestError(`timeZone "${query.timeZone}" is not an IANA time zone; use a name such as Europe/Berlin`);
      }
      return await this.previewer.preview(this.registry.get(id), query.timeZone ?? null);
    } catch (error) {
      throw toHttpError(error);
    }
  }

  @Post(':id/runs')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Start a run (or a dry run) and respond once it is recorded. Poll GET /api/runs/{id} for the outcome.',
    description: 'The body must set dryRun: {"dryRun": true} tries the run and sends nothing, {"dryRun": false} sends the emails. A request without a body or without dryRun is rejected with 400.',
  })
  @ApiParam(CAMPAIGN_PARAM)
  @ApiAcceptedResponse({ type: CampaignRunDto, description: 'The run, still running' })
  @ApiBadRequestResponse({ description: 'An invalid body: no body, no dryRun, or "at" together with dryRun true' })
  @ApiNotFoundResponse({ description: 'No campaign of that name or slug' })
  @ApiConflictResponse({ description: 'The slot has a run already; the body names it' })
  @ApiUnprocessableEntityResponse({ description: 'A model the campaign reads has no trained run, or that run gives a label the campaign uses no cluster' })
  async start(@Param('id') id: string, @Body() body: StartRunDto): Promise<CampaignRun> {
    try {
      const dryRun = body.dryRun;
      if (dryRun && body.at !== undefined) {
        throw new InvalidRunRequestError('at names a slot to send for; a dry run always evaluates the audience now, so leave at out');
      }
      return await this.starter.start({
        campaign: this.registry.get(id),
        dryRun,
        at: body.at === undefined ? null : Date.parse(body.at),
        timeZone: body.timeZone ?? null,
      });
    } catch (error) {
      throw toHttpError(error);
    }
  }

  @Get(':id/runs')
  @ApiOperation({ summary: "List the campaign's runs, newest first" })
  @ApiParam(CAMPAIGN_PARAM)
  @ApiOkResponse({ type: [CampaignRunDto] })
  @ApiNotFoundResponse({ description: 'No campaign of that name or slug, and no runs under that exact name' })
  async runs(@Param('id') id: string, @Query() query: RunsQueryDto): Promise<CampaignRun[]> {
    const campaign = this.registry.find(id);
    const runs = await this.reports.list(campaign?.name ?? id, query.limit ?? 20);
    if (campaign === null && runs.length === 0) {
      // Runs of a campaign deleted from the rules stay listed under its exact name.
      try {
        this.registry.get(id);
      } catch (error) {
        throw toHttpError(error);
      }
    }
    return runs;
  }
}
