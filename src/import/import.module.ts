import { Module } from '@nestjs/common';

import { ImportService } from './import.service';

/** Data import from CSV and JSON Lines; the HTTP endpoint lives in the HTTP layer's module. */
@Module({
  providers: [ImportService],
  exports: [ImportService],
})
export class ImportModule {}
