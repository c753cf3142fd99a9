/**
 * The content script's triager: red-flag rules at once (badges appear immediately),
 * then the on-device model's fused results from the background when it answers.
 */
import type { Triager } from '../overlay/controller';
import { rulesTriage } from '../triage/rules-triage';
import type { ModelStatus, TriageBatchReply } from '../messaging/protocol';
import type { TriageResult } from '../triage/result';
import type { OpenMessage } from '../adapters/types';
import { urgencyRank } from '../triage/labels';

export type SendBatch = (items: { hash: string; text: string }[]) => Promise<TriageBatchReply>;

/** Characters of one message sent to the background for the model (it reads the first 512 tokens). */
export const MODEL_TEXT_CHARS = 20_000;

/**
 * What is sent for the model: the text itself, or for a very long message its beginning and its
 * end (a red flag is often the last line). Deterministic, so the background's cache by hash holds.
 */
export function textForModel(text: string, max = MODEL_TEXT_CHARS): string {
  if (text.length <= max) return text;
  const head = Math.floor(max * 0.6);
  return `${text.slice(0, head)}\n…\n${text.slice(text.length - (max - head))}`;
}

/**
 * The rules read the whole text in the content script; the background's fusion saw only what was
 * sent. Rules can only raise: a red flag in the part that was not sent still counts.
 */
export function withFullTextRules(refined: TriageResult, fullRules: TriageResult): TriageResult {
  if (urgencyRank(fullRules.urgency) <= urgencyRank(refined.urgency)) return refined;
  return {
    ...refined,
    urgency: fullRules.urgency,
    score: Math.max(refined.score, fullRules.score),
    redFlags: [...refined.redFlags, ...fullRules.redFlags.filter((f) => !refined.redFlags.some((g) => g.ruleId === f.ruleId))],
    source: 'model+rules',
    reasons: [...fullRules.reasons, ...refined.reasons.filter((r) => !fullRules.reasons.includes(r))],
  };
}

export function createContentTriager(send: SendBatch): Triager & { modelStatus(): ModelStatus | null } {
  let model: ModelStatus | null = null;
  return {
    quick: (text, hash) => rulesTriage(text, hash),
    async refine(items): Promise<TriageResult[]> {
      const reply = await send(items.map((it) => ({ hash: it.hash, text: textForModel(it.text) })));
      model = reply.model;
      if (reply.model.state === 'failed') throw new Error(reply.model.error ?? 'The model is unavailable');
      return reply.results.map((r, i) => {
        const item = items[i];
        return item && item.text.length > MODEL_TEXT_CHARS ? withFullTextRules(r, rulesTriage(item.text, item.hash)) : r;
      });
    },
    describe() {
      if (!model || model.state === 'idle') return 'red-flag rules; model starting';
      if (model.state === 'loading') return `red-flag rules; model loading ${Math.round((model.progress ?? 0) * 100)}%`;
      if (model.state === 'failed') return 'red-flag rules only (model unavailable)';
      return 'on-device model + red-flag rules';
    },
    modelStatus: () => model,
  };
}

/** Longest message text shown in the side panel (the report's schema allows 200,000 characters). */
export const PANEL_TEXT_CHARS = 100_000;
const CUT_NOTE = '\n\n[… the rest of this very long message is not shown here: read it in the EHR]';

const clip = (t: string, max: number) => (t.length > max ? t.slice(0, max) + CUT_NOTE : t);
const clipShort = (t: string, max: number) => (t.length > max ? `${t.slice(0, max - 1)}…` : t);

/**
 * The open message as the side panel gets it, within the report's limits: a very long message is
 * cut with a note (its triage was made from the whole text), so the report is never refused.
 */
export function clipOpenMessage<M extends OpenMessage>(m: M): M {
  return {
    ...m,
    subject: clipShort(m.subject, 2000),
    sender: clipShort(m.sender, 500),
    ...(m.patient !== undefined ? { patient: clipShort(m.patient, 500) } : {}),
    ...(m.sentAtText !== undefined ? { sentAtText: clipShort(m.sentAtText, 200) } : {}),
    preview: clip(m.preview, PANEL_TEXT_CHARS),
    body: clip(m.body, PANEL_TEXT_CHARS),
    thread: m.thread.slice(-500).map((t) => ({ ...t, author: clipShort(t.author, 500), body: clip(t.body, 20_000) })),
  };
}
