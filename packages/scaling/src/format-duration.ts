/**
 * The project's one duration format, for people: "850ms", "4.25s", "45s", "12m 40s", "2h 05m", "never".
 * Under a minute it keeps hundredths (the demo's and the load test's runs take seconds); from a minute
 * on, whole seconds (the simulator's tables and explanations, where decimals would be noise).
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'never';
  if (seconds < 0) return `-${formatDuration(-seconds)}`;
  const ms = Math.round(seconds * 1000);
  if (ms > 0 && ms < 1000) return `${ms}ms`;
  const hundredths = Math.round(seconds * 100) / 100;
  if (hundredths < 60) return Number.isInteger(hundredths) ? `${hundredths}s` : `${hundredths.toFixed(2)}s`;
  const total = Math.round(seconds);
  if (total < 3600) return `${Math.floor(total / 60)}m ${String(total % 60).padStart(2, '0')}s`;
  return `${Math.floor(total / 3600)}h ${String(Math.floor((total % 3600) / 60)).padStart(2, '0')}m`;
}
