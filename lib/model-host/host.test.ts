import { describe, expect, it } from 'vitest';
import { defaultThreads } from './host';

describe('defaultThreads', () => {
  it('runs one thread when the page is not cross-origin isolated (no SharedArrayBuffer)', () => {
    expect(defaultThreads(false, 8)).toBe(1);
  });
  it('runs two threads when isolated, leaving the other cores to the EHR', () => {
    expect(defaultThreads(true, 8)).toBe(2);
    expect(defaultThreads(true, 2)).toBe(2);
  });
  it('never asks for more threads than cores', () => {
    expect(defaultThreads(true, 1)).toBe(1);
    expect(defaultThreads(true, 0)).toBe(1);
  });
});
