import { Injectable, OnApplicationShutdown } from '@nestjs/common';

import { markStoreInUse } from './engine-pid-files';

/**
 * The PID file of this engine process, so `rulecast demo --reset` can detect that the
 * engine uses the store. It is removed when the application shuts down. NestJS ends a process
 * stopped by SIGTERM or SIGINT by raising the signal again, so the process `exit` event
 * that `markStoreInUse` also listens to does not fire then.
 */
@Injectable()
export class EnginePidFile implements OnApplicationShutdown {
  private release: (() => void) | null = null;

  /** Writes the PID file for the store at `dbPath`. A second call changes nothing. */
  mark(dbPath: string): void {
    this.release ??= markStoreInUse(dbPath);
  }

  onApplicationShutdown(): void {
    this.release?.();
    this.release = null;
  }
}
