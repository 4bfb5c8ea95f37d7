import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class RunSummaryDto {
  @ApiProperty({ example: 12 })
  id!: number;

  @ApiProperty({ example: 'kmeans', description: 'Configured model name' })
  model!: string;

  @ApiProperty({ example: 'kmeans' })
  plugin!: string;

  @ApiProperty({ example: '1.0.0' })
  pluginVersion!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Validated parameters, defaults included' })
  params!: Record<string, unknown>;

  @ApiProperty({ enum: ['running', 'succeeded', 'failed'] })
  status!: string;

  @ApiProperty({ description: 'Epoch ms of the newest data the run read' })
  snapshotAt!: number;

  @ApiProperty({ description: 'Epoch ms' })
  startedAt!: number;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Epoch ms' })
  finishedAt!: number | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, nullable: true })
  metrics!: Record<string, unknown> | null;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Why the run failed' })
  error!: string | null;

  @ApiProperty({ description: 'True for the run whose outputs campaigns read' })
  active!: boolean;
}

export class ModelStatusDto {
  @ApiProperty({ example: 'response' })
  name!: string;

  @ApiProperty({ example: 'logistic-regression' })
  plugin!: string;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'npm package of the plugin' })
  package!: string | null;

  @ApiPropertyOptional({ enum: ['segmenter', 'scorer', 'recommender'], nullable: true })
  kind!: string | null;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, example: { 'big spenders': 2 } })
  labels!: Record<string, number>;

  @ApiPropertyOptional({ type: String, nullable: true })
  description!: string | null;

  @ApiProperty({ type: [String], description: 'Reasons training would fail before it starts' })
  problems!: string[];

  @ApiProperty()
  training!: boolean;

  @ApiPropertyOptional({ type: RunSummaryDto, nullable: true })
  activeRun!: RunSummaryDto | null;

  @ApiProperty({ type: [RunSummaryDto] })
  recentRuns!: RunSummaryDto[];
}
