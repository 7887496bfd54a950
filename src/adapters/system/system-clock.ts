import { randomBytes } from 'node:crypto';
import type { Clock, IdGenerator } from '../../ports/clock.js';

export const systemClock: Clock = { now: () => new Date() };

/**
 * Time-ordered ids: 10 base-36 chars of milliseconds, 5 chars that are random per process (so
 * processes never collide in practice) and a 5-char counter (so ids of one process never collide).
 */
export class RandomIds implements IdGenerator {
  private readonly processPart = (randomBytes(4).readUInt32BE(0) % 36 ** 5).toString(36).padStart(5, '0');
  private counter = randomBytes(3).readUIntBE(0, 3);

  next(prefix: string): string {
    this.counter = (this.counter + 1) % 36 ** 5;
    return `${prefix}_${Date.now().toString(36).padStart(10, '0')}${this.processPart}${this.counter.toString(36).padStart(5, '0')}`;
  }
}
