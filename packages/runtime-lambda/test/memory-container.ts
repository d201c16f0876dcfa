import { memoryAdapters, type MemorySystem } from '@wordfreq/adapters-memory';
import { coreModule, type CoreSettings } from '@wordfreq/core/di';
import { Container } from 'inversify';

/** A container over an in-process system, composed as the functions' root composes theirs on AWS. */
export function memoryContainer(system: MemorySystem, settings: Partial<CoreSettings> = {}): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.load(coreModule(settings), memoryAdapters({ system }));
  return container;
}
