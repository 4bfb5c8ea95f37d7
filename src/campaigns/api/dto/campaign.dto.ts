import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ScheduleDto {
  @ApiProperty({ example: '0 9 * * 1', description: 'Five-field cron expression, read as wall-clock time in timeZone' })
  cron!: string;

  @ApiProperty({ example: 'customer', description: "An IANA zone, or 'customer' for each customer's own zone" })
  timeZone!: string;
}

export class VariantDto {
  @ApiProperty({ example: 'A' })
  name!: string;

  @ApiProperty({ example: 50, description: 'Share of the treatment group in percent' })
  weight!: number;

  @ApiProperty({ example: 'winback' })
  template!: string;
}

export class CampaignDto {
  @ApiProperty({ example: 'Win back lapsed wine buyers' })
  name!: string;

  @ApiProperty({ example: 'win-back-lapsed-wine-buyers', description: 'Name in URLs and commands' })
  slug!: string;

  @ApiProperty({ example: 'rules/winback.rules' })
  file!: string;

  @ApiProperty({ type: [ScheduleDto] })
  schedules!: ScheduleDto[];

  @ApiProperty({ example: 'winback' })
  template!: string;

  @ApiProperty({ type: [VariantDto] })
  variants!: VariantDto[];

  @ApiProperty({ example: 0.1, description: 'Fraction of the audience held out' })
  holdout!: number;

  @ApiPropertyOptional({ type: 'object', nullable: true, additionalProperties: { type: 'number' }, example: { limit: 1, windowMs: 1209600000 } })
  cap!: { limit: number; windowMs: number } | null;

  @ApiPropertyOptional({ type: 'object', nullable: true, additionalProperties: { type: 'string' }, example: { start: '21:00', end: '08:00' } })
  quietHours!: { start: string; end: string } | null;

  @ApiProperty({ example: 20 })
  priority!: number;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2025-01-01' })
  startDate!: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  endDate!: string | null;

  @ApiProperty({ enum: ['skip', 'catch-up'] })
  missedRuns!: string;

  @ApiPropertyOptional({ type: 'object', nullable: true, additionalProperties: true, example: { kind: 'recommend', model: 'products', count: 3 } })
  offer!: Record<string, unknown> | null;

  @ApiProperty({ type: [String], example: ['products', 'response'], description: 'Models the campaign reads; each needs a trained run' })
  models!: string[];

  @ApiProperty({ type: [String], description: 'Next scheduled runs (ISO 8601) in this engine, earliest first; empty when not scheduled' })
  nextRuns!: string[];
}

export class CampaignRunDto {
  @ApiProperty({ example: 7 })
  id!: number;

  @ApiProperty({ example: 'Win back lapsed wine buyers' })
  campaign!: string;

  @ApiProperty({ example: 'Win back lapsed wine buyers@2025-03-03T08:00:00.000Z#Europe/Berlin' })
  runKey!: string;

  @ApiProperty({ description: 'Epoch ms of the slot' })
  scheduledAt!: number;

  @ApiProperty({ description: 'Epoch ms; the audience is evaluated as of this time' })
  startedAt!: number;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Epoch ms' })
  finishedAt!: number | null;

  @ApiProperty({ enum: ['running', 'completed', 'failed'] })
  status!: string;

  @ApiProperty()
  dryRun!: boolean;

  @ApiPropertyOptional({ type: 'object', nullable: true, additionalProperties: true, description: 'Counts per outcome and variant, offers per email, time per stage; null while the run is in progress' })
  summary!: Record<string, unknown> | null;
}

export class RunReportDto {
  @ApiProperty({ type: CampaignRunDto })
  run!: CampaignRunDto;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { sent: 120, held_out: 14, capped: 3, suppressed: 5, no_offer: 0, failed: 0 } })
  outcomes!: Record<string, number>;

  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, example: [{ status: 'sent', variant: 'A', count: 60 }] })
  byVariant!: Array<Record<string, unknown>>;

  @ApiProperty({ description: 'Sends still pending: the run is in progress or stopped before settling them' })
  pending!: number;

  @ApiPropertyOptional({ type: 'object', nullable: true, additionalProperties: true, description: 'Conversion rate per variant, treatment and holdout with 95% Wilson intervals, and uplift with 95% Newcombe intervals; null for dry runs' })
  conversions!: Record<string, unknown> | null;
}
