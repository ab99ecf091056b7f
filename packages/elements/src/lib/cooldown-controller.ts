import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Counts seconds down to zero (e.g. before "Resend code" may be pressed again), updating the host each second. */
export class CooldownController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #until = 0;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** Whole seconds left; 0 when the cooldown is over. */
  get remaining(): number {
    return Math.max(0, Math.ceil((this.#until - Date.now()) / 1000));
  }

  start(seconds: number): void {
    this.#until = Date.now() + seconds * 1000;
    this.#tick();
  }

  hostConnected(): void {
    this.#tick();
  }

  hostDisconnected(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #tick() {
    this.#host.requestUpdate();
    if (this.remaining > 0) {
      this.#timer ??= setInterval(() => this.#tick(), 250);
    } else {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
  }
}
