import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from './defaults';
import { ACK_MIN_PROB, composeDraft, draftFromTemplate, safetyOrder, SIM_FLOOR, suggestDrafts, withDisclosure, type DraftRequest, type DraftTriage } from './engine';
import { readability } from './readability';
import { MEDICATIONS } from './slots';
import { CATEGORIES, URGENCIES } from '../triage/labels';
import { applyRules } from '../triage/rules';
import { rulesTriage } from '../triage/rules-triage';

const settings = { clinicianName: 'Dr. Avery Chen', signOff: '', clinicPhone: '(555) 010-0200', practiceName: 'Riverside Family Medicine', tone: 'brief' as const };

function probs(category: string, urgency = 'routine', p = 0.9) {
  const rest = (xs: readonly string[], top: string) => Object.fromEntries(xs.map((x) => [x, x === top ? p : (1 - p) / (xs.length - 1)]));
  return { category: rest(CATEGORIES, category), urgency: rest(URGENCIES, urgency) };
}

function triage(over: Partial<DraftTriage>): DraftTriage {
  return { urgency: 'routine', category: null, probs: null, redFlags: [], ...over };
}

function req(body: string, t: DraftTriage, over: Partial<DraftRequest> = {}): DraftRequest {
  return { message: { subject: '', body, sender: 'Kayla Simmons' }, triage: t, settings, templates: DEFAULT_TEMPLATES, ...over };
}

/** A message triaged by the red-flag rules only (no model): deterministic. */
function byRules(subject: string, body: string): DraftTriage {
  const r = rulesTriage(`${subject}\n${body}`, 'h');
  return { urgency: r.urgency, category: r.category, probs: r.probs, redFlags: r.redFlags };
}

describe('default templates', () => {
  it('every default reads at grade 7 or below, in English and Spanish, brief and warm', () => {
    const slots = { firstName: 'Maria', medication: 'lisinopril 10 mg', medicationName: 'lisinopril', test: 'cholesterol', form: 'FMLA', date: 'March 3', clinicPhone: '(555) 010-0200', clinicianName: 'Dr. Avery Chen' };
    const grades: number[] = [];
    for (const t of DEFAULT_TEMPLATES) {
      for (const lang of ['en', 'es'] as const) {
        expect(t.text[lang], `${t.id} has ${lang}`).toBeDefined();
        for (const tone of ['brief', 'warm'] as const) {
          const d = composeDraft(t, lang, tone, slots, settings);
          const g = readability(d.text, lang).grade;
          grades.push(g);
          expect(g, `${t.id} ${lang} ${tone}: grade ${g}`).toBeLessThanOrEqual(7);
        }
      }
    }
    expect(Math.max(...grades)).toBeLessThanOrEqual(7);
  });

  it('name no medicine, test or dose of their own (those come from the message or are placeholders)', () => {
    for (const t of DEFAULT_TEMPLATES) {
      const all = JSON.stringify(t.text).toLowerCase();
      for (const m of MEDICATIONS) if (m.length > 4) expect(all.includes(m), `${t.id} names ${m}`).toBe(false);
      expect(/\d+\s?(mg|mcg|units?)\b/.test(all), `${t.id} names a dose`).toBe(false);
    }
  });
});

describe('safety', () => {
  it('an emergency gets safety replies only, 911 first, and a prompt to phone the patient now', () => {
    const t = byRules('chest', 'Heavy pressure in my chest going into my left arm, sweating.');
    expect(t.urgency).toBe('emergency');
    const s = suggestDrafts(req('Heavy pressure in my chest going into my left arm, sweating.', t));
    expect(s.callPatientNow).toBe(true);
    expect(s.drafts.map((d) => d.templateId)).toEqual(['safety-911', 'safety-ed']);
    expect(s.drafts[0]!.text).toBe(
      'Hi Kayla,\n\nWhat you describe could be an emergency. Please call 911 now. Do not drive yourself. I am trying to reach you by phone now.\n\nDr. Avery Chen',
    );
  });

  it('thoughts of suicide: 988 first (with 911 in it), then 911', () => {
    const body = 'I have a plan to end my life tonight.';
    const t = byRules('', body);
    expect(t.urgency).toBe('emergency');
    const s = suggestDrafts(req(body, t));
    expect(s.drafts.map((d) => d.templateId)).toEqual(['safety-988', 'safety-911']);
    expect(s.drafts[0]!.text).toContain('call or text 988');
    expect(s.drafts[0]!.text).toContain('call 911');
  });

  it('infant fever: the emergency room first', () => {
    expect(safetyOrder([{ ruleId: 'infant-fever', level: 'emergency' }])).toEqual(['ed', '911']);
    expect(safetyOrder([{ ruleId: 'infant-fever', level: 'emergency' }, { ruleId: 'breathing-severe', level: 'emergency' }])).toEqual(['911', 'ed']);
    expect(safetyOrder([])).toEqual(['911', 'ed']);
  });

  it('an emergency from the model alone still gets the safety reply first, even if the model calls it a refill', () => {
    const s = suggestDrafts(req('refill', triage({ urgency: 'emergency', category: 'medication', probs: probs('medication', 'emergency') })));
    expect(s.drafts[0]!.kind).toBe('safety');
    expect(s.drafts.every((d) => d.kind === 'safety')).toBe(true);
  });

  it('the safety reply cannot be lost: without the practice’s safety templates the defaults are used', () => {
    const noSafety = DEFAULT_TEMPLATES.filter((t) => t.kind !== 'safety');
    const s = suggestDrafts(req('chest pain', triage({ urgency: 'emergency' }), { templates: noSafety }));
    expect(s.drafts.map((d) => d.templateId)).toEqual(['safety-911', 'safety-ed']);
  });

  it('no draft for an acknowledgement unless asked', () => {
    const t = triage({ category: 'acknowledgement', probs: probs('acknowledgement') });
    const s = suggestDrafts(req('Thanks so much, feeling better!', t));
    expect(s).toMatchObject({ noReplyNeeded: true, drafts: [] });
    const asked = suggestDrafts(req('Thanks so much, feeling better!', t, { includeAcknowledgement: true }));
    expect(asked.drafts[0]!.templateId).toBe('ack-thanks');
  });

  it('"no reply needed" only when the model is fairly sure it is a thank-you', () => {
    // acknowledgement by a small margin (0.40 vs symptom 0.35): a symptom report must still get drafts
    const unsure = { category: { symptom: 0.35, medication: 0.05, results: 0.05, scheduling: 0.1, administrative: 0.05, acknowledgement: 0.4 }, urgency: probs('symptom').urgency };
    const s = suggestDrafts(req('Sore knee since the weekend.', triage({ category: 'acknowledgement', probs: unsure })));
    expect(s.noReplyNeeded).toBe(false);
    expect(s.drafts.length).toBeGreaterThan(0);
    expect(ACK_MIN_PROB).toBeGreaterThan(0.4);
  });

  it('Spanish messages are not ranked by the (English) embedding: a Spanish example does not pull every Spanish message', () => {
    const t = triage({ category: 'symptom', probs: probs('symptom') });
    // every template's examples far from the message, except one unrelated template "matching" it
    const intents = Object.fromEntries(DEFAULT_TEMPLATES.map((x) => [x.id, [x.id === 'mental-health-support' ? [1, 0, 0] : [0, 1, 0]]]));
    const es = suggestDrafts(req('Me duele la espalda baja desde el lunes', t, { embeddings: { message: [1, 0, 0], intents } }));
    expect(es.lang).toBe('es');
    expect(es.drafts[0]!.templateId).not.toBe('mental-health-support');
    expect(es.drafts.every((d) => !d.why.some((w) => w.startsWith('similar')))).toBe(true);
    const en = suggestDrafts(req('My lower back hurts since Monday', t, { embeddings: { message: [1, 0, 0], intents } }));
    expect(en.drafts[0]!.templateId).toBe('mental-health-support');
  });

  it('never invents a medicine: without one in the message the draft has a placeholder and cannot be inserted as is', () => {
    const s = suggestDrafts(req('refill pls', triage({ category: 'medication', probs: probs('medication') })));
    const d = s.drafts.find((x) => x.templateId === 'med-refill-sent')!;
    expect(d.text).toContain('I sent a refill of [[medication and dose]] to your pharmacy.');
    expect(d.placeholders).toEqual(['medication and dose']);
  });
});

describe('choosing and ranking', () => {
  it('a refill request: refill drafts first, with the medicine and dose from the message', () => {
    const body = 'hi can i get a refil on my zoloft 50 mg i have like a week left thank u';
    const s = suggestDrafts(req(body, triage({ category: 'medication', probs: probs('medication') })));
    expect(s.drafts).toHaveLength(3);
    expect(s.drafts[0]!.templateId).toBe('med-refill-sent');
    expect(s.drafts[0]!.text).toBe(
      'Hi Kayla,\n\nI sent a refill of zoloft 50 mg to your pharmacy. Please call the pharmacy before you go to make sure it is ready.\n\nDr. Avery Chen',
    );
    expect(s.drafts[0]!.placeholders).toEqual([]);
    expect(s.drafts[0]!.readability.grade).toBeLessThanOrEqual(7);
  });

  it('uses the model’s embedding similarity to choose among templates of one category', () => {
    const t = triage({ category: 'results', probs: probs('results') });
    const base = { message: [1, 0, 0], intents: { 'results-normal': [[0, 1, 0]], 'results-talk': [[0, 0, 1]], 'results-explain': [[0.95, 0.31, 0]] } };
    const s = suggestDrafts(req('question about my labs', t, { embeddings: base }));
    expect(s.drafts[0]!.templateId).toBe('results-explain');
    const s2 = suggestDrafts(req('question about my labs', t, { embeddings: { ...base, message: [0, 0, 1] } }));
    expect(s2.drafts[0]!.templateId).toBe('results-talk');
  });

  it('a similarity below the floor is noise: a topic template (mood) does not win a mole question on it', () => {
    const t = triage({ category: 'symptom', probs: probs('symptom') });
    const mole = 'A mole on my back looks bigger than last summer. Is this something to worry about?';
    const cos = (c: number) => [c, Math.sqrt(1 - c * c), 0];
    // the mood template's examples are a bit closer (0.45) than the others' (0.30): both below SIM_FLOOR
    const intents = Object.fromEntries(DEFAULT_TEMPLATES.map((x) => [x.id, [x.id === 'mental-health-support' ? cos(0.45) : cos(0.3)]]));
    const s = suggestDrafts(req(mole, t, { embeddings: { message: [1, 0, 0], intents } }));
    expect(s.drafts[0]!.templateId).not.toBe('mental-health-support');
    expect(s.drafts.find((d) => d.templateId === 'mental-health-support')?.why.join(' ') ?? '').not.toContain('similar');
    // clearly similar (above the floor), it does come first
    const close = Object.fromEntries(DEFAULT_TEMPLATES.map((x) => [x.id, [x.id === 'mental-health-support' ? cos(0.9) : cos(0.3)]]));
    expect(suggestDrafts(req(mole, t, { embeddings: { message: [1, 0, 0], intents: close } })).drafts[0]!.templateId).toBe('mental-health-support');
    expect(SIM_FLOOR).toBeGreaterThan(0.45);
  });

  it('urgent symptoms: only templates for the urgent level', () => {
    const s = suggestDrafts(req('My wound is red, swollen and leaking pus.', triage({ urgency: 'urgent', category: 'symptom', probs: probs('symptom', 'urgent') })));
    expect(s.drafts[0]!.templateId).toBe('symptom-same-day');
    for (const d of s.drafts) expect(DEFAULT_TEMPLATES.find((x) => x.id === d.templateId)!.urgencies).toContain('urgent');
  });

  it('works on the rules alone (no category, no probabilities) from keywords', () => {
    const s = suggestDrafts(req('Why was I charged a facility fee on my bill?', triage({})));
    expect(s.drafts[0]!.templateId).toBe('admin-billing');
  });

  it('a warm tone adds a kind sentence and a closing', () => {
    const s = suggestDrafts(req('Can I set up a payment plan for my balance?', triage({ category: 'administrative' }), { tone: 'warm' }));
    expect(s.drafts[0]!.text).toBe(
      'Hi Kayla,\n\nThank you for your message. I know bills can be stressful. I sent your billing question to our office staff, and they will contact you. You can also call them at (555) 010-0200.\n\nTake care,\nDr. Avery Chen',
    );
  });
});

describe('Spanish', () => {
  it('drafts in Spanish for a message in Spanish, with the medicine and dose from the message', () => {
    const body = 'Buenas tardes, necesito resurtido de mi losartán de 50 mg, me quedan como 10 pastillas. Es en la farmacia CVS de siempre. Gracias.';
    const s = suggestDrafts({ ...req(body, triage({ category: 'medication', probs: probs('medication') })), message: { subject: 'resurtido', body, sender: 'Alejandro Ruiz' } });
    expect(s.lang).toBe('es');
    expect(s.drafts[0]!.templateId).toBe('med-refill-sent');
    expect(s.drafts[0]!.text).toBe(
      'Hola, Alejandro:\n\nEnvié el resurtido de losartán 50 mg a su farmacia. Llame a la farmacia antes de ir para saber si ya está listo.\n\nDr. Avery Chen',
    );
    expect(s.drafts[0]!.readability.formula).toBe('Crawford (Spanish)');
  });

  it('a Spanish emergency gets the Spanish safety reply', () => {
    const body = 'Tengo un dolor muy fuerte en el pecho y me duele el brazo izquierdo, estoy sudando.';
    const t = byRules('', body);
    expect(t.urgency).toBe('emergency');
    const s = suggestDrafts({ ...req(body, t), message: { subject: 'dolor', body, sender: 'Luz Marina Cortés' } });
    expect(s.lang).toBe('es');
    expect(s.drafts[0]!.text).toContain('Llame al 911 ahora.');
    expect(s.drafts[0]!.text.startsWith('Hola, Luz:')).toBe(true);
  });

  it('falls back to the other language when a template has none, and says so', () => {
    const only = { ...DEFAULT_TEMPLATES.find((t) => t.id === 'general-reply')!, id: 'en-only', text: { en: { brief: 'Thanks. [[Your reply]]' } } };
    const d = draftFromTemplate(only, { ...req('Hola, gracias por todo, tengo una pregunta', triage({})), lang: 'es' });
    expect(d).toMatchObject({ lang: 'en', langFallback: true });
  });
});

describe('disclosure line', () => {
  it('adds and removes the line, in the draft’s language', () => {
    const on = withDisclosure('Hi Ann,\n\nDone.\n\nDr. Chen', true, 'en', 'Dr. Avery Chen');
    expect(on).toBe('Hi Ann,\n\nDone.\n\nDr. Chen\n\n(Drafted with assistance, reviewed by Dr. Avery Chen.)');
    expect(withDisclosure(on, false, 'en', 'Dr. Avery Chen')).toBe('Hi Ann,\n\nDone.\n\nDr. Chen');
    expect(withDisclosure('Hola:\n\nListo.', true, 'es', '')).toBe('Hola:\n\nListo.\n\n(Redactado con ayuda y revisado por [[su nombre]].)');
  });
});

it('rules exist for the safety ordering ids', () => {
  expect(applyRules('I took the whole bottle of pills').matches.length).toBeGreaterThan(0);
});

describe('a message without words', () => {
  it('gets no draft and says why (empty, whitespace, punctuation only)', () => {
    for (const body of ['', '   \n ', '?!', '…']) {
      const s = suggestDrafts(req(body, triage({ urgency: 'routine', probs: probs('symptom') })));
      expect(s.emptyMessage, JSON.stringify(body)).toBe(true);
      expect(s.drafts).toEqual([]);
    }
  });
  it('the EHR\'s "(no subject)" placeholder is not a word of the patient\'s', () => {
    for (const subject of ['(no subject)', '[No Subject]', '(sin asunto)', '—']) {
      const s = suggestDrafts({ ...req('', triage({ urgency: 'urgent', probs: probs('symptom') })), message: { subject, body: '', sender: 'Kayla Simmons' } });
      expect(s.emptyMessage, subject).toBe(true);
      expect(s.drafts).toEqual([]);
    }
  });
  it('a subject alone, or a word in any script, is enough to draft from', () => {
    expect(suggestDrafts({ ...req('', triage({ probs: probs('medication') })), message: { subject: 'Refill', body: '', sender: 'Kayla Simmons' } }).emptyMessage).toBe(false);
    const s = suggestDrafts(req('谢谢', triage({ probs: probs('symptom') })));
    expect(s.emptyMessage).toBe(false);
    expect(s.drafts.length).toBeGreaterThan(0);
  });
});

describe('a message in another script', () => {
  it('says which script, so the clinician knows the drafts are not in the patient\'s language', () => {
    expect(suggestDrafts(req('أحتاج إلى تجديد وصفة الدواء من فضلك', triage({ probs: probs('medication') }))).otherScript).toBe('Arabic');
    expect(suggestDrafts(req('Please refill my metformin', triage({ probs: probs('medication') }))).otherScript).toBeNull();
  });
});
