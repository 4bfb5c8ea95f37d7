import { ApiProperty } from '@nestjs/swagger';

/** OpenAPI shape of `ModelExplanation`. */
export class ModelExplanationDto {
  @ApiProperty({ example: 'products', description: 'Configured model name' })
  model!: string;

  @ApiProperty({ example: 'c004' })
  customerId!: string;

  @ApiProperty({ example: 3, description: 'The active run whose artifact gave the reasons' })
  runId!: number;

  @ApiProperty({ example: 'collaborative-filtering' })
  plugin!: string;

  @ApiProperty({ example: '1.0.0' })
  pluginVersion!: string;

  @ApiProperty({ description: "Epoch ms of the newest data the run read; the customer's later events are left out" })
  snapshotAt!: number;

  @ApiProperty({ enum: ['en', 'zh-CN'], description: 'Interface language (RULECAST_LANG) the plugin wrote in' })
  lang!: string;

  @ApiProperty({
    type: [String],
    description: "The plugin's reasons, one line each; the built-in recommenders explain the top 3 recommendations",
    example: ["'Item d' (d) scores 4.512 because of similar items you have: 'Item a' (a) (your value 5, similarity 0.98)."],
  })
  reasons!: string[];
}
