export { sesAdapters } from './ses-adapters.module.js';
export { createSesClient } from './ses-client.js';
export { SesMailer } from './ses-mailer.js';
