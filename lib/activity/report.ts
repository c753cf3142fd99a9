/** What the content script sends the background about inbox activity (parsed with zod on receipt). */
import { z } from 'zod';

export const HeartbeatWireSchema = z.object({
  at: z.number().finite(),
  kind: z.enum(['list', 'read', 'draft']),
  messageId: z.string().min(1).max(200).nullable(),
  final: z.boolean().optional(),
});

export const ActivityReportSchema = z.object({
  adapterId: z.string().min(1).max(100),
  /** The message that was just opened (sent once per opening; a reopening adds to its totals). */
  open: z
    .object({
      messageId: z.string().min(1).max(200),
      at: z.number().finite(),
      /** The patient's name as the adapter read it: hashed with a local secret at once, never stored. */
      patient: z.string().max(500).optional(),
      /** When the patient sent it (ISO). */
      sentAt: z.string().datetime({ offset: true }).optional(),
      chars: z.number().int().min(0).max(10_000_000),
    })
    .optional(),
  beats: z.array(HeartbeatWireSchema).max(500).default([]),
  /** A reply was sent (or the message was completed) in the EHR. */
  outcome: z
    .object({ messageId: z.string().min(1).max(200), outcome: z.enum(['replied', 'completed']), at: z.number().finite() })
    .optional(),
});
export type ActivityReport = z.infer<typeof ActivityReportSchema>;
export type ActivityReportInput = z.input<typeof ActivityReportSchema>;

export const SystemStateSchema = z.enum(['active', 'idle', 'locked']);
export type SystemState = z.infer<typeof SystemStateSchema>;
