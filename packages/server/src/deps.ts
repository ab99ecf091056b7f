import { randomBytes } from 'node:crypto';
import pino, { type Logger } from 'pino';

/** Tells the time. Injected so tests control it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests move by hand. */
export class FakeClock implements Clock {
  #ms: number;
  constructor(start: Date | string = '2026-01-01T09:00:00.000Z') {
    this.#ms = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#ms);
  }
  /** Moves time forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.#ms += ms;
  }
  set(date: Date | string): void {
    this.#ms = new Date(date).getTime();
  }
}

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

/** Makes prefixed, time-sortable, 128-bit identifiers (`usr_01jd…`, 26 characters after the prefix). */
export type IdGenerator = (prefix: string) => string;

export function createIdGenerator(clock: Clock): IdGenerator {
  return (prefix) => {
    let time = clock.now().getTime();
    let head = '';
    for (let i = 0; i < 10; i++) {
      head = CROCKFORD[time % 32] + head;
      time = Math.floor(time / 32);
    }
    const bytes = randomBytes(16);
    let tail = '';
    for (let i = 0; i < 16; i++) tail += CROCKFORD[bytes[i]! % 32];
    return `${prefix}_${head}${tail}`;
  };
}

/** What the app needs from the outside world. */
export interface Deps {
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
}

export function createDeps(options: { logLevel?: string; clock?: Clock; logger?: Logger } = {}): Deps {
  const clock = options.clock ?? systemClock;
  return {
    clock,
    ids: createIdGenerator(clock),
    logger: options.logger ?? pino({ level: options.logLevel ?? 'info', base: undefined }),
  };
}
