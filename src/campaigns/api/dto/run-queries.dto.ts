import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

export class RunsQueryDto {
  @ApiPropertyOptional({ description: 'Runs to list, newest first', default: 20, minimum: 1, maximum: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class PreviewQueryDto {
  @ApiPropertyOptional({ description: 'Only customers in this IANA time zone, as one zone of a customer-time schedule', example: 'Asia/Tokyo' })
  @IsOptional()
  @IsString()
  timeZone?: string;
}
