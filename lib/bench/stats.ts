/** Timing statistics for `npm run bench` (pure). */

export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  const idx = (sorted.length - 1) * p;
  const lo = Math.floor(idx);
  const hi = Math.ceil(idx);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (idx - lo);
}

export interface LatencyStats {
  n: number;
  p50: number;
  p95: number;
  mean: number;
}

export function latencyStats(samples: readonly number[]): LatencyStats {
  const s = [...samples].sort((a, b) => a - b);
  return {
    n: s.length,
    p50: percentile(s, 0.5),
    p95: percentile(s, 0.95),
    mean: s.reduce((a, b) => a + b, 0) / Math.max(1, s.length),
  };
}

export interface ModelBenchResult {
  loadMs: number;
  /** ms per message, one message per forward pass. */
  batch1: LatencyStats;
  /** ms per message, 32 messages per forward pass (each sample = batch time / 32). */
  batch32: LatencyStats;
  /** messages per second at batch 32. */
  throughput32: number;
  throughput1: number;
}

/** Time `classify` on `texts` at batch 1 and batch 32 after a warm-up. */
export async function benchClassify(
  load: () => Promise<{ classify(texts: string[]): Promise<unknown[]> }>,
  texts: readonly string[],
  now: () => number = () => performance.now(),
): Promise<ModelBenchResult> {
  const t0 = now();
  const model = await load();
  const loadMs = now() - t0;
  await model.classify(texts.slice(0, 4)); // warm-up
  const one: number[] = [];
  const n1 = Math.min(texts.length, 100);
  const s1 = now();
  for (let i = 0; i < n1; i++) {
    const t = now();
    await model.classify([texts[i]!]);
    one.push(now() - t);
  }
  const total1 = now() - s1;
  const per32: number[] = [];
  let count32 = 0;
  const s32 = now();
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i + 32 <= texts.length; i += 32) {
      const t = now();
      await model.classify(texts.slice(i, i + 32) as string[]);
      per32.push((now() - t) / 32);
      count32 += 32;
    }
  }
  const total32 = now() - s32;
  return {
    loadMs,
    batch1: latencyStats(one),
    batch32: latencyStats(per32),
    throughput1: (n1 / total1) * 1000,
    throughput32: (count32 / total32) * 1000,
  };
}
