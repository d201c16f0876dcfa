export { JsonLinesLogger, describeError, logLevels, type JsonLinesLoggerOptions } from './json-lines-logger.js';
export { EmfMetrics, type EmfMetricsOptions } from './emf-metrics.js';
