/**
 * The background's handlers for reply drafts: the model's embeddings for the side panel's
 * ranking (text goes to the on-device model host only), and storing use records (no text).
 */
import type { ModelStatus } from '../messaging/protocol';
import { EmbedTextsSchema } from './protocol';

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
