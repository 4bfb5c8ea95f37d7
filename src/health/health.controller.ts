import { Controller, Get, HttpStatus, Inject, Logger, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';

import { errorMessage } from '../common/error-message';
import { Store, StoreCounts } from '../store/store';

export interface HealthReport {
  status: 'ok' | 'error';
  store: { kind: string; reachable: boolean; counts: StoreCounts | null; error?: string };
  uptimeSeconds: number;
}

/** Public liveness and readiness check: whether the store responds, with row counts. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  private readonly logger = new Logger(HealthController.name);

  constructor(@Inject(Store) private readonly store: Store) {}

  @Get()
  @ApiOperation({ summary: 'Check that the engine runs and its store is reachable' })
  @ApiOkResponse({ description: 'The store responded; row counts per table.' })
  @ApiServiceUnavailableResponse({ description: 'The store did not respond; the error field gives the reason.' })
  async check(@Res({ passthrough: true }) response: ServerResponse): Promise<HealthReport> {
    const uptimeSeconds = Math.round(process.uptime());
    try {
      const counts = await this.store.tableCounts();
      return { status: 'ok', store: { kind: this.store.kind, reachable: true, counts }, uptimeSeconds };
    } catch (error) {
      this.logger.error(`health check failed: the ${this.store.kind} store did not respond: ${errorMessage(error)}`);
      response.statusCode = HttpStatus.SERVICE_UNAVAILABLE;
      return { status: 'error', store: { kind: this.store.kind, reachable: false, counts: null, error: errorMessage(error) }, uptimeSeconds };
    }
  }
}
