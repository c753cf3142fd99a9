/** The triage result every context exchanges (content script, background, model host, panel). */
import { z } from 'zod';
import { CategorySchema, UrgencySchema, URGENCIES, type Urgency } from './labels';

export const RedFlagSchema = z.object({
  ruleId: z.string(),
  label: z.string(),
  level: z.enum(['emergency', 'urgent']),
  phrase: z.string(),
});
export type RedFlag = z.infer<typeof RedFlagSchema>;

export const TriageSourceSchema = z.enum(['rules', 'model', 'model+rules']);

export const TriageResultSchema = z.object({
  textHash: z.string(),
  urgency: UrgencySchema,
  /** 0..1, orders messages by risk. */
  score: z.number().min(0).max(1),
  /** null while only the rules have run (they do not assign categories). */
  category: CategorySchema.nullable(),
  probs: z
    .object({
      urgency: z.record(z.string(), z.number()),
      category: z.record(z.string(), z.number()),
    })
    .nullable(),
  redFlags: z.array(RedFlagSchema),
  /** What decided the level: 'rules' when a red flag raised it, else 'model'. */
  source: TriageSourceSchema,
  /** Short human reasons for the badge tooltip and the side panel, most important first. */
  reasons: z.array(z.string()),
  /** Model-side explanation: phrases whose removal lowers the score most. */
  salient: z.array(z.object({ text: z.string(), weight: z.number() })).default([]),
});
export type TriageResult = z.infer<typeof TriageResultSchema>;

/** Levels as a sort key: higher is more urgent, then by score. */
export function compareByRisk(a: Pick<TriageResult, 'urgency' | 'score'>, b: Pick<TriageResult, 'urgency' | 'score'>): number {
  const ra = URGENCIES.length - URGENCIES.indexOf(a.urgency as Urgency);
  const rb = URGENCIES.length - URGENCIES.indexOf(b.urgency as Urgency);
  return rb - ra || b.score - a.score;
}
