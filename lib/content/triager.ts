/**
 * The content script's triager: red-flag rules at once (badges appear immediately),
 * then the on-device model's fused results from the background when it answers.
 */
import type { Triager } from '../overlay/controller';
import { rulesTriage } from '../triage/rules-triage';
import type { ModelStatus, TriageBatchReply } from '../messaging/protocol';
import type { TriageResult } from '../triage/result';

export type SendBatch = (items: { hash: string; text: string }[]) => Promise<TriageBatchReply>;

export function createContentTriager(send: SendBatch): Triager & { modelStatus(): ModelStatus | null } {
  let model: ModelStatus | null = null;
  return {
    quick: (text, hash) => rulesTriage(text, hash),
    async refine(items): Promise<TriageResult[]> {
      const reply = await send(items);
      model = reply.model;
      if (reply.model.state === 'failed') throw new Error(reply.model.error ?? 'The model is unavailable');
      return reply.results;
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
