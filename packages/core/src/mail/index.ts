export { maxMailRecipients, rejectLineBreaks, validateMailAddress, validateMailMessage } from './mail-message.rules.js';
