/**
 * Context of a red-flag mention in normalised text (see rules-normalize.ts):
 * is it negated ("no chest pain"), hypothetical ("what should I do if I get chest pain"),
 * in the past ("the chest pain I had last year is gone"), or current?
 *
 * Scope: a clause, i.e. the text between sentence punctuation / line breaks and contrast words
 * ("but", "however", "pero", ", now", ...). Negation reaches at most a few words forward and
 * does not jump over pronouns ("no fever and my chest hurts") or over a comma unless the
 * comma is part of an "or" list ("no chest pain, SOB, or fever").
 * Someone else's symptoms ("my son", "mi hijo") are treated exactly like the patient's.
 */

export type MentionStatus = 'active' | 'negated' | 'hypothetical' | 'past' | 'resolved-recent';

const SCAN = 260; // how far (chars) to look for clause boundaries

/** Clause boundaries: sentence punctuation (not decimal points), line breaks, contrast words. */
const BOUNDARY_G =
  /[!?;\n¿¡]|\.(?!\d)|\b(?:but|however|although|though|except|whereas|pero|aunque|sino|excepto|sin embargo)\b|(?:,|\band|\by) (?=now\b|ahora\b)/g;

// --------------------------------------------------------------------------- negation
const NEG_CUE_G =
  /\b(?:no|not|denies|denied|deny|denying|without|w\/o|never|negative for|neg for|free of|absence of|ruled out|rule out|r\/o|havent|hasnt|hadnt|didnt|dont|doesnt|isnt|arent|wasnt|werent|no longer|nor|neither|sin|nunca|niega|nego|ningun|ninguna|tampoco|ni)\b/g;

/** Cue words that do not negate what follows ("not sure", "no idea", "doesn't go away"). */
const PSEUDO_NEG =
  /(?:no (?:idea|one|matter|better|change|relief|improvement|doubt|joke|kidding|way|sign of (?:improv|stop|getting better))|not (?:sure|certain|only|just|feeling (?:well|good|great|right)|well|good|great|right|normal|ok|okay|myself|himself|herself|better|improving|getting better|going away|go away|gone away|stopping|stop|helping|working|responding|kidding|joking|a big deal|serious|urgent|an emergency|to (?:bother|worry|alarm|be dramatic|panic)|know|knowing|want|wanting|able to (?:get|reach|see (?:my|the) (?:results?|message|portal))|sure if|doing well|eating|drinking)|(?:dont|didnt|doesnt|havent|hasnt|not) (?:know|think|want|mean|wanna|understand|remember|care|feel (?:well|good|right|like myself)|go away|gone away|stop|stopped|help|helped|improve|improved|seem to (?:help|stop|go away|improve|get better)|get better|gotten better|got better|responding)|(?:isnt|wasnt|arent|werent) (?:going away|getting better|improving|stopping|helping|working|responding)|never (?:mind|ending|ends|stops|goes away|went away|got better|gets better|improved|stopped)|no se|no estoy segur|no quiero molestar|no es nada|no mejora|no se (?:me |le )?quita|no para|no deja|no ayuda|no sirve|sin parar|sin mejor)\b/y;

/** Words that start a new clause, so a negation before them does not reach past them. */
const NEG_BLOCKER =
  /\b(?:i|im|ive|id|ill|my|he|hes|she|shes|his|they|theyre|their|we|our|you|it|its|now|then|also|just|only|still|suddenly|today|yesterday|tonight|mi|yo|ella|ahora|solo|but|except|besides|pero)\b/;
const OR_LIST = /\b(?:or|nor|ni|o)\b/;
/** "not feeding well and very sleepy": a negated verb's scope ends at "and"... */
const VERBAL_CUE = /^(?:not|never|havent|hasnt|hadnt|didnt|dont|doesnt|isnt|arent|wasnt|werent)$/;
/** ...unless the verb is "have/get/feel..." ("I don't have chest pain and SOB"). */
const NOUN_SCOPE = /^\s*(?:(?:really|been|even|ever|yet) )?(?:have|having|had|get|getting|got|experience[a-z]{0,2}|experiencing|feel|feeling|felt|notice[a-z]{0,2}|noticing|any|see|seen|seeing)\b/;
const MAX_NEG_WORDS = 6;
/** "never had chest pain like this" is not a negation. */
const NEG_CANCEL = /\b(?:like this|like that|this (?:bad|severe|much|intense|strong)|until (?:now|today|tonight|this)|before today)\b/;
/** Negation after the mention: "chest pain: none", "SOB - denied", "chest pain was ruled out". */
const POST_NEG =
  /^\s*(?:[:?=]\s*)?(?:none|negative|denied|denies|absent|nope|ruled out)\b|^\s*[:?=]\s*no\b\s*(?:[,.;!?\n]|$)|^\s*(?:was|were|has been|have been|is|are|got) (?:ruled out|negative)\b|^\s*(?:is |are |was )?not (?:present|an issue|a problem|a concern)\b/;

// ----------------------------------------------------------------------- hypothetical
const HYP_CUE = new RegExp(
  [
    String.raw`\b(?:in case|incase|what if|en caso de|por si|que hago si|que pasa si)\b`,
    String.raw`\bwhat (?:should|do|would|can) (?:i|we|you|he|she) do (?:if|when|about)\b`,
    String.raw`\bwhen (?:to|should|do|would) (?:i |we |you |he |she )?(?:worry|call|go|seek|be concerned|come in)\b`,
    String.raw`\b(?:watch|watching) (?:out )?for\b|\blook out for\b|\bwarning signs?\b`,
    String.raw`\b(?:what are|know|learn|about|list of) (?:the )?(?:warning )?(?:signs|symptoms) of\b`,
    String.raw`\b(?:risks?|chances?|likelihood|odds) of\b|\bprevent[a-z]{0,6}\b|\bavoid[a-z]{0,4}\b|\breduce (?:the |my |his |her )?risk\b`,
    String.raw`\b(?:can|could|does|do|will|would|may|might) (?:[a-z0-9]{1,20} ){0,3}?(?:cause|causes|lead to|trigger|give (?:me|you|him|her|them))\b`,
    String.raw`\bside effects? (?:include|like|such as|of|are)\b`,
    String.raw`\b(?:worried|afraid|scared|fear|fearful|nervous|terrified) (?:about|of) (?:having|getting|developing|another)\b`,
    String.raw`\b(?:read|reading|heard|hearing|learned|learning|article|video|pamphlet|information|info|class|handout) (?:[a-z]{1,20} ){0,2}?(?:about|on)\b`,
    String.raw`\b(?:riesgo de|prevenir|evitar)\b`,
    String.raw`\b(?:difference between|what is (?:a|an|the)|what causes|general question|just curious)\b`,
    String.raw`\bif (?:i|you|he|she|they|we|someone|anyone|somebody|the baby|baby|my baby|mom|dad|mum) (?:ever |should |were to |start to |starts to |begin to |happen to |happens to |suddenly |then |later )?(?:get|gets|got|have|has|develop|develops|experience|experiences|notice|notices|feel|feels|start|starts|begin|begins|become|becomes|go into|run|runs|miss|misses|forget|forgets|lose|loses|were|took|take|takes|overdose|overdoses)\b`,
    String.raw`\bif (?:my|the|his|her|this|that|these|it) (?:[a-z0-9]{1,20} ){0,2}?(?:comes? back|returns?|gets? worse|worsens?|starts?|happens?|develops?|recurs?|continues?|persists?|occurs?|doesnt go away|does not go away|shows? up|spreads?|goes? (?:up|down|over|under|below|above)|drops?|rises?|is ever|were to|ever)\b`,
    String.raw`\bsi (?:me |le |te |nos )?(?:da|dan|vuelve|regresa|empieza|empiezo|tengo|tiene|tuviera|tuviese|siento|siente|hay|pasa|sube|baja)\b`,
  ].join('|'),
  'g',
);
/** "wondering if", "not sure if", "let me know if": the "if" is an embedded question, not a hypothetical. */
const EMBEDDED_IF = /(?:wonder[a-z]{0,3}|know|sure|see|check|tell (?:me|us)|ask[a-z]{0,3}|curious|unsure|question|whether|idea|determine|decide|confirm|find out)\s*$/;

// ------------------------------------------------------------------------------- past
/** "born 3 weeks ago", "nació hace 3 semanas": an age, not a time in the past. */
const BIRTH_BEFORE = String.raw`(?<!\b(?:born|delivered|birth|baby|newborn|nacio|naci|nacid[oa]|luz|parto) )`;
const REMOTE_TIME = new RegExp(
  [
    String.raw`${BIRTH_BEFORE}\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|few|several|many|couple(?: of)?) (?:years?|yrs?|months?|mos?|decades?|weeks?|wks?) (?:ago|back|earlier|before)\b`,
    String.raw`\b(?:last|previous|past|prior) (?:week|year|years|month|months|decade|summer|winter|spring|fall|autumn|christmas|january|february|march|april|june|july|august|september|october|november|december)\b`,
    String.raw`\b(?:19|20)\d\d\b`,
    String.raw`\b(?:long ago|a long time ago|a while (?:ago|back)|years back|childhood)\b`,
    String.raw`\bas a (?:child|kid|baby|teen|teenager|toddler)\b`,
    String.raw`\bwhen (?:i|he|she) was (?:a |little|young|younger|pregnant|in (?:college|high school))`,
    String.raw`${BIRTH_BEFORE}\bhace (?:\d+|un|una|unos|unas|varios|varias|muchos|muchas|dos|tres) (?:anos?|meses|mes|semanas)\b`,
    String.raw`\b(?:el ano pasado|de nin[oa])\b`,
  ].join('|'),
);
const HISTORY_CUE =
  /\b(?:history of|hx of|h\/o|pmh|past medical history|family history|used to (?:have|get|be)|survivor|died (?:of|from)|passed away (?:of|from)|lost (?:him|her|them|my [a-z]{1,20}) to|runs in (?:the|my|our) family|antecedentes? de|tuve hace|murio de)\b/;
/** Already seen for it: "I was in the ER last night for chest pain, they said it was reflux". */
const EVALUATED =
  /\b(?:was|were|went|been|got|taken|admitted|seen) (?:seen |admitted |treated |checked )?(?:in|to|at|into) (?:the )?(?:er|ed|emergency room|emergency department|emergency|hospital|urgent care)\b/;
/** Right before the mention: "after my stroke", "previous heart attack", "my last seizure". */
const IMMEDIATE_PAST =
  /(?:\b(?:after|since|following|post) (?:my|his|her|their)|\b(?:previous|prior|earlier|former|remote)|(?<!(?:days?|weeks?|wks?|months?|mos?|years?|yrs?) )\bold|\b(?:my|his|her|their|the) last)\s*$/;
const RESOLVED =
  /\b(?:(?:is|are|has|have|had|was|were) (?:[a-z]{1,20} ){0,2}?(?:gone|resolved|cleared up|healed)|went away|gone away|resolved|cleared up|disappeared|subsided|stopped|went back to normal|back to normal|(?:all|completely|totally) better|(?:is|are|feels?) fine now|no longer|anymore|any more|ya (?:paso|se quito|se fue)|se (?:quito|fue|resolvio)|desaparecio)\b/;
const UNRESOLVED =
  /\b(?:wont|doesnt|didnt|not|never|hasnt|havent|isnt|cant|wouldnt|no) (?:[a-z]{1,20} )?(?:go(?:ne|ing)? away|stop[a-z]{0,4}|resolv[a-z]{0,4}|better|clear[a-z]{0,3} up|disappear[a-z]{0,3}|subsid[a-z]{0,3})\b/;
const CURRENT =
  /\b(?:still|again|returned|came back|come back|coming back|is back|are back|back again|recurr[a-z]{0,5}|worse|worsening|right now|currently|at the moment|at this moment|ongoing|continuing|continues|persist[a-z]{0,5}|todavia|aun|otra vez|de nuevo|ahora mismo|sigue|empeor[a-z]{0,6})\b/;
const RECENT =
  /\b(?:today|tonight|this (?:morning|afternoon|evening|week)|last night|yesterday|(?:an?|one|few|couple of|\d+) (?:minutes?|mins?|hours?|hrs?|days?) ago|earlier today|just now|hoy|anoche|ayer|esta (?:manana|tarde|noche))\b/;
const NEAR_WORDS = 8;

// ---------------------------------------------------------------------------- helpers
function clauseStart(t: string, s: number): number {
  const from = Math.max(0, s - SCAN);
  const seg = t.slice(from, s);
  let last = -1;
  BOUNDARY_G.lastIndex = 0;
  for (let m = BOUNDARY_G.exec(seg); m; m = BOUNDARY_G.exec(seg)) {
    last = m.index + m[0].length;
    if (m[0].length === 0) BOUNDARY_G.lastIndex++;
  }
  return last < 0 ? from : from + last;
}

function clauseEnd(t: string, e: number): number {
  const seg = t.slice(e, e + SCAN);
  BOUNDARY_G.lastIndex = 0;
  const m = BOUNDARY_G.exec(seg);
  return m ? e + m.index : Math.min(t.length, e + SCAN);
}

export function clauseBounds(t: string, s: number, e: number): { start: number; end: number } {
  return { start: clauseStart(t, s), end: clauseEnd(t, e) };
}

function wordCount(s: string): number {
  return s.match(/[a-z0-9\/]+/g)?.length ?? 0;
}

function lastWords(s: string, n: number): string {
  const words = s.match(/[^\s]+/g) ?? [];
  return words.slice(-n).join(' ');
}

function firstWords(s: string, n: number): string {
  const words = s.match(/[^\s]+/g) ?? [];
  return words.slice(0, n).join(' ');
}

// ------------------------------------------------------------------------- decisions
function negatedBefore(prefix: string, suffix: string, mention: string): boolean {
  const firstWord = /^\s*[a-z]+/.exec(mention)?.[0] ?? '';
  const tail = prefix.slice(-120);
  const cues: RegExpExecArray[] = [];
  NEG_CUE_G.lastIndex = 0;
  for (let m = NEG_CUE_G.exec(tail); m; m = NEG_CUE_G.exec(tail)) cues.push(m);
  for (let k = cues.length - 1; k >= 0; k--) {
    const cue = cues[k]!;
    PSEUDO_NEG.lastIndex = cue.index;
    if (PSEUDO_NEG.test(tail)) continue;
    const between = tail.slice(cue.index + cue[0].length);
    if (wordCount(between) > MAX_NEG_WORDS || NEG_BLOCKER.test(`${between} ${firstWord}`)) return false;
    if (between.includes(',') && !OR_LIST.test(between + ' ' + suffix.slice(0, 40))) return false;
    if (VERBAL_CUE.test(cue[0]) && /\band\b/.test(between) && !NOUN_SCOPE.test(between)) return false;
    return !NEG_CANCEL.test(suffix);
  }
  return false;
}

/** A question answered "no": "Chest pain? No." */
const ANSWERED_NO = /^\s*\?+\s*(?:no|nope|none|negative|denies|denied|never)\b(?! (?:idea|one|matter|clue))/;

function isNegated(prefix: string, suffix: string, mention: string, after: string): boolean {
  return negatedBefore(prefix, suffix, mention) || POST_NEG.test(suffix) || (suffix.trim() === '' && ANSWERED_NO.test(after));
}

/** A hypothetical cue that starts before the mention ("if my chest pain comes back" needs the words after it). */
function isHypothetical(prefix: string, clause: string): boolean {
  HYP_CUE.lastIndex = 0;
  for (let m = HYP_CUE.exec(clause); m && m.index < prefix.length; m = HYP_CUE.exec(clause)) {
    if (m[0].startsWith('if ') && EMBEDDED_IF.test(clause.slice(Math.max(0, m.index - 30), m.index))) continue;
    return true;
  }
  return false;
}

interface Windows {
  pre: string; // last few words before the mention, not crossing a comma
  post: string; // first few words after the mention, not crossing a comma
  fronted: string; // a fronted adverbial: "In 2019, I had a stroke"
  prefix: string;
}

function windows(prefix: string, suffix: string): Windows {
  const lastComma = prefix.lastIndexOf(',');
  const firstComma = suffix.indexOf(',');
  const firstPrefixComma = prefix.indexOf(',');
  return {
    pre: lastWords(prefix.slice(lastComma + 1), NEAR_WORDS),
    post: firstWords(firstComma < 0 ? suffix : suffix.slice(0, firstComma), NEAR_WORDS),
    fronted: firstPrefixComma < 0 ? '' : prefix.slice(0, firstPrefixComma),
    prefix,
  };
}

/** "...but it went away", ". It resolved after 10 minutes": the next clause says the symptom is gone. */
const NEXT_CLAUSE_ABOUT_IT =
  /^\s*(?:[.!?;]+\s*|,?\s*(?:but|though|although|pero)\s+)(?:it|that|this|they|its|which|ya|the [a-z]+|se)\b/;

function resolvedInNextClause(after: string): boolean {
  if (!NEXT_CLAUSE_ABOUT_IT.test(after)) return false;
  const next = firstWords(after.replace(/^[\s.!?;,]+/, ''), 10);
  return RESOLVED.test(next) && !UNRESOLVED.test(next) && !CURRENT.test(next);
}

function isResolved(post: string): boolean {
  return RESOLVED.test(post) && !UNRESOLVED.test(post);
}

function timeStatus(w: Windows, after: string): MentionStatus {
  const near = `${w.pre} | ${w.post}`;
  if (CURRENT.test(near)) return 'active';
  if (EVALUATED.test(w.pre)) return 'past';
  const resolved = isResolved(w.post) || resolvedInNextClause(after);
  if (RECENT.test(`${near} | ${w.fronted}`)) return resolved ? 'resolved-recent' : 'active';
  const past =
    REMOTE_TIME.test(`${near} | ${w.fronted}`) || HISTORY_CUE.test(w.pre) || IMMEDIATE_PAST.test(w.prefix);
  return past || resolved ? 'past' : 'active';
}

/**
 * Classify the mention t[s, e). Only the text around the mention is examined, so a pattern
 * whose own wording contains a negation ("can't breathe", "baby not moving") is not negated by it.
 */
export function classifyMention(t: string, s: number, e: number): MentionStatus {
  const { start, end } = clauseBounds(t, s, e);
  const prefix = t.slice(start, s);
  const suffix = t.slice(e, end);
  if (isNegated(prefix, suffix, t.slice(s, e), t.slice(end, end + 30))) return 'negated';
  const w = windows(prefix, suffix);
  if (isHypothetical(prefix, t.slice(start, end)) && !CURRENT.test(`${w.pre} | ${w.post}`)) return 'hypothetical';
  return timeStatus(w, t.slice(end, end + 80));
}
