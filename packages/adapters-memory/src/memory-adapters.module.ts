import { ContainerModule } from 'inversify';
import { Tokens } from '@wordfreq/core/di';
import { createMemorySystem, type MemorySystem, type MemorySystemOptions } from './memory-system.js';
import { MemoryUploadPresigner } from './memory-upload-presigner.js';

/** The `MemorySystem` behind the bindings, for composition roots that need its extras (outbox, queues). */
export const MemorySystemToken = Symbol.for('wordfreq.memory.MemorySystem');

export type MemoryAdaptersOptions = MemorySystemOptions & {
  /** Bind an existing system instead of creating one (so the caller keeps a typed handle on it). */
  readonly system?: MemorySystem;
};

/**
 * Binds every port token to one in-process system. The adapters are stateful (a queue must be the
 * same queue for producer and consumer), so each token gets a constant value, not a class.
 *
 * Clock: bound here only when nobody has bound one (load `coreModule` first and it keeps its system
 * clock) or when a clock was passed explicitly, which then replaces any earlier binding — the
 * adapters' timeouts and the use cases must agree on the time.
 */
export function memoryAdapters(options: MemoryAdaptersOptions = {}): ContainerModule {
  return new ContainerModule(({ bind, isBound, rebind }) => {
    const system = options.system ?? createMemorySystem(options);
    bind(MemorySystemToken).toConstantValue(system);
    bind(Tokens.ObjectStore).toConstantValue(system.store);
    bind(Tokens.JobQueue).toConstantValue(system.jobs);
    bind(Tokens.DeadLetterQueue).toConstantValue(system.deadLetters);
    bind(Tokens.ResultStore).toConstantValue(system.results);
    bind(Tokens.ResultPublisher).toConstantValue(system.publisher);
    bind(Tokens.CounterStore).toConstantValue(system.counters);
    bind(Tokens.ClaimStore).toConstantValue(system.claims);
    bind(Tokens.Mailer).toConstantValue(system.mailer);
    bind(Tokens.Logger).toConstantValue(system.logger);
    bind(Tokens.Metrics).toConstantValue(system.metrics);
    bind(Tokens.UploadPresigner).toConstantValue(new MemoryUploadPresigner(system.store, system.clock));
    bind(Tokens.SpillStore).toConstantValue(system.spill);
    const explicitClock = options.clock !== undefined || options.system !== undefined;
    if (!isBound(Tokens.Clock)) bind(Tokens.Clock).toConstantValue(system.clock);
    else if (explicitClock) rebind(Tokens.Clock).toConstantValue(system.clock);
  });
}
