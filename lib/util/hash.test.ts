import { describe, expect, it } from 'vitest';
import { textHash } from './hash';

describe('textHash', () => {
  it('is deterministic and fixed-width', () => {
    expect(textHash('chest pain')).toBe(textHash('chest pain'));
    expect(textHash('chest pain')).toHaveLength(28);
    expect(textHash('')).toHaveLength(28);
  });
  it('separates near-identical texts', () => {
    const a = textHash('no chest pain');
    const b = textHash('no chest pain.');
    const c = textHash('No chest pain');
    expect(new Set([a, b, c]).size).toBe(3);
  });
  it('has no collisions over 20k distinct short texts', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) seen.add(textHash(`message ${i}`));
    expect(seen.size).toBe(20_000);
  });
});
