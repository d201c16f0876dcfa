export { replicateUpload, type ReplicateUploadDeps, type ReplicateUploadOptions } from './replicate-upload.js';
export { reconcileBackups, type ReconcileBackupsOptions, type ReconcileReport } from './reconcile-backups.js';
