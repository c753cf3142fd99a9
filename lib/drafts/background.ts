/**
 * The background's handlers for reply drafts: the model's embeddings for the side panel's
 * ranking (text goes to the on-device model host only), and storing use records (no text).
 */
import type { ModelStatus } from '../messaging/protocol';
import { EmbedTextsSchema, RememberReplySchema } from './protocol';
import { loadDraftSettings, rememberRepliesAllowed, type LocalArea } from './settings';
import { addRemembered, scrubReply, SPACE_ANCHOR } from './remembered';
import { newRecordId } from './usage';
import { inStudy, loadEnrollment } from '../study/enrollment';

export interface EmbedHost {
  embed(texts: string[]): Promise<number[][]>;
  status(): Promise<ModelStatus>;
}

/** Embeddings, or null with the model's state when the model is unavailable (drafts then rank by rules and keywords). */
export async function embedTexts(host: EmbedHost, data: unknown): Promise<{ embeddings: number[][] | null; model: ModelStatus }> {
  const { texts } = EmbedTextsSchema.parse(data);
  try {
    const embeddings = await host.embed(texts);
    return { embeddings, model: await host.status().catch(() => ({ state: 'ready' as const })) };
  } catch (err) {
    return { embeddings: null, model: { state: 'failed', error: err instanceof Error ? err.message : String(err) } };
  }
}

/**
 * Remember a sent reply (remembered phrasing) when the settings allow it and no study is running:
 * checked here again from storage, whatever the content script said. Stores the scrubbed reply and
 * the model's embedding of the message (never the message).
 */
export async function rememberReply(host: Pick<EmbedHost, 'embed'>, area: LocalArea, data: unknown, now = Date.now()): Promise<{ ok: true; stored: boolean }> {
  const r = RememberReplySchema.parse(data);
  const settings = await loadDraftSettings(area);
  const enrolled = inStudy(await loadEnrollment(area).catch(() => null), now);
  if (!rememberRepliesAllowed({ ...settings, studyMode: settings.studyMode || enrolled })) return { ok: true, stored: false };
  const [embedding, anchor] = await host.embed([r.messageText, SPACE_ANCHOR]);
  if (!embedding?.length) return { ok: true, stored: false };
  await addRemembered(area, {
    id: newRecordId(),
    at: now,
    lang: r.lang,
    category: r.category,
    embedding,
    ...(anchor?.length ? { anchor } : {}),
    text: scrubReply(r.replyText, r.lang),
  });
  return { ok: true, stored: true };
}
