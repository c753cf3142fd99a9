import { describe, expect, it } from 'vitest';
import { SHORT_TEXT_WORDS, fuse, wordCount, type RuleResult } from './fusion';
import type { ModelOutput } from './decide';
import { TriageResultSchema } from './result';
import { URGENCIES, urgencyRank, type Urgency } from './labels';
import { textHash } from '../util/hash';

const CAT = { symptom: 0.7, medication: 0.1, results: 0.05, scheduling: 0.05, administrative: 0.05, acknowledgement: 0.05 };

function modelOut(urgency: Urgency, p: [number, number, number], category: ModelOutput['category'] = 'symptom'): ModelOutput {
  const [e, u, r] = p;
  return {
    probs: { urgency: { emergency: e, urgent: u, routine: r }, category: CAT },
    score: e + 0.5 * u,
    urgency,
    category,
    embedding: [0.6, 0.8],
  };
}

const NO_RULES: RuleResult = { floor: null, matches: [], suppressed: [] };
const CHEST: RuleResult = {
  floor: 'emergency',
  matches: [{ ruleId: 'chest-pain', label: 'Chest pain', level: 'emergency', phrase: 'chest pain', start: 0, end: 10 }],
  suppressed: [],
};
const FEVER: RuleResult = {
  floor: 'urgent',
  matches: [{ ruleId: 'fever-high', label: 'High fever', level: 'urgent', phrase: 'fever of 102', start: 5, end: 17 }],
  suppressed: [],
};

describe('fuse: model only', () => {
  it('keeps the model level, score, category and probabilities', () => {
    const m = modelOut('urgent', [0.125, 0.625, 0.25]);
    const r = fuse('my knee is swollen and hot', 'h1', m, NO_RULES);
    expect(r).toEqual({
      textHash: 'h1',
      urgency: 'urgent',
      score: 0.4375,
      category: 'symptom',
      probs: { urgency: { emergency: 0.125, urgent: 0.625, routine: 0.25 }, category: CAT },
      redFlags: [],
      source: 'model',
      reasons: ['Model: urgent 0.63'],
      salient: [],
    });
    expect(TriageResultSchema.parse(r)).toEqual(r);
  });
  it('adds salient phrases after the model reason', () => {
    const m = modelOut('emergency', [0.93, 0.05, 0.02]);
    const r = fuse('crushing chest pain since this morning', undefined, m, NO_RULES, [
      { text: 'chest pain', weight: 0.41 },
      { text: 'crushing', weight: 0.12 },
    ]);
    expect(r.textHash).toBe(textHash('crushing chest pain since this morning'));
    expect(r.reasons).toEqual(['Model: emergency 0.93', 'Driven by: “chest pain”, “crushing”']);
    expect(r.salient).toEqual([
      { text: 'chest pain', weight: 0.41 },
      { text: 'crushing', weight: 0.12 },
    ]);
    expect(r.score).toBeCloseTo(0.955, 12);
  });
});

describe('fuse: rules raise, never lower', () => {
  it('raises routine to emergency and lifts the score to the emergency band', () => {
    const m = modelOut('routine', [0.1, 0.1, 0.8]);
    const r = fuse('chest pain again', 'h', m, CHEST, [{ text: 'again', weight: 0.01 }]);
    expect(r.urgency).toBe('emergency');
    expect(r.source).toBe('model+rules');
    expect(r.score).toBe(0.9);
    expect(r.category).toBe('symptom');
    expect(r.redFlags).toEqual([{ ruleId: 'chest-pain', label: 'Chest pain', level: 'emergency', phrase: 'chest pain' }]);
    expect(r.reasons).toEqual(['Chest pain: “chest pain”', 'Model: routine 0.80', 'Driven by: “again”']);
  });
  it('raises routine to urgent with score 0.6', () => {
    const r = fuse('t', 'h', modelOut('routine', [0.02, 0.1, 0.88]), FEVER);
    expect(r.urgency).toBe('urgent');
    expect(r.score).toBe(0.6);
    expect(r.source).toBe('model+rules');
  });
  it('raises urgent to emergency, keeping a score already above the floor', () => {
    const r = fuse('t', 'h', modelOut('urgent', [0.45, 0.55, 0]), CHEST);
    expect(r.urgency).toBe('emergency');
    expect(r.score).toBe(0.9);
    const r2 = fuse('t', 'h', { ...modelOut('urgent', [0.45, 0.55, 0]), score: 0.95 }, CHEST);
    expect(r2.score).toBe(0.95);
  });
  it('does not lower an emergency when the rules only say urgent', () => {
    const m = modelOut('emergency', [0.8, 0.15, 0.05]);
    const r = fuse('a message of at least five words', 'h', m, FEVER);
    expect(r.urgency).toBe('emergency');
    expect(r.source).toBe('model');
    expect(r.score).toBeCloseTo(0.875, 12);
    expect(r.reasons).toEqual(['High fever: “fever of 102”', 'Model: emergency 0.80']);
    expect(r.redFlags).toHaveLength(1);
  });
  it('same level as the floor: the model stands and the score is unchanged', () => {
    const r = fuse('t', 'h', modelOut('urgent', [0.05, 0.5, 0.45]), FEVER);
    expect(r.urgency).toBe('urgent');
    expect(r.source).toBe('model');
    expect(r.score).toBeCloseTo(0.3, 12);
  });
  it('never lowers, over every model level x rule floor', () => {
    const floors: RuleResult[] = [NO_RULES, FEVER, CHEST];
    for (const u of URGENCIES) {
      for (const rr of floors) {
        const m = modelOut(u, u === 'emergency' ? [0.9, 0.05, 0.05] : u === 'urgent' ? [0.2, 0.6, 0.2] : [0.01, 0.04, 0.95]);
        const r = fuse('a message of at least five words', 'h', m, rr);
        expect(urgencyRank(r.urgency)).toBeGreaterThanOrEqual(urgencyRank(u));
        expect(urgencyRank(r.urgency)).toBeGreaterThanOrEqual(rr.floor ? urgencyRank(rr.floor) : 0);
        expect(r.score).toBeGreaterThanOrEqual(m.score);
        expect(r.score).toBeLessThanOrEqual(1);
        expect(r.source).toBe(urgencyRank(r.urgency) > urgencyRank(u) ? 'model+rules' : 'model');
      }
    }
  });
  it('a routine floor changes nothing', () => {
    const m = modelOut('routine', [0.01, 0.04, 0.95]);
    const r = fuse('t', 'h', m, { floor: 'routine', matches: [] });
    expect(r.urgency).toBe('routine');
    expect(r.source).toBe('model');
    expect(r.score).toBe(m.score);
    expect(fuse('t', 'h', null, { floor: 'routine', matches: [] }).score).toBe(0.1);
  });
  it('keeps the score within 0..1', () => {
    const r = fuse('t', 'h', { ...modelOut('routine', [0, 0, 1]), score: 1.2 }, NO_RULES);
    expect(r.score).toBe(1);
  });
});

describe('fuse: rules only (model null)', () => {
  it('uses the rule floor, band scores, no category and no probabilities', () => {
    const r = fuse('chest pain', 'h', null, CHEST, [{ text: 'ignored', weight: 1 }]);
    expect(r).toEqual({
      textHash: 'h',
      urgency: 'emergency',
      score: 0.91,
      category: null,
      probs: null,
      redFlags: [{ ruleId: 'chest-pain', label: 'Chest pain', level: 'emergency', phrase: 'chest pain' }],
      source: 'rules',
      reasons: ['Chest pain: “chest pain”'],
      salient: [],
    });
  });
  it('routine at 0.1 when nothing matches', () => {
    const r = fuse('see you tuesday', 'h', null, NO_RULES);
    expect(r.urgency).toBe('routine');
    expect(r.score).toBe(0.1);
    expect(r.source).toBe('rules');
    expect(r.reasons).toEqual(['No red-flag phrases found']);
  });
  it('orders emergency flags first and removes repeated reasons', () => {
    const rules: RuleResult = {
      floor: 'emergency',
      matches: [...FEVER.matches, ...CHEST.matches, ...CHEST.matches],
    };
    const r = fuse('t', 'h', null, rules);
    expect(r.reasons).toEqual(['Chest pain: “chest pain”', 'High fever: “fever of 102”']);
    expect(r.redFlags).toHaveLength(3);
    expect(r.score).toBeCloseTo(0.93, 12);
  });
});

describe('fuse: too few words for the model alone', () => {
  it('counts words in any script, not punctuation or spaces', () => {
    expect(wordCount('  Refill   request ')).toBe(2);
    expect(wordCount('ألم في الصدر')).toBe(3);
    expect(wordCount('胸痛')).toBe(2);
    expect(wordCount('我老公刚才在厨房突然晕倒了')).toBe(13);
    expect(wordCount('Keppra 切れそう')).toBe(5);
    expect(wordCount(' \n\t -- !! ')).toBe(0);
    expect(SHORT_TEXT_WORDS).toBe(5);
  });

  it('a short text the model calls an emergency is shown urgent, below the emergency band, and says why', () => {
    const r = fuse('Refill request', 'h', modelOut('emergency', [0.08, 0.3, 0.62]), NO_RULES);
    expect(r.urgency).toBe('urgent');
    expect(r.score).toBeCloseTo(0.23, 6);
    expect(r.source).toBe('model');
    expect(r.reasons).toEqual(['Only 2 words to go on: open the message for its full triage', 'Model: emergency 0.08']);
  });

  it('the score stays below the emergency band even when the model is sure', () => {
    const r = fuse('feeling much worse', 'h', modelOut('emergency', [0.95, 0.05, 0]), NO_RULES);
    expect(r.urgency).toBe('urgent');
    expect(r.score).toBe(0.89);
  });

  it('the red-flag rules still make a short text an emergency', () => {
    const r = fuse('chest pain', 'h', modelOut('emergency', [0.9, 0.1, 0]), CHEST);
    expect(r.urgency).toBe('emergency');
    expect(r.score).toBeGreaterThanOrEqual(0.9);
    expect(r.source).toBe('model+rules');
  });

  it('five words or more: the model decides as usual', () => {
    const r = fuse('my chest feels heavy today', 'h', modelOut('emergency', [0.5, 0.3, 0.2]), NO_RULES);
    expect(r.urgency).toBe('emergency');
    expect(r.score).toBeCloseTo(0.65, 6);
  });

  it('no text at all: routine with "read it yourself", never a confident level', () => {
    const r = fuse('   ', 'h', modelOut('emergency', [0.6, 0.3, 0.1]), NO_RULES);
    expect(r.urgency).toBe('routine');
    expect(r.score).toBe(0.1);
    expect(r.reasons[0]).toBe('No text to read here: open the message and read it yourself');
  });

  it('urgent and routine short texts are left as the model says', () => {
    expect(fuse('ok thx', 'h', modelOut('routine', [0.01, 0.04, 0.95]), NO_RULES).urgency).toBe('routine');
    expect(fuse('rash again', 'h', modelOut('urgent', [0.05, 0.6, 0.35]), NO_RULES).urgency).toBe('urgent');
  });
});

describe('fuse: a message in a script the model cannot read', () => {
  const ARABIC = 'أبي لا يستطيع الكلام ووجهه مائل منذ نصف ساعة';
  it('is never routine on the model\'s word: at least urgent, with the reason first', () => {
    const r = fuse(ARABIC, 'h', modelOut('routine', [0.01, 0.04, 0.95]), NO_RULES);
    expect(r.urgency).toBe('urgent');
    expect(r.score).toBeGreaterThanOrEqual(0.6);
    expect(r.reasons[0]).toBe('Written in Arabic: the model reads English and Spanish, so this is shown as at least urgent until someone reads it');
    expect(r.source).toBe('model');
    expect(r.category).toBeNull(); // the model's category for text it cannot read is not shown
    expect(TriageResultSchema.safeParse(r).success).toBe(true);
    expect(fuse('thanks so much, see you tuesday', 'h', modelOut('routine', [0.01, 0.04, 0.95]), NO_RULES).category).not.toBeNull();
  });
  it('the model\'s emergency on text it cannot read is a guess: urgent, with no "driven by" words; the rules still raise', () => {
    const r = fuse('متى موعدي القادم؟ شكرا', 'h', modelOut('emergency', [0.86, 0.1, 0.04]), NO_RULES);
    expect(r.urgency).toBe('urgent');
    expect(r.score).toBeLessThan(0.9); // below every emergency
    expect(r.salient).toEqual([]);
    expect(r.reasons.some((x) => x.includes('a guess: it cannot read this script'))).toBe(true);
    expect(fuse(`胸痛 ${ARABIC}`, 'h', modelOut('routine', [0.01, 0.04, 0.95]), CHEST).urgency).toBe('emergency');
  });
  it('rules only (model unavailable): urgent too', () => {
    const r = fuse('У меня болит живот уже неделю', 'h', null, NO_RULES);
    expect(r.urgency).toBe('urgent');
    expect(r.reasons[0]).toContain('Written in Cyrillic');
  });
  it('English and Spanish are unaffected', () => {
    expect(fuse('thanks so much, see you tuesday', 'h', modelOut('routine', [0.01, 0.04, 0.95]), NO_RULES).urgency).toBe('routine');
    expect(fuse('gracias doctora, nos vemos el martes', 'h', null, NO_RULES).urgency).toBe('routine');
  });
});
