import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** Query parameters of POST /api/import/{kind}. */
export class ImportQueryDto {
  @ApiPropertyOptional({ description: 'Mapping file (JSON), relative to the working directory of the engine; or send the mapping itself in the x-rulecast-mapping header.' })
  @IsOptional()
  @IsString()
  @Matches(/\.json$/i, { message: 'mapping must name a .json file' })
  mapping?: string;

  @ApiPropertyOptional({ description: 'Import the valid rows and list the invalid ones, instead of importing nothing.', default: false })
  @IsOptional()
  @Transform(({ value }) => parseBooleanQuery(value))
  @IsBoolean({ message: 'skipInvalid must be true or false' })
  skipInvalid?: boolean;

  @ApiPropertyOptional({ enum: ['csv', 'jsonl'], description: 'File format; by default taken from the Content-Type, then the file name.' })
  @IsOptional()
  @IsIn(['csv', 'jsonl'], { message: 'format must be csv or jsonl' })
  format?: 'csv' | 'jsonl';

  @ApiPropertyOptional({ description: 'Name of the uploaded file, shown in the report.' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  filename?: string;
}

/** Turns the query strings "true" and "false" into booleans and leaves anything else for validation. */
function parseBooleanQuery(value: unknown): unknown {
  if (value === 'true') {
    return true;
  }
  if (value === 'false') {
    return false;
  }
  return value;
}
