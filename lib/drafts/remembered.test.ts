import { describe, expect, it } from 'vitest';
import { addRemembered, loadRemembered, MAX_REMEMBERED, scrubReply, similarRemembered, type RememberedReply } from './remembered';

function area() {
  const data: Record<string, unknown> = {};
  return { get: async (k: string | string[]) => Object.fromEntries((Array.isArray(k) ? k : [k]).filter((x) => x in data).map((x) => [x, data[x]])), set: async (i: Record<string, unknown>) => void Object.assign(data, i) };
}
const entry = (id: string, embedding: number[], lang: 'en' | 'es' = 'en'): RememberedReply => ({ id: `id-${id}-xxxxxx`, at: 1, lang, category: 'medication', embedding, text: `reply ${id}` });
const e8 = (...xs: number[]) => [...xs, ...Array(8 - xs.length).fill(0)];

describe('remembered phrasing', () => {
  it('scrubs the other patient’s name, medicines, doses, dates and numbers', () => {
    expect(scrubReply('Hi Raj,\n\nI sent atorvastatin 40 mg to CVS. Your LDL was 132 on March 3. Call 555-0100.\n\nDr. Avery Chen', 'en')).toBe(
      'Hi [[first name]],\n\nI sent [[medication and dose]] to CVS. Your LDL was [[number]] on [[date]]. Call [[number]].\n\nDr. Avery Chen',
    );
    expect(scrubReply('Hola, Rosa:\n\nEnvié losartán 50 mg el 5 de noviembre.', 'es')).toBe('Hola, [[nombre]]:\n\nEnvié [[medicamento y dosis]] el [[fecha]].');
  });

  it('scrubs every name, contact and record number a clinician may have typed, keeping the sign-off', () => {
    const sent =
      'Good morning Raj Patel,\n\nRaj, your daughter Priya Patel called; I told her your Zestoretic dose. ' +
      'Call me at 555-0100 or raj.patel@example.com, see https://portal.example.org/x. MRN A77-B12, ID4471. ' +
      'Please see Dr. Gomez at the Main Street office on Monday. Thanks, CVS has it.\n\nDr. Avery Chen';
    const out = scrubReply(sent, 'en');
    for (const leak of ['Raj', 'Patel', 'Priya', 'Zestoretic', '555', 'example', 'A77', 'B12', '4471', 'Gomez', 'Main Street']) {
      expect(out, leak).not.toContain(leak);
    }
    expect(out).toBe(
      'Good morning [[name]],\n\n[[name]], your daughter [[name]] called; I told her your [[name]] dose. ' +
        'Call me at [[number]] or [[contact]], see [[contact]]. MRN [[number]], [[number]]. ' +
        'Please see Dr. [[name]] at the [[name]] office on Monday. Thanks, CVS has it.\n\nDr. Avery Chen',
    );
    expect(scrubReply('Hola, Rosa:\n\nSu hijo Carlos Pérez llamó. Gracias, Ana.', 'es')).toBe('Hola, [[nombre]]:\n\nSu hijo [[nombre]] llamó. Gracias, [[nombre]].');
  });

  it('keeps at most the last MAX_REMEMBERED replies', async () => {
    const a = area();
    for (let i = 0; i < MAX_REMEMBERED + 3; i++) await addRemembered(a, entry(String(i), e8(1)));
    const list = await loadRemembered(a);
    expect(list).toHaveLength(MAX_REMEMBERED);
    expect(list[0]!.id).toBe('id-3-xxxxxx');
  });

  it('offers the most similar past reply in the same language, above the threshold only', () => {
    const list = [entry('a', e8(1, 0)), entry('b', e8(0.9, 0.436)), entry('c', e8(0, 1)), entry('d', e8(1, 0), 'es')];
    expect(similarRemembered(list, e8(1, 0), 'en', 2).map((x) => x.reply.id)).toEqual(['id-a-xxxxxx', 'id-b-xxxxxx']);
    expect(similarRemembered(list, e8(0, 1), 'en', 1, 0.95).map((x) => x.reply.id)).toEqual(['id-c-xxxxxx']);
    expect(similarRemembered(list, e8(-1, 0), 'en')).toEqual([]);
  });

  it('never compares a reply remembered with another model (its anchor embedding differs)', () => {
    const now = e8(0, 0, 1);
    const same = { ...entry('same', e8(1, 0)), anchor: now };
    const other = { ...entry('other', e8(1, 0)), anchor: e8(0, 0, 0.6, 0.8) };
    const old = entry('old', e8(1, 0)); // remembered before anchors existed
    expect(similarRemembered([same, other, old], e8(1, 0), 'en', 3, 0.8, now).map((x) => x.reply.id)).toEqual(['id-same-xxxxxx']);
    expect(similarRemembered([other, old], e8(1, 0), 'en', 3, 0.8, now)).toEqual([]);
  });
});
