/** Time, injected so use cases and tests agree on "now" and can wait without real sleeping. */
export interface Clock {
  now(): Date;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}
