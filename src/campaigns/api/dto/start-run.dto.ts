import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsISO8601,
  IsOptional,
  IsString,
  Validate,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';

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

const DRY_RUN_CHOICE = 'send {"dryRun": true} to try the run, or {"dryRun": false} to send';

/**
 * Body of POST /api/campaigns/{id}/runs. dryRun has no default, so a request without it
 * (or without a body) is rejected and no client sends email by accident.
 */
export class StartRunDto {
  @ApiProperty({
    description: 'Required. With true the run renders every email but sends nothing and writes no send-log rows. With false it sends the emails. A body without dryRun is rejected with 400.',
    example: true,
  })
  @IsBoolean({
    message: (args: ValidationArguments) =>
      args.value === undefined ? `dryRun is required: ${DRY_RUN_CHOICE}` : `dryRun must be true or false: ${DRY_RUN_CHOICE}`,
  })
  dryRun!: boolean;

  @ApiPropertyOptional({ description: 'Scheduled slot as ISO 8601 (default: now). A second run of the same slot sends nothing. Not allowed with dryRun true.', example: '2025-03-03T09:00:00+01:00' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'at must be an ISO 8601 time such as 2025-03-03T09:00:00+01:00' })
  at?: string;

  @ApiPropertyOptional({ description: 'Only customers in this IANA time zone, as one zone of a customer-time schedule.', example: 'Europe/Berlin' })
  @IsOptional()
  @IsString()
  @Validate(IanaTimeZone)
  timeZone?: string;
}
