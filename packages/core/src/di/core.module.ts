import { ContainerModule } from 'inversify';
import type { CountOptions } from '../counting/count-options.js';
import { systemClock } from '../system-clock.js';
import { Tokens } from './tokens.js';

/** Settings the use cases read; runtimes bind their own under `Tokens.CoreSettings`. */
export interface CoreSettings {
  readonly count: CountOptions;
  /** Objects larger than this fail with TOO_LARGE instead of being counted. */
  readonly maxBytes: number;
  /** Identifies this worker in results and logs. */
  readonly workerId: string;
}

export const defaultCoreSettings: CoreSettings = {
  count: {},
  maxBytes: 512 * 1024 * 1024,
  workerId: 'local',
};

/**
 * Binds what the core provides itself (a system clock and default settings), each only where the
 * composition root has not bound its own.
 */
export function coreModule(settings: Partial<CoreSettings> = {}): ContainerModule {
  return new ContainerModule((options) => {
    options.bind(Tokens.Clock).toConstantValue(systemClock);
    options.bind(Tokens.CoreSettings).toConstantValue({ ...defaultCoreSettings, ...settings });
  });
}
