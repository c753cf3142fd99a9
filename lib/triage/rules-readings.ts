/**
 * Numeric checks for home readings (temperature, blood pressure, glucose, heart rate, SpO2)
 * and ages, used by rules-table.ts. All work on normalised text (rules-normalize.ts).
 */
import type { Check, CheckContext, CheckResult, FlagLevel } from './rules-types';

type Test = (value: number, unit: string) => FlagLevel | null;

interface ReadingSpec {
  /** How far after the keyword to look for numbers (normalised chars). */
  window: number;
  /** Words that end the search (another vital sign, a dose, ...). */
  stop: RegExp;
  test: Test;
}

/** A number, optional plural "s" ("the 300s"), optional degree sign, optional unit word. */
const NUM_G =
  /(?<![\d.,\/])(\d{1,3}(?:[.,]\d{1,2})?)(?![\d\/:])(s\b)?( ?[°º])?(?: ?(mg ?\/ ?dl|mgdl|mmol ?\/ ?l|mmol|bpm|%|percent|degrees?|deg|grados|fahrenheit|celsius|centigrad[eo]s?|f|c|units?|u|iu|mg|mcg|ml|cc|am|pm|hours?|hrs?|hr|h|days?|dias?|minutes?|mins?|min|times?|veces|years?|yrs?|anos|weeks?|wks?|semanas|months?|meses|lbs?|pounds?|libras|kg|kgs|kilos?|carbs?|grams?|g|oz|liters?|l|lpm|points?|steps|x|dollars?|pills?|tabs?|tablets?|doses?|puffs?|inches|ft|feet|cm|miles?|percentile)\b)?/g;
/** Units that mean the number is not the reading we want (times, doses, weights...). */
const NOT_A_READING =
  /^(?:units?|u|iu|mg|mcg|ml|cc|am|pm|hours?|hrs?|hr|h|days?|dias?|minutes?|mins?|min|times?|veces|years?|yrs?|anos|weeks?|wks?|semanas|months?|meses|lbs?|pounds?|libras|kg|kgs|kilos?|carbs?|grams?|g|oz|liters?|l|lpm|points?|steps|x|dollars?|pills?|tabs?|tablets?|doses?|puffs?|inches|ft|feet|cm|miles?|percentile)$/;
const SENTENCE_END = /[!?;\n]|\.(?!\d)/;
/** "at 7:30", "150/90" (a BP inside a glucose window), "120 over 80". */
const FRACTION_AFTER = /^ ?(?:\/|over |sobre )\d/;

function segmentAfter(text: string, from: number, spec: ReadingSpec): string {
  let seg = text.slice(from, from + spec.window);
  const end = seg.search(SENTENCE_END);
  if (end >= 0) seg = seg.slice(0, end);
  const stop = seg.search(spec.stop);
  if (stop >= 0) seg = seg.slice(0, stop);
  return seg;
}

function valueOf(raw: string, plural: boolean): number {
  const v = parseFloat(raw.replace(',', '.'));
  if (!plural) return v;
  return v + (v >= 100 ? 50 : 5); // "sugars in the 300s" ~ 350, "in the 60s" ~ 65
}

/** Look for the first out-of-range number shortly after a keyword ("sugar was 45", "temp 102.3"). */
export function reading(spec: ReadingSpec): Check {
  return (m, ctx) => {
    const from = m.index + m[0].length;
    const seg = segmentAfter(ctx.text, from, spec);
    NUM_G.lastIndex = 0;
    let seen = 0;
    for (let n = NUM_G.exec(seg); n && seen < 4; n = NUM_G.exec(seg)) {
      const raw = n[1] ?? '';
      const unit = (n[4] ?? '').replace(/\s+/g, '');
      if (unit && NOT_A_READING.test(unit)) continue;
      if (seg[n.index - 1] === ':' || FRACTION_AFTER.test(seg.slice(n.index + raw.length))) continue;
      seen++;
      const level = spec.test(valueOf(raw, !!n[2]), n[3] && !unit ? 'deg' : unit);
      if (level) return { end: from + n.index + n[0].length, level };
    }
    return false;
  };
}

// ---------------------------------------------------------------------------- temperature
/** Fever over 101 F / 38.3 C. The unit decides; without one the range does (90-115 F, 34-45 C). */
export const feverTest: Test = (v, unit) => {
  const u = unit.toLowerCase();
  const isF = /^(?:f|fahrenheit)$/.test(u) || (!/^(?:c|celsius|centigrad)/.test(u) && v >= 90 && v <= 115);
  const isC = /^(?:c|celsius|centigrad[a-z]*)$/.test(u) || (!isF && !/^f/.test(u) && v >= 34 && v <= 45);
  if (isF) return v >= 101 && v <= 115 ? 'urgent' : null;
  if (isC) return v >= 38.3 && v <= 45 ? 'urgent' : null;
  return null;
};

/** For "102.5 F" / "39,2 °C" style matches: group 1 = number, group 2 = unit. */
export const temperatureWithUnit: Check = (m) => {
  const v = parseFloat((m[1] ?? '').replace(',', '.'));
  const unit = (m[2] ?? 'deg').replace(/\s+/g, '');
  return feverTest(v, unit) ? { level: 'urgent' } : false;
};

// ---------------------------------------------------------------------------- glucose
/** Glucose > 300 or < 70 mg/dL (or < 3.9 / > 16.7 mmol/L). */
export const glucoseTest: Test = (v, unit) => {
  const mmol = /^mmol/.test(unit) || (!/^mg/.test(unit) && v < 35 && !Number.isInteger(v));
  if (mmol) return v > 0.5 && (v < 3.9 || v > 16.7) ? 'urgent' : null;
  if (unit === '%' || unit === 'percent' || v < 20 || v > 1500) return null;
  return v > 300 || v < 70 ? 'urgent' : null;
};

// ---------------------------------------------------------------------------- heart rate / SpO2
export const heartRateTest: Test = (v, unit) => {
  if (unit === '%' || v < 25 || v > 300) return null;
  return v >= 130 || v < 40 ? 'urgent' : null;
};

export const spo2Test: Test = (v, unit) => {
  if ((unit && unit !== '%' && unit !== 'percent') || v < 50 || v > 100) return null;
  if (v < 90) return 'emergency';
  return v <= 92 ? 'urgent' : null;
};

export const bpSystolicTest: Test = (v, unit) => (!unit && v >= 180 && v <= 300 ? 'urgent' : null);

// ---------------------------------------------------------------------------- blood pressure
const BP_KEYWORD =
  /\b(?:bp|b\/p|blood pressures?|pressures?|presion|presion arterial|tension|tension arterial|systolic|diastolic|readings?|cuff|monitor|omron)\b/;
const PREGNANT_CONTEXT =
  /\b(?:pregnant|pregnancy|embarazad[ao]|embarazo|weeks along|trimester|preeclampsia|pre eclampsia|postpartum|post partum)\b/;

function parseBp(m: RegExpExecArray, ctx: CheckContext): { sys: number; dia: number } | null {
  const sys = parseInt(m[1] ?? '', 10);
  const dia = parseInt(m[2] ?? '', 10);
  if (!(sys >= 50 && sys <= 300 && dia >= 20 && dia <= 200 && sys > dia)) return null;
  const before = ctx.text.slice(Math.max(0, m.index - 40), m.index);
  const keyword = BP_KEYWORD.test(before);
  const usesOver = !m[0].includes('/');
  if ((usesOver || sys < 90) && !keyword) return null;
  if (/\/\s*$/.test(before) || /^\s*\/\s*\d/.test(ctx.text.slice(m.index + m[0].length))) return null; // dates
  return { sys, dia };
}

/** BP >= 180 systolic or >= 110 diastolic (pregnancy: >= 160/110 emergency, >= 140/90 urgent). */
export const bpHighCheck: Check = (m, ctx): CheckResult => {
  const bp = parseBp(m, ctx);
  if (!bp) return false;
  if (ctx.mentions(PREGNANT_CONTEXT)) {
    if (bp.sys >= 160 || bp.dia >= 110) return { level: 'emergency', label: 'Severe-range blood pressure in pregnancy' };
    if (bp.sys >= 140 || bp.dia >= 90) return { level: 'urgent', label: 'High blood pressure in pregnancy' };
    return false;
  }
  return bp.sys >= 180 || bp.dia >= 110 ? { level: 'urgent' } : false;
};

const LOW_BP_SYMPTOMS = /\b(?:dizz[a-z]*|dizy|light ?headed|faint[a-z]*|passed out|weak|fever[a-z]*|confus[a-z]*|clammy|mare[oa][a-z]*)\b/;

/** Systolic < 80, or < 90 with dizziness/fainting/fever nearby. */
export const bpLowCheck: Check = (m, ctx) => {
  const bp = parseBp(m, ctx);
  if (!bp || bp.sys >= 90) return false;
  if (bp.sys < 80) return true;
  const around = ctx.text.slice(Math.max(0, m.index - 200), m.index + 200);
  return LOW_BP_SYMPTOMS.test(around);
};

// ---------------------------------------------------------------------------- age
const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, un: 1, una: 1, two: 2, dos: 2, couple: 2, 'couple of': 2, three: 3, tres: 3, few: 3,
  four: 4, cuatro: 4, five: 5, cinco: 5, six: 6, seis: 6, seven: 7, siete: 7, eight: 8, ocho: 8,
  nine: 9, nueve: 9, ten: 10, diez: 10, eleven: 11, once: 11, twelve: 12, doce: 12,
};
const AGE_RE =
  /\b(\d{1,2}|a|an|one|un|una|two|dos|couple of|couple|three|tres|few|four|cuatro|five|cinco|six|seis|seven|siete|eight|ocho|nine|nueve|ten|diez|eleven|once|twelve|doce) ?(days?|dias?|weeks?|wks?|wk|semanas?|months?|mos?|mo|mes|meses)\b/;

/** Age in days from "6 week old", "2 month old", "bebe de 3 semanas"; null if none. */
export function ageInDays(s: string): number | null {
  const m = AGE_RE.exec(s);
  if (!m || m[1] === undefined || m[2] === undefined) return null;
  const n = /^\d+$/.test(m[1]) ? parseInt(m[1], 10) : NUMBER_WORDS[m[1]];
  if (n === undefined) return null;
  const u = m[2];
  if (/^(?:d|dia)/.test(u)) return n;
  if (/^(?:w|semana)/.test(u)) return n * 7;
  return n * 30;
}

/** An infant under 3 months (< 90 days). Matches without a number ("newborn") count. */
export function underThreeMonths(m: RegExpExecArray): boolean {
  const days = ageInDays(m[0]);
  return days === null ? !/\d/.test(m[0]) && !AGE_RE.test(m[0]) : days < 90;
}

// ---------------------------------------------------------------------------- infant fever
/** Fever in a young infant: 38.0 C / 100.4 F or higher (labels.md: any fever under 3 months is an emergency). */
export const infantFeverTest: Test = (v, unit) => {
  const u = unit.toLowerCase();
  const isF = /^(?:f|fahrenheit)$/.test(u) || (!/^(?:c|celsius|centigrad)/.test(u) && v >= 90 && v <= 115);
  const isC = /^(?:c|celsius|centigrad[a-z]*)$/.test(u) || (!isF && !/^f/.test(u) && v >= 34 && v <= 45);
  if (isF) return v >= 100.4 && v <= 110 ? 'emergency' : null;
  if (isC) return v >= 38 && v <= 43 ? 'emergency' : null;
  return null;
};

/** "38.4 C" / "100.6°F" style matches for infants: group 1 = number, group 2 = unit. */
export const infantTemperatureWithUnit: Check = (m) => {
  const v = parseFloat((m[1] ?? '').replace(',', '.'));
  const unit = (m[2] ?? 'deg').replace(/\s+/g, '');
  return infantFeverTest(v, unit) ? { level: 'emergency' } : false;
};

// ---------------------------------------------------------------------------- asthma
const COUNT_WORDS: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12,
  several: 4, multiple: 4, many: 5, 'so many': 6, 'a bunch of': 5, 'a dozen': 12,
};
const INHALER_WORD = /\b(?:inhaler|albuterol|puffer|nebulizer|neb|nebs|ventolin|proair|proventil|rescue)\b/;
const USE_COUNT =
  /^(?: (?:[a-z]{1,12} ){0,4}?)?(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|twelve|several|multiple|many|so many|a bunch of|a dozen) ?(times|x|puffs?|treatments?|rounds?)\b(?: (a|per|each|every) (day|week|month|year)\b| (daily|weekly|monthly)\b)?/;
const EVERY_FEW =
  /^(?: (?:[a-z]{1,12} ){0,4}?)?every (?:(\d{1,2}|few|couple of|ten|fifteen|twenty|thirty) (minutes?|mins?)|(?:one |1 )?(hour|hr|half hour))\b/;

/**
 * Rescue-inhaler overuse right after an inhaler word: "used my inhaler 4 times in the last hour",
 * "albuterol every 20 minutes". 4+ uses (or 8+ puffs) in a short time -> emergency; 3 -> urgent;
 * "4 times a day" -> urgent; "... a week / a month" -> nothing.
 */
export const inhalerOveruseCheck: Check = (m, ctx) => {
  const from = m.index + m[0].length;
  // "used it 4 times": the "it" must be an inhaler mentioned just before.
  if (/ it$/.test(m[0]) && !INHALER_WORD.test(ctx.text.slice(Math.max(0, m.index - 150), m.index))) return false;
  let seg = ctx.text.slice(from, from + 60);
  const stop = seg.search(SENTENCE_END);
  if (stop >= 0) seg = seg.slice(0, stop);
  const every = EVERY_FEW.exec(seg);
  if (every) return { end: from + every[0].length, level: 'emergency' };
  const c = USE_COUNT.exec(seg);
  if (!c || c[1] === undefined) return false;
  const n = /^\d+$/.test(c[1]) ? parseInt(c[1], 10) : (COUNT_WORDS[c[1]] ?? 0);
  const end = from + c[0].length;
  if (c[4] === 'week' || c[4] === 'month' || c[4] === 'year' || c[5] === 'weekly' || c[5] === 'monthly') return false;
  const perDay = c[4] === 'day' || c[5] === 'daily';
  const puffs = /^puff/.test(c[2] ?? '');
  const heavy = puffs ? n >= 8 : n >= 4;
  if (perDay) return heavy || n >= 4 ? { end, level: 'urgent' } : false;
  if (heavy) return { end, level: 'emergency' };
  return (puffs ? n >= 6 : n >= 3) ? { end, level: 'urgent' } : false;
};

const PEAK_BASELINE = /\b(?:normal|normally|usual|usually|best|personal best|baseline|typically|typical|regular|green zone)\b/;
const PEAK_WORDS_EMERGENCY =
  /\bred zone\b|\b(?:less than|under|below|not even) (?:half|50 ?%|50 percent)\b|\bhalf (?:of )?(?:my |his |her |the |what )?(?:normal|usual|best|baseline|it usually is|it normally is)\b|\b(?:way|much|a lot|far|significantly|dramatically|really|super|very) (?:lower|down|below|less)\b/;
const PEAK_WORDS_URGENT =
  /\byellow zone\b|^(?: (?:readings?|numbers?|values?|today|now))?(?:(?: (?:is|are|was|were|has|have|been|keeps?|kept|went|just|only|now|getting|going|really|very|quite|pretty)){1,3} (?:lower|low|down|below (?:normal|usual|my best))| (?:has |have |is |are |keeps? )?(?:dropped|dropping|fallen|falling|fell|went down|gone down))\b/;
const PEAK_NUM_G = /(?<![\d.,\/])(\d{2,3})(?![\d\/:]|[.,]\d)( ?%| percent)?/g;

/**
 * Peak flow far below the patient's normal: "peak flow 150, normally 450" (under 50% -> emergency,
 * under 80% -> urgent), "peak flow is 40%", "in the red zone", "way lower than usual".
 */
export const peakFlowCheck: Check = (m, ctx) => {
  const from = m.index + m[0].length;
  const before = ctx.text.slice(Math.max(0, m.index - 30), m.index);
  let seg = ctx.text.slice(from, from + 120);
  // Allow one sentence break ("Peak flow 200. My best is 500."), not two.
  const first = seg.search(SENTENCE_END);
  if (first >= 0) {
    const second = seg.slice(first + 1).search(SENTENCE_END);
    if (second >= 0) seg = seg.slice(0, first + 1 + second);
  }
  if (PEAK_WORDS_EMERGENCY.test(seg)) return { level: 'emergency' };
  const nums: { v: number; pct: boolean; baseline: boolean }[] = [];
  PEAK_NUM_G.lastIndex = 0;
  for (let n = PEAK_NUM_G.exec(seg); n && nums.length < 4; n = PEAK_NUM_G.exec(seg)) {
    const v = parseInt(n[1] ?? '', 10);
    const pct = !!n[2];
    if (!pct && (v < 50 || v > 900)) continue;
    const lead = seg.slice(Math.max(0, n.index - 25), n.index);
    const tail = seg.slice(n.index + n[0].length, n.index + n[0].length + 20);
    const baseline = PEAK_BASELINE.test(lead) || /^ (?:is |was )?(?:my |his |her )?(?:normal|usual|best|baseline)\b/.test(tail);
    nums.push({ v, pct, baseline });
  }
  const pct = nums.find((n) => n.pct);
  if (pct) return pct.v < 50 ? { level: 'emergency' } : pct.v < 80 ? { level: 'urgent' } : false;
  const baseFirst = PEAK_BASELINE.test(before);
  const base = baseFirst ? nums[0] : nums.find((n) => n.baseline);
  const current = nums.find((n) => n !== base && !n.baseline);
  if (base && current && base.v > 0) {
    const ratio = current.v / base.v;
    if (ratio < 0.5) return { level: 'emergency' };
    if (ratio < 0.8) return { level: 'urgent' };
    return false;
  }
  return PEAK_WORDS_URGENT.test(seg) ? { level: 'urgent' } : false;
};
