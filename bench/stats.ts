export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export interface LoadResult {
  count: number;
  seconds: number;
  p50: number;
  p99: number;
  perSecond: number;
  rssMb: number;
}

export function summarise(latenciesMs: number[], seconds: number): LoadResult {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    count: sorted.length,
    seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    perSecond: sorted.length / seconds,
    rssMb: process.memoryUsage().rss / 1024 / 1024,
  };
}
