/**
 * The red-flag rule table: data, read top to bottom. Every pattern runs on normalised text
 * (rules-normalize.ts): lowercase, accents stripped ("caída" -> "caida"), apostrophes removed
 * ("can't" -> "cant", "I'm" -> "im"), hyphens as spaces ("6-week-old" -> "6 week old").
 * Negation / past / hypothetical context is handled by rules-context.ts, not by the patterns.
 *
 * Conventions: keep quantifiers bounded ({0,n}) so 100 KB inputs stay linear; no flags needed
 * (the engine adds 'g'). Sources: labels.md urgency table + common nurse-triage red flags.
 */
import {
  bpHighCheck,
  bpLowCheck,
  bpSystolicTest,
  feverTest,
  glucoseTest,
  heartRateTest,
  infantFeverTest,
  infantTemperatureWithUnit,
  inhalerOveruseCheck,
  peakFlowCheck,
  reading,
  spo2Test,
  temperatureWithUnit,
  underThreeMonths,
} from './rules-readings';
import type { Adjustment, Check, Companion, RuleDef } from './rules-types';

const rx = (...parts: string[]) => new RegExp(parts.join(''));
const R = String.raw;

// ------------------------------------------------------------------------ shared fragments
const POSS = R`(?:my|his|her|their|the|our|your|a|mi|su|el|la)`;
const OWNER = R`(?:my|his|her|their|your|our)`;
/** Up to three linking words: "is", "has been", "feels", "suddenly", ... */
const BE = R`(?:(?:is|are|was|were|has|have|been|feels?|felt|looks?|seems?|went|gone|got|gets|getting|keeps?|kept|started|starting|became|just|suddenly|now|going) ){0,3}`;
const ADV = R`(?:(?:really|very|so|super|kind of|kinda|a bit|a little|slightly|extremely|totally|completely|all|suddenly|more|pretty) )?`;
const BREATH = R`(?:breath|breathe|breth|brethe|breah|breathing|brething|breathin|breat)`;
const HEADACHE = R`(?:headache|headach|hedache|head ache|headaches|ha|migraine|migrane|head pain)`;
const SEIZURE = R`(?:seizures?|siezures?|seisures?|seizur|sezures?|convulsions?|convulsiones)`;
const BLEED = R`(?:ble+d(?:ing|s)?|bleding|bledding)`;

// ---------------------------------------------------------------------- companion patterns
const FEVER: readonly RegExp[] = [
  /\b(?:fever[a-z]{0,4}|feaver[a-z]{0,4}|fevr|febrile|fiebre|calentura|temperatura alta|high temp[a-z]{0,8}|running (?:a )?(?:temp|temperature|fever)|burning up)\b/,
  /\b(?:temp|temps|temperature|temprature|temperatura|thermometer)\b[^.;!?\n\d]{0,20}(?:10[0-9]|3[89]|4[0-2])(?:[.,]\d{1,2})?\b/,
  /\b(?:10[0-9]|3[89]|4[0-2])(?:[.,]\d{1,2})? ?(?:°|º|degrees?|deg\b|grados)/,
  /\b(?:10[0-9]|3[89]|4[0-2])(?:[.,]\d{1,2})? (?:temp|temperature|fever)\b/,
];
const SOB: readonly RegExp[] = [
  rx(R`\b(?:short|shortness) (?:of|o) ${BREATH}\b|\bsob\b|\bbreathless[a-z]{0,4}\b|\bwinded\b|\bdyspn[a-z]{0,4}\b`),
  rx(R`\b(?:cant|cannot|hard to|trouble|difficulty) (?:catch (?:my|his|her) )?${BREATH}\b|\bfalta (?:de |el )?aire\b`),
];
const SWEATING: readonly RegExp[] = [/\b(?:sweat[a-z]{0,4}|diaphore[a-z]{0,5}|clammy|sudor[a-z]{0,5})\b/];
const ARM_JAW: readonly RegExp[] = [
  /\b(?:left |right )?(?:arm|jaw|shoulder|neck|back) (?:pain|hurts|aches?|numb[a-z]{0,4}|tingl[a-z]{0,4})\b/,
  /\b(?:pain|ache|aching|numbness|tingling) (?:in|down|into|to|radiating to|going to) (?:my |his |her |the )?(?:left )?(?:arm|jaw|shoulder|neck|back)\b/,
  /\bradiat[a-z]{0,5}\b/,
];
const DIZZY: readonly RegExp[] = [
  /\b(?:dizz[a-z]{0,5}|dizy|dizie|light ?headed[a-z]{0,4}|woozy|faint[a-z]{0,3}|passed out|passing out|weak|weakness|mare[oa][a-z]{0,3}|desmay[a-z]{0,4}|pale)\b/,
];
const PREGNANT: readonly RegExp[] = [
  /(?<!(?:trying to get|try to get|want to get|wanting to get|hoping to get|plan to get|planning to get|could i be|might be|am i|if im|if i am|may be|not|never been) )\b(?:pregnant|pregnancy|preggo|preggers|expecting (?:a baby|twins)|weeks along|\d{1,2} weeks (?:pregnant|along|gestation)|(?:first|second|third|1st|2nd|3rd) trimester|gestation(?:al)?|embarazad[ao]|embarazo|gravid[a-z]{0,3}|due date|fetal|fetus)\b(?! tests?)/,
];
const PREGNANT_OR_POSTPARTUM: readonly RegExp[] = [
  ...PREGNANT,
  /\b(?:postpartum|post partum|gave birth|just delivered|after (?:delivery|giving birth)|had (?:my|the|a) baby (?:\d+|a|two|three|few) (?:days?|weeks?) ago|despues del parto)\b/,
];
const ANTICOAG = /\b(?:warfarin|coumadin|jantoven|eliquis|apixaban|xarelto|rivaroxaban|pradaxa|dabigatran|savaysa|edoxaban|lovenox|enoxaparin|heparin|blood thinners?|anticoagula[a-z]{0,6})\b/;
const ANTIPLATELET = /\b(?:plavix|clopidogrel|brilinta|ticagrelor|effient|prasugrel)\b/;
const ON_BLOOD_THINNER: readonly RegExp[] = [ANTICOAG, ANTIPLATELET];
const INFANT: Companion = {
  patterns: [
    /\b(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|few|couple of) ?(?:days?|weeks?|wks?|wk|months?|mos?|mo) ?olds?\b/,
    /\b(?:bebe|bebita|bebito|nino|nina|hij[oa]|niet[oa]|recien nacid[oa]) (?:de|tiene) (?:\d{1,2}|un|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce) (?:dias?|semanas?|mes|meses)\b/,
    /\b(?:newborn|new born|neonate|neonatal|recien nacid[oa])\b/,
    /\bborn (?:\d{1,2}|one|two|three|a|few|couple of) (?:days?|weeks?) ago\b/,
    /\b(?:(?:baby|infant|son|daughter|newborn|bebe|grandson|granddaughter|he|she) (?:is|was|who is|thats|that is|just turned|turned|turns)|babys|hes|shes|(?:baby|infant|son|daughter|newborn) (?:only|just)) (?:only |just |barely )?(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|few|couple of) (?:days?|weeks?|wks?|months?)\b(?! (?:pregnant|along|postpartum|post partum|post op|postop|out|after|since|into|of|in|from|late|early|overdue|behind|ahead|premature|gestation|sober|clean|ago))/,
    // "my son, 6 weeks, has a fever", "our baby (7 weeks)"
    /\b(?:baby|infant|son|daughter|newborn)[ ,(:]{1,3}(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (?:days?|weeks?|wks?|months?)\b(?! (?:pregnant|along|postpartum|post partum|post op|postop|out|after|since|into|of|in|from|late|early|overdue|behind|ahead|premature|gestation|ago|later|before|back|now|straight|with))/,
    // Spanish without "bebé": "tiene 6 semanas y marca 38.4", "6 semanas de nacido", "nació hace 3 semanas"
    /\b(?:tiene|tenia|cumple|cumplio|acaba de cumplir) (?:\d{1,2}|un|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce) (?:dias?|semanas?|mes|meses)(?: de (?:edad|nacid[oa]|vida))?(?= ?(?:[,.;!?\n]|y\b|e\b|$))/,
    /\b(?:\d{1,2}|un|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce) (?:dias?|semanas?|mes|meses) de (?:edad|nacid[oa]|vida)\b|\bnacio hace (?:\d{1,2}|un|una|dos|tres|cuatro|cinco|seis|siete|ocho) (?:dias?|semanas?)\b/,
  ],
  window: 500,
  raw: true,
  check: underThreeMonths,
};

/** Readings that end an infant-temperature search (weight, feeds, other vitals). */
const INFANT_READING_STOP =
  /\b(?:bp|blood pressure|pressure|heart|pulse|hr|o2|oxygen|sats?|sugar|glucose|weight|weigh[a-z]{0,2}|pesa|peso|bilirubin[a-z]{0,2}|bili|bpm|ml|oz|onzas|libras|kilos?)\b/;

const near = (patterns: readonly RegExp[], window: number, extra: Partial<Companion> = {}): Companion => ({
  patterns,
  window,
  ...extra,
});
const escalateTo = (label: string, patterns: readonly RegExp[], window = 300): Adjustment => ({
  patterns,
  window,
  level: 'emergency',
  label,
});

// ------------------------------------------------------------- context checks for lay wording
/** The sentence around [s, e) in normalised text (at most 200 chars either side). */
function sentenceAround(text: string, s: number, e: number): string {
  const from = Math.max(0, s - 200);
  const pre = text.slice(from, s);
  let start = from;
  const breaks = /[!?;\n]|\.(?!\d)/g;
  for (let b = breaks.exec(pre); b; b = breaks.exec(pre)) start = from + b.index + 1;
  const post = text.slice(e, e + 200);
  const stop = post.search(/[!?;\n]|\.(?!\d)/);
  return text.slice(start, stop < 0 ? e + post.length : e + stop);
}
const sentenceOf = (m: RegExpExecArray, text: string) => sentenceAround(text, m.index, m.index + m[0].length);

/** Long-standing / explained problems: "for years", "when I'm tired", "arthritis", "as usual"... */
const LONGSTANDING =
  /\b(?:for (?:years|months|a long time|ages|as long as i can remember)|(?:years|months) now|since (?:childhood|birth|i was (?:a )?(?:kid|child|little|young))|(?:my|his|her) whole life|(?:all|most) of (?:my|his|her) life|always (?:been|had|has|have|does|do|did)|as (?:usual|always)|same as (?:always|usual|ever|before)|(?:at|my|his|her|their) baseline|when (?:im|i am|i get|hes|he is|he gets|shes|she is|she gets|they are|they get) (?:really |very |so )?(?:tired|stressed|nervous|anxious|sleepy|exhausted|drunk|upset)|dementia|alzheimers?|parkinsons?|stutter[a-z]{0,3}|stammer[a-z]{0,3}|arthritis|carpal tunnel|neuropathy|tremors?|autis[a-z]{1,3}|dyslexi[a-z]{1,2}|speech (?:delay|therapy|therapist)|chronic(?:ally)?|long ?standing|sundown[a-z]{0,4})\b/;
/** ...unless the message says it is new or sudden. */
const ACUTE_ONSET =
  /\b(?:sudden(?:ly)?|all of a sudden|out of (?:nowhere|the blue)|abrupt(?:ly)?|new|never (?:done|had|happened|been|seen)|not like (?:him|her|me|them)|unlike (?:him|her|me)|worse|worsening|(?:just|only) (?:now|started|happened|began)|started (?:today|tonight|this (?:morning|afternoon|evening)|last night|yesterday|an hour ago|suddenly)|since (?:this (?:morning|afternoon|evening)|last night|lunch|breakfast|dinner|(?:an?|one|two|few|couple of|\d+) (?:hours?|hrs?|minutes?|mins?))|(?:an?|one|two|three|few|couple of|\d+) (?:minutes?|mins?|hours?|hrs?) ago|de repente|de pronto)\b/;
/** A limb that "went dead" from posture, exercise or a shot. */
const BENIGN_LIMB =
  /\b(?:(?:slept|sleeping|sleep|lying|laying|lay|lain|leaning|leaned|sat|sitting) on (?:it|them|(?:my|his|her|that) (?:arm|hand|leg))(?: wrong| funny| funny)?|sitting cross legged|crossed (?:my|his|her) legs|funny bone|fell asleep on (?:it|my arm|his arm|her arm)|(?:after|from) (?:the )?(?:gym|workout|working out|lifting|exercise|exercising|a run|running|push ups|yard work|gardening|painting|typing)|(?:after|from|since) (?:the |my |a |his |her )?(?:flu |covid |tetanus |shingles |booster )?(?:shot|vaccine|vaccination|injection|jab|booster|blood draw|iv))\b/;
/** Existing stroke wording: only the postural / injection explanation is accepted, and not if sudden. */
const notPostural: Check = (m, ctx) => {
  const sentence = sentenceOf(m, ctx.text);
  return !BENIGN_LIMB.test(sentence) || ACUTE_ONSET.test(sentence);
};

/** New lay stroke wording: not when the same sentence explains it as long-standing or postural. */
const notLongstanding: Check = (m, ctx) => {
  const sentence = sentenceOf(m, ctx.text);
  return !(BENIGN_LIMB.test(sentence) || LONGSTANDING.test(sentence)) || ACUTE_ONSET.test(sentence);
};

/** "sorry if my words came out wrong", "afraid of saying the wrong words": social, not aphasia. */
const SOCIAL_BEFORE =
  /(?:\b(?:sorry|apologi[a-z]{0,4}|didnt mean|did not mean|rude|offend[a-z]{0,3})\b[^.!?;\n]{0,40}|\b(?:afraid of|worried about|scared of|fear of|nervous about|how to avoid|avoid|without) (?:[a-z]{1,12} )?)$/;
const laySpeech: Check = (m, ctx) =>
  !SOCIAL_BEFORE.test(ctx.text.slice(Math.max(0, m.index - 60), m.index)) && notLongstanding(m, ctx);
/** "sounds drunk" is a stroke sign unless they have actually been drinking. */
const DRINKING =
  /(?<!(?:hasnt|has not|havent|have not|hadnt|had not|not|didnt|did not|wasnt|was not|never|no) )\b(?:been drinking|was drinking|is drinking|got drunk|is drunk|was drunk|(?:had|drank) (?:a few|several|some|too many|many|a lot of|lots of|\d+|two|three|four|five|six) (?:beers?|drinks|glasses of wine|shots|cocktails))\b/;
const drunkSpeech: Check = (m, ctx) => !DRINKING.test(sentenceOf(m, ctx.text)) && laySpeech(m, ctx);

/** Confusion that the message calls usual ("has dementia, confused as always") is not new confusion. */
const BASELINE =
  /\b(?:same as (?:always|usual|ever|before)|as (?:usual|always)|(?:at|her|his|their) (?:usual )?baseline|(?<!not (?:like )?)(?:her|his|their) usual self|nothing new|(?:always|usually|often) (?:is |gets |get |been |has been )?(?:a (?:bit|little) )?confused|(?:like this|this way) for (?:years|months)|for (?:years|months)|long ?standing|chronic(?:ally)?|sundown[a-z]{0,4})\b/;
const BASELINE_CHANGE =
  /\b(?:worse|worsening|more confused|new|sudden(?:ly)?|not (?:like )?(?:her|his|their|at) (?:usual|normal|baseline)|not (?:her|his|their)(?: usual| normal)? self|different|than (?:usual|normal|before)|unlike|fever[a-z]{0,4}|fiebre|febrile|since (?:this|last|yesterday|today))\b/;
const notBaseline: Check = (m, ctx) => {
  const sentence = sentenceOf(m, ctx.text);
  return !BASELINE.test(sentence) || BASELINE_CHANGE.test(sentence);
};
/** "confused since Monday about the bill": administrative confusion. */
const ADMIN_TOPIC =
  /\b(?:bill|billing|invoice|charges?|insurance|statement|portal|instructions|directions|paperwork|forms?|letter|email|website|app|copay|appointment time)\b/;
const newConfusion: Check = (m, ctx) => !ADMIN_TOPIC.test(sentenceOf(m, ctx.text)) && notBaseline(m, ctx);
/** "out of it" about someone else, not "I'm out of it" (self, mild) or "she's out of it" (a medicine). */
const SUPPLY_BEFORE =
  /\b(?:meds?|medicine|medication|medications|pills?|refills?|insulin|inhaler|prescriptions?|rx|supply|supplies|formula|diapers|oxygen|stock)\b/;
const SELF_BEFORE =
  /\b(?:i|im|ive|id|i am|i have|me)(?: (?:just|really|also|still|kind of|kinda|been|have been|feel|felt|feeling|am|was|get|got|so|very|totally|a bit|a little)){0,3} $/;
/** "seems / looks out of it" is always the mental state; "is out of it" may be a medicine running out. */
const othersOutOfIt: Check = (m, ctx) => {
  if (!/\b(?:seems?|seemed|looks?|looked|acting|acts)\b/.test(m[0])) {
    const around = `${ctx.text.slice(Math.max(0, m.index - 80), m.index)} ${sentenceOf(m, ctx.text)}`;
    if (SUPPLY_BEFORE.test(around)) return false;
  }
  return notBaseline(m, ctx);
};
const notSelfOutOfIt: Check = (m, ctx) =>
  !SELF_BEFORE.test(ctx.text.slice(Math.max(0, m.index - 40), m.index)) && othersOutOfIt(m, ctx);
const checked = (check: Check, res: readonly RegExp[]) => res.map((re) => ({ re, check }));

// ------------------------------------------------------------------------ must-not-miss meds
const MUST_NOT_MISS: readonly { id: string; label: string; names: RegExp }[] = [
  {
    id: 'insulin-out',
    label: 'Out of (or running out of) insulin',
    names: /\b(?:insulin|insulina|lantus|levemir|tresiba|toujeo|basaglar|semglee|rezvoglar|humalog|novolog|admelog|apidra|fiasp|lyumjev|humulin|novolin|afrezza|pen needles|pump supplies|omnipod)\b/,
  },
  { id: 'anticoagulant-out', label: 'Out of (or running out of) a blood thinner', names: ANTICOAG },
  { id: 'antiplatelet-out', label: 'Out of (or running out of) an antiplatelet (stent) medicine', names: ANTIPLATELET },
  {
    id: 'antiseizure-out',
    label: 'Out of (or running out of) seizure medicine',
    names: /\b(?:levetiracetam|keppra|lamotrigine|lamictal|phenytoin|dilantin|carbamazepine|tegretol|oxcarbazepine|trileptal|valproate|valproic|depakote|divalproex|lacosamide|vimpat|topiramate|topamax|zonisamide|zonegran|clobazam|onfi|brivaracetam|briviact|phenobarbital|primidone|mysoline|perampanel|fycompa|cenobamate|xcopri|epidiolex|ethosuximide|zarontin|(?:seizure|epilepsy) (?:meds?|medications?|medicine|pills?)|anti ?seizure|antiepileptics?|anticonvulsants?|(?:medicina|medicamento|pastillas) (?:para|de) (?:las )?convulsiones)\b/,
  },
  {
    id: 'transplant-med-out',
    label: 'Out of (or running out of) transplant anti-rejection medicine',
    names: /\b(?:tacrolimus|prograf|envarsus|astagraf|mycophenolate|cellcept|myfortic|cyclosporine|neoral|gengraf|sandimmune|sirolimus|rapamune|everolimus|zortress|azathioprine|imuran|belatacept|nulojix|anti ?rejection (?:meds?|medications?|medicine|drugs?|pills?)|transplant (?:meds?|medications?|medicine|drugs?|pills?)|immunosuppressants?)\b/,
  },
  {
    id: 'hiv-med-out',
    label: 'Out of (or running out of) HIV medicine',
    names: /\b(?:biktarvy|genvoya|stribild|triumeq|dovato|descovy|truvada|odefsey|complera|symtuza|juluca|cabenuva|tivicay|dolutegravir|isentress|raltegravir|prezista|darunavir|prezcobix|atripla|symfi|delstrigo|pifeltro|emtricitabine|tenofovir|edurant|rilpivirine|evotaz|reyataz|atazanavir|sunlenca|hiv (?:meds?|medications?|medicine|pills?)|antiretrovirals?|arvs?)\b/,
  },
  {
    id: 'heart-failure-med-out',
    label: 'Out of (or running out of) heart-failure medicine',
    names: /\b(?:entresto|sacubitril|furosemide|lasix|torsemide|demadex|bumetanide|bumex|carvedilol|coreg|spironolactone|aldactone|eplerenone|inspra|digoxin|lanoxin|metoprolol succinate|toprol|water pills?|heart (?:failure )?(?:meds?|medications?|medicine|pills?))\b/,
  },
  {
    id: 'steroid-out',
    label: 'Out of (or running out of) steroid medicine',
    names: /\b(?:prednisone|prednisona|prednisolone|methylprednisolone|medrol|dexamethasone|decadron|hydrocortisone|cortef|fludrocortisone|florinef|steroids?(?! (?:cream|ointment|inhaler|nasal|spray))|esteroides?)\b/,
  },
  {
    id: 'epinephrine-out',
    label: 'Out of epinephrine auto-injector',
    names: /\b(?:epi ?pens?|epinephrine|auvi ?q)\b/,
  },
];

/** "ran out of", "only 2 days left", "can't afford", "missed 3 doses", "se me acabó", "no tengo"... */
const OUT_CUES: readonly RegExp[] = [
  /\b(?:(?:ran|run|running|runs|am|im|is|are|were|was|almost|nearly|completely|totally|be|about to run) )?out of\b(?! (?:town|state|the country|country|the office|office|work|time|options|luck|network|pocket|breath|control|range|reach|bed|the hospital|hospital|surgery|the blue|nowhere|shape|the house|my mind|it|patience|sorts))/,
  /\b(?:ran|run|running|runs) out\b(?! of)/,
  /\b(?:run|ran|running|runs|getting|get) (?:very |really |super )?(?:low|short)(?: on)?\b/,
  /\b(?:low|short) on\b/,
  /\b(?:no|none|zero|0|nothing) (?:[a-z]{1,20} ){0,2}?(?:left|remaining)\b/,
  /\b(?:on|down to|using|taking|at) (?:my |the )?(?:last|final) (?:dose|pill|pen|vial|tablet|cartridge|one|shot|injection|bottle|patch|capsule)\b|\b(?:last|final) (?:pen|vial|pill|tablet|cartridge|bottle|box) (?:of|left)\b/,
  /\b(?:only|just) (?:have |had |got )?(?:one|two|three|1|2|3|a couple|a few|a day|enough for)\b/,
  /\b(?:one|two|three|1|2|3|a|a couple|a few|couple) (?:more )?(?:days?|doses?|pills?|tablets?|pens?|vials?|injections?|shots?) (?:of [a-z]{1,20} )?(?:left|remaining)\b/,
  /\b(?:cant|cannot|couldnt|unable to|could not|can not) (?:get|afford|fill|pick up|find|obtain|refill)\b(?! (?:an? )?(?:appointment|appt|hold|through|in|ahold|to|an answer|the portal))/,
  /\b(?:pharmacy|pharmacist|insurance|walgreens|cvs|rite aid|mail order) (?:wont|will not|cant|cannot|refused to|refuses to|denied|didnt|did not|is not going to|doesnt have|does not have|is out|ran out|has no)\b/,
  /\b(?:missed|skipped|forgot|havent taken|have not taken|havent had|been without|went without|going without|gone without|out since) (?:my |his |her |a |two |three |\d+ |the last )?(?:[a-z]{1,20} )?(?:doses?|pills?|meds?|medications?|shots?|injections?|days?)\b/,
  /\b(?:been|gone|went|going|be|am|im|was|now|days?|hours?) without\b/,
  /\bration(?:ing|ed)?\b/,
  /\b(?:out of stock|back ?ordered|on backorder|shortage)\b/,
  /\bse (?:me |le )?(?:acabo|acabaron|termino|terminaron)\b|\bme quede sin\b|\b(?:estoy|esta|estamos|sigo|sigue|llevo|lleva|quede|quedo) (?:[a-z]{1,20} ){0,2}?sin\b/,
];
/** Cues that only count when the medicine follows right after ("no tengo insulina", "no more Keppra"). */
const OUT_CUES_ADJACENT: readonly RegExp[] = [
  /\bno (?:tengo|tiene|me queda|le queda|hay)(?: mas)?\b|\bya no (?:tengo|tiene|hay)\b|\bsin\b/,
  /\bno more\b|\bwithout (?:my|his|her|any)\b/,
];

const MED_OUT_RULES: readonly RuleDef[] = MUST_NOT_MISS.flatMap((med): RuleDef[] => [
  {
    id: med.id,
    label: med.label,
    level: 'urgent',
    patterns: OUT_CUES,
    requires: near([med.names], 100, { sameSentence: true, raw: true, extend: true }),
  },
  {
    id: med.id,
    label: med.label,
    level: 'urgent',
    patterns: OUT_CUES_ADJACENT,
    requires: near([med.names], 12, { sameSentence: true, raw: true, extend: true, after: true }),
  },
]);

// ------------------------------------------------------------------- lay stroke fragments
/** "keeps dropping things", "can't grip", "my hand won't hold the cup": needs a side or a sudden onset. */
const DROPPING_THINGS: readonly RegExp[] = [
  /\b(?:keeps?|kept|keep on|keeps on|been|started|starting|is|am|was|were|im|hes|shes) (?:suddenly )?dropping (?:things|stuff|everything|objects|(?:my|his|her|the|a) (?:[a-z]{1,20} )?(?:cup|coffee|fork|spoon|pen|glass|mug|phone|keys|toothbrush|utensils|silverware|drink|plate))\b/,
  /\b(?:hand|hands|fingers|grip) (?:just |suddenly |now )?(?:wont|will not|cant|cannot|can not|couldnt|could not|doesnt|does not|isnt able to|is not able to|wouldnt|would not) (?:hold|grip|grab|grasp|squeeze|pick up|close|make a fist|work|cooperate|respond)\b/,
  /\b(?:cant|cannot|can not|couldnt|could not|unable to|not able to|having trouble|trouble|struggling to|hard to) (?:hold|holding|grip|gripping|grasp|grasping|grab|grabbing|hold on to|hold onto|pick up|picking up) (?:(?:a|the|my|his|her|onto|on to) )?(?:[a-z]{1,20} )?(?:cup|coffee|fork|spoon|pen|pencil|glass|mug|phone|keys|toothbrush|utensils|silverware|anything|things|objects|stuff|drink)\b/,
  /\b(?:cant|cannot|can not|couldnt|could not|unable to|not able to) (?:grip|grasp)\b|\b(?:grip|grip strength|hand strength) (?:is |has |feels |got |suddenly |just )?(?:weak|weaker|gone|nothing)\b|\bweak grip\b/,
  /\bse (?:le|me) caen las cosas\b|\bno (?:puede|puedo|podia) (?:agarrar|sostener|apretar) (?:nada|las cosas|el vaso|la taza|la cuchara|el tenedor)\b|\bla mano no (?:le |me )?(?:responde|agarra|sirve|tiene fuerza)\b/,
];
const ONSET =
  /\b(?:sudden(?:ly)?|all of a sudden|out of (?:nowhere|the blue)|abrupt(?:ly)?|started (?:today|tonight|this (?:morning|afternoon|evening)|last night|an hour ago|out of nowhere|suddenly|yesterday)|(?:just|only) (?:now|started|happened|began)|since (?:this (?:morning|afternoon|evening)|last night|lunch|breakfast|dinner|an hour ago|(?:an?|one|two|few|couple of|\d+) (?:hours?|hrs?|minutes?|mins?)(?: ago)?|\d{1,2} ?(?:am|pm|oclock))|(?:an?|one|two|three|few|couple of|\d+) (?:minutes?|mins?|hours?|hrs?) ago|this (?:morning|afternoon|evening)|de repente|de pronto|desde (?:esta manana|anoche|hace (?:una|\d+) horas?))\b/;
const SIDE =
  /\b(?:(?:left|right|one) (?:hand|arm|side|fingers)|on (?:the|his|her|my) (?:left|right)|with (?:my|his|her|the) (?:left|right)|(?:mano|brazo|lado) (?:izquierd[oa]|derech[oa]))\b/;

// ------------------------------------------------------------- indirect suicide wording
const PILL_WORDS = R`(?:pills|meds|medications|medicines|tablets|tabs|capsules|opioids|oxys?|painkillers|pain killers|sleeping pills|sleep meds|narcotics)`;
/** Stockpiling for a reason: "saving my pills for the trip", "stockpiling because of the shortage". */
const BENIGN_STOCK = R`(?!(?: [a-z]{1,20}){0,3}? (?:travel|traveling|travelling|trip|trips|vacation|holidays?|flights?|cruise|shortages?|backorder|back order|hurricane|storms?|emergenc(?:y|ies)|disasters?|insurance|pharmacy|refills?|running out|run out|deductible|cost|costs|money|copays?|afford|later use|take back|disposal|dispose|drop box|winter|moving|the move|deployment|prior auth[a-z]{0,13}|the doctor|my doctor|my appointment|the pill count)\b)`;
const STOCKPILE: readonly RegExp[] = [
  rx(R`\b(?:saving up|saved up|save up|been saving|stockpil(?:e|ed|es|ing)|hoard(?:ed|ing)?|stash(?:ed|ing)?|squirrel(?:ed|ing|led|ling)? away) (?:up )?(?:all |some |a lot of |a bunch of |extra |enough )?(?:(?:all )?(?:of )?(?:my|his|her|the|these|those|old) )?(?:[a-z]{1,20} )?${PILL_WORDS}\b${BENIGN_STOCK}`),
  rx(R`\b(?:have|got|keep|keeping|kept) (?:a )?(?:stash|stockpile|hoard|secret supply) of (?:(?:my|his|her|the) )?(?:[a-z]{1,20} )?${PILL_WORDS}\b${BENIGN_STOCK}`),
  /\b(?:he|ha|hemos|han|estoy|esta|he estado|ha estado) (?:guardado|guardando|juntado|juntando|acumulado|acumulando|ahorrado|ahorrando) (?:(?:mis|sus|las|unas|muchas|todas (?:mis|las)) )?(?:pastillas|pildoras|medicinas|medicamentos|tabletas)\b(?! (?:en|dentro|debajo|bajo|lejos|arriba|para (?:el|un|mi) viaje|por si|porque (?:no|la farmacia|el seguro)))/,
  /\btengo (?:muchas |suficientes |un monton de )?(?:pastillas|pildoras|medicinas) (?:guardadas|juntadas|acumuladas)\b/,
];
/** Hopelessness: alone at most "urgent"; with a means or an intent cue nearby, an emergency. */
const DISTRESS: readonly RegExp[] = [
  /\b(?:cant|cannot|can not) (?:keep (?:doing this|going(?: on)?(?: like this)?|living like this)|do this any ?more|take (?:it|this|much more) any ?more|go on(?: like this| any ?more)?|live like this|handle (?:it|this|life) any ?more)\b(?! (?:every|each|with (?:the|my|this|your)|at work|for (?:the|my|work)|job|work|shift|shifts|schedule|commute|diet|routine|workout|program)\b)/,
  /\b(?:end it all|no (?:reason|point) (?:to|in) (?:live|living|go on|going on|being alive|keep going|continuing|be here|being here)|nothing (?:left )?to live for|(?:tired|sick) of (?:living|being alive)|(?:done|finished) with (?:life|living)|better off (?:dead|without me|gone)|(?:want|wanna|ready) to (?:die|give up on life|disappear forever)|(?:everyone|they|my family|my kids) (?:would|will) be better off|a burden (?:to|on) (?:everyone|my family|them|my kids))\b/,
  /\bsu[ia]?[cs]+i?d(?:e|es|al)\b|\b(?:kill|end|take) (?:my ?self|myself|my (?:own )?life)\b/,
  /\bya no (?:aguanto|puedo mas|puedo seguir|quiero seguir|quiero vivir|soporto)\b|\bno puedo mas\b|\b(?:terminar|acabar) con todo\b|\bno (?:tiene|hay) (?:sentido|razon) (?:para )?(?:seguir|vivir)\b|\bsin (?:razon|motivo|ganas) (?:para|de) vivir\b|\bquiero (?:morir|morirme|desaparecer)\b/,
];
/** A means of self-harm at hand. */
const MEANS: readonly RegExp[] = [
  /\b(?:a|the|my|his|her|our|dads|husbands|moms|a loaded|loaded) (?:gun|guns|handgun|pistol|revolver|firearm|rifle|shotgun)\b(?! (?:range|show|club|safety|lock|safe|control|violence|shop|store|laws?))|\bbought (?:a )?(?:gun|pistol|rope|bullets|ammo)\b|\b(?:bullets|ammo|ammunition|noose)\b/,
  /\b(?:a|the|some|bought|got|have) rope\b|\b(?:off|from|to|at|on) (?:a|the|that) (?:bridge|overpass|ledge|cliff|train tracks|tracks)\b|\brazor blades?\b/,
  rx(R`\b(?:bottle|bottles|stash|stockpile|handful|hoard|pile|whole bottle|months supply) of (?:(?:my|the|his|her|these|those) )?(?:[a-z]{1,20} )?${PILL_WORDS}\b`),
  rx(R`\b${PILL_WORDS} (?:are |is )?(?:ready|lined up|counted out|laid out|in front of me|next to me|saved up|all saved)\b|\benough (?:[a-z]{1,20} )?${PILL_WORDS} to\b|\b(?:take|swallow|taking|swallowing) (?:them all|all of them|the whole bottle|a whole bottle|the bottle|the lot)\b`),
  /\b(?:pastillas|pildoras) (?:guardadas|juntadas|acumuladas|listas)\b|\b(?:una|la|mi) (?:pistola|arma|cuerda|soga)\b|\b(?:del|de un|desde el|desde un|al) (?:puente|edificio)\b|\btomarme todas\b/,
  ...STOCKPILE,
];
/** Indirect intent: a set time, a finished plan, goodbyes. Only counted near DISTRESS or MEANS. */
const INTENT_CUES: readonly RegExp[] = [
  /\b(?:tonight|today|tomorrow|this weekend)(?: is|s) (?:the|my) (?:night|day|time)\b(?! (?:of|for|we|to|before|after|when|that we)\b)/,
  /\b(?:made|have|got|worked out|figured out|finalized|finished|set|making) (?:my|a|the) (?:final |last )?plans?\b(?! (?:for|with|of care|to (?:see|visit|go to|get|call|lose|eat|exercise|quit|stop|start|travel|move|retire)|b)\b)/,
  /\b(?:wrote|written|writing|write|left|leaving) (?:(?:a|some|the|my|goodbye|farewell|final) ){0,2}(?:letters?|notes?|cards?|messages?) (?:to|for) (?:my|his|her|the|our|each of my) (?:[a-z]{1,20} )?(?:kids|children|family|wife|husband|son|daughter|sons|daughters|parents|mom|mum|dad|mother|father|partner|boyfriend|girlfriend|friends|grandkids|loved ones|sister|brother)\b/,
  /\b(?:wont|will not|not going to|am not going to|im not going to) be (?:around|here|alive) (?:much longer|for (?:much )?longer|for long|anymore|any more|tomorrow|next (?:week|month)|by (?:then|next week|tomorrow|the (?:weekend|time)))\b/,
  /\b(?:just )?(?:wanted|want|needed|need) (?:someone|somebody|anyone|anybody|you|one person) to know\b/,
  /\b(?:said|saying|say|written|wrote|writing) (?:my |our )?goodbyes?\b|\bthis is (?:my )?goodbye\b|\bgiv(?:ing|en|e) away (?:all )?(?:of )?(?:my|his|her) (?:things|stuff|belongings|possessions|pets?|dog|cat)\b|\b(?:put|putting|getting|got) (?:my|his|her) affairs in order\b/,
  /\b(?:wont|will not|dont|do not) need (?:(?:my|the|these|another|any) )?(?:refills?|meds|medications|medicine|appointments?|appt|prescriptions?) (?:anymore|any more|after (?:this|today|tonight)|where im going)\b/,
  /\b(?:hoy|esta noche|manana) es (?:la|el) (?:noche|dia)\b|\bya (?:tengo|hice) (?:un|mi|el) plan\b|\b(?:les )?(?:escribi|deje|estoy escribiendo) (?:unas |las |una )?cartas? (?:a|para) (?:mis|mi) (?:hij[oa]s?|familia|espos[oa]|padres)\b|\bya no (?:voy a estar|estare) (?:aqui|mucho tiempo|por mucho)\b|\bsolo queria que alguien (?:lo )?supiera\b|\bme estoy despidiendo\b/,
];

// ---------------------------------------------------------------------- sepsis fragments
const RIGORS =
  /\bshaking chills\b|\brigors\b|\bshak(?:ing|es|y) (?:with |from )?(?:the )?chills\b|\bchills (?:and|with) (?:the )?(?:shaking|shakes)\b|\b(?:uncontrollabl[ey]|violent(?:ly)?) (?:shaking|shivering|shakes|chills)\b|\b(?:shaking|shivering) (?:uncontrollably|violently|so hard)\b|\bteeth (?:are |were |keep |kept )?chattering\b|\bescalofrios (?:muy )?(?:fuertes|intensos)\b|\btemblando de frio\b/;
/** An older relative (sepsis and delirium are more likely and more dangerous). */
const ELDER =
  /\b(?:mom|mum|mother|dad|father|grandma|grandpa|grandmother|grandfather|granny|nana|elderly|older (?:adult|man|woman|parent)|nursing home|assisted living|(?:[6-9]\d|1[01]\d) ?(?:years? old|yrs? old|yo|y o)|abuel[oa]|mi (?:mama|papa|madre|padre|suegr[oa]))\b/;

// ---------------------------------------------------------------------------- emergency
const EMERGENCY_RULES: readonly RuleDef[] = [
  {
    id: 'chest-pain',
    label: 'Chest pain or pressure',
    level: 'emergency',
    patterns: [
      /\b(?:chest|chets|chst) (?:wall )?(?:pain|pains|pian|pians|pane|payne|pressure|presure|pressures|tightness|tightening|tight|heaviness|heavy|discomfort|ache|aches|aching|hurts|hurting|squeezing|burning|crushing)\b/,
      rx(R`\b(?:pain|pains|pian|pressure|presure|tightness|heaviness|discomfort|squeezing|squeeze|crushing|ache|aching|burning|weight|stabbing|sharp pains?) (?:in|on|across|around|over|of|at) (?:${POSS} )?(?:(?:middle|center|centre|left side|right side) of (?:my |his |her |the )?)?(?:chest|chets)\b`),
      rx(R`\b(?:${OWNER} |the )?(?:chest|chets) ${BE}${ADV}(?:hurts?|hurting|tight|heavy|aching|aches|pounding|burning|squeezed|crushed|killing (?:me|him|her)|like (?:an?|someone|something|its))\b`),
      /\belephant (?:is )?(?:sitting |standing |stepping |laying |lying )?on (?:my|his|her|the|your) chest\b/,
      /\b(?:someone|something) (?:is )?(?:sitting|standing|pressing) on (?:my|his|her) chest\b/,
      /\b(?:tight|heavy|crushing|squeezing) (?:feeling (?:in|on) (?:my |the )?)?chest\b/,
      /(?<!had (?:a |an )?(?:mild |minor |small |major |big |massive |silent )?)\b(?:heart attack|heartattack|myocardial infarction|stemi|nstemi)\b|\bangina\b/,
      /\b(?:just|recently) had (?:a |an )?(?:[a-z]{1,20} )?heart attack\b|\bhad (?:a |an )?(?:[a-z]{1,20} )?heart attack (?:today|tonight|this (?:morning|afternoon|evening)|last night|yesterday)\b/,
      /\b(?:think|thinks|might|may|could|worried|afraid|scared) (?:[a-z]{1,20} ){0,3}?had (?:a |an )?heart attack\b/,
      /\bheart (?:pain|hurts)\b/,
      /\b(?:having|have|had|has|with|w\/|bad|severe|some|new|c\/o|complains? of|reports?|reporting|worsening|intermittent|constant) (?:some |bad |severe |new )?cp\b/,
      /\bcp(?= ?(?:\/|&|\+|,|and|w\/|with) ?(?:sob|sweat|diaphor|nausea|n\/v|arm|jaw|dizz))/,
      /\bcp (?:since|started|radiat[a-z]{0,5}|for \d|x ?\d|now|today|this|that is|is|was|getting|going|on and off)\b/,
      /\bdolor (?:muy )?(?:fuerte |intenso |opresivo )?(?:en el|de|del|en mi|en su) pecho\b/,
      /\b(?:me|le|te|nos|les) duele (?:mucho )?el pecho\b/,
      /\b(?:presion|opresion|peso|apreton|ardor) (?:en el|en mi|en su|del|de) pecho\b/,
      /\b(?:pecho apretado|infarto|ataque (?:al|del) corazon|dolor toracico)\b/,
    ],
    escalate: [
      { ...escalateTo('Chest pain with shortness of breath', SOB, 250) },
      { ...escalateTo('Chest pain with sweating', SWEATING, 250) },
      { ...escalateTo('Chest pain with arm, jaw or back pain', ARM_JAW, 250) },
    ],
  },
  {
    id: 'breathing-severe',
    label: 'Severe trouble breathing',
    level: 'emergency',
    patterns: [
      rx(R`\b(?:cant|cnt|cannot|can not|couldnt|could not|unable to|struggling to|struggle to|hard to|hard time|trouble|difficulty|difficult to|having trouble|barely|not able to|fighting to|fighting for) (?:(?:catch|catching) (?:my|his|her|their|a|our|your) )?${BREATH}\b(?! (?:through|thru|out of|in through) (?:my|his|her|the|their) nose)`),
      /\b(?:gasping|gasps|air hunger|air hungry)\b/,
      /\b(?:lips?|face|fingers|fingertips|skin|mouth) (?:are |is |look |looks |turning |turned |going |gone |went |getting )?(?:blue|bluish|purple|purplish|gray|grey|ashen)\b/,
      /\b(?:turning|turned|going) blue\b|\bblue lips\b/,
      /\b(?:severe|severely|very|extremely|really bad|terrible) (?:shortness of breath|short of breath|sob)\b/,
      /\b(?:short of breath|shortness of breath|sob) (?:at|while|when) (?:rest|resting|sitting|lying|laying|talking)\b/,
      /\bchoking\b(?! hazard)/,
      /\bcant (?:talk|speak|finish|say) (?:in )?(?:full |whole |a full |complete )?sentences?\b/,
      /\b(?:breathing|breaths) (?:is |are |has been )?(?:very |really |so )?(?:labou?red|rapid and shallow|fast and shallow|really fast|very fast)\b/,
      /\b(?:retractions|ribs (?:are )?(?:sucking|pulling) in|can see (?:his|her|their) ribs|nostrils flaring|respiratory distress)\b/,
      /\b(?:inhaler|nebulizer|neb|nebs|albuterol|rescue inhaler|puffer)s? (?:is |are |treatments? )?(?:not|isnt|arent|doesnt|dont|no longer|didnt) (?:helping|working|help|work|helped|worked)\b/,
      /\bno (?:puedo|puede|podia|podemos|pueden) respirar\b/,
      /\b(?:me|se|le) (?:esta )?ahog(?:o|a|ando)\b/,
      /\b(?:mucha|severa) falta de aire\b|\bdificultad (?:para|al) respirar\b|\blabios (?:morados|azules)\b/,
      // Lay wording: talking in fragments, air hunger, colour, retractions, failing inhaler.
      rx(R`\b(?:cant|cannot|can not|couldnt|could not|unable to|not able to|struggl(?:es|ing) to|hard to|trouble|having trouble) (?:finish|finishing|complete|completing|get through|getting through|say|saying|speak|speaking|talk in|talking in) (?:a |one |my |his |her |full |whole |complete |a full |a whole |a complete )?(?:sentences?|words?|phrases?) without (?:stopping|pausing|gasping|catching|taking a breath|having to (?:stop|breathe|catch)|running out of (?:breath|air)|needing (?:to breathe|a breath))\b`),
      rx(R`\b(?:stop|stops|stopping|stopped|pause|pauses|pausing|paused|have to|has to|had to|need to|needs to|having to) (?:to )?(?:${BREATH}|catch (?:my|his|her|their) breath|take a breath|gasp|get (?:some )?air) (?:between|after (?:every|each)|in the middle of|mid|every) (?:(?:few|couple of|other|single|\d|two|three) )?(?:words?|sentences?|phrases?)\b`),
      rx(R`\b(?:cant|cannot|can not|couldnt|could not|unable to|not able to|struggling to|struggles to|hard to|having trouble|trouble) (?:get|getting|catch|catching|take|taking|pull|pulling|draw|drawing) (?:in )?(?:enough |any |a full |a good |a proper |a )?(?:air|breaths?|oxygen)\b(?! (?:through|thru|out of|in through) (?:my|his|her|the|their) nose)`),
      /\b(?:struggling|fighting|gasping|sucking|grasping|straining|labou?ring|working hard) (?:for|to get) (?:air|breath|oxygen)\b|\bnot getting (?:enough )?(?:air|oxygen)\b|\bstarved for air\b|\b(?:feels?|felt|feeling) like (?:im|i am|he is|hes|she is|shes|they are) (?:suffocating|drowning|being smothered)\b/,
      /\b(?:lips?|face|fingers|fingertips|fingernails|nails|skin|mouth|tongue) (?:(?:are|is|look|looks|looked|seem|seems|turning|turned|going|gone|went|getting|got|have|has|kind of|kinda|a bit|a little|slightly|really|very|all) ){0,3}(?:blue|bluish|blueish|purple|purplish|gray|grey|greyish|grayish|ashen|dusky)\b|\b(?:blue|bluish|purple|gray|grey|dusky) (?:around|color around) (?:his |her |the |their |my )?(?:lips|mouth)\b/,
      /\b(?:ribs|rib cage|chest|neck|throat|collarbones?|collar bones?) (?:(?:is|are|keeps?|keep|goes|go|looks?|look|seems?|seem|really|very) ){0,2}(?:sucking|pulling|caving|sinking|sucked|pulled|caved|sunk|going|goes|sinks|sucks|pulls|caves) in\b|\b(?:sucking|pulling|caving|sinking) in (?:between|under|around|below|at|above) (?:his|her|the|their) (?:ribs|rib cage|neck|collarbones?)\b|\bhead bobbing\b|\bgrunt(?:ing|s)? (?:with|when|on|each|every) (?:each |every )?(?:breath|breathes|breathing)\b/,
      /\b(?:inhaler|nebulizer|neb|nebs|albuterol|ventolin|proair|proventil|rescue inhaler|puffer|breathing treatments?)s? (?:is |are |treatments? )?(?:not|isnt|arent|doesnt|dont|no longer|didnt|hasnt|has not|havent|did not|does not|is not) (?:really |even |been |done |made |do |make |doing |making |given )?(?:helping|working|help|work|helped|worked|touching it|anything|much|a difference|any difference|any relief|relief)\b|\b(?:inhaler|nebulizer|neb|albuterol|ventolin|proair|rescue inhaler|puffer) (?:only |barely )(?:helps?|helped|works?|worked|lasts?|lasted) (?:for )?(?:a (?:few|couple of) minutes|a little|\d+ minutes|a minute|briefly|a bit)\b/,
      {
        re: /\b(?:used|using|use|uses|taken|took|take|taking|needed|needing|need|did|done|doing|had to use|been using|given|gave|giving|hit|hitting|puffed) (?:(?:my|his|her|the|their|him|her|them) )?(?:(?:rescue|albuterol|emergency|blue|ventolin|proair) )?(?:inhaler|albuterol|puffer|nebulizer|neb|nebs|ventolin|proair|proventil|breathing treatments?)\b/,
        check: inhalerOveruseCheck,
      },
      {
        re: /\b(?:inhaler|albuterol|puffer|nebulizer|neb|nebs|ventolin|proair|proventil|breathing treatments?)\b|\b(?:used|using|taken|took|needed|did|done|had to use|been using|gave|given|hit) it\b/,
        check: inhalerOveruseCheck,
      },
      { re: /\b(?:peak ?flows?|peak expiratory flow|pef|flujo (?:maximo|pico)|pico flujo)\b/, check: peakFlowCheck },
      /\b(?:me|le|te|nos|les) cuesta (?:mucho )?respirar\b|\brespira con (?:mucha )?dificultad\b|\bno (?:me|le|te) (?:entra|alcanza|llega) (?:el )?aire\b|\bno (?:puedo|puede|podia) (?:agarrar|tomar|jalar|coger) aire\b|\bboqueando\b/,
      /\bse (?:le|me|te) (?:hunden|meten|marcan|sumen) (?:las costillas|el pecho|la piel entre las costillas)\b|\bhundimiento (?:de|entre) (?:las )?costillas\b|\btiraje\b|\bse (?:puso|esta poniendo|pone|ponia|le pusieron|le estan poniendo) (?:los labios )?(?:morad[oa]s?|azul(?:es)?|gris(?:es)?)\b|\blabios (?:se (?:ven|ponen|pusieron|le pusieron|le ven) |(?:estan|muy) )?(?:morados|azules|grises|moraditos)\b|\bboca morada\b/,
    ],
  },
  {
    id: 'breathing-severe',
    label: 'Severe trouble breathing',
    level: 'emergency',
    // Ambiguous alone (a toddler "speaking in two-word sentences"); a breathing word must be near.
    patterns: [
      /\b(?:cant|cannot|can not|couldnt|could not|unable to|not able to|struggl(?:es|ing) to) (?:finish|complete|get through|get out) (?:a|one|my|his|her|the|full|whole|complete) (?:full |whole |complete |single )?(?:sentence|sentences|phrase)\b/,
      /\b(?:talking|speaking|answering|talks|speaks|answers) in (?:one|two|single|short|1|2|one or two|two or three)(?: word)? (?:words|sentences|phrases|answers|bursts)\b|\b(?:can only|could only|only able to) (?:say|get out|speak|manage) (?:a (?:few|couple of)|one or two|two or three|one|two|three|\d) (?:[a-z]{1,20} )?words?\b/,
    ],
    requires: near(
      [
        ...SOB,
        rx(R`\b(?:${BREATH}|breaths|breathless[a-z]{0,4}|winded|wheez[a-z]{0,4}|asthma|copd|inhaler|albuterol|gasp[a-z]{0,3}|air|oxygen|panting|respir[a-z]{0,6})\b`),
      ],
      150,
    ),
  },
  {
    id: 'not-breathing',
    label: 'Not breathing / no pulse',
    level: 'emergency',
    patterns: [
      /\b(?:not|stopped|isnt|wasnt|quit) breathing\b/,
      /\bno (?:respira|esta respirando)\b/,
      /\bno pulse\b|\b(?:doing|started|give|giving|gave|performing) cpr\b/,
    ],
  },
  {
    id: 'stroke-face-droop',
    label: 'Face drooping (stroke sign)',
    level: 'emergency',
    resolvedLevel: 'emergency',
    patterns: [
      rx(R`\b(?:face|facial|mouth|smile|eyelid|one side of ${POSS} face|side of ${POSS} face|half (?:of )?${POSS} face) ${BE}${ADV}(?:droop[a-z]{0,4}|crooked|lopsided|sagging|saggy|uneven|numb[a-z]{0,5}|paraly[sz]ed|frozen|twisted|slanted|sideways|falling)\b`),
      /\b(?:droop[a-z]{0,4}|crooked|lopsided|sagging|saggy|uneven|numb[a-z]{0,5}|paraly[sz]ed) (?:on |in |of )?(?:the |my |his |her |their |one )?(?:left |right |one )?(?:side of )?(?:the |my |his |her |their )?(?:face|mouth|smile)\b/,
      rx(R`\b(?:one side of|side of|half (?:of )?) ${POSS} (?:face|mouth) ${BE}${ADV}(?:funny|weird|strange|off|different|not moving|wont move|numb)\b`),
      /\bfacial (?:droop[a-z]{0,3}|weakness|paralysis|numbness|asymmetry)\b|\bbells? palsy\b/,
      /\bcara (?:caida|torcida|dormida|chueca|adormecida|paralizada)\b/,
      /\bse (?:le|me) (?:cayo|callo|esta cayendo|cae|ha caido|torcio) (?:la cara|el lado de la cara|la boca|un lado de la cara|media cara)\b/,
      /\bboca (?:torcida|chueca|caida)\b/,
      /\b(?:un lado|la mitad|mitad) de (?:la|su|mi) cara (?:esta |se ve |se siente )?(?:caid[oa]|dormid[oa]|paralizad[oa]|torcid[oa]|adormecid[oa])\b/,
      rx(R`\b(?:cant|cnt|cannot|can not|couldnt|could not) feel (?:the )?(?:left |right )?(?:half|one side|side) (?:of )?${POSS} face\b`),
      /\bno (?:siento|sientes|siente|puedo sentir|puede sentir) (?:la mitad|un lado|el lado (?:izquierdo|derecho)|media) (?:de )?(?:la |mi |su )?cara\b/,
    ],
  },
  {
    id: 'stroke-weakness',
    label: 'One-sided weakness or numbness (stroke sign)',
    level: 'emergency',
    resolvedLevel: 'emergency',
    patterns: [
      ...checked(notPostural, [
        rx(R`\b(?:left|right|one) (?:arm|leg|hand|side|foot)(?: and (?:leg|arm|hand|face|foot))? ${BE}${ADV}(?:weak|weaker|numb[a-z]{0,5}|limp|heavy|dead|paraly[sz]ed|floppy|useless|tingl[a-z]{0,4}|asleep)\b`),
        rx(R`\b${OWNER} (?:arm|leg)(?: and (?:leg|arm|hand|face))? ${BE}${ADV}(?:numb[a-z]{0,5}|limp|dead|paraly[sz]ed|useless|weak|floppy)\b`),
      ]),
      /\b(?:numb[a-z]{0,5}|weak[a-z]{0,4}|tingl[a-z]{0,4}|paraly[a-z]{0,4}|heaviness|loss of feeling|no feeling) (?:in|on|of|down|along) (?:the |my |his |her |their )?(?:entire |whole )?(?:left|right|one) (?:side|arm|leg|half|hand)\b/,
      /\b(?:one sided|one side|half (?:of )?(?:my|his|her) body) (?:weakness|numbness|paralysis|is weak|is numb|went numb|went weak)\b/,
      /\bhemipar[a-z]{0,5}\b|\bhemipleg[a-z]{0,5}\b/,
      rx(R`\b(?:cant|cannot|can not|unable to|couldnt) (?:move|lift|feel|raise|use|grip with) (?:${POSS} )?(?:left |right )?(?:arm|leg|hand|side)\b`),
      /\bsudden(?:ly)? (?:[a-z]{1,20} ){0,2}?(?:numb[a-z]{0,5}|weak(?:ness)?|paraly[a-z]{0,5})\b/,
      /\bno (?:puede|puedo|podia) mover (?:el|la|su|mi) (?:brazo|pierna|mano|lado)\b/,
      /\b(?:brazo|pierna|lado|mano) (?:izquierd[oa] |derech[oa] )?(?:esta |se siente |se (?:le|me) )?(?:debil|dormid[oa]|entumid[oa]|adormecid[oa]|paralizad[oa])\b/,
      /\bdebilidad (?:en|de) (?:un|el|medio) (?:lado|cuerpo)\b/,
      /\bse (?:le|me) (?:durmio|adormecio|entumio) (?:el brazo|la pierna|la mitad|un lado|medio cuerpo)\b/,
      // Lay wording of a one-sided weak hand / arm ("my right hand won't hold the cup", "arm went dead").
      ...checked(notLongstanding, [
        /\b(?:left|right) (?:hand|arm|fingers) (?:just |suddenly |now |all of a sudden |completely |totally )?(?:wont|will not|cant|cannot|can not|couldnt|could not|doesnt|does not|didnt|did not|isnt able to|is not able to|wasnt able to|wouldnt|would not|no longer) (?:hold|grip|grab|grasp|squeeze|pick up|close|open|make a fist|work|cooperate|respond|do what (?:i|he|she) want)\b/,
        /\b(?:cant|cannot|can not|couldnt|could not|unable to|not able to|having trouble|trouble|struggling to|hard to) (?:hold|holding|grip|gripping|grab|grabbing|grasp|grasping|squeeze|squeezing|pick up|picking up|hold on to|hold onto) (?:[a-z]{1,20} ){0,3}?(?:with|in) (?:my|his|her|the|their) (?:left|right) (?:hand|arm)\b/,
        /\b(?:(?:my|his|her|their|the) )?(?:(?:left|right) )?(?:arm|hand|leg) (?:just |suddenly |all of a sudden )?(?:went|has gone|had gone|is going|turned|goes|just went) (?:all |completely |totally |kind of |kinda )?(?:dead|heavy|limp|numb|weak|floppy|useless)\b|\b(?:arm|hand|leg) (?:feels?|felt|is|was) like (?:a )?(?:dead weight|lead|a log|jelly|it belongs to someone else|its not (?:mine|(?:my|his|her) own)|it isnt (?:mine|(?:my|his|her) own))\b/,
        /\b(?:mano|brazo|pierna) (?:derech[oa]|izquierd[oa]) no (?:le |me )?(?:responde|agarra|sirve|funciona|tiene fuerza|aprieta)\b|\bno (?:le |me )?responde (?:el brazo|la mano|la pierna)\b|\bno (?:puede|puedo|podia) (?:agarrar|sostener|apretar) (?:nada |las cosas |el vaso |la taza |la cuchara |el tenedor )?con (?:la|mi|su) mano (?:derecha|izquierda)\b/,
      ]),
    ],
  },
  ...[
    near([ONSET], 200),
    near([SIDE], 80, { sameSentence: true }),
  ].map(
    (requires): RuleDef => ({
      id: 'stroke-weakness',
      label: 'Hand weakness or dropping things, one-sided or sudden (stroke sign)',
      level: 'emergency',
      resolvedLevel: 'emergency',
      // Ambiguous alone (arthritis, clumsiness): needs a side or a sudden onset nearby.
      patterns: checked(notLongstanding, DROPPING_THINGS),
      requires,
    }),
  ),
  {
    id: 'stroke-speech',
    label: 'Slurred or lost speech (stroke sign)',
    level: 'emergency',
    resolvedLevel: 'emergency',
    patterns: [
      /\bslurr?(?:ed|ing|s)? (?:[a-z]{1,20} )?(?:speech|words|talking|speaking)\b/,
      /\b(?:speech|words|talking|speaking|voice) (?:is |are |was |were |has been |have been |sounds? |seems? |got |getting )?(?:very |really |a bit |a little |kind of |kinda |all |suddenly )?(?:slurr?ed|slurring|garbled|jumbled|mumbled|mixed up|scrambled|nonsense|gibberish)\b/,
      /\bslurr(?:ed|ing)\b|\bwords (?:are |keep )?coming out (?:wrong|jumbled|garbled|funny|weird|all wrong)\b/,
      {
        re: /\b(?:cant|cannot|can not|unable to|couldnt|trouble|difficulty|having trouble|struggling to) (?:talk|talking|speak|speaking|get (?:his |her |my |the )?words out|find (?:his |her |my |the )?words|form words|say words)\b(?! (?:on|over|to|with|by|during|at|right|till|until|now|about|much|long|for|in|today|tomorrow|because|since|after|before|when|while|english|spanish|that|this|it|anymore|freely|openly|privately|loud|loudly))/,
        check: laySpeech,
      },
      /\baphasia\b/,
      /\bno (?:puede|puedo|podia) hablar\b(?! (?:por|con|ahora|en|de|bien el))/,
      /\bhabla (?:arrastrada|rara|enredada|trabada)\b|\barrastra(?:ndo)? (?:las palabras|la lengua)\b|\bno se le entiende\b|\blengua trabada\b/,
      // Lay wording of aphasia / dysarthria: words "came out wrong", "saying the wrong words", "sounds drunk".
      ...checked(laySpeech, [
        /\b(?:words?|speech|sentences?|what (?:i|he|she|they) (?:say|says|said|tries to say|tried to say|try to say|was trying to say)|everything (?:i|he|she|they) (?:say|says|said)) (?:(?:are|is|were|was|keep|keeps|kept|just|all|started|start|starting|have been|has been|been) ){0,2}(?:com(?:e|es|ing)|came) out (?:all |kind of |kinda |really |so |a bit |a little |totally |completely )?(?:wrong|jumbled|garbled|scrambled|funny|weird|strange|mixed up|backwards|nonsense|gibberish|slurred|muddled|twisted|mushy|mush|in the wrong order|like (?:nonsense|gibberish|mush|word salad))\b(?! (?:(?:at|during|in|on|with) (?:the|our|my|your|that) (?:last |previous )?(?:visit|appointment|appt|meeting|call|phone call|conversation|message|email|text)))/,
        /\b(?:saying|says|said|using|uses|used|keeps? (?:saying|using)|kept (?:saying|using)|mixing up|mixes up|mixed up) (?:the |all the )?wrong words?\b|\bwrong words? (?:keep |keeps |kept )?(?:com(?:e|es|ing)|came) out\b|\b(?:mixing|mixes|mixed|jumbling|jumbles|jumbled|scrambling|scrambles|scrambled) up (?:my|his|her|their) words\b|\b(?:saying|says|said) words that (?:dont|do not|didnt|did not) (?:make sense|exist)\b/,
        /\b(?:cant|cannot|can not|couldnt|could not|unable to|struggling to|struggled to|trouble|having trouble|hard time) (?:getting|get) (?:(?:the|his|her|my|their|any) )?(?:right )?words out\b/,
        /\b(?:sudden(?:ly)?|all of a sudden|out of nowhere) (?:[a-z]{1,20} ){0,3}?(?:cant|couldnt|cannot|could not|trouble|hard to|difficulty|struggling to|struggled to|unable to) (?:find|finding|get|getting|say|saying|form|forming) (?:the |my |his |her |any )?(?:right )?words\b/,
        /\b(?:talking|talks|talked|speaking|speaks|spoke|babbling|babbles|rambling) (?:in |pure |total |complete |just )?(?:gibberish|word salad)\b/,
        /\b(?:makes?|making|made) (?:no|zero|little) sense when (?:he|she|they|i|mom|mum|dad|grandma|grandpa|(?:my|his|her) [a-z]{1,20}) (?:talks?|talked|talking|speaks?|spoke|speaking|tries to (?:talk|speak)|tried to (?:talk|speak))\b|\b(?:doesnt|does not|didnt|did not|dont|isnt|wasnt|not) mak(?:e|es|ing) (?:any )?sense when (?:he|she|they|i) (?:talks?|talked|talking|speaks?|spoke|speaking)\b|\bwhat (?:he|she|they) (?:says|said|is saying|was saying) (?:doesnt|does not|didnt|did not|dont|makes no|made no) (?:make )?(?:any )?sense\b/,
        /\bno (?:le|me) salen las palabras\b|\b(?:dice|decia) (?:cosas|palabras) (?:sin sentido|raras|que no tienen sentido|equivocadas|revueltas)\b|\bse (?:le|me) traba(?:n)? (?:la lengua|las palabras)\b|\bconfunde las palabras\b|\bpalabras (?:le |me )?salen (?:mal|revueltas|al reves|raras)\b/,
      ]),
      ...checked(drunkSpeech, [
        /\b(?:speech|voice|talking|talks|talked|speaking|speaks|sounds?|sounded|sounding|words) (?:is |was |are |were |sounds? |sounded |seems? )?(?:like (?:(?:hes|shes|he is|she is|he was|she was|im|i am|i was|theyre|they are|someone is) )?)?(?:drunk|intoxicated|wasted|tipsy)\b|\bhabla (?:como )?(?:borrach[oa]|tomad[oa])\b/,
      ]),
    ],
  },
  {
    id: 'stroke-vision',
    label: 'Sudden vision loss (stroke/eye emergency)',
    level: 'emergency',
    resolvedLevel: 'emergency',
    patterns: [
      /\b(?:sudden(?:ly)?|all of a sudden|out of nowhere) (?:[a-z]{1,20} ){0,3}?(?:lost (?:my |his |her |the )?(?:vision|sight|eyesight)|loss of (?:vision|sight)|vision loss|blind(?:ness)?|cant see|could not see|couldnt see|double vision|seeing double|blurr?y vision|blurred vision|went black|(?:vision|sight) (?:went|is|got|turned) (?:black|dark|blurry|blurred|dim))\b/,
      /\b(?:lost|losing|loss of|lose) (?:my |his |her |the |all |some )?(?:vision|sight|eyesight)(?: (?:in|of|from) (?:my |his |her |one |the |both )?(?:left |right |one )?eyes?)?\b(?! (?:slowly|gradually|over))/,
      /\b(?:went|gone|going|is|am|im) (?:suddenly )?blind\b/,
      /\bcant see (?:out of|from|with|anything (?:out of|from|with)) (?:my |his |her |one |the )?(?:left |right |one )?eye\b/,
      /\b(?:curtain|shade|shadow|veil) (?:over|across|coming down|came down|in|covering|blocking) (?:part of )?(?:my |his |her |the )?(?:vision|eye|sight)\b/,
      /\bamaurosis\b/,
      /\b(?:perdi|perdio|perdida de|perdiendo) (?:la )?(?:vista|vision)\b/,
      /\bno (?:puedo|puede) ver (?:nada|de (?:un|mi|su|el) ojo|por (?:un|el|mi|su) ojo)\b/,
      /\bse (?:quedo|esta quedando) ciego\b|\bceguera (?:repentina|subita)\b|\bde repente (?:vision doble|no (?:puedo|puede) ver)\b/,
    ],
  },
  {
    id: 'stroke-balance',
    label: 'Sudden loss of balance (stroke sign)',
    level: 'emergency',
    resolvedLevel: 'emergency',
    patterns: [
      /\bsudden(?:ly)? (?:[a-z]{1,20} ){0,2}?(?:loss of (?:balance|coordination)|lost (?:my |his |her )?(?:balance|coordination)|cant (?:walk|stand)|unable to (?:walk|stand)|couldnt (?:walk|stand)|(?:very |really |so )?(?:dizzy|dizy|dizzie|unsteady|off balance|uncoordinated)|vertigo|room spinning|falling over|clumsy|falling to one side)\b/,
      /\b(?:cant|cannot|unable to|could not|couldnt) (?:walk|stand) (?:straight|up straight|without falling|without help|without holding on|on (?:his|her|my) own)\b/,
      /\b(?:staggering|stumbling around|walking like (?:hes|shes|im|he is|she is|i am) drunk|veering to (?:one|the left|the right) side|leaning to one side|falling to (?:one|the left|the right) side)\b/,
      /\bde repente (?:[a-z]{1,20} ){0,2}?(?:no (?:puede|puedo) caminar|perdio el equilibrio|perdi el equilibrio|se cae)\b/,
      /\bno (?:puede|puedo) (?:caminar|pararse) (?:derech[oa]|sol[oa]|sin caerse)\b/,
    ],
  },
  {
    id: 'worst-headache',
    label: 'Sudden worst-ever headache',
    level: 'emergency',
    patterns: [
      rx(R`\bworst (?:[a-z]{1,20} )?${HEADACHE} (?:(?:of|in) (?:my|his|her|their|your) (?:entire |whole )?(?:life|lives)|ever|(?:i|ive|i have|he has|hes|she has|shes|they have|theyve) ever (?:had|felt|experienced)|of all time|imaginable|possible)\b`),
      rx(R`\bworst (?:ever|possible) ${HEADACHE}\b`),
      /\bthunderclap\b/,
      rx(R`\bsudden(?:ly)? (?:[a-z]{1,20} ){0,2}?(?:severe|terrible|horrible|explosive|excruciating|intense|blinding|splitting|awful|massive) ${HEADACHE}\b`),
      rx(R`\b${HEADACHE} (?:that )?(?:came on|hit|started|began|come on) (?:suddenly|all of a sudden|out of nowhere|instantly|in seconds|like a)\b`),
      /\bel peor dolor de cabeza\b|\bdolor de cabeza (?:muy )?(?:fuerte )?(?:subito|repentino|de repente)\b|\bde repente (?:un )?dolor de cabeza (?:muy )?(?:fuerte|intenso|terrible)\b/,
    ],
  },
  {
    id: 'stroke-possible',
    label: 'Possible stroke',
    level: 'emergency',
    resolvedLevel: 'emergency',
    patterns: [
      /(?<!had (?:a |an )?(?:mild |minor |small |major |big |massive |little )?)\b(?:stroke|strokes|stroak|strok)\b(?! (?:risk|prevention|clinic|rehab|rehabilitation|follow|followup|survivor|survivors|center|unit|team|doctor|specialist|education|awareness|support|recovery|program|nurse|scale|study|trial))/,
      /\b(?:just|recently) had (?:a |an )?(?:[a-z]{1,20} )?stroke\b|\bhad (?:a |an )?(?:[a-z]{1,20} )?stroke (?:today|tonight|this (?:morning|afternoon|evening)|last night|yesterday)\b/,
      /\b(?:think|thinks|might|may|could|worried|afraid|scared) (?:[a-z]{1,20} ){0,3}?had (?:a |an )?(?:mini )?stroke\b/,
      /\b(?:mini stroke|(?:a|having|another|having a|possible) tia)\b/,
      /\b(?:derrame cerebral|derrame|embolia|ictus|accidente cerebrovascular)\b/,
    ],
  },
  {
    id: 'anaphylaxis',
    label: 'Throat, tongue or lip swelling (possible anaphylaxis)',
    level: 'emergency',
    patterns: [
      rx(R`\b(?:throat|tongue|lips?|mouth|airway)(?: and (?:lips?|tongue|throat|face|mouth|eyes))? ${BE}${ADV}(?:swell[a-z]{0,4}|swollen|closing|tight|tightening|puffy|puffed up)\b`),
      /\bswell[a-z]{0,4} (?:of|in|on|around) (?:my |his |her |their |the )?(?:throat|tongue|lips?|mouth)\b/,
      /\b(?:swollen|puffy) (?:throat|tongue|lips?)\b/,
      /\banaphyla[a-z]{0,8}\b|\bsevere allergic reaction\b/,
      /\b(?:used|gave|give|giving|needed|administered|had to use|injected) (?:my |his |her |him |them |the |an |a )?(?:epi ?pens?|epinephrine|auvi ?q)\b/,
      /\bthroat (?:feels )?like (?:its|it is) closing\b/,
      /\bse (?:me|le|te) (?:esta )?(?:cerrando|cierra) la garganta\b/,
      /\bse (?:me|le|te) (?:esta )?(?:hincha|hinchando|hincho|inflama|inflamando) (?:la )?(?:garganta|lengua|boca|labios?)\b/,
      /\b(?:lengua|labios?|garganta) (?:esta |estan |se (?:me|le) )?hinchad[oa]s?\b|\bhinchazon (?:de|en) (?:la |los )?(?:lengua|labios|garganta)\b/,
    ],
  },
  {
    id: 'suicidal-plan',
    label: 'Suicidal thoughts with intent or plan',
    level: 'emergency',
    patterns: [
      /\b(?:kill|killing|kil|hang|hanging|shoot|shooting|drown|drowning|off) (?:my ?self|myself|meself|themself|themselves|himself|herself)\b/,
      /\b(?:end|ending|take|taking|ended) (?:my|his|her|their) (?:own )?li(?:fe|ves)\b/,
      /\b(?:want|wanna|going|gonna|plan|planning|ready|thinking about|think about|thought about|decided|about|trying) (?:to )?end (?:it all|it|everything|things)\b|\bend it all\b/,
      /\b(?:plan|plans|planning|thinking|thoughts|thought|urge|urges) (?:to|of|about) (?:kill|killing|hurt|hurting|harm|harming|end|ending) (?:my ?self|myself|my life|it all|it)\b/,
      /\bkms\b|\bunalive\b/,
      /\b(?:jump|jumping) (?:off|from|in front of) (?:a |the )?(?:bridge|building|roof|train|cliff|balcony|overpass)\b|\bstep in front of (?:a |the )?(?:train|bus|car|truck)\b|\b(?:use|using) (?:it|a gun|the gun|a knife|the knife) on (?:my ?self|myself)\b/,
      /\b(?:quiero|quiere|queria) (?:morir|morirme|morirse|matarme|matarse|suicidarme|suicidarse)\b/,
      /\b(?:quitarme|quitarse|quitar) la vida\b|\b(?:matarme|suicidarme|suicidarse|matarse)\b|\bacabar con (?:todo|mi vida|su vida)\b/,
      /\b(?:terminar|acabar) con (?:todo|mi vida|su vida|todo esto)\b/,
      /\b(?:wrote|written|writing|write|left|leaving) (?:a |my |some |the )?(?:goodbye|farewell|suicide) (?:letters?|notes?)\b|\bcarta de despedida\b/,
      // Collecting the means: "saving up / stockpiling my pills", "he guardado pastillas".
      ...STOCKPILE,
    ],
  },
  {
    id: 'suicidal-plan',
    label: 'Indirect suicidal intent (goodbyes, a set time, a plan) with hopelessness or means',
    level: 'emergency',
    // Each cue is harmless alone ("tonight is the night of the game"); hopelessness or a means must be near.
    patterns: INTENT_CUES,
    requires: near([...DISTRESS, ...MEANS], 400),
  },
  {
    id: 'suicidal-plan',
    label: 'Hopelessness with access to a means (pills, gun, rope, bridge)',
    level: 'emergency',
    patterns: DISTRESS,
    requires: near(MEANS, 300),
  },
  {
    id: 'suicidal-ideation',
    label: 'Suicidal thoughts',
    level: 'emergency',
    patterns: [
      /\bsu[ia]?[cs]+i?d(?:e|es|al|ally|ality|ing|ed)\b/,
      /\b(?:want|wanna|wish|wished|wanting) (?:to |i (?:was|were) |i could )?(?:die|dead|be dead|not wake up|not be alive|not exist|not be here|disappear forever|never wake up|go to sleep forever)\b/,
      /\b(?:dont|do not|no longer|dont really) want to (?:live|be alive|wake up|be here|exist|go on|keep living|keep going)\b/,
      /\bbetter off (?:dead|without me|gone)\b|\bno (?:reason|point) (?:to|in) (?:live|living|go on|going on|being alive)\b/,
      /\b(?:no quiero|ya no quiero) (?:vivir|estar aqui|seguir viviendo|despertar)\b|\bmejor (?:estaria )?muert[oa]\b/,
    ],
    lower: {
      patterns: [
        /\b(?:no|dont have a|dont have any|without (?:a |any )?|not have a|no tengo (?:un )?)(?:plan|plans|intent|intention|intencion)s?\b|\bwould never (?:act|do it|hurt myself|go through)|\bnot going to (?:act|do anything|hurt myself)|\b(?:i am|im|i feel|feel) safe\b|\bpassive\b/,
      ],
      window: 300,
      raw: true,
      level: 'urgent',
      label: 'Suicidal thoughts, no plan reported (same-day check)',
    },
  },
  {
    id: 'self-harm',
    label: 'Self-harm',
    level: 'emergency',
    patterns: [
      /\b(?:hurt|hurting|harm|harming|cut|cutting|burn|burning|injure|injuring) (?:my ?self|myself|himself|herself|themselves)\b(?! (?:while|shaving|cooking|on |in the kitchen|accidentally|by accident|at work|with the|slicing|chopping|ironing))/,
      /\bself (?:harm|harming|injur[a-z]{0,4}|mutilat[a-z]{0,5})\b|\bcutting (?:myself )?again\b|\bhacerme dano\b|\bcortarme\b/,
    ],
  },
  {
    id: 'homicidal',
    label: 'Thoughts of harming others',
    level: 'emergency',
    patterns: [
      /\bhomicid[a-z]{0,4}\b/,
      /\b(?:want|wanna|going|gonna|plan|planning|thinking about|thoughts of|thought about|urge to|urges to) (?:to )?(?:kill|killing|murder|murdering|shoot|shooting|stab|stabbing|hurt|hurting|harm|harming) (?:him|her|them|my [a-z]{1,20}|someone|somebody|people|everyone|others|someone else|the baby)\b/,
      /\b(?:quiero|quiere) matar a\b|\bhacerle dano (?:a|al) (?:mi|alguien|bebe)\b/,
    ],
  },
  {
    id: 'overdose',
    label: 'Overdose or poisoning',
    level: 'emergency',
    patterns: [
      /\bover ?dos(?:e|ed|es|ing)\b|\b(?:oded|od on)\b/,
      /\b(?:took|take|taken|swallowed|ate|has taken|have taken|got into|gotten into|chewed|drank) (?:all|the whole bottle|a whole bottle|a bottle|a handful|handfuls|too many|a bunch|way too many|the rest|a lot) (?:of )?(?:my |his |her |the |their |grandmas |grandpas |moms |dads |some )?(?:[a-z]{1,20} )?(?:pills|tablets|tabs|meds|medication|medications|medicine|medicines|capsules|gummies|vitamins|tylenol|advil|benadryl|xanax)\b(?! (?:this morning|today|tonight|yesterday|as (?:prescribed|directed|usual)|like (?:usual|normal|i should|i was told)|on time|every day|daily|for the (?:day|week)|together|with food))/,
      /\b(?:took|take|taken|swallowed|ate) (?:\d{2,3}|twenty|thirty|forty|fifty) (?:[a-z]{1,20} )?(?:pills|tablets|tabs|capsules|gummies|tylenol|advil|ibuprofen|aspirin|benadryl|xanax|ambien|oxycodone)\b/,
      /\bgot into (?:the |my |his |her |grandmas |grandpas |a |some )?(?:pills|meds|medicine|medicines|medication|medicine cabinet|pill bottle|cleaning (?:supplies|products)|bleach|detergent|laundry pods?|tide pods?|edibles|gummies)\b/,
      /\b(?:drank|swallowed|ate|ingested|drinking|swallowing|eaten|eating) (?:some |a |the |an )?(?:bleach|antifreeze|drain cleaner|cleaning (?:fluid|product|solution)|detergent|laundry pods?|tide pods?|rat poison|poison|lighter fluid|gasoline|kerosene|button batter(?:y|ies)|batter(?:y|ies)|magnets?|lamp oil|windshield washer fluid|edibles?)\b/,
      /(?<!(?:food|lead) )\bpoison(?:ed|ing)?\b(?! (?:ivy|oak|sumac))/,
      /\b(?:gave|used|give|needed|administered) (?:him |her |them |me )?narcan\b/,
      /\bsobredosis\b|\benvenen[a-z]{0,6}\b/,
      /\b(?:se|me) (?:tomo|tome|trago|trague|comio|comi) (?:todas|todo|un frasco|muchas|un monton de) (?:las |sus |mis )?(?:pastillas|pildoras|medicinas|medicamentos)\b|\btome (?:todas|muchas) (?:las |mis )?pastillas\b/,
    ],
  },
  {
    id: 'bleeding-uncontrolled',
    label: 'Bleeding that will not stop',
    level: 'emergency',
    patterns: [
      rx(R`\b${BLEED} (?:that |which |and it )?(?:wont|will not|doesnt|does not|isnt going to|is not going to|hasnt|has not|cant|cannot|wouldnt|would not|didnt|did not|not|never) (?:stop|stopped|stopping|slow|slowed|slowing)\b`),
      /\b(?:cant|cannot|can not|unable to|couldnt|could not) (?:stop|get) (?:the |his |her |my |it )?(?:bleeding|blood)\b/,
      /\b(?:wont|will not|doesnt|does not|hasnt|has not) stop(?:ped)? bleeding\b|\bkeeps (?:on )?bleeding\b/,
      /\bstill bleeding after (?:\d+|an?|one|two|three|several) (?:hours?|minutes?|mins?|hrs?)\b/,
      rx(R`\b${BLEED} (?:heavily|profusely|everywhere|nonstop|non stop|like crazy|through (?:the |my |his |her )?(?:bandage|bandages|gauze|dressing|towel|towels|pad|clothes))\b`),
      /\b(?:gushing|pouring|spurting) (?:out )?blood\b|\bblood (?:is |was )?(?:gushing|pouring|spurting|everywhere)\b/,
      /\bnose ?bleeds? (?:that |for )?(?:wont|will not|hasnt|has not|doesnt|does not) stop\b/,
      /\bsoak(?:ing|ed|s)? (?:through )?(?:a |one |\d+ |two |three |multiple |several )?(?:pads?|tampons?|towels?|gauze|bandages?)(?: or more)? (?:every|an|each|per|in (?:an?|one)) (?:hour|hr|30 minutes|half hour)\b/,
      /\bsangrado (?:que )?(?:no (?:para|se detiene|se quita|deja de)|abundante|muy fuerte|mucho|sin parar)\b|\bno (?:para|deja) de sangrar\b|\bsangra (?:mucho|sin parar|demasiado)\b|\bsangrando (?:mucho|much[ií]simo|sin parar|demasiado)\b|\bsangrando (?:y )?no (?:para|se detiene)\b/,
      /\bhemorragia\b|\bhemorrhag[a-z]{0,4}\b/,
    ],
  },
  {
    id: 'vomiting-blood',
    label: 'Vomiting blood',
    level: 'emergency',
    patterns: [
      /\b(?:vomit[a-z]{0,4}|vommit[a-z]{0,4}|throw(?:ing|s)? up|threw up|puk[a-z]{0,4}|spit(?:ting)? up|spew[a-z]{0,4}) (?:up )?(?:some |a lot of |lots of |bright red |dark |red |clots of |what looks like )?blood\b/,
      /\bblood(?:y)? (?:in (?:my |his |her |the |their )?)?(?:vomit|emesis|throw up|puke)\b|\bhematemesis\b/,
      /\bvomit(?:ando|o|a|e|ar)? (?:con |de )?sangre\b/,
    ],
  },
  {
    id: 'coffee-ground-vomit',
    label: 'Coffee-ground vomit (bleeding)',
    level: 'emergency',
    patterns: [/\bcoffee ?grounds?\b/, /\b(?:borra|asiento|posos) de cafe\b/],
    requires: near(
      [/\b(?:vomit[a-z]{0,4}|vommit[a-z]{0,4}|throw(?:ing|s)? up|threw up|puk[a-z]{0,4}|emesis|vomito|vomitando)\b/],
      150,
    ),
  },
  {
    id: 'fainting',
    label: 'Fainting / passed out',
    level: 'emergency',
    patterns: [
      /(?<!(?:going to|gonna|about to|might|almost|nearly|could|would|close to|will) )\b(?:pass(?:ed|es|ing)? out|black(?:ed|ing)? out|faint(?:ed|ing)|feinted)\b(?! (?:spells?|episodes?|feeling|sensation))/,
      /\b(?:lost|losing|loss of|lose) consciousness\b|\bsyncop[a-z]{0,3}\b|(?<!veins? )\bcollaps(?:ed|ing|es)\b(?! veins?)/,
      /\b(?:se desmayo|me desmaye|desmay(?:o|ada|ado|arse)|perdio el conocimiento|perdi el conocimiento)\b/,
    ],
  },
  {
    id: 'unresponsive',
    label: 'Unresponsive or very hard to wake',
    level: 'emergency',
    patterns: [
      /\b(?:unconscious|unconcious|unconsious|unresponsive|wont wake up|will not wake up|cant wake (?:him|her|them|me) up|cannot wake (?:him|her|them)|hard to wake(?: up)?|difficult to wake|limp and (?:pale|unresponsive|floppy))\b/,
      /\bnot (?:responding|responsive)\b(?! to)/,
      /\b(?:no responde|no despierta|inconsciente)\b/,
      /\b(?:doesnt|does not|didnt|did not|isnt|is not|not|wont|will not|cant|cannot|can not) (?:fully |really |properly )?(?:wake|waking|wakes|waken|stay awake|staying awake)(?: up)? (?:properly|all the way|fully|completely|right)\b|\b(?:hard|difficult|impossible|very hard) to (?:rouse|arouse|keep awake)\b|\b(?:cant|cannot|can not|couldnt|could not|can barely|could barely) (?:rouse|arouse|keep (?:him|her|them) awake|wake (?:him|her|them)(?: up)?)\b/,
      /\bno (?:se )?despierta bien\b|\bno (?:lo|la) (?:puedo|podemos) despertar\b/,
    ],
  },
  {
    id: 'rigors',
    label: 'Shaking chills (rigors)',
    level: 'urgent',
    patterns: [RIGORS],
    escalate: [
      escalateTo('Shaking chills with fever (possible sepsis)', FEVER, 400),
      escalateTo('Shaking chills in an older adult (possible sepsis)', [ELDER], 400),
    ],
  },
  {
    id: 'confusion',
    label: 'New confusion',
    level: 'emergency',
    patterns: [
      ...checked(notBaseline, [
        /\b(?:new|sudden|suddenly|very|really|so|acting|seems|seemed|is|was|became|become|becoming|getting|got|more|increasingly|extremely|totally|completely|been|looks|sounds|hes|shes) confus(?:ed|ion)\b(?! (?:about|by|as to|with|why|what|how|regarding|on|if|whether|because|over|at|from|around|when|reading|trying|and (?:frustrated|upset|annoyed)))/,
        /\b(?:confused|confusion) and (?:[a-z]{1,20} )?(?:fever|dizzy|lethargic|sleepy|drowsy|not making sense|slurring|disoriented|agitated)\b/,
        /\bdisorient(?:ed|ation)\b|\bdelir(?:ious|ium)\b|\baltered mental status\b/,
        /\b(?:doesnt|does not|didnt|did not|cant|cannot|couldnt) (?:know|recognize|recognise|remember) (?:where (?:he|she|they|i|we) (?:is|am|are|was|were)|who (?:i am|we are|he is|she is)|me|us|his family|her family|his wife|her husband|her kids|his kids|what year it is|what day it is|his name|her name)\b/,
        /\b(?:talking|speaking) (?:nonsense|gibberish)\b/,
        /\b(?:he|she|they|hes|shes|mom|dad|talking|speaking|speech|words) (?:is |was |are |were |keeps |has been )?(?:not making (?:any )?sense|making no sense)\b/,
        /\b(?:esta|muy|anda|se ve|estaba) confundid[oa]\b|\bdesorientad[oa]\b|\bno sabe (?:donde esta|quien soy|quien es|que dia)\b|\bno (?:me |nos )?reconoce\b/,
      ]),
      // Lay wording of new confusion in a relative.
      ...checked(newConfusion, [
        /\bconfus(?:ed|ion) (?:since|for (?:the (?:last|past) )?(?:\d+|a|an|one|two|three|few|couple of|several) (?:hours?|hrs?|days?)|started|starting|began|today|this morning|tonight|last night|all day|on and off|off and on)\b/,
        /\b(?:drowsy|sleepy|lethargic|weak|dizzy|feverish|agitated|hot|sweaty|pale|clammy|mumbling|shaky|shaking) and (?:very |really |so |more |seems |is )?confused\b/,
        /\b(?:he|she|they|him|her|mom|mum|dad|mother|father|grandma|grandpa|granny|grandmother|grandfather|husband|wife|patient|pt)s? (?:(?:is|was|has|been|just|really|keeps|kept|seems|seemed) ){0,2}(?:(?:making|makes|made) (?:no|zero|little) sense|(?:not|isnt|wasnt|doesnt|does not|didnt|did not|barely|hardly|stopped) (?:(?:really|even|been) )?mak(?:e|es|ing) (?:any |much )?sense)\b(?! of)/,
        /\b(?:doesnt|does not|didnt|did not|cant|cannot|couldnt|could not|no longer) (?:know|recognize|recognise|remember) (?:where (?:she|he|they) (?:is|are|was|were|lives?)|what (?:day|year|month|time) it is|(?:his|her|their) (?:own )?(?:name|kids|children|grandkids|grandchildren|family|wife|husband|daughter|son|home|house|address|birthday|age)|(?:who|where) (?:she|he|they) (?:is|are))\b/,
        /\b(?:esta|anda|se ve|lo veo|la veo|lo noto|la noto) (?:como |muy |bien )?(?:id[oa]|ausente|desconectad[oa])\b|\bno esta en (?:si|sus cabales)\b|\b(?:dice|habla) (?:puras )?(?:cosas )?(?:sin sentido|incoherencias|incoherente)\b|\bconfundid[oa] desde\b/,
      ]),
      ...checked(othersOutOfIt, [
        /\b(?:he|she|they|him|her|mom|mum|dad|mother|father|grandma|grandpa|granny|grandmother|grandfather|husband|wife|partner|brother|sister|aunt|uncle|patient|pt|son|daughter)s? (?:(?:is|was|has|been|seems|seemed|looks|looked|acting|is acting|was acting|got|became|just|really|very|so|totally|completely|kind of|kinda|pretty|a bit|a little|all|super) ){0,3}out of it\b/,
      ]),
      ...checked(notSelfOutOfIt, [
        /\b(?:seems?|seemed|looks?|looked|acting|acts|been|is being) (?:(?:really|very|so|totally|completely|kind of|kinda|pretty|a bit|a little|all) )?out of it\b/,
      ]),
    ],
    escalate: [escalateTo('Fever with confusion (possible sepsis)', FEVER, 400)],
  },
  {
    id: 'sepsis',
    label: 'Possible sepsis',
    level: 'emergency',
    patterns: [/\bsepsis\b|\bseptic\b(?! (?:tank|system|arthritis))/],
  },
  {
    id: 'sepsis-signs',
    label: 'Fever with fast heart rate, clammy or mottled skin (possible sepsis)',
    level: 'emergency',
    patterns: [
      /\b(?:clammy|mottled|blotchy (?:skin|legs)|racing (?:heart|pulse)|shaking chills|rigors|shivering uncontrollably|uncontrollable shivering)\b/,
      RIGORS,
      /\b(?:heart|pulse) (?:is |has been |keeps )?(?:racing|pounding|very fast|really fast|so fast|beating (?:really |very |so )?fast)\b/,
      /\b(?:very |really |super )?(?:fast|rapid) (?:heart ?rate|heartbeat|heart beat|pulse)\b/,
      /\b(?:corazon (?:muy )?acelerado|pulso (?:muy )?rapido|sudor frio)\b/,
    ],
    requires: near(FEVER, 400),
  },
  {
    id: 'infant-fever',
    label: 'Fever in an infant under 3 months',
    level: 'emergency',
    patterns: [
      ...FEVER,
      // Lay "hot" words (only ever near an infant under 3 months).
      /\b(?:feels?|felt|feeling|is|was|seems?) (?:very |really |so |super |a bit |a little |kind of |kinda )?(?:hot|warm) to (?:the )?touch\b|\b(?:he|she|hes|shes|baby|babys|son|daughter|newborn|infant|him|her|old|olds)(?: (?:is|was|just|still|also|really))? (?:feels?|felt|feeling|seems?|is|was) (?:very |really |so |super |a bit |a little |kind of |kinda )?(?:hot|warm)\b(?! (?:in here|outside|today|weather|room|house|bath|water|shower))/,
      /\b(?:his|her|the babys|babys|their) (?:forehead|head|skin|body|chest|back|tummy|belly) (?:is |feels |felt |was )?(?:very |really |so |super )?(?:hot|warm)\b/,
      /(?<!(?:agua|leche|biberon|mamila|cuarto|casa|comida|formula|bano|sopa|tina|ropa|cafe|te) )\b(?:esta|estaba|se siente|se sentia|lo siento|la siento|lo sentimos|la sentimos|lo noto|la noto|se nota|se ve|anda) (?:muy |bien |super |algo |un poco |demasiado )?calient(?:e|ito|ita)\b/,
      /\btiene (?:el cuerpo|la frente|la cabeza|la piel|la pancita|el pecho|la espalda) (?:muy |bien |algo )?calient(?:e|ito|ita)\b|\b(?:con|tiene) (?:calentura|temperatura)\b(?! (?:normal|de 3[0-7]))/,
      // Numbers: 38.0 C / 100.4 F or higher ("marca 38.4", "tiene 38,2", "100.5 F").
      {
        re: /\b(?:temp|temps|temperature|temprature|temperatura|thermometer|termometro|fever|fiebre|calentura|marca|marco|marcaba|marcando|rectal(?:ly)?|axilar|armpit|tiene|tenia|tuvo|llego a|subio a|spiked to|went up to)\b/,
        check: reading({ window: 30, stop: INFANT_READING_STOP, test: infantFeverTest }),
      },
      { re: /\b(\d{2,3}(?:[.,]\d{1,2})?) ?(?:°|º|degrees?|deg\b|grados) ?(f\b|c\b|fahrenheit|celsius|centigrad[a-z]{0,3})?/, check: infantTemperatureWithUnit },
      { re: /\b(\d{2,3}(?:[.,]\d{1,2})?) ?(f|c|fahrenheit|celsius)\b/, check: infantTemperatureWithUnit },
    ],
    requires: INFANT,
  },
  {
    id: 'infant-unwell',
    label: 'Very sleepy or limp young infant',
    level: 'emergency',
    patterns: [
      /\b(?:very sleepy|too sleepy|so sleepy|hard to wake|wont wake(?: up)?|limp|floppy|lethargic|not waking (?:up )?(?:to|for) feed[a-z]{0,3})\b/,
    ],
    requires: INFANT,
  },
  {
    id: 'infant-not-feeding',
    label: 'Young infant not feeding',
    level: 'urgent',
    patterns: [
      /\b(?:not|isnt|wont|will not|refus(?:es|ing)(?: to)?|stopped) (?:eating|feeding|nursing|taking (?:a |the |her |his )?(?:bottle|breast)|eat|feed|nurse)\b|\bno (?:quiere )?(?:come|comer|mamar)\b/,
    ],
    requires: INFANT,
  },
  {
    id: 'fever-stiff-neck',
    label: 'Fever with stiff neck or bulging soft spot (possible meningitis)',
    level: 'emergency',
    patterns: [
      /\bstiff neck\b|\bneck (?:is )?(?:very |really )?(?:stiff|rigid)\b|\bcant (?:bend|touch|move) (?:his |her |my )?(?:chin to|neck)\b|\bcuello (?:rigido|tieso)\b|\bbulging (?:soft spot|fontanelle?)\b|\bsoft spot (?:is )?bulging\b/,
    ],
    requires: near(FEVER, 400),
  },
  {
    id: 'pregnancy-bleeding-heavy',
    label: 'Heavy bleeding in pregnancy',
    level: 'emergency',
    patterns: [
      /\b(?:heavy|heavily|a lot of|lots of|so much|gushing|large amount of|bright red) (?:vaginal )?(?:bleeding|blood|clots?)\b|\bbleeding (?:heavily|a lot|so much|through)\b|\bpassing (?:large |big )?clots\b|\bsoak(?:ing|ed)? (?:through )?(?:a )?pads?\b/,
      /\bsangrado (?:abundante|fuerte|mucho)\b|\bmucha sangre\b|\bsangr(?:o|a|ando) mucho\b/,
    ],
    requires: near(PREGNANT, 1500),
  },
  {
    id: 'pregnancy-severe-pain',
    label: 'Severe pain in pregnancy',
    level: 'emergency',
    patterns: [
      /\b(?:severe|excruciating|unbearable|intense|extreme|terrible|horrible|sharp|stabbing) (?:[a-z]{1,20} ){0,2}?(?:pain|pains|cramps|cramping)\b/,
      /\b(?:pain|cramps|cramping)(?: is| are)? (?:so |really |very )?(?:severe|unbearable|excruciating|intense|constant)\b/,
      /\bdolor (?:muy )?(?:fuerte|intenso|severo|insoportable)\b/,
    ],
    requires: near(PREGNANT, 1500),
  },
  {
    id: 'preeclampsia-signs',
    label: 'Vision changes or severe headache in pregnancy / postpartum',
    level: 'emergency',
    patterns: [
      /\b(?:seeing spots|spots in (?:my )?vision|blurr?y vision|blurred vision|vision (?:changes|problems|is blurry)|flashing lights|severe headache|headache (?:that )?(?:wont|will not|doesnt) go away|pain (?:under|below) (?:my )?(?:right )?ribs)\b/,
      /\b(?:vision borrosa|veo (?:puntos|manchas|lucecitas)|dolor de cabeza (?:muy )?fuerte)\b/,
    ],
    requires: near(PREGNANT_OR_POSTPARTUM, 1500),
  },
  {
    id: 'fetal-movement',
    label: 'Decreased fetal movement',
    level: 'emergency',
    patterns: [
      /\b(?:baby|babe|bebe|fetus) (?:hasnt|has not|isnt|is not|havent|wont|doesnt|does not|didnt|did not|stopped|has stopped|not|barely|isnt really|is barely|hasnt really|has barely) (?:been )?(?:moving|moved|move|kicking|kicked|kick)\b/,
      /\b(?:havent|have not|hasnt|not|didnt|did not|dont|do not|cant|cannot|barely) (?:felt|feel|feeling|noticed|notice) (?:the |my |any |much )?(?:baby|babe|bebe|him|her) (?:move|moving|moved|kick|kicking|at all|today|much|since)\b/,
      /\b(?:havent|have not|not|didnt|dont|cant|barely) (?:felt|feel|feeling|noticed) (?:any |much |many )?(?:fetal )?(?:movement|movements|kicks|kicking)\b/,
      /\b(?:decreased|reduced|less|fewer|no|not as much|slower|little|minimal|hardly any|not much) (?:fetal |baby )?(?:movement|movements|kicks|kicking|kick counts?)\b/,
      /\b(?:el |mi )?bebe no se (?:mueve|ha movido|esta moviendo)\b|\bno (?:siento|he sentido) (?:al |a mi |que el )?bebe\b|\bmenos movimientos?\b|\bel bebe se mueve menos\b/,
    ],
  },
  {
    id: 'ectopic',
    label: 'Possible ectopic pregnancy',
    level: 'emergency',
    patterns: [/\bectopic\b|\bembarazo ectopico\b/],
  },
  {
    id: 'seizure-now',
    label: 'Seizure now / first seizure',
    level: 'emergency',
    patterns: [
      rx(R`\b(?:having|is having|hes having|shes having|just had|having another|keeps having) (?:a |an )?(?:[a-z]{1,20} )?${SEIZURE}\b`),
      /\b(?:seizing|convulsing|convulsando|convulsionando)\b/,
      rx(R`\b(?:first|1st|first ever|new onset|first time) (?:[a-z]{1,20} )?${SEIZURE}\b`),
      rx(R`\b${SEIZURE} (?:that )?(?:wont stop|will not stop|is not stopping|lasting|lasted (?:more than |over |for )?(?:\d|five|ten)|for (?:over |more than )?(?:\d|five|ten) (?:minutes|mins)|keep coming|back to back|one after (?:another|the other)|(?:right )?now|still going|in a row|ahora(?: mismo)?|en este momento)\b`),
      /\b(?:back to back|multiple|several|repeated|cluster of|\d+|two|three) seizures (?:today|in a row|back to back|in (?:an|one|\d+) (?:hour|hours|day))\b/,
      /\bstatus epilepticus\b|\bfebrile seizure\b|\bnever had one before\b/,
      /\b(?:primera|primer) (?:convulsion|ataque)\b|\besta (?:convulsionando|teniendo (?:una )?convulsion(?:es)?)\b/,
    ],
  },
  {
    id: 'pulmonary-embolism',
    label: 'Possible blood clot in the lung',
    level: 'emergency',
    patterns: [/\bpulmonary embol[a-z]{0,4}\b|\bblood clots? in (?:my |his |her |the )?lungs?\b/],
  },
  {
    id: 'testicular-torsion',
    label: 'Sudden severe testicle pain',
    level: 'emergency',
    patterns: [
      /\b(?:sudden|severe|excruciating) (?:[a-z]{1,20} )?(?:testic[a-z]{0,4}|testicle|scrotal|scrotum|ball|groin) pain\b|\btorsion\b|\b(?:testic[a-z]{0,4}|testicle|scrot[a-z]{0,3}) pain (?:came on |started )?(?:suddenly|all of a sudden|out of nowhere)\b/,
    ],
  },
  {
    id: 'eye-chemical',
    label: 'Chemical in the eye',
    level: 'emergency',
    patterns: [
      /\b(?:chemical|chemicals|bleach|acid|lye|drain cleaner|oven cleaner|cleaner) (?:splashed |sprayed |got )?(?:in|into) (?:my |his |her |the |their )?eyes?\b/,
    ],
  },
  {
    id: 'dka',
    label: 'Possible diabetic ketoacidosis',
    level: 'emergency',
    patterns: [/\b(?:dka|diabetic ketoacidosis|ketoacidosis|cetoacidosis)\b/],
  },
];

// ------------------------------------------------------------------------------- urgent
const READING_STOP =
  /\b(?:bp|blood pressure|pressure|heart|pulse|hr|temp|temperature|fever|weight|weigh|weighs|a1c|hba1c|average|avg|cholesterol|ldl|hdl|triglycerides|insulin|lantus|humalog|novolog|units?|carbs?|grams?|o2|oxygen|sats?|steps|age|potassium|sodium|creatinine|tablets?|tabs?|gel|juice|metformin|sugar|glucose|bpm)\b/;
const BP_FRACTION = /\b(\d{2,3})s? ?(?:\/|over|sobre) ?(\d{2,3})s?\b/;
const BP_SYMPTOMS = [
  /\b(?:chest pain|headache|blurr?y vision|vision|confus[a-z]{0,4}|numb[a-z]{0,5}|weakness|slurr[a-z]{0,4}|short of breath|shortness of breath|sob|nosebleed)\b/,
];
const EXERCISE =
  /\b(?:run|running|ran|jog[a-z]{0,4}|exercis[a-z]{0,4}|workout|working out|work out|gym|treadmill|spin|cycling|biking|hike|hiking|cardio|peloton|stress test|sprint[a-z]{0,3}|zumba|walk(?:ing)? (?:up|fast))\b/;
const notExercising = (c: ReturnType<typeof reading>): ReturnType<typeof reading> => (m, ctx) => {
  const around = ctx.text.slice(Math.max(0, m.index - 80), m.index + 80);
  return EXERCISE.test(around) ? false : c(m, ctx);
};

const URGENT_RULES: readonly RuleDef[] = [
  {
    id: 'short-of-breath',
    label: 'Shortness of breath',
    level: 'urgent',
    patterns: [
      rx(R`\b(?:short|shortness) (?:of|o) ${BREATH}\b`),
      /\bsob\b|\bbreathless[a-z]{0,4}\b|\bwinded\b|\bdyspn[a-z]{0,4}\b/,
      rx(R`\bout of ${BREATH}\b`),
      /\bfalta (?:de )?aire\b|\b(?:me|le) falta el aire\b/,
      /\b(?:breathing|breathes|breaths) (?:is |are |has been )?(?:very |really |so |super )?(?:fast|rapid|hard|shallow)\b|\bwheez(?:ing|y|es)\b/,
    ],
  },
  {
    id: 'fever-high',
    label: 'Fever over 101°F / 38.3°C',
    level: 'urgent',
    patterns: [
      {
        re: /\b(?:fever[a-z]{0,4}|feaver|fevr|temp|temps|temperature|temprature|febrile|fiebre|temperatura|calentura|thermometer|termometro|marca|marco|marcaba|spiked|spiking)\b/,
        check: reading({ window: 45, stop: /\b(?:bp|blood pressure|pulse|heart|o2|oxygen|sugar|glucose)\b/, test: feverTest }),
      },
      { re: /\b(\d{2,3}(?:[.,]\d{1,2})?) ?(?:°|º|degrees?|deg\b|grados) ?(f\b|c\b|fahrenheit|celsius|centigrad[a-z]{0,3})?/, check: temperatureWithUnit },
      { re: /\b(\d{2,3}(?:[.,]\d{1,2})?) ?(f|c|fahrenheit|celsius)\b/, check: temperatureWithUnit },
      { re: /\b(\d{2,3}(?:[.,]\d{1,2})?) (?:temp|temperature|fever)\b/, check: temperatureWithUnit },
      /\b(?:high|very high|really high|raging|spiking) (?:fever|temp|temperature)\b|\bfiebre (?:muy )?alta\b/,
    ],
  },
  {
    id: 'uti-fever',
    label: 'Urinary symptoms with fever or flank pain',
    level: 'urgent',
    patterns: [
      /\b(?:uti|utis|urinary tract infection|bladder infection|dysuria|cloudy urine|foul smelling urine)\b/,
      /\bburn[a-z]{0,4} (?:when|while|with|during|after) (?:i |he |she )?(?:pee[a-z]{0,3}|urinat[a-z]{0,5})\b|\b(?:painful|burning|frequent|urgent|difficult) urination\b/,
      /\b(?:pain|hurts|burns|stings) (?:when|to|while) (?:i |he |she )?(?:pee|urinate)\b|\bpeeing (?:blood|a lot|constantly)\b|\bblood in (?:my |his |her |the )?(?:urine|pee)\b/,
      /\b(?:ardor|dolor) al orinar\b|\binfeccion (?:urinaria|de orina|de vejiga)\b/,
    ],
    requires: near(
      [
        ...FEVER,
        /\b(?:flank|kidney|back|side|lower back) (?:pain|ache|hurts)\b|\bpain in (?:my |his |her )?(?:side|flank|back|kidneys?)\b|\bchills\b|\brigors\b|\bescalofrios\b|\bdolor de (?:espalda|rinon|costado)\b/,
      ],
      400,
    ),
  },
  {
    id: 'kidney-infection',
    label: 'Possible kidney infection',
    level: 'urgent',
    patterns: [/\b(?:kidney infection|pyelo[a-z]{0,10}|infeccion de(?:l)? rinon)\b/],
  },
  {
    id: 'wound-infection',
    label: 'Post-op wound redness, swelling or pus',
    level: 'urgent',
    patterns: [
      /\b(?:incisions?|wound(?! up)|stitches|sutures|staples|surgical site|drain site|c section (?:scar|site|incision)|surgery site|port site|herida|cicatriz|puntos|sutura)\b/,
    ],
    requires: near(
      [
        /\b(?:red|redder|redness|swollen|swelling|puffy|pus|pussy|oozing|ooze|oozes|draining|drainage|discharge|leaking|weeping|warm|hot|foul|smells?|smelly|stinks|opened|opening|open up|split open|came apart|coming apart|red streaks?|streaking|infected|infection|green|enrojecid[oa]|roja|hinchad[oa]|supura[a-z]{0,4}|abierta|caliente)\b/,
      ],
      100,
      { sameSentence: true, extend: true },
    ),
  },
  {
    id: 'uncontrolled-pain',
    label: 'Severe or uncontrolled pain',
    level: 'urgent',
    patterns: [
      /\b(?:pain|ache|hurts|hurting|headache|cramps|cramping)(?: is| has been| was| are)? (?:so |really |very |just |absolutely )?(?:unbearable|excruciating|intolerable|out of control|uncontrolled|uncontrollable|severe|the worst|10 ?\/ ?10|10 out of 10|ten out of ten|9 ?\/ ?10|9 out of 10|off the charts)/,
      /\b(?:severe|excruciating|unbearable|intolerable|agonizing|agonising|extreme|uncontrolled|uncontrollable|debilitating|crippling|terrible|horrible|horrendous) (?:[a-z]{1,20} ){0,2}?(?:pain|pains|ache|cramps|cramping|headache|migraine)\b/,
      /\b(?:pain (?:meds?|medications?|medicine|pills?|killers?)|painkillers?|oxycodone|oxycontin|norco|percocet|tramadol|morphine|dilaudid|hydrocodone)(?: is| are)? (?:not|isnt|arent|doesnt|dont|no longer|barely|didnt) (?:helping|working|touching|doing anything|help|work|controlling|touch|do anything|cutting it)\b/,
      /\b(?:cant|cannot|unable to|couldnt) (?:sleep|walk|move|function|work|stand|sit|think|eat) (?:because of|from|due to|with|for) (?:the |my |his |her |this )?pain\b/,
      /\b(?:pain|hurts) so (?:bad|badly|much) (?:that )?(?:i|he|she|it)\b|\bin (?:so much|a lot of|severe|terrible|excruciating|unbearable|constant|extreme) pain\b/,
      /\b(?:crying|screaming|doubled over|writhing) (?:from|because of|in|with) (?:the )?pain\b/,
      /\b(?:dolor|duele) (?:insoportable|muy fuerte|terrible|intenso|severo|horrible)\b|\bno (?:aguanto|soporto) el dolor\b/,
    ],
  },
  ...MED_OUT_RULES,
  {
    id: 'double-dose',
    label: 'Accidental extra dose',
    level: 'urgent',
    patterns: [
      /\b(?:accidentally|mistakenly|by mistake|by accident) (?:took|gave|taken|given|double dosed|injected)\b/,
      /\b(?:took|gave|taken|given|injected) (?:a |my |his |her )?(?:double|triple|extra|second) (?:dose|doses|dosage)\b|\bdouble dosed\b/,
      /\btook (?:the )?wrong (?:pill|pills|medication|medicine|dose)\b|\btook (?:way )?too much (?:of )?(?:my |his |her )?[a-z]{2,20}\b/,
    ],
  },
  {
    id: 'bp-high',
    label: 'Very high blood pressure reading',
    level: 'urgent',
    patterns: [
      { re: BP_FRACTION, check: bpHighCheck },
      {
        re: /\b(?:bp|blood pressure|systolic|top number|presion)\b/,
        check: reading({ window: 30, stop: READING_STOP, test: bpSystolicTest }),
      },
    ],
    escalate: [escalateTo('Very high blood pressure with symptoms', BP_SYMPTOMS, 300)],
  },
  {
    id: 'bp-low',
    label: 'Low blood pressure reading',
    level: 'urgent',
    patterns: [{ re: BP_FRACTION, check: bpLowCheck }],
    escalate: [escalateTo('Low blood pressure with fever (possible sepsis)', FEVER, 400)],
  },
  {
    id: 'glucose-abnormal',
    label: 'Blood sugar over 300 or under 70',
    level: 'urgent',
    patterns: [
      {
        re: /\b(?:blood sugars?|sugars?|glucose|bgs?|bs|cbg|fsbs|finger ?sticks?|glucometer|dexcom|libre|cgm|azucar|glucosa|glicemia|glucemia)\b/,
        check: reading({ window: 60, stop: READING_STOP, test: glucoseTest }),
      },
      /\b(?:meter|glucometer|dexcom|libre|cgm|monitor|sugar) (?:says|said|reads|read|shows|showed|displays|displayed|just says) (?:hi|lo)\b/,
      /\b(?:low blood sugars?|hypoglycemi[a-z]{0,3}|hypo episode|bajon de azucar|azucar (?:muy )?baja)\b/,
      /\b(?:blood )?sugars? (?:was |is |went |dropped |keeps dropping |crashed |has been |have been |are |were )?(?:really |very |so |too |dangerously |extremely |crazy |super )(?:low|high)\b/,
      /\b(?:blood )?sugars? (?:was |is |went |dropped |dropping |keeps dropping |crashed |has been |have been |are |were |keeps going |going )(?:low|lo)\b|\b(?:blood )?sugar (?:is|was|reads|read|says|showing) hi\b/,
      /\b(?:large|high|moderate|lots of|positive) ketones\b|\bketones (?:are |were |is )?(?:large|high|moderate|positive)\b/,
    ],
  },
  {
    id: 'heart-rate-abnormal',
    label: 'Heart rate 130+ or under 40',
    level: 'urgent',
    patterns: [
      {
        re: /\b(?:heart ?rate|hr|pulse|pulse rate|heartbeat|heart beat|resting rate|pulso|frecuencia cardiaca|ritmo cardiaco)\b/,
        check: notExercising(reading({ window: 30, stop: READING_STOP, test: heartRateTest })),
      },
      {
        re: /\b(\d{2,3}) ?bpm\b/,
        check: notExercising((m) => {
          const level = heartRateTest(parseInt(m[1] ?? '', 10), '');
          return level ? { level } : false;
        }),
      },
    ],
    escalate: [escalateTo('Very fast or slow heart rate with symptoms', [...DIZZY, ...SOB, ...FEVER, /\bchest (?:pain|pressure|tightness)\b/], 300)],
  },
  {
    id: 'oxygen-low',
    label: 'Low oxygen reading',
    level: 'urgent',
    patterns: [
      {
        re: /\b(?:o2|oxygen|spo2|sp02|o2 sat|sats?|saturation|saturations|pulse ox|pulse oximeter|oximeter|oxigeno|saturacion)\b/,
        check: reading({ window: 25, stop: /\b(?:bp|pressure|pulse|heart|hr|temp|sugar|glucose)\b/, test: spo2Test }),
      },
    ],
  },
  {
    id: 'fast-heart',
    label: 'Racing heart',
    level: 'urgent',
    patterns: [
      /\b(?:heart|pulse) (?:is |has been |keeps )?(?:racing|very fast|really fast|so fast|beating (?:really |very |so )?fast)\b|\bracing (?:heart|pulse)\b|\b(?:very|really|super) (?:fast|rapid) (?:heart ?rate|heartbeat|heart beat|pulse)\b/,
    ],
    escalate: [
      escalateTo('Racing heart with fainting, near-fainting or chest pain', [
        /\b(?:pass(?:ed|ing)? out|faint[a-z]{0,3}|black(?:ed|ing)? out|chest (?:pain|pressure|tightness))\b/,
      ], 200),
    ],
  },
  { id: 'clammy', label: 'Clammy / cold sweats', level: 'urgent', patterns: [/\b(?:clammy|cold sweats?|sudor frio)\b/] },
  {
    id: 'lethargy',
    label: 'Very sleepy / lethargic',
    level: 'urgent',
    patterns: [/\b(?:lethargic|listless|floppy)\b/],
    escalate: [escalateTo('Lethargy with fever', FEVER, 400)],
  },
  {
    id: 'petechial-rash',
    label: 'Purple spots / non-blanching rash',
    level: 'urgent',
    patterns: [
      /\b(?:purple|dark red) (?:spots|dots|rash|blotches)\b|\bpetechia[el]?\b|\brash (?:that )?(?:doesnt|does not|wont) (?:fade|blanch)\b|\bnon ?blanching\b/,
    ],
    escalate: [escalateTo('Fever with purple / non-blanching rash', FEVER, 400)],
  },
  {
    id: 'near-syncope',
    label: 'Nearly fainting / fainting spells',
    level: 'urgent',
    patterns: [
      /\b(?:almost|nearly|about to|going to|gonna|close to|might|like i was going to|like im going to|like i am going to|like i might|like id) (?:pass out|faint|black out)\b/,
      /\b(?:feel|feeling|felt|feels) (?:very |really |so |a bit |a little )?faint\b|\bfainting (?:spells?|episodes?)\b/,
      /\bcasi me desmayo\b|\bsiento que me voy a desmayar\b/,
    ],
  },
  {
    id: 'behavior-change',
    label: 'Acting unlike themselves',
    level: 'urgent',
    patterns: [
      /\bacting (?:really |very |so )?(?:strange|strangely|weird|weirdly|odd|oddly|off|out of character)\b|\b(?:not|isnt) (?:acting )?(?:like )?(?:himself|herself)\b/,
      /\bnot acting (?:right|normal|normally)\b|\bacting (?:really |very |so )?(?:funny|different|bizarre|loopy)\b(?! (?:about|around|with|toward|towards|when|since (?:the|we|i|she|he)))|\b(?:esta|anda) (?:muy )?(?:rar[oa]|extran[oa])\b|\bno es (?:el|ella) mism[oa]\b/,
    ],
    escalate: [escalateTo('Acting unlike themselves with fever (possible sepsis)', FEVER, 300)],
  },
  {
    id: 'allergic-reaction',
    label: 'Allergic reaction',
    level: 'urgent',
    patterns: [
      /\ballergic reaction\b|\bhives\b|\breaccion alergica\b|\burticaria\b/,
      /\bface (?:is |got |getting )?(?:very |really )?(?:swollen|swelling)\b/,
    ],
    escalate: [
      escalateTo(
        'Allergic reaction with breathing, throat or fainting symptoms',
        [rx(R`\b(?:swallow[a-z]{0,3}|wheez[a-z]{0,4}|throat|tongue|${BREATH}|faint[a-z]{0,3}|dizzy|passed out)\b`)],
        200,
      ),
    ],
  },
  {
    id: 'swallowing-trouble',
    label: 'Trouble swallowing',
    level: 'urgent',
    patterns: [/\b(?:cant|cannot|can not|unable to|hard to|trouble|difficulty|struggling to|having trouble) (?:swallow|swallowing)\b|\bno (?:puedo|puede) tragar\b/],
    escalate: [
      escalateTo('Trouble swallowing after a possible allergen', [
        /\b(?:sting|stung|bee|wasp|hornet|peanuts?|tree nuts?|nuts|shellfish|shrimp|allerg[a-z]{0,5}|reaction|hives|new (?:med|medication|medicine|antibiotic)|penicillin|amoxicillin|augmentin|sulfa|bactrim|lisinopril|picadura|alergi[a-z]{0,3})\b/,
      ], 300),
    ],
  },
  {
    id: 'coughing-blood',
    label: 'Coughing up blood',
    level: 'urgent',
    patterns: [/\bcough[a-z]{0,4} (?:up )?(?:some |a lot of |bright red )?blood\b|\bhemoptysis\b|\btos con sangre\b|\btosiendo sangre\b/],
  },
  {
    id: 'black-stool',
    label: 'Black or tarry stools',
    level: 'urgent',
    patterns: [
      /\b(?:black|tarry|tar like|tarlike|dark black|jet black|black tarry|black and tarry|black tar|tar colored|maroon) (?:[a-z]{1,20} )?(?:stool|stools|poop|poops|bm|bms|bowel movements?|diarrhea|diarea|feces|poo)\b/,
      /\b(?:stool|stools|poop|poops|bm|bms|bowel movements?|poo) (?:is |are |was |were |look |looks |looked |have been |has been |turned |became |been )?(?:very |really |all )?(?:black|tarry|like tar|tar like|dark and sticky|sticky and black|maroon)\b/,
      /\bmelena\b|\b(?:heces|popo|excremento|caca|evacuaciones) (?:muy )?negr[oa]s?\b/,
    ],
    escalate: [escalateTo('Black tarry stools with dizziness', DIZZY, 400)],
  },
  {
    id: 'rectal-bleeding-heavy',
    label: 'Large amount of blood in stool',
    level: 'urgent',
    patterns: [
      /\b(?:lots of|a lot of|large amount of|tons of|so much) blood (?:in|from) (?:my |his |her |the )?(?:stool|rectum|bottom|toilet|butt)\b|\btoilet (?:bowl )?(?:full of|filled with) blood\b/,
    ],
    escalate: [escalateTo('Rectal bleeding with dizziness', DIZZY, 400)],
  },
  {
    id: 'heavy-bleeding',
    label: 'Heavy bleeding',
    level: 'urgent',
    patterns: [
      rx(R`\b${BLEED} (?:a lot|so much|really bad|really badly)\b`),
      /\b(?:very heavy|excessive|heavy) (?:vaginal )?bleeding\b|\bsoak(?:ing|ed)? (?:through )?(?:a |one |\d+ |two |three |multiple |several )?(?:pads?|tampons?)\b|\bpassing (?:large |big |golf ball |huge )?clots\b/,
    ],
  },
  {
    id: 'pregnancy-bleeding',
    label: 'Bleeding in pregnancy',
    level: 'urgent',
    patterns: [
      /\b(?:bleeding|bleed|spotting|blood)\b(?! (?:pressure|pressures|sugar|sugars|test|tests|work|draw|type|glucose|count|counts|level|levels|thinner|thinners|bank|donation|donor))/,
      /\b(?:sangrado|sangrando|manchado|manchando)\b/,
    ],
    requires: near(PREGNANT, 1500),
  },
  {
    id: 'water-broke',
    label: 'Water broke / leaking fluid in pregnancy',
    level: 'urgent',
    patterns: [/\bwater (?:broke|has broken|just broke|breaking)\b|\bleaking fluid\b|\b(?:se me )?rompio la fuente\b|\brompi (?:la )?fuente\b/],
  },
  {
    id: 'labor-signs',
    label: 'Contractions / labor signs',
    level: 'urgent',
    patterns: [/(?<!braxton hicks )\b(?:contractions|labor pains|labou?r pains|in labou?r|going into labou?r)\b|\bcontracciones\b/],
  },
  {
    id: 'urinary-retention',
    label: 'Unable to urinate',
    level: 'urgent',
    patterns: [/\b(?:cant|cannot|unable to|havent been able to|not able to) (?:pee|urinate)\b(?! (?:in (?:a|the) cup|on command))|\bno puedo orinar\b/],
  },
  {
    id: 'seizure',
    label: 'Seizure',
    level: 'urgent',
    patterns: [
      rx(R`(?<!(?:anti|for|prevent|preventing|control|controlling|treat|treating) )\b${SEIZURE}\b(?! (?:med|meds|medication|medications|medicine|medicines|pill|pills|drug|drugs|control|free|action plan|precautions|disorder|threshold|log|diary|history|prevention))`),
      /\bataque epileptico\b/,
    ],
  },
  {
    id: 'head-injury',
    label: 'Head injury',
    level: 'urgent',
    patterns: [
      /\b(?:hit|bumped|banged|struck|hitting|bumping|banging|smacked) (?:my|his|her|their|the back of (?:my|his|her)) head\b|\bhead (?:injury|trauma)\b|\bfell and hit\b|\bconcussion\b/,
      /\b(?:golpe|golpeo|pego|pegue) (?:en )?(?:la|su|mi) cabeza\b/,
    ],
    escalate: [escalateTo('Head injury on a blood thinner', ON_BLOOD_THINNER, 1000)],
  },
  {
    id: 'bleeding-on-blood-thinner',
    label: 'Bleeding or bruising on a blood thinner',
    level: 'urgent',
    patterns: [
      /\b(?:bleeding gums|gums (?:are |keep )?bleeding|gum bleeding|nose ?bleeds?|nose (?:is |keeps )?bleeding|bruis[a-z]{0,4}|blood in (?:my |his |her )?(?:urine|pee|stool|stools)|bloody (?:urine|stool|stools|nose)|pink urine|red urine|peeing blood)\b/,
    ],
    requires: near(ON_BLOOD_THINNER, 600, { raw: true }),
  },
  {
    id: 'leg-swelling',
    label: 'Leg swelling or calf pain (possible clot)',
    level: 'urgent',
    patterns: [
      /\b(?:leg|legs|calf|calves|ankle|ankles|thigh)s? (?:[a-z]{1,20} ){0,2}?(?:is |are |has been |got |getting |became |very |really |so )?(?:swollen|swelling|puffy|bigger than the other|warm and swollen)\b/,
      /\bswell[a-z]{0,4} (?:in|of|on) (?:my |his |her |one |the )?(?:left |right |one )?(?:leg|calf|thigh)\b|\bcalf (?:pain|tenderness|is tender|hurts)\b/,
      /\bdvt\b|\bblood clot\b|\bpierna hinchada\b/,
    ],
  },
  {
    id: 'rash-spreading',
    label: 'Spreading or blistering rash',
    level: 'urgent',
    patterns: [
      /\brash (?:[a-z]{1,20} ){0,3}?(?:is |that is |thats |keeps |has been |started |and its )?(?:spreading|spread|getting bigger|all over|everywhere|covering|blistering|peeling)\b/,
      /\b(?:spreading|blistering|peeling|widespread) rash\b|\bskin (?:is )?(?:peeling|blistering|sloughing)\b|\bblisters? (?:in|on|inside) (?:my |his |her |the )?(?:mouth|lips|eyes)\b/,
      /\bsarpullido (?:que se (?:extiende|esta extendiendo)|por todo el cuerpo)\b/,
    ],
  },
  {
    id: 'jaundice',
    label: 'Yellow skin or eyes',
    level: 'urgent',
    patterns: [/\bjaundice[a-z]{0,2}\b|\byellow (?:skin|eyes)\b|\b(?:skin|eyes) (?:are |is |look |looks |turning |turned )?yellow\b/],
  },
  {
    id: 'dehydration',
    label: 'Unable to keep fluids down / dehydration',
    level: 'urgent',
    patterns: [
      /\b(?:cant|cannot|unable to|not able to) keep (?:anything|any fluids|fluids|water|food|liquids|meds|medications|pills)(?: down)?\b/,
      /\bno wet diapers?\b|\b(?:hasnt|has not|havent|have not|not) (?:peed|urinated|peeing|urinating) (?:in|for|since)\b/,
      /\b(?:vomit[a-z]{0,4}|throwing up|puking) (?:all day|all night|for (?:\d+|two|three|several) (?:days|hours)|nonstop|non stop|every (?:hour|\d+ minutes)|constantly|\d+ times|over \d+ times)\b/,
      /\b(?:severe|bloody|nonstop|non stop|constant) (?:diarrhea|diarhea|diarea|diarrea|diarrhoea|diahrea)\b|\bdehydrat[a-z]{0,4}\b|\bdeshidrat[a-z]{0,5}\b/,
    ],
  },
  {
    id: 'vision-change',
    label: 'New double vision or flashes/floaters',
    level: 'urgent',
    patterns: [/\b(?:double vision|seeing double|vision doble)\b|\b(?:flashes|flashing lights) (?:and|with) (?:new )?floaters\b|\b(?:sudden|new|lots of|shower of) floaters\b/],
  },
  {
    id: 'balance-loss',
    label: 'Loss of balance',
    level: 'urgent',
    patterns: [/\b(?:loss of|lost (?:my |his |her )?|losing (?:my |his |her )?)(?:balance|coordination)\b|\bperdi(?:o)? el equilibrio\b/],
  },
  {
    id: 'mental-health-worse',
    label: 'Worsening depression or anxiety',
    level: 'urgent',
    patterns: [
      /\b(?:depression|depressed|anxiety|anxious|panic attacks?|panic|mood|bipolar|ptsd|mental health)\b(?: [a-z]{1,20}){0,3}? (?:is |are |has been |have been |been |getting |gotten |got |feels |keeps )?(?:much |a lot |really |way |so |even )?(?:worse|worsening|out of control|unbearable|bad again|spiraling|spiralling|overwhelming)\b/,
      /\b(?:worsening|severe|increasing|uncontrolled|crippling|debilitating) (?:depression|anxiety|panic attacks?|panic)\b/,
      /\b(?:cant|cannot) (?:stop crying|cope|function|get out of bed|take it anymore|take this anymore|go on(?: like this| anymore)?|keep going|do this anymore|handle (?:it|this|anything) anymore)\b/,
      /\b(?:cant|cannot|can not) keep (?:doing this|living like this)\b(?! (?:every|each|with (?:the|my|this|your)|at work|for (?:the|my|work)|job|work|shift|shifts|schedule|commute|diet|routine|workout|program)\b)/,
      /\bhopeless[a-z]{0,4}\b|\b(?:feel|feeling|felt|im|i am) (?:so |very |completely |totally |really )?(?:worthless|helpless)\b/,
      /\bpanic attacks? (?:every day|daily|all day|constantly|nonstop|multiple times)\b|\bnervous breakdown\b|\b(?:anxiety|depression|stress) (?:is |has been )?through the roof\b/,
      /\b(?:depresion|ansiedad) (?:esta )?(?:peor|empeorando|muy mal)\b|\bme siento (?:sin esperanza|desesperad[oa]|muy deprimid[oa])\b|\bno puedo mas\b/,
      /\bya no (?:aguanto|soporto|puedo (?:mas|seguir))\b(?! (?:el|la|los|las|este|esta|estos|estas|mi|mis|su|sus|tanto|a|al|con|en)\b)/,
    ],
  },
  {
    id: 'critical-result',
    label: 'Result reported as critical',
    level: 'urgent',
    patterns: [
      /\b(?:flagged|marked|listed|came back|shows|showed|reported|labeled|labelled|called|said|says|was|is|were|are) (?:as )?(?:critical|critically|panic)\b(?! (?:care|that|to|for|of|thinking))/,
      /\bcritical(?:ly)? (?:value|values|result|results|lab|labs|level|levels|high|low|abnormal|potassium|sodium)\b|\bpanic (?:value|values|lab|level)\b/,
      /\b(?:valor|resultado) critico\b/,
    ],
  },
  {
    id: 'told-to-go-er',
    label: 'Told to go to the ER',
    level: 'urgent',
    patterns: [/\b(?:told|said|advised|instructed) (?:me |him |her |us )?(?:to )?go (?:to )?(?:the )?(?:er|ed|emergency room|emergency|hospital)\b/],
  },
];

/** The whole table. Order does not matter for the result (the engine sorts matches by position). */
export const RULE_TABLE: readonly RuleDef[] = [...EMERGENCY_RULES, ...URGENT_RULES];
