/**
 * Reading grade and length of a draft.
 *
 * English: Flesch–Kincaid grade level (`flesch-kincaid`, syllables from `syllable`).
 * Spanish: Crawford's grade level for Spanish (1984), years of schooling =
 *   -0.205 × sentences per 100 words + 0.049 × syllables per 100 words − 3.407,
 * with Spanish syllables counted by vowel groups (diphthongs are one syllable, strong-vowel
 * pairs and accented weak vowels split). Placeholders count as one short word.
 */
import { syllable } from 'syllable';
import { fleschKincaid } from 'flesch-kincaid';
import type { Lang } from './template-schema';

export interface Readability {
  /** School grade (one decimal, never below 0). */
  grade: number;
  formula: 'Flesch–Kincaid' | 'Crawford (Spanish)';
  words: number;
  sentences: number;
  characters: number;
}

/** Sentences: split at . ! ? (not in numbers) and at line breaks (greeting and sign-off lines count). */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?¡¿])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
}

export function wordsOf(text: string): string[] {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
}

const STRONG = 'aeoáéó';
const WEAK_ACCENTED = 'íú';

/** Spanish syllables of one word (orthographic rules; good enough for readability). */
export function spanishSyllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-záéíóúüñ]/g, '');
  if (!w) return 0;
  if (/^\d/.test(word)) return Math.max(1, word.length);
  let count = 0;
  let prev: string | null = null;
  for (let i = 0; i < w.length; i++) {
    const c = w[i]!;
    const vowel = 'aeiouáéíóúü'.includes(c);
    // "qu" and "gu" before e/i: the u is silent
    if (c === 'u' && (w[i - 1] === 'q' || w[i - 1] === 'g') && 'eéií'.includes(w[i + 1] ?? '')) {
      continue;
    }
    if (!vowel) {
      prev = null;
      continue;
    }
    if (prev === null) count++;
    else {
      // Two strong vowels, or an accented weak vowel next to a strong one: a new syllable (hiatus).
      const hiatus = (STRONG.includes(prev) && STRONG.includes(c)) || WEAK_ACCENTED.includes(c) || WEAK_ACCENTED.includes(prev);
      if (hiatus) count++;
    }
    prev = c;
  }
  return Math.max(1, count);
}

function englishSyllables(word: string): number {
  if (/^\d/.test(word)) return Math.max(1, Math.min(word.length, 3));
  return Math.max(1, syllable(word));
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function readability(text: string, lang: Lang): Readability {
  // A placeholder reads as one short word.
  const clean = text.replace(/\[\[[^\]]*\]\]/g, 'blank');
  const sentences = Math.max(1, splitSentences(clean).length);
  const words = wordsOf(clean);
  const n = Math.max(1, words.length);
  const characters = text.trim().length;
  if (lang === 'es') {
    const syl = words.reduce((a, w) => a + spanishSyllables(w), 0);
    const grade = -0.205 * ((sentences / n) * 100) + 0.049 * ((syl / n) * 100) - 3.407;
    return { grade: Math.max(0, round1(grade)), formula: 'Crawford (Spanish)', words: words.length, sentences, characters };
  }
  const syl = words.reduce((a, w) => a + englishSyllables(w), 0);
  const grade = fleschKincaid({ sentence: sentences, word: n, syllable: syl });
  return { grade: Math.max(0, round1(grade)), formula: 'Flesch–Kincaid', words: words.length, sentences, characters };
}
