/**
 * Is a patient's message in Spanish or English? Function words and accented letters decide;
 * short or mixed messages default to English unless Spanish clearly dominates.
 */
import type { Lang } from './template-schema';

const ES = new Set(
  'el la los las un una unos unas de del que y en por para con sin mi mis tu su sus es son está están estoy tengo tiene tienen hay pero porque como cuando muy más también ya sí le les lo se usted ustedes doctor doctora gracias hola buenos buenas días tardes necesito puedo puede quiero favor ayer hoy mañana dolor desde hace medicina cita semana'.split(
    ' ',
  ),
);
const EN = new Set(
  'the a an of and to in for with without my your his her is are am was were be been have has had i you he she it we they this that not but because when very more also already can could would should will do does did please thanks thank hi hello yesterday today tomorrow since pain appointment week'.split(
    ' ',
  ),
);

export function detectLang(text: string): Lang {
  const words = text.toLowerCase().match(/[a-záéíóúüñ]+/g) ?? [];
  let es = 0;
  let en = 0;
  for (const w of words) {
    if (ES.has(w)) es++;
    if (EN.has(w)) en++;
  }
  es += (text.match(/[áéíóúñ¿¡]/gi) ?? []).length * 0.5;
  return es >= 2 && es > en * 1.2 ? 'es' : 'en';
}
