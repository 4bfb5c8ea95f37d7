import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsISO8601, IsOptional, IsString, Validate, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';

import { isValidTimeZone } from '../../../scheduler/zoned-time';

@ValidatorConstraint({ name: 'ianaTimeZone' })
class IanaTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isValidTimeZone(value);
  }

  defaultMessage(): string {
    return 'timeZone must be an IANA time zone such as Europe/Berlin';
  }
}

/** Body of POST /api/campaigns/{id}/runs. */
export class StartRunDto {
  @ApiPropertyOptional({ description: 'Run the whole pipeline, rendering every email, but send nothing and write no send-log rows.', default: false })
  @IsOptional()
  @IsBoolean({ message: 'dryRun must be true or false' })
  dryRun?: boolean;

  @ApiPropertyOptional({ description: 'Scheduled slot as ISO 8601 (default: now). A second run of the same slot sends nothing. Not allowed with dryRun.', example: '2025-03-03T09:00:00+01:00' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'at must be an ISO 8601 time such as 2025-03-03T09:00:00+01:00' })
  at?: string;

  @ApiPropertyOptional({ description: 'Only customers in this IANA time zone, as one zone of a customer-time schedule.', example: 'Europe/Berlin' })
  @IsOptional()
  @IsString()
  @Validate(IanaTimeZone)
  timeZone?: string;
}
