import { afterEach, describe, expect, it } from 'vitest';
import { onlineManager } from '@tanstack/react-query';
import { createLocalQueryClient } from './query-client';

afterEach(() => onlineManager.setOnline(true));

describe('createLocalQueryClient', () => {
  it('runs queries and mutations while the browser says it is offline (all data is local)', async () => {
    onlineManager.setOnline(false);
    const qc = createLocalQueryClient({ queries: { retry: false } });
    expect(await qc.fetchQuery({ queryKey: ['x'], queryFn: async () => 42 })).toBe(42);
    const m = qc.getMutationCache().build(qc, { mutationFn: async (n: number) => n + 1 });
    expect(await m.execute(1)).toBe(2);
    expect(qc.getDefaultOptions().queries?.retry).toBe(false);
  });
});
