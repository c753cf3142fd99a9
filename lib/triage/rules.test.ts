import { describe, it, expect } from 'vitest';
import { applyRules, RULES_VERSION, type RuleResult } from './rules';
import { RULE_TABLE } from './rules-table';
import type { Urgency } from './labels';

type Floor = Urgency | null;
/** [message, expected floor, ruleIds that must be among the active matches] */
type Case = readonly [string, Floor, ...string[]];

/** Every call also checks the offset contract. */
function rules(text: string): RuleResult {
  const r = applyRules(text);
  for (const m of [...r.matches, ...r.suppressed]) {
    expect(text.slice(m.start, m.end)).toBe(m.phrase);
    expect(m.phrase.length).toBeGreaterThan(0);
  }
  for (let i = 1; i < r.matches.length; i++) expect(r.matches[i]!.start).toBeGreaterThanOrEqual(r.matches[i - 1]!.start);
  return r;
}

function runCases(cases: readonly Case[]): void {
  for (const [text, floor, ...ids] of cases) {
    it(`${floor ?? 'null'}: ${JSON.stringify(text.length > 90 ? `${text.slice(0, 90)}…` : text)}`, () => {
      const r = rules(text);
      expect(r.floor, JSON.stringify(r.matches)).toBe(floor);
      const got = r.matches.map((m) => m.ruleId);
      for (const id of ids) expect(got, JSON.stringify(r.matches)).toContain(id);
    });
  }
}

const ids = (r: RuleResult) => r.matches.map((m) => m.ruleId);

/** [message, expected floor, ruleIds that must NOT be among the active matches] */
function runNearMisses(cases: readonly Case[]): void {
  for (const [text, floor, ...ids] of cases) {
    it(`near miss ${floor ?? 'null'}: ${JSON.stringify(text)}`, () => {
      const r = rules(text);
      expect(r.floor, JSON.stringify(r.matches)).toBe(floor);
      const got = r.matches.map((m) => m.ruleId);
      for (const id of ids) expect(got, JSON.stringify(r.matches)).not.toContain(id);
    });
  }
}

// --------------------------------------------------------------------------------------------
describe('labels.md emergency examples', () => {
  runCases([
    ['I have chest pain', 'emergency', 'chest-pain'],
    ['Feels like pressure on my chest since lunch', 'emergency', 'chest-pain'],
    ['Chest pain and shortness of breath for an hour', 'emergency', 'chest-pain'],
    ['Having chest pain and I am sweating a lot', 'emergency', 'chest-pain'],
    ['Chest tightness going down my left arm and into my jaw', 'emergency', 'chest-pain'],
    ['Her face is drooping on one side', 'emergency', 'stroke-face-droop'],
    ['My right arm suddenly feels weak and heavy', 'emergency', 'stroke-weakness'],
    ["My husband's speech is slurred", 'emergency', 'stroke-speech'],
    ['I suddenly lost vision in my left eye', 'emergency', 'stroke-vision'],
    ['Sudden loss of balance, I keep falling to one side', 'emergency', 'stroke-balance'],
    ['I have the worst headache of my life, it came on suddenly', 'emergency', 'worst-headache'],
    ["I can't breathe", 'emergency', 'breathing-severe'],
    ['Got stung by a bee and now my throat is swelling', 'emergency', 'anaphylaxis'],
    ['My tongue is swollen after I ate shrimp', 'emergency', 'anaphylaxis'],
    ['I want to kill myself and I have a plan', 'emergency', 'suicidal-plan'],
    ['I have been thinking about shooting him', 'emergency', 'homicidal'],
    ['I think my son took an overdose of my sleeping pills', 'emergency', 'overdose'],
    ['My toddler drank some bleach', 'emergency', 'overdose'],
    ['My cut has been bleeding for an hour and the bleeding won’t stop', 'emergency', 'bleeding-uncontrolled'],
    ['I threw up blood this morning', 'emergency', 'vomiting-blood'],
    ['Black tarry stools since yesterday and I feel dizzy', 'emergency', 'black-stool'],
    ['My mother fainted at breakfast', 'emergency', 'fainting'],
    ['Dad is suddenly very confused and does not know where he is', 'emergency', 'confusion'],
    ['Fever 103 and now he is confused', 'emergency', 'confusion'],
    ['Fever and chills, heart racing, and I feel cold and clammy', 'emergency', 'sepsis-signs'],
    ['My 6 week old has a fever of 100.8', 'emergency', 'infant-fever'],
    ['I am 12 weeks pregnant and bleeding heavily with clots', 'emergency', 'pregnancy-bleeding-heavy'],
    ["I'm 20 weeks pregnant with severe abdominal pain", 'emergency', 'pregnancy-severe-pain'],
    ["I'm 34 weeks pregnant and the baby hasn't moved today", 'emergency', 'fetal-movement'],
    ['My son just had his first seizure', 'emergency', 'seizure-now'],
  ]);
});

describe('paraphrase, slang, misspellings, abbreviations', () => {
  runCases([
    ['Feels like an elephant on my chest', 'emergency', 'chest-pain'],
    ['There is a squeezing in my chest', 'emergency', 'chest-pain'],
    ['chest pian since this am', 'emergency', 'chest-pain'],
    ['pt c/o CP and SOB x 2 hrs', 'emergency', 'chest-pain'],
    ["can't catch my breth", 'emergency', 'breathing-severe'],
    ['cnt breathe', 'emergency', 'breathing-severe'],
    ["I can't feel half my face", 'emergency', 'stroke-face-droop'],
    ['numbnes in my left arm and face', 'emergency', 'stroke-weakness'],
    ['i think im having a stroak', 'emergency', 'stroke-possible'],
    ['im feeling sucidal', 'emergency', 'suicidal-ideation'],
    ['Worst HA of my life', 'emergency', 'worst-headache'],
    ['I just want to end it all', 'emergency', 'suicidal-plan'],
    ['her lips are turning blue', 'emergency', 'breathing-severe'],
    ['He passed out on the floor', 'emergency', 'fainting'],
    ['severe abd pain, N/V since last night', 'urgent', 'uncontrolled-pain'],
    ['bad diarea and cant keep anything down', 'urgent', 'dehydration'],
  ]);
});

describe('more emergencies (paraphrase and other people)', () => {
  runCases([
    ['One side of his face looks funny and he is acting drunk', 'emergency', 'stroke-face-droop'],
    ['My words are coming out wrong', 'emergency', 'stroke-speech'],
    ["My asthma is bad and the inhaler isn't helping", 'emergency', 'breathing-severe'],
    ["I'm going to jump off a bridge tonight", 'emergency', 'suicidal-plan'],
    ['My heart is racing and I feel like I am going to pass out', 'emergency', 'fast-heart'],
    ['Severe allergic reaction to the new antibiotic', 'emergency', 'anaphylaxis'],
    ['My 3 week old is very sleepy and hard to wake for feeds', 'emergency', 'infant-unwell'],
    ['Newborn not feeding well and very sleepy', 'emergency', 'infant-unwell'],
    ['She had a seizure this morning, never had one before', 'emergency', 'seizure-now'],
    ['My mom fell and hit her head, she takes Eliquis', 'emergency', 'head-injury'],
    ['I took a bottle of Tylenol an hour ago', 'emergency', 'overdose'],
    ['Tiene convulsiones ahora mismo', 'emergency', 'seizure-now'],
    ['Fever of 103 and a stiff neck', 'emergency', 'fever-stiff-neck'],
    ['Postpartum 5 days, severe headache and blurry vision', 'emergency', 'preeclampsia-signs'],
    ['BP 185/115 and I am 32 weeks pregnant', 'emergency', 'bp-high'],
    ["I think my dad had a stroke, he can't lift his arm", 'emergency', 'stroke-possible', 'stroke-weakness'],
  ]);
});

describe('Spanish', () => {
  runCases([
    ['Tengo dolor de pecho', 'emergency', 'chest-pain'],
    ['Dolor de pecho y falta de aire', 'emergency', 'chest-pain'],
    ['No puedo respirar', 'emergency', 'breathing-severe'],
    ['A mi papá se le cayó la cara', 'emergency', 'stroke-face-droop'],
    ['Mi mamá tiene la cara caída y no puede hablar', 'emergency', 'stroke-face-droop', 'stroke-speech'],
    ['Ya no aguanto, quiero morir', 'emergency', 'suicidal-plan'],
    ['Estoy pensando en quitarme la vida', 'emergency', 'suicidal-plan'],
    ['Tengo un sangrado que no para', 'emergency', 'bleeding-uncontrolled'],
    ['sangrando mucho no para', 'emergency', 'bleeding-uncontrolled'],
    ['se me hincha la garganta', 'emergency', 'anaphylaxis'],
    ['no siento la mitad de la cara', 'emergency', 'stroke-face-droop'],
    ['Mi hijo sigue sangrando y no para', 'emergency', 'bleeding-uncontrolled'],
    ['Mi esposo está vomitando sangre', 'emergency', 'vomiting-blood'],
    ['Mi hija tuvo un desmayo en la escuela', 'emergency', 'fainting'],
    ['Mi bebé de 2 meses tiene fiebre', 'emergency', 'infant-fever'],
    ['Sin dolor de pecho, solo tos', null],
    ['No tengo fiebre ni dolor de pecho', null],
    ['Se me acabó la insulina', 'urgent', 'insulin-out'],
    ['Mi hijo tiene fiebre de 39.5', 'urgent', 'fever-high'],
  ]);
});

describe('negation', () => {
  runCases([
    ['No chest pain', null],
    ['Denies SOB', null],
    ['I have a cough without any shortness of breath', null],
    ['I am not having chest pain', null],
    ["I don't have chest pain or shortness of breath", null],
    ['No chest pain, SOB, or fever. Just a runny nose.', null],
    ['Never had a seizure', null],
    ['Chest pain: none. Cough: yes.', null],
    ['The stroke was ruled out at the ER', null],
    ['I am not suicidal, just tired of the side effects', null],
  ]);

  it('records the suppression reason', () => {
    const r = rules('No chest pain today');
    expect(r.floor).toBeNull();
    expect(r.suppressed).toEqual([expect.objectContaining({ ruleId: 'chest-pain', reason: 'negated', phrase: 'chest pain' })]);
  });

  it('a negated symptom does not suppress a different, non-negated red flag', () => {
    const r = rules('No chest pain but my left arm is numb and my face is drooping');
    expect(r.floor).toBe('emergency');
    expect(ids(r)).toEqual(expect.arrayContaining(['stroke-weakness', 'stroke-face-droop']));
    expect(r.suppressed.map((s) => s.ruleId)).toContain('chest-pain');
  });

  it('negation does not jump over a new clause', () => {
    expect(rules('No fever. Chest pain since this morning.').floor).toBe('emergency');
    expect(rules('No fever, my chest hurts').floor).toBe('emergency');
    expect(rules('I have no fever and my chest feels tight').floor).toBe('emergency');
    expect(rules("Not sure if it's important but I have chest pain").floor).toBe('emergency');
    expect(rules("I don't know what's going on, I can't breathe").floor).toBe('emergency');
  });

  it('a negated verb does not reach past "and"', () => {
    expect(rules("He isn't eating and can't breathe well").floor).toBe('emergency');
    expect(rules("I haven't been eating and I passed out").floor).toBe('emergency');
    expect(rules("I don't have chest pain and shortness of breath").floor).toBeNull();
  });

  it('a question answered "no" is negated', () => {
    expect(rules('Any chest pain? No.').floor).toBeNull();
    expect(rules('Chest pain? Yes, since noon').floor).toBe('emergency');
  });

  it('"never had pain like this" is not a negation', () => {
    expect(rules("I've never had chest pain like this").floor).toBe('emergency');
  });
});

describe('past and resolved', () => {
  runCases([
    ['The chest pain I had last year is gone', null],
    ['In 2019 I had a stroke', null],
    ['History of stroke, here for a med refill', null],
    ['I used to have chest pain when I ran', null],
    ['My chest pain has resolved', null],
    ['I had a seizure as a child', null],
    ['My father died of a heart attack, should I get my cholesterol checked?', null],
    ['I had a stroke in 2019 and now my face is drooping again', 'emergency', 'stroke-face-droop'],
    ['My dad had a stroke two years ago and I need his disability form', null],
    ['I was in the ER last night for chest pain, they said it was reflux. Follow-up?', null],
    ['I had a fever of 102 last week, now fine', null],
  ]);

  it('labels the suppression as past', () => {
    const r = rules('My mother has a history of stroke');
    expect(r.suppressed[0]).toMatchObject({ ruleId: 'stroke-possible', reason: 'past' });
  });

  it('chest pain that went away this morning still needs same-day attention', () => {
    expect(rules('I had chest pain this morning but it went away after 10 minutes').floor).toBe('urgent');
  });
});

describe('hypothetical', () => {
  runCases([
    ['What should I do if I get chest pain?', null],
    ['In case of chest pain, should I take an aspirin?', null],
    ['If he has a seizure, do we call 911?', null],
    ['Can lisinopril cause chest pain?', null],
    ['What are the warning signs of a stroke?', null],
    ['What do I do if I run out of insulin while traveling?', null],
    ['Should I go to the ER if my chest pain comes back?', null],
    ["What's the difference between a heart attack and cardiac arrest?", null],
    ['Si tengo dolor de pecho, ¿voy a urgencias?', null],
  ]);

  it('labels the suppression as hypothetical', () => {
    const r = rules('What should I do if I get chest pain?');
    expect(r.suppressed[0]).toMatchObject({ ruleId: 'chest-pain', reason: 'hypothetical' });
  });
});

describe('someone else, understatement, buried', () => {
  runCases([
    ['My son has been having trouble breathing all night', 'emergency', 'breathing-severe'],
    ['My mom is slurring her words', 'emergency', 'stroke-speech'],
    ['Mi hijo no puede respirar bien', 'emergency', 'breathing-severe'],
    [
      'Probably nothing, but my left arm has been numb for an hour and my face feels droopy',
      'emergency',
      'stroke-weakness',
      'stroke-face-droop',
    ],
    ['Sorry to bother you, it is probably just stress, but my chest feels heavy', 'emergency', 'chest-pain'],
    [
      'Refill request\nHi, can you send my lisinopril refill to CVS? Also I have had crushing chest pain since this morning.',
      'emergency',
      'chest-pain',
    ],
  ]);

  it('finds a red flag at the end of a 2,000-word message', () => {
    const filler =
      'I wanted to update you on my garden, the tomatoes are doing well and the weather has been mild this week. ';
    const words = filler.split(' ').length;
    const body = filler.repeat(Math.ceil(2100 / words));
    const text = `Subject: quick update\n${body}Oh and one more thing, my wife says my face looks droopy on the left.`;
    expect(text.split(/\s+/).length).toBeGreaterThan(2000);
    const r = rules(text);
    expect(r.floor).toBe('emergency');
    expect(ids(r)).toContain('stroke-face-droop');
    const m = r.matches.find((x) => x.ruleId === 'stroke-face-droop')!;
    expect(m.start).toBeGreaterThan(body.length);
  });
});

describe('urgent', () => {
  runCases([
    ['Fever of 102.5 with a cough and body aches', 'urgent', 'fever-high'],
    ['Temp 38.9 C and sore throat', 'urgent', 'fever-high'],
    ['Burning when I pee and a fever of 101.5', 'urgent', 'uti-fever'],
    ['I think I have a UTI and now I have pain in my back and chills', 'urgent', 'uti-fever'],
    ['My incision is red, swollen and oozing pus', 'urgent', 'wound-infection'],
    ['My pain is 10/10 and the pain meds are not helping', 'urgent', 'uncontrolled-pain'],
    ['I ran out of my insulin yesterday', 'urgent', 'insulin-out'],
    ['I only have 2 days of Eliquis left and the pharmacy says they cannot fill it', 'urgent', 'anticoagulant-out'],
    ['Running low on Keppra, need a refill asap', 'urgent', 'antiseizure-out'],
    ['I missed 2 doses of my tacrolimus', 'urgent', 'transplant-med-out'],
    ['Out of Biktarvy since Monday', 'urgent', 'hiv-med-out'],
    ['I cannot afford my Entresto this month', 'urgent', 'heart-failure-med-out'],
    ['I ran out of prednisone 3 days ago', 'urgent', 'steroid-out'],
    ['My BP was 182/96 this morning', 'urgent', 'bp-high'],
    ['Blood pressure 165/115', 'urgent', 'bp-high'],
    ['My sugar was 45 this morning', 'urgent', 'glucose-abnormal'],
    ['Blood sugar 350 after dinner', 'urgent', 'glucose-abnormal'],
    ['My sugars have been in the 300s all week', 'urgent', 'glucose-abnormal'],
    ['I have a spreading rash since starting the new antibiotic', 'urgent', 'rash-spreading'],
    ['My left leg is swollen and my calf hurts', 'urgent', 'leg-swelling'],
    ['My gums are bleeding a lot, I take warfarin', 'urgent', 'bleeding-on-blood-thinner'],
    ['I have been having fainting spells since the new pill', 'urgent', 'near-syncope'],
    ['My depression is getting worse and I cannot get out of bed', 'urgent', 'mental-health-worse'],
    ['The lab called and said my potassium was critical. What does that mean?', 'urgent', 'critical-result'],
    ['My result was flagged critical in the portal', 'urgent', 'critical-result'],
    ['Heart rate 145 sitting on the couch', 'urgent', 'heart-rate-abnormal'],
    ['My 3 week old will not eat', 'urgent', 'infant-not-feeding'],
    ["I'm on my last pen of Lantus", 'urgent', 'insulin-out'],
    ['No tengo insulina desde ayer', 'urgent', 'insulin-out'],
    ['Se me acabaron las pastillas para las convulsiones', 'urgent', 'antiseizure-out'],
    ['Contractions every 5 minutes at 33 weeks', 'urgent', 'labor-signs'],
    ["I can't pee at all since this morning", 'urgent', 'urinary-retention'],
    ['Mi presión está en 190/120', 'urgent', 'bp-high'],
    ['My blood sugar says HI on the meter', 'urgent', 'glucose-abnormal'],
    ['I have been short of breath walking to the mailbox', 'urgent', 'short-of-breath'],
  ]);

  it('suicidal thoughts with an explicit "no plan" are urgent, not emergency', () => {
    const r = rules('I have had suicidal thoughts this week but I have no plan and I feel safe');
    expect(r.floor).toBe('urgent');
    expect(ids(r)).toContain('suicidal-ideation');
  });
});

describe('numeric thresholds', () => {
  runCases([
    ['BP 182/96', 'urgent', 'bp-high'],
    ['BP 150/90', null],
    ['blood pressure 128/82', null],
    ['BP 170/112', 'urgent', 'bp-high'],
    ['BP 180/100 with a bad headache and blurry vision', 'emergency', 'bp-high'],
    ['sugar 45', 'urgent', 'glucose-abnormal'],
    ['sugar 350', 'urgent', 'glucose-abnormal'],
    ['sugar 120', null],
    ['glucose 2.8 mmol/L', 'urgent', 'glucose-abnormal'],
    ['My A1c was 9.5 and my fasting sugar 140', null],
    ['heart rate 72, normal', null],
    ['Temp 100.4 in my 10 year old', null],
    ['Temp 101.8 in my 10 year old with a cough', 'urgent', 'fever-high'],
    ['My oxygen was 86% on the pulse ox', 'emergency', 'oxygen-low'],
    ['Sugar was 250 at 7:30 this morning', null],
    ['I am 39 F and need a physical', null],
  ]);
});

describe('routine messages give no floor', () => {
  runCases([
    ['', null],
    ['Thanks!', null],
    ['Chest x-ray results?', null],
    ['Can you send the results of my chest CT?', null],
    ['Refill request: metformin. I still have 30 days left, no rush.', null],
    ['Refill please, I have 2 weeks of Eliquis left', null],
    ['I have a question about my bill from the March visit', null],
    ["I'm confused about the bill I got", null],
    ['Heart rate 72 normal, blood pressure 128/82, feeling great', null],
    ['Can I reschedule my appointment to next Tuesday?', null],
    ['Please fax my FMLA forms to my employer', null],
    ['Mild headache that is getting better with Tylenol', null],
    ['I am out of town next week, can we move my visit?', null],
    ["I can't talk on the phone during work hours, please message me", null],
    ['Is it OK to take ibuprofen with my blood pressure pill?', null],
    ['Sorry for the confusion about my appointment time', null],
    ['The pharmacy was out of my vitamin D, any alternative?', null],
    ['I sprained my ankle last week and it is improving', null],
    ['I take insulin without any problems, just need the annual refill', null],
    ['Tomo insulina sin problemas, gracias', null],
    ['Can you refill my atorvastatin? I have a week left.', null],
    ['My BP readings this week: 132/84, 128/80, 135/86.', null],
    ['My blood sugars have been 110-140 this week, is that ok?', null],
    ['My heart rate was 58 this morning, I am a runner.', null],
    ['My stitches came out today and the wound looks good, no redness.', null],
    ['The bleeding from my tooth extraction stopped after an hour.', null],
    ["I'm 28 weeks pregnant, my glucose test was 150, what next?", null],
    ['I read that statins can cause muscle pain, is that true?', null],
    ['Braxton Hicks contractions, is that normal?', null],
    ['Is this plant poisonous to dogs?', null],
    ["My doctor said it's critical that I take my meds on time", null],
    ['Hola doctora, necesito una cita para mi hijo', null],
    ['¿Puede mandar la receta de metformina a la farmacia?', null],
  ]);
});


// -------------------------------------------------------------------- lay wording families
describe('lay wording: aphasia / speech trouble (stroke)', () => {
  runCases([
    ['My words came out wrong this morning', 'emergency', 'stroke-speech'],
    ['Her words came out all jumbled at dinner', 'emergency', 'stroke-speech'],
    ['His sentences came out scrambled when he called me', 'emergency', 'stroke-speech'],
    ["He couldn't get the words out when he called me", 'emergency', 'stroke-speech'],
    ['She keeps saying the wrong words, like fork instead of phone', 'emergency', 'stroke-speech'],
    ['Dad has been babbling gibberish for the last hour', 'emergency', 'stroke-speech'],
    ['He makes no sense when he talks', 'emergency', 'stroke-speech'],
    ["My husband's speech sounds drunk but he hasn't had anything to drink", 'emergency', 'stroke-speech'],
    ['Suddenly I could not find the right words', 'emergency', 'stroke-speech'],
    ['A mi mamá no le salen las palabras', 'emergency', 'stroke-speech'],
    ['Mi papá habla como borracho y no ha tomado nada', 'emergency', 'stroke-speech'],
  ]);
  runNearMisses([
    ["It's hard to find words when I'm tired, it has been like this for years", null, 'stroke-speech'],
    ['I have had a stutter for years and sometimes I can’t get the words out', null, 'stroke-speech'],
    ['Sorry if my words came out wrong at the last visit', null, 'stroke-speech'],
    ["I'm nervous about saying the wrong words to my kids about the diagnosis", null, 'stroke-speech'],
    ['My dad has dementia and keeps saying the wrong words, same as always', null, 'stroke-speech'],
    ['He sounds drunk, he had six beers at the party', null, 'stroke-speech'],
    ['What if I can’t get the words out during my speech at the wedding?', null, 'stroke-speech'],
  ]);
});

describe('lay wording: one-sided hand / arm weakness (stroke)', () => {
  runCases([
    ["My right hand won't hold the cup", 'emergency', 'stroke-weakness'],
    ["Suddenly I can't grip anything with my left hand", 'emergency', 'stroke-weakness'],
    ['I keep dropping things with my left hand', 'emergency', 'stroke-weakness'],
    ['Since this morning she keeps dropping things', 'emergency', 'stroke-weakness'],
    ["All of a sudden he can't grip his fork", 'emergency', 'stroke-weakness'],
    ["Her hand won't hold anything, it started an hour ago", 'emergency', 'stroke-weakness'],
    ['My arm went heavy all of a sudden', 'emergency', 'stroke-weakness'],
    ['His arm went dead at lunch and he cannot lift it', 'emergency', 'stroke-weakness'],
    ['Her arm feels like dead weight', 'emergency', 'stroke-weakness'],
    ['La mano derecha no le responde', 'emergency', 'stroke-weakness'],
    ['De repente se le caen las cosas', 'emergency', 'stroke-weakness'],
  ]);
  runNearMisses([
    ['I dropped my phone and cracked the screen', null, 'stroke-weakness'],
    ['My toddler keeps dropping things', null, 'stroke-weakness'],
    ['I keep dropping things, my arthritis is acting up', null, 'stroke-weakness'],
    ["Can't grip the jar lids anymore because of arthritis", null, 'stroke-weakness'],
    ['My arm went dead after sleeping on it', null, 'stroke-weakness'],
    ['My arm went heavy after the flu shot, is that normal?', null, 'stroke-weakness'],
    ["I don't keep dropping things, I just feel tired", null, 'stroke-weakness'],
  ]);
});

describe('lay wording: suicide with plan or intent', () => {
  runCases([
    ["I've been saving up my pills", 'emergency', 'suicidal-plan'],
    ['I have been stockpiling my sleeping pills', 'emergency', 'suicidal-plan'],
    ["Tonight is the night. I can't keep doing this.", 'emergency', 'suicidal-plan'],
    ["I've made my plan. There is no reason to go on.", 'emergency', 'suicidal-plan'],
    ['I wrote letters to my kids and I have a bottle of pills next to me', 'emergency', 'suicidal-plan'],
    ["I won't be around much longer, I'm so tired of living", 'emergency', 'suicidal-plan'],
    ["I just wanted someone to know. I can't keep doing this.", 'emergency', 'suicidal-plan'],
    ["I can't keep doing this, my husband keeps a gun in the closet", 'emergency', 'suicidal-plan'],
    ['There is no reason to go on, I have the rope', 'emergency', 'suicidal-plan'],
    ["I can't do this anymore, I keep thinking about the bridge. I'm going to drive to the bridge", 'emergency', 'suicidal-plan'],
    ['I wrote a goodbye letter', 'emergency', 'suicidal-plan'],
    ['Quiero terminar con todo', 'emergency', 'suicidal-plan'],
    ['He guardado pastillas', 'emergency', 'suicidal-plan'],
    ['Ya no aguanto, tengo una pistola en la casa', 'emergency', 'suicidal-plan'],
    ['Ya no aguanto. Esta noche es la noche.', 'emergency', 'suicidal-plan'],
    // Hopelessness alone stays a same-day (urgent) message.
    ['Ya no aguanto', 'urgent', 'mental-health-worse'],
    ["I can't keep doing this", 'urgent', 'mental-health-worse'],
    ['I have passive suicidal thoughts, no plan, I am safe', 'urgent', 'suicidal-ideation'],
  ]);
  runNearMisses([
    ["I'm saving my pills for travel", null, 'suicidal-plan'],
    ["I've been saving up my pills for my trip to Mexico", null, 'suicidal-plan'],
    ["I've been stockpiling my meds because of the shortage", null, 'suicidal-plan'],
    ['Tonight is the night of the game!', null, 'suicidal-plan'],
    ['Tonight is the night', null, 'suicidal-plan'],
    ["I've made my plan for the diet, can you review it?", null, 'suicidal-plan'],
    ['I wrote letters to my kids for Christmas', null, 'suicidal-plan'],
    ["I won't be around next week, can we reschedule?", null, 'suicidal-plan'],
    ['He guardado las pastillas en el refrigerador', null, 'suicidal-plan'],
    ['I am not saving up my pills, I take them every day', null, 'suicidal-plan'],
    ["I can't keep doing this job, the night shifts are brutal", null, 'mental-health-worse'],
    ['Ya no aguanto el dolor de rodilla', 'urgent', 'suicidal-plan', 'mental-health-worse'],
    ['I have had suicidal thoughts this week but I have no plan and I feel safe', 'urgent', 'suicidal-plan'],
  ]);
});

describe('lay wording: fever in an infant under 3 months', () => {
  runCases([
    ['Tiene 6 semanas y marca 38.4', 'emergency', 'infant-fever'],
    ['Mi bebé de 2 meses está muy caliente', 'emergency', 'infant-fever'],
    ['Mi recién nacida tiene 38.2', 'emergency', 'infant-fever'],
    ['El recién nacido tiene calentura', 'emergency', 'infant-fever'],
    ['Mi hija nació hace 3 semanas y tiene 38,5', 'emergency', 'infant-fever'],
    ['My 7 week old feels hot', 'emergency', 'infant-fever'],
    ['Our newborn has a temp of 100.5', 'emergency', 'infant-fever'],
    ['Baby is 10 weeks and has a fever', 'emergency', 'infant-fever'],
    ['My son, 6 weeks, has a temp of 38.1 C', 'emergency', 'infant-fever'],
    ['Newborn, 100.6F rectal', 'emergency', 'infant-fever'],
    ["Our baby's 8 weeks and is warm to the touch", 'emergency', 'infant-fever'],
    ['My 11 week old son has a temperature of 38.0', 'emergency', 'infant-fever'],
    // "born 3 weeks ago" is an age, not a past event.
    ['My son was born 3 weeks ago and has a fever', 'emergency', 'infant-fever'],
  ]);
  runNearMisses([
    ['My 5 month old has a temp of 38.4', 'urgent', 'infant-fever'],
    ['My 5 month old has a temp of 38.1', null, 'infant-fever'],
    ['Mi bebé de 5 meses marca 38.4', 'urgent', 'infant-fever'],
    ['Can I book my 6 week postpartum check? The baby is doing great.', null, 'infant-fever'],
    ["I'm 6 weeks postpartum and have had a fever of 101.5 since last night", 'urgent', 'infant-fever'],
    ['Mi recién nacida tiene 37.6', null, 'infant-fever'],
    ['My daughter is 8 weeks pregnant and has a fever', null, 'infant-fever'],
    ['The room feels hot, my 3 week old is fine', null, 'infant-fever'],
    ['El agua está muy caliente para bañar a mi bebé de 3 semanas', null, 'infant-fever'],
    ['My 6 week old weighs 10.2 lbs now', null, 'infant-fever'],
  ]);
  it('the 5-month-old near miss is the ordinary high-fever rule', () => {
    expect(ids(rules('My 5 month old has a temp of 38.4'))).toEqual(['fever-high']);
  });
});

describe('lay wording: severe breathing trouble', () => {
  runCases([
    ["He can't finish a sentence without stopping to breathe", 'emergency', 'breathing-severe'],
    ['I have to stop to breathe between words', 'emergency', 'breathing-severe'],
    ["I can't finish a sentence, I'm so out of breath", 'emergency', 'breathing-severe'],
    ['His lips have gone a bit gray', 'emergency', 'breathing-severe'],
    ['Her fingernails look dusky', 'emergency', 'breathing-severe'],
    ["The inhaler hasn't done anything", 'emergency', 'breathing-severe'],
    ['My inhaler only helps for a few minutes', 'emergency', 'breathing-severe'],
    ["I've used my inhaler 4 times in the last hour", 'emergency', 'breathing-severe'],
    ["Her inhaler isn't really working, she's used it 4 times since lunch", 'emergency', 'breathing-severe'],
    ['Albuterol every 20 minutes since 5am', 'emergency', 'breathing-severe'],
    ['My peak flow is 150, normally 450', 'emergency', 'breathing-severe'],
    ['Peak flow is half of my normal', 'emergency', 'breathing-severe'],
    ['My peak flow is way lower than usual', 'emergency', 'breathing-severe'],
    ['My best peak flow is 500 and today it is 210', 'emergency', 'breathing-severe'],
    ["My son's ribs are caving in when he breathes", 'emergency', 'breathing-severe'],
    ['You can see the skin sucking in between her ribs', 'emergency', 'breathing-severe'],
    ["I can't get enough air", 'emergency', 'breathing-severe'],
    ['He is struggling for air', 'emergency', 'breathing-severe'],
    ['Le cuesta respirar', 'emergency', 'breathing-severe'],
    ['No le entra el aire', 'emergency', 'breathing-severe'],
    ['Se le hunden las costillas al respirar', 'emergency', 'breathing-severe'],
    ['El niño se puso morado', 'emergency', 'breathing-severe'],
    ['Tiene los labios moraditos', 'emergency', 'breathing-severe'],
    // Less extreme numbers: same-day.
    ['Peak flow 350, my best is 450', 'urgent', 'breathing-severe'],
    ['I used my inhaler 3 times today', 'urgent', 'breathing-severe'],
    ['I have been using my inhaler 4 times a day this week', 'urgent', 'breathing-severe'],
  ]);
  runNearMisses([
    ["I'm so distracted I can't finish a sentence", null, 'breathing-severe'],
    ['My toddler is speaking in two word sentences', null, 'breathing-severe'],
    ['I use my inhaler about 2 times a week', null, 'breathing-severe'],
    ['My peak flow is 450, my normal is 460', null, 'breathing-severe'],
    ['I wrote my peak flow readings down for the appointment', null, 'breathing-severe'],
    ["My son's inhaler is expired, can you send a new one?", null, 'breathing-severe'],
    ['I used it 4 times today (the new lotion) and the rash is better', null, 'breathing-severe'],
  ]);
});

describe('lay wording: new confusion and sepsis in a relative', () => {
  runCases([
    ['Grandma is really out of it today', 'emergency', 'confusion'],
    ['My dad seems out of it and is burning up', 'emergency', 'confusion'],
    ['Grandpa confused since yesterday, not like him', 'emergency', 'confusion'],
    ["She doesn't make sense when we talk to her", 'emergency', 'confusion'],
    ['He is drowsy and confused', 'emergency', 'confusion'],
    ["Dad didn't recognize his own house", 'emergency', 'confusion'],
    ['Mom has dementia but today she is much more confused than usual', 'emergency', 'confusion'],
    ['Mi papá está como ido', 'emergency', 'confusion'],
    ['Mi mamá no está en sí desde ayer', 'emergency', 'confusion'],
    ['He is acting strange and has a fever', 'emergency', 'behavior-change'],
    ["Dad isn't waking up properly", 'emergency', 'unresponsive'],
    ['We can barely rouse her', 'emergency', 'unresponsive'],
    ['Mom has shaking chills', 'emergency', 'rigors'],
    ["She's shaking with chills and has a fever of 102", 'emergency', 'sepsis-signs'],
    ['She has shaking chills', 'urgent', 'rigors'],
    ['He is acting strange today', 'urgent', 'behavior-change'],
  ]);
  runNearMisses([
    ['Mom has dementia, same as always', null, 'confusion'],
    ['Mom has dementia and she is confused, same as always', null, 'confusion'],
    ['I was confused by the bill', null, 'confusion'],
    ["I'm out of it today, too much coffee", null, 'confusion'],
    ["I've been out of it all week with this cold", null, 'confusion'],
    ["My mom's out of it, can you refill her Eliquis?", null, 'confusion'],
    ["I'm confused since the portal changed", null, 'confusion'],
    ['Mom is acting funny about the new caregiver', null, 'behavior-change'],
    ["She doesn't have shaking chills", null, 'rigors', 'sepsis-signs'],
  ]);

  it('fever with a lay confusion phrase is labelled as possible sepsis', () => {
    const m = rules('My dad seems out of it and is burning up').matches.find((x) => x.ruleId === 'confusion')!;
    expect(m.label).toMatch(/sepsis/i);
  });
});

describe('robustness', () => {
  it('handles HTML-like input and maps offsets back', () => {
    const text = '<div>Hi doctor,</div><p>My <b>chest</b> hurts and I&#39;m short of breath&nbsp;now</p>';
    const r = rules(text);
    expect(r.floor).toBe('emergency');
    expect(ids(r)).toContain('chest-pain');
    expect(r.matches.find((m) => m.ruleId === 'chest-pain')!.phrase).toContain('chest</b> hurts');
  });

  it('keeps original casing and accents in phrases', () => {
    const text = 'Mi papá tiene la CARA CAÍDA';
    const r = rules(text);
    expect(r.matches[0]).toMatchObject({ ruleId: 'stroke-face-droop', phrase: 'CARA CAÍDA' });
  });

  it('returns an empty result for empty and whitespace input', () => {
    expect(rules('')).toEqual({ floor: null, matches: [], suppressed: [] });
    expect(rules('   \n\t ')).toEqual({ floor: null, matches: [], suppressed: [] });
  });

  it('never throws on odd input', () => {
    const odd = ['\u0000\uffff', '😀'.repeat(1000), '<'.repeat(5000), '&#99999999;', 'a'.repeat(50_000), '\ud800'];
    for (const t of odd) expect(() => rules(t)).not.toThrow();
    expect(() => applyRules(undefined as unknown as string)).not.toThrow();
  });

  it('handles a 100 KB input (including adversarial runs) and still finds flags', () => {
    const chunk = 'Just checking in about my appointment and the bill, thanks so much for everything. ';
    const mundane = chunk.repeat(Math.ceil(70_000 / chunk.length));
    const adversarial = 'a'.repeat(20_000) + ' ' + 'sugar '.repeat(2000) + '1/'.repeat(2000);
    const text = `${mundane}${adversarial}\nAlso my chest hurts and I cannot breathe.`;
    expect(text.length).toBeGreaterThan(100_000);
    const t0 = Date.now();
    const r = rules(text);
    const ms = Date.now() - t0;
    expect(r.floor).toBe('emergency');
    expect(ms).toBeLessThan(10_000);
  });

  it('is deterministic and exposes a version', () => {
    const t = 'My BP was 182/96 and my sugar was 45';
    expect(rules(t)).toEqual(rules(t));
    expect(typeof RULES_VERSION).toBe('string');
    expect(RULES_VERSION.length).toBeGreaterThan(0);
  });

  it('rule table patterns are written for normalised (lowercase) text', () => {
    for (const rule of RULE_TABLE) {
      expect(rule.patterns.length, rule.id).toBeGreaterThan(0);
      for (const p of rule.patterns) {
        const re = p instanceof RegExp ? p : p.re;
        expect(re.source.replace(/\\[A-Za-z]/g, ''), `${rule.id}: ${re.source}`).not.toMatch(/[A-Z]/);
        expect(re.test(''), `${rule.id} matches empty`).toBe(false);
      }
    }
  });

  it('orders matches by start and combines levels into the floor', () => {
    const r = rules('Sugar 350 this morning. Now I passed out and my wife found me.');
    expect(r.floor).toBe('emergency');
    expect(ids(r)).toEqual(['glucose-abnormal', 'fainting']);
  });
});
