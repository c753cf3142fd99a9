import { describe, expect, it } from 'vitest';
import { highlightSegments } from './highlight';

describe('highlightSegments', () => {
  it('returns the whole text when nothing is flagged', () => {
    expect(highlightSegments('refill please', [])).toEqual([{ text: 'refill please', level: null }]);
  });
  it('marks every occurrence, case-insensitively, keeping original text', () => {
    expect(highlightSegments('Chest pain. still chest pain', [{ phrase: 'chest pain', level: 'emergency' }])).toEqual([
      { text: 'Chest pain', level: 'emergency' },
      { text: '. still ', level: null },
      { text: 'chest pain', level: 'emergency' },
    ]);
  });
  it('keeps the first of overlapping phrases and reassembles the text exactly', () => {
    const text = 'my face is drooping and slurred speech';
    const segs = highlightSegments(text, [
      { phrase: 'face is drooping', level: 'emergency' },
      { phrase: 'drooping and slurred', level: 'urgent' },
    ]);
    expect(segs.map((s) => s.text).join('')).toBe(text);
    expect(segs.filter((s) => s.level).map((s) => s.text)).toEqual(['face is drooping']);
  });
});
