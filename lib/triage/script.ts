/**
 * Which writing system a message is mostly in. The model and its tokenizer were trained on English
 * and Spanish (Latin script); a message written mostly in another script is beyond what it can read,
 * and the product says so instead of showing a confident level.
 */

const SCRIPTS: readonly [name: string, re: RegExp][] = [
  ['Arabic', /\p{Script=Arabic}/gu],
  ['Chinese', /\p{Script=Han}/gu],
  ['Japanese', /[\p{Script=Hiragana}\p{Script=Katakana}]/gu],
  ['Korean', /\p{Script=Hangul}/gu],
  ['Cyrillic', /\p{Script=Cyrillic}/gu],
  ['Greek', /\p{Script=Greek}/gu],
  ['Hebrew', /\p{Script=Hebrew}/gu],
  ['Devanagari', /\p{Script=Devanagari}/gu],
  ['Bengali', /\p{Script=Bengali}/gu],
  ['Gurmukhi', /\p{Script=Gurmukhi}/gu],
  ['Gujarati', /\p{Script=Gujarati}/gu],
  ['Tamil', /\p{Script=Tamil}/gu],
  ['Telugu', /\p{Script=Telugu}/gu],
  ['Thai', /\p{Script=Thai}/gu],
  ['Khmer', /\p{Script=Khmer}/gu],
  ['Lao', /\p{Script=Lao}/gu],
  ['Burmese', /\p{Script=Myanmar}/gu],
  ['Amharic', /\p{Script=Ethiopic}/gu],
  ['Armenian', /\p{Script=Armenian}/gu],
  ['Georgian', /\p{Script=Georgian}/gu],
];

/**
 * The name of the script most of the message's letters are in, when that is not Latin (at least
 * 3 letters and over half of them); null for Latin-script text, text with too few letters, or a
 * script not listed (counted as other).
 */
export function unreadScript(text: string): string | null {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters < 3) return null;
  const latin = text.match(/\p{Script=Latin}/gu)?.length ?? 0;
  if (latin * 2 >= letters) return null;
  let best: string | null = null;
  let bestN = 0;
  for (const [name, re] of SCRIPTS) {
    const n = text.match(re)?.length ?? 0;
    if (n > bestN) [best, bestN] = [name, n];
  }
  return best ?? 'a non-Latin script';
}
