import { Injectable } from '@nestjs/common';

/**
 * The engine's source of the current time, in epoch milliseconds. Code that decides
 * what is due asks the injected clock instead of calling `Date.now()`, so tests can
 * move time without waiting.
 */
export abstract class Clock {
  abstract now(): number;
}

@Injectable()
export class SystemClock extends Clock {
  now(): number {
    return Date.now();
  }
}
