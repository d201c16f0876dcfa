/**
 * Runs `pass` again and again in the background, a short pause after a pass that found nothing, and
 * never two passes at once: `drain()` (for tests and for a clean stop) waits for the running pass and
 * then runs passes until one finds nothing, so whatever was pending when it was called is handled.
 */
export class BackgroundLoop {
  #running = false;
  #chain: Promise<unknown> = Promise.resolve();
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly pass: () => Promise<number>,
    private readonly onError: (error: unknown) => void,
    private readonly idleMs = 300,
  ) {}

  start(): this {
    this.#running = true;
    this.#schedule(0);
    return this;
  }

  #schedule(ms: number): void {
    if (!this.#running) return;
    this.#timer = setTimeout(() => {
      this.#chain = this.#chain.then(async () => {
        let found = 0;
        try {
          found = await this.pass();
        } catch (error) {
          this.onError(error);
        }
        this.#schedule(found > 0 ? 0 : this.idleMs);
      });
    }, ms);
  }

  async drain(): Promise<void> {
    const run = this.#chain.then(async () => {
      while ((await this.pass()) > 0) {
        // keep going until a pass finds nothing
      }
    });
    this.#chain = run.catch(() => {});
    await run;
  }

  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer);
    await this.#chain;
  }
}
