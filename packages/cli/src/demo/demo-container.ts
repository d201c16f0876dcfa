import { memoryAdapters, type MemorySystem } from '@wordfreq/adapters-memory';
import { coreModule, type CoreSettings } from '@wordfreq/core/di';
import { Container } from 'inversify';

/**
 * The demo's composition root: the core's module and the memory adapters over one shared in-process
 * system, as each part of the AWS deployment (a worker instance, the backup function, the site) sees
 * the same buckets, queues and tables. The demo asks it for the use cases (`handleJobMessageFrom`,
 * `replicateUploadFrom`, `recordVisitFrom`); `settings` are that part's own (a worker's id).
 */
export function createDemoContainer(system: MemorySystem, settings: Partial<CoreSettings> = {}): Container {
  const container = new Container({ defaultScope: 'Singleton' });
  container.load(coreModule(settings), memoryAdapters({ system }));
  return container;
}
