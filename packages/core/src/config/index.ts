export { EnvReader, type Env } from './env-reader.js';
export { defaultResourceNames } from './default-resource-names.js';
export { defaultMaxBytes, defaultVisibilitySeconds, defaultMaxRecordsPerMessage, defaultMaxWordBytes, defaultMaxReceiveCount, maxWordBytesLimit } from './job-defaults.js';
