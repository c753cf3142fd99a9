import { describe, expect, it } from 'vitest';
import { embedTexts, rememberReply } from './background';
import { DRAFT_SETTINGS_KEY } from './settings';
import { REMEMBERED_KEY } from './remembered';

function area(init: Record<string, unknown> = {}) {
  const data: Record<string, unknown> = { ...init };
  return { data, get: async (k: string | string[]) => Object.fromEntries((Array.isArray(k) ? k : [k]).filter((x) => x in data).map((x) => [x, data[x]])), set: async (i: Record<string, unknown>) => void Object.assign(data, i) };
}
const host = { embed: async (texts: string[]) => texts.map(() => [0.5, 0.5, 0.5, 0.5, 0, 0, 0, 0]), status: async () => ({ state: 'ready' as const }) };
const reply = { messageText: 'pls refill my zoloft 50 mg', replyText: 'Hi Kayla,\n\nSent zoloft 50 mg.\n\nDr. Chen', lang: 'en' as const, category: 'medication' as const };

describe('drafts in the background', () => {
  it('embeddings, or null with the reason when the model is unavailable', async () => {
    expect(await embedTexts(host, { texts: ['a'] })).toMatchObject({ embeddings: [[0.5, 0.5, 0.5, 0.5, 0, 0, 0, 0]], model: { state: 'ready' } });
    const failing = { ...host, embed: async () => Promise.reject(new Error('no model')) };
    expect(await embedTexts(failing, { texts: ['a'] })).toEqual({ embeddings: null, model: { state: 'failed', error: 'no model' } });
    await expect(embedTexts(host, { texts: [] })).rejects.toThrow();
  });

  it('remembers a sent reply only when turned on and not in study mode, scrubbed, with the embedding and not the message', async () => {
    const off = area();
    expect(await rememberReply(host, off, reply)).toEqual({ ok: true, stored: false });
    const study = area({ [DRAFT_SETTINGS_KEY]: { rememberReplies: true, studyMode: true } });
    expect(await rememberReply(host, study, reply)).toEqual({ ok: true, stored: false });
    expect(study.data[REMEMBERED_KEY]).toBeUndefined();
    const on = area({ [DRAFT_SETTINGS_KEY]: { rememberReplies: true } });
    expect(await rememberReply(host, on, reply, 42)).toEqual({ ok: true, stored: true });
    const [kept] = on.data[REMEMBERED_KEY] as { text: string; at: number; embedding: number[]; anchor: number[] }[];
    expect(kept!.anchor).toEqual([0.5, 0.5, 0.5, 0.5, 0, 0, 0, 0]); // the model's embedding of SPACE_ANCHOR, to recognise a later model
    expect(kept).toMatchObject({ at: 42, text: 'Hi [[first name]],\n\nSent [[medication and dose]].\n\nDr. Chen', embedding: [0.5, 0.5, 0.5, 0.5, 0, 0, 0, 0] });
    expect(JSON.stringify(on.data[REMEMBERED_KEY])).not.toContain('refill my');
  });
});
