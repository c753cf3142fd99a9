import { describe, expect, it } from 'vitest';
import { syllable } from 'syllable';
import { readability, spanishSyllables, splitSentences } from './readability';

describe('readability', () => {
  it('computes the Flesch–Kincaid grade from words, sentences and syllables', () => {
    const text = 'Medication education is important.';
    const syl = ['Medication', 'education', 'is', 'important'].reduce((a, w) => a + syllable(w), 0);
    expect(syl).toBe(12);
    // 0.39 × 4 words/sentence + 11.8 × 12/4 syllables/word − 15.59 = 21.37
    expect(readability(text, 'en')).toEqual({ grade: 21.4, formula: 'Flesch–Kincaid', words: 4, sentences: 1, characters: 34 });
  });

  it('never reports a grade below 0, and counts lines (greeting, sign-off) as sentences', () => {
    expect(splitSentences('Hi Ann,\n\nI sent it. Call us!\n\nDr. Chen')).toEqual(['Hi Ann,', 'I sent it.', 'Call us!', 'Dr.', 'Chen']);
    expect(readability('I sent it. Call us.', 'en').grade).toBe(0);
  });

  it('counts Spanish syllables (diphthongs, hiatus, silent u)', () => {
    expect(spanishSyllables('medicamento')).toBe(5);
    expect(spanishSyllables('farmacia')).toBe(3);
    expect(spanishSyllables('día')).toBe(2);
    expect(spanishSyllables('aéreo')).toBe(4);
    expect(spanishSyllables('que')).toBe(1);
    expect(spanishSyllables('guitarra')).toBe(3);
    expect(spanishSyllables('pingüino')).toBe(3);
    expect(spanishSyllables('administración')).toBe(5);
  });

  it('computes Crawford’s Spanish grade: −0.205 × sentences/100 words + 0.049 × syllables/100 words − 3.407', () => {
    // 5 words, 20 syllables, 1 sentence: −0.205 × 20 + 0.049 × 400 − 3.407 = 12.093
    const r = readability('La administración farmacéutica necesita documentación.', 'es');
    expect(r).toMatchObject({ grade: 12.1, formula: 'Crawford (Spanish)', words: 5, sentences: 1 });
  });

  it('reads a placeholder as one short word', () => {
    expect(readability('Take [[medication and dose]] daily.', 'en').words).toBe(3);
  });
});
