/**
 * The label contract of ../shared/docs/labels.md (copied into docs/labels.md).
 * Model, rules, UI and evaluation all use these names and this order.
 */
import { z } from 'zod';

/** Ordered from most to least urgent. */
export const URGENCIES = ['emergency', 'urgent', 'routine'] as const;
export const CATEGORIES = [
  'symptom',
  'medication',
  'results',
  'scheduling',
  'administrative',
  'acknowledgement',
] as const;

export const UrgencySchema = z.enum(URGENCIES);
export const CategorySchema = z.enum(CATEGORIES);
export type Urgency = z.infer<typeof UrgencySchema>;
export type Category = z.infer<typeof CategorySchema>;

/** routine 0 < urgent 1 < emergency 2. */
export function urgencyRank(u: Urgency): number {
  return u === 'emergency' ? 2 : u === 'urgent' ? 1 : 0;
}

/** The more urgent of two levels; `null` means "no floor". */
export function maxUrgency(a: Urgency | null | undefined, b: Urgency | null | undefined): Urgency | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return urgencyRank(a) >= urgencyRank(b) ? a : b;
}

/** Human text shown next to colour in the UI (never colour alone). */
export const URGENCY_TEXT: Record<Urgency, string> = {
  emergency: 'Emergency',
  urgent: 'Urgent',
  routine: 'Routine',
};

export const CATEGORY_TEXT: Record<Category, string> = {
  symptom: 'Symptom',
  medication: 'Medication',
  results: 'Results',
  scheduling: 'Scheduling',
  administrative: 'Administrative',
  acknowledgement: 'Acknowledgement',
};

/** A labelled example, as in evaluation files and fixtures. */
export const LabeledExampleSchema = z.object({
  id: z.string(),
  urgency: UrgencySchema,
  category: CategorySchema,
});
