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
  let lastTime = -1;
  let lastTail: number[] = [];
  return (prefix) => {
    const now = clock.now().getTime();
    let tail: number[];
    if (now === lastTime) {
      // Same millisecond: count up from the last id, so ids stay in creation order (monotonic, as ULID does).
      tail = [...lastTail];
      for (let i = tail.length - 1; i >= 0; i--) {
        tail[i] = (tail[i]! + 1) % 32;
        if (tail[i] !== 0) break;
      }
    } else {
      const bytes = randomBytes(16);
      // The top bit of the first digit stays clear, leaving room to count up.
      tail = Array.from(bytes, (b, i) => (i === 0 ? b % 16 : b % 32));
    }
    lastTime = now;
    lastTail = tail;
    let time = now;
    let head = '';
    for (let i = 0; i < 10; i++) {
      head = CROCKFORD[time % 32] + head;
      time = Math.floor(time / 32);
    }
    return `${prefix}_${head}${tail.map((d) => CROCKFORD[d]).join('')}`;
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
