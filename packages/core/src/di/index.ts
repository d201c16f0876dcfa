export { Tokens } from './tokens.js';
export { coreModule, defaultCoreSettings, type CoreSettings } from './core.module.js';
