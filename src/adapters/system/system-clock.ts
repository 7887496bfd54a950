import { randomBytes } from 'node:crypto';
import type { Clock, IdGenerator } from '../../ports/clock.js';

export const systemClock: Clock = { now: () => new Date() };

/** Time-ordered ids: 10 base-36 chars of milliseconds then 10 random ones, so ids sort by creation. */
export class RandomIds implements IdGenerator {
  next(prefix: string): string {
    const time = Date.now().toString(36).padStart(10, '0');
    const random = BigInt(`0x${randomBytes(7).toString('hex')}`).toString(36).padStart(11, '0').slice(0, 10);
    return `${prefix}_${time}${random}`;
  }
}
