import type { Logger } from 'pino';

export interface Job {
  name: string;
  everyMs: number;
  run(): Promise<unknown>;
}

/**
 * Runs periodic jobs (mail delivery, sweeps). Each job never overlaps itself; stop() waits for running passes.
 * Work that must be shared by several processes uses leases in the database, not this runner.
 */
export class JobRunner {
  readonly #timers: NodeJS.Timeout[] = [];
  readonly #running = new Set<Promise<unknown>>();
  readonly #busy = new Set<string>();

  constructor(
    private readonly jobs: Job[],
    private readonly logger: Logger,
  ) {}

  start(): void {
    for (const job of this.jobs) {
      const timer = setInterval(() => this.runNow(job.name), job.everyMs);
      timer.unref();
      this.#timers.push(timer);
    }
  }

  /** Runs one job now unless it is already running. */
  runNow(name: string): Promise<unknown> | undefined {
    const job = this.jobs.find((j) => j.name === name);
    if (!job || this.#busy.has(name)) return undefined;
    this.#busy.add(name);
    const pass = job
      .run()
      .catch((err) => this.logger.error({ err, job: name }, 'job failed'))
      .finally(() => {
        this.#busy.delete(name);
        this.#running.delete(pass);
      });
    this.#running.add(pass);
    return pass;
  }

  async stop(): Promise<void> {
    for (const timer of this.#timers) clearInterval(timer);
    this.#timers.length = 0;
    await Promise.allSettled([...this.#running]);
  }
}
