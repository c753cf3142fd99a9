import { describe, expect, it } from 'vitest';
import { DraftUseRecordSchema, editRatio, newRecordId } from './usage';

describe('edit ratio', () => {
  it('is the edit distance over the longer text, whitespace collapsed', () => {
    expect(editRatio('Hi Ann,\n\nI sent it.', 'Hi Ann, I sent it.')).toBe(0);
    expect(editRatio('kitten', 'sitting')).toBe(0.429); // 3 edits / 7
    expect(editRatio('abc', '')).toBe(1);
    expect(editRatio('', '')).toBe(0);
  });

  it('a record holds ids, numbers and labels only', () => {
    const r = DraftUseRecordSchema.parse({
      recordId: newRecordId(),
      messageKey: 'demo:abc',
      adapterId: 'demo',
      draftsShown: 2,
      draftsShownIds: ['med-refill-sent', 'med-refill-visit'],
      insertedTemplateId: 'med-refill-sent',
      editRatio: 0.12,
      openedAt: 1,
      insertedAt: 2,
      sentAt: 5,
      openToSendMs: 4,
      lang: 'en',
      urgency: 'routine',
      category: 'medication',
      studyMode: true,
    });
    expect(Object.keys(r).sort()).toEqual(
      ['adapterId', 'category', 'disclosure', 'draftsShown', 'draftsShownIds', 'editRatio', 'recordId', 'insertedAt', 'insertedTemplateId', 'lang', 'messageKey', 'openToSendMs', 'openedAt', 'sentAt', 'studyMode', 'urgency'].sort(),
    );
    expect(() => DraftUseRecordSchema.parse({ ...r, text: 'x' })).not.toThrow(); // unknown keys are dropped…
    expect('text' in DraftUseRecordSchema.parse({ ...r, text: 'x' })).toBe(false); // …never stored
  });
});
