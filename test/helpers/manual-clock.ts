import type { Clock } from '../../src/ports/clock.js';

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start = '2026-06-01T08:00:00.000Z') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    this.current += ms;
  }

  set(iso: string): void {
    this.current = new Date(iso).getTime();
  }
}
