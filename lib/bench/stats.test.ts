import { describe, expect, it } from 'vitest';
import { benchClassify, latencyStats, percentile } from './stats';

describe('bench stats', () => {
  it('interpolates percentiles', () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([10], 0.95)).toBe(10);
    expect(latencyStats([5, 1, 3])).toEqual({ n: 3, p50: 3, p95: 4.8, mean: 3 });
  });

  it('times classify with a fake clock', async () => {
    let t = 0;
    const now = () => t;
    const model = {
      classify: async (texts: string[]) => {
        t += 1 + texts.length; // 1 ms overhead + 1 ms per text
        return texts;
      },
    };
    const texts = Array.from({ length: 64 }, (_, i) => `m${i}`);
    const r = await benchClassify(
      async () => {
        t += 100;
        return model;
      },
      texts,
      now,
    );
    expect(r.loadMs).toBe(100);
    expect(r.batch1.p50).toBe(2);
    expect(r.batch32.p50).toBeCloseTo(33 / 32);
    expect(r.throughput32).toBeCloseTo((192 / (6 * 33)) * 1000);
  });
});
