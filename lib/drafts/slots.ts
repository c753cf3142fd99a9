/**
 * Slot values for a draft, taken only from the message and the settings: a draft never states a
 * medication, dose, test, form or date that the patient did not write or the clinic did not set.
 * A slot without a value becomes a visible [[placeholder]] (or, for `form`, disappears).
 */
import type { Lang, SlotName } from './template-schema';
import { placeholder } from './placeholders';

export interface SlotMessage {
  subject: string;
  body: string;
  sender: string;
  patient?: string;
}

export interface SlotSettings {
  clinicianName: string;
  signOff: string;
  clinicPhone: string;
  practiceName: string;
}

export type SlotValues = Partial<Record<SlotName, string>>;

/** Common outpatient medicines (generic and brand names), matched as whole words, case-insensitive. */
export const MEDICATIONS = [
  'acetaminophen', 'tylenol', 'ibuprofen', 'advil', 'motrin', 'naproxen', 'aleve', 'aspirin', 'sudafed',
  'lisinopril', 'losartan', 'losartán', 'valsartan', 'amlodipine', 'amlodipino', 'hydrochlorothiazide', 'hctz', 'chlorthalidone',
  'metoprolol', 'carvedilol', 'atenolol', 'propranolol', 'spironolactone', 'furosemide', 'lasix', 'entresto',
  'atorvastatin', 'atorvastatina', 'rosuvastatin', 'simvastatin', 'pravastatin', 'lipitor', 'crestor',
  'metformin', 'metformina', 'glipizide', 'glimepiride', 'januvia', 'jardiance', 'farxiga', 'ozempic', 'trulicity', 'mounjaro', 'wegovy',
  'insulin', 'insulina', 'lantus', 'basaglar', 'tresiba', 'levemir', 'humalog', 'novolog', 'admelog',
  'warfarin', 'coumadin', 'eliquis', 'apixaban', 'xarelto', 'rivaroxaban', 'clopidogrel', 'plavix',
  'levothyroxine', 'levotiroxina', 'synthroid',
  'sertraline', 'zoloft', 'fluoxetine', 'prozac', 'escitalopram', 'lexapro', 'citalopram', 'bupropion', 'wellbutrin',
  'trazodone', 'mirtazapine', 'venlafaxine', 'duloxetine', 'cymbalta', 'buspirone', 'lorazepam', 'alprazolam', 'clonazepam',
  'adderall', 'ritalin', 'methylphenidate', 'vyvanse', 'gabapentin', 'pregabalin', 'lyrica',
  'levetiracetam', 'keppra', 'lamotrigine', 'lamictal', 'topiramate', 'valproate', 'depakote',
  'albuterol', 'ventolin', 'proair', 'symbicort', 'advair', 'trelegy', 'breo', 'spiriva', 'montelukast', 'singulair', 'fluticasone', 'flonase',
  'prednisone', 'prednisona', 'methylprednisolone', 'medrol', 'hydrocortisone',
  'amoxicillin', 'amoxicilina', 'augmentin', 'azithromycin', 'zithromax', 'doxycycline', 'cephalexin', 'keflex', 'ciprofloxacin',
  'bactrim', 'nitrofurantoin', 'macrobid', 'clindamycin', 'metronidazole',
  'omeprazole', 'omeprazol', 'pantoprazole', 'famotidine', 'pepcid', 'ondansetron', 'zofran',
  'tamsulosin', 'finasteride', 'sildenafil', 'tadalafil', 'allopurinol', 'colchicine',
  'estradiol', 'sprintec', 'norethindrone', 'medroxyprogesterone',
  'tacrolimus', 'prograf', 'mycophenolate', 'cellcept', 'biktarvy', 'descovy', 'truvada',
  'melatonin', 'melatonina', 'vitamin d', 'vitamina d', 'epipen', 'naloxone', 'narcan', 'cetirizine', 'zyrtec', 'loratadine', 'claritin',
] as const;

/** Tests and results patients name. The label is what the draft says. */
const TESTS: readonly [RegExp, string, string][] = [
  [/\ba1c\b|\bhemoglobin a1c\b/i, 'A1c', 'A1c'],
  [/\bcholesterol\b|\bldl\b|\bhdl\b|\blipid/i, 'cholesterol', 'colesterol'],
  [/\bcolesterol\b/i, 'cholesterol', 'colesterol'],
  [/\btsh\b|\bthyroid\b|\btiroides\b/i, 'thyroid', 'tiroides'],
  [/\bpsa\b/i, 'PSA', 'PSA'],
  [/\binr\b/i, 'INR', 'INR'],
  [/\bvitamin d\b|\bvitamina d\b/i, 'vitamin D', 'vitamina D'],
  [/\bmammogram|\bmamograf[ií]a/i, 'mammogram', 'mamografía'],
  [/\bpap\b/i, 'Pap test', 'Papanicolaou'],
  [/\bmri\b|\bresonancia\b/i, 'MRI', 'resonancia magnética'],
  [/\bct scan\b|\bcat scan\b|\btomograf[ií]a\b/i, 'CT scan', 'tomografía'],
  [/\bx-?rays?\b|\bradiograf[ií]a\b/i, 'X-ray', 'radiografía'],
  [/\bultrasound\b|\bultrasonido\b|\becograf[ií]a\b/i, 'ultrasound', 'ultrasonido'],
  [/\bpathology\b|\bbiopsy\b|\bbiopsia\b/i, 'biopsy', 'biopsia'],
  [/\bcolonoscopy\b|\bcolonoscop[ií]a\b/i, 'colonoscopy', 'colonoscopía'],
  [/\burine\b|\burinalysis\b|\borina\b/i, 'urine test', 'examen de orina'],
  [/\bkidney\b|\bgfr\b|\bcreatinine\b|\bri[ñn][oó]n/i, 'kidney test', 'prueba de riñón'],
  [/\bliver\b|\balt\b|\bast\b|\bh[ií]gado\b/i, 'liver test', 'prueba de hígado'],
  [/\bpotassium\b|\bsodium\b|\bpotasio\b|\bsodio\b/i, 'blood test', 'análisis de sangre'],
  [/\bblood (?:work|test)s?\b|\blabs?\b|\ban[aá]lisis de sangre\b/i, 'blood test', 'análisis de sangre'],
];

const FORMS: readonly [RegExp, string, string][] = [
  [/\bfmla\b/i, 'FMLA', 'FMLA'],
  [/\bdisability\b|\bdiscapacidad\b/i, 'disability', 'discapacidad'],
  [/\bparking placard\b|\bplacard\b/i, 'parking placard', 'permiso de estacionamiento'],
  [/\bcamp\b/i, 'camp', 'campamento'],
  [/\bschool\b|\bescuela\b/i, 'school', 'escuela'],
  [/\bsports? physical\b/i, 'sports', 'deportes'],
  [/\bwork note\b|\bback to work\b|\bcarta para (?:mi|el) trabajo\b/i, 'work', 'trabajo'],
];

const MONTHS_EN = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec';
const MONTHS_ES = 'enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre';
const DAYS_EN = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday';
const DAYS_ES = 'lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo';

const DATE_RES: readonly RegExp[] = [
  new RegExp(`\\b(?:${MONTHS_EN})\\.? \\d{1,2}(?:st|nd|rd|th)?(?:,? \\d{4})?\\b`, 'i'),
  new RegExp(`\\b(?:(?:${DAYS_ES}) )?\\d{1,2} de (?:${MONTHS_ES})(?: de \\d{4})?\\b`, 'i'),
  /\b\d{1,2}\/\d{1,2}(?:\/\d{2,4})?\b/,
  new RegExp(`\\b(?:next |this )?(?:${DAYS_EN})\\b`, 'i'),
  new RegExp(`\\b(?:el )?(?:${DAYS_ES})\\b`, 'i'),
];

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const MED_RE = new RegExp(`(?<![\\p{L}\\p{N}])(${MEDICATIONS.map(escapeRe).sort((a, b) => b.length - a.length).join('|')})(?![\\p{L}\\p{N}])`, 'iu');
/** A dose written right after the medicine's name: "10 mg", "34 units", "50mg", "750 mg twice a day" (the amount only), "40". */
const DOSE_AFTER_RE = /^\s*(?:de\s+|,\s*)?(\d+(?:\.\d+)?\s?(?:mg|mcg|µg|g|ml|units?|unidades|iu|%)?)(?![\p{L}\p{N}])/iu;

/**
 * The medicine named in the message and the dose written next to it, exactly as written. When it is
 * named more than once (a subject "Lisinopril refill" and "my lisinopril 20 mg" in the body), the
 * first mention with a dose wins.
 */
export function findMedication(text: string): { name: string; dose: string | null } | null {
  let first: { name: string; dose: string | null } | null = null;
  for (const m of text.matchAll(new RegExp(MED_RE.source, 'giu'))) {
    const name = m[1]!;
    const rest = text.slice(m.index + m[0].length, m.index + m[0].length + 20);
    const d = DOSE_AFTER_RE.exec(rest);
    // A bare number is a dose only when it is not a count of something ("40 to cvs" yes, "2 weeks" no).
    let dose = d ? d[1]!.replace(/\s+/g, ' ').trim() : null;
    if (dose && /^\d+(?:\.\d+)?$/.test(dose) && /^\s*\d+(?:\.\d+)?\s+(?:weeks?|days?|months?|pills?|tablets?|pens?|left|more|times?|semanas?|d[ií]as?|pastillas?)\b/i.test(rest)) dose = null;
    if (dose) return { name, dose };
    first ??= { name, dose };
  }
  return first;
}

/** The first name to greet: the sender's (who wrote), without titles or "(mother)". */
export function firstNameOf(sender: string): string | null {
  const s = sender.replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ').trim();
  if (!s) return null;
  // "Last, First"
  const parts = s.includes(',') ? s.split(',')[1]!.trim().split(' ') : s.split(' ');
  const first = parts.find((p) => !/^(mr|mrs|ms|miss|dr|sr|sra|srta)\.?$/i.test(p));
  if (!first || !/^\p{Lu}[\p{L}'’-]+$/u.test(first)) return null;
  return first;
}

function pick(table: readonly [RegExp, string, string][], text: string, lang: Lang): string | null {
  for (const [re, en, es] of table) if (re.test(text)) return lang === 'es' ? es : en;
  return null;
}

export function findDate(text: string): string | null {
  for (const re of DATE_RES) {
    const m = re.exec(text);
    if (m) return m[0].trim();
  }
  return null;
}

/** Every slot's value from the message and settings; missing ones are absent. */
export function slotValues(message: SlotMessage, settings: SlotSettings, lang: Lang): SlotValues {
  const text = `${message.subject}\n${message.body}`;
  const out: SlotValues = {};
  const first = firstNameOf(message.sender) ?? (message.patient ? firstNameOf(message.patient) : null);
  if (first) out.firstName = first;
  const med = findMedication(text);
  if (med) {
    out.medicationName = med.name;
    out.medication = med.dose ? `${med.name} ${med.dose}` : `${med.name} ${placeholder(lang === 'es' ? 'dosis' : 'dose')}`;
  }
  const test = pick(TESTS, text, lang);
  if (test) out.test = test;
  const form = pick(FORMS, text, lang);
  if (form) out.form = form;
  const date = findDate(text);
  if (date) out.date = date;
  if (settings.clinicianName.trim()) out.clinicianName = settings.clinicianName.trim();
  if (settings.clinicPhone.trim()) out.clinicPhone = settings.clinicPhone.trim();
  if (settings.practiceName.trim()) out.practiceName = settings.practiceName.trim();
  return out;
}

/** What a slot without a value becomes. */
export function missingSlot(slot: SlotName, lang: Lang): string {
  const es = lang === 'es';
  switch (slot) {
    case 'firstName':
      return placeholder(es ? 'nombre' : 'first name');
    case 'medication':
      return placeholder(es ? 'medicamento y dosis' : 'medication and dose');
    case 'medicationName':
      return placeholder(es ? 'medicamento' : 'medication');
    case 'test':
      return placeholder(es ? 'nombre de la prueba' : 'test name');
    case 'form':
      return '';
    case 'date':
      return placeholder(es ? 'fecha' : 'date');
    case 'clinicianName':
      return placeholder(es ? 'su nombre' : 'your name');
    case 'clinicPhone':
      return placeholder(es ? 'teléfono de la clínica' : 'clinic phone');
    case 'practiceName':
      return placeholder(es ? 'nombre de la clínica' : 'practice name');
  }
}

/** Fill {slots}; missing ones become placeholders; spaces left by empty ones are tidied. */
export function fillSlots(body: string, values: SlotValues, lang: Lang): string {
  return body
    .replace(/\{([A-Za-z]+)\}/g, (_, name: string) => values[name as SlotName] ?? missingSlot(name as SlotName, lang))
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/ +([,.;:!?])/g, '$1');
}
