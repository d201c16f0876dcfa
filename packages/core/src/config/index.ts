export { EnvReader, type Env } from './env-reader.js';
