/**
 * Typed messages between the extension's contexts (@webext-core/messaging), and
 * the zod schemas every receiver parses them with: a bad message is refused with
 * a clear error and changes nothing.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import { z } from 'zod';
import { OpenMessageSchema, type OpenMessage } from '../adapters/types';
import { TriageResultSchema, type TriageResult } from '../triage/result';

export const OpenMessageReportSchema = z.object({
  adapterId: z.string().max(100),
  message: OpenMessageSchema.nullable(),
  triage: TriageResultSchema.nullable(),
});
export type OpenMessageReport = z.infer<typeof OpenMessageReportSchema>;

export const InboxStatsReportSchema = z.object({
  adapterId: z.string().max(100),
  rows: z.number().int().min(0),
  unreadEmergency: z.number().int().min(0),
  unreadUrgent: z.number().int().min(0),
});
export type InboxStatsReport = z.infer<typeof InboxStatsReportSchema>;

export interface ProtocolMap {
  reportOpenMessage(data: OpenMessageReport): { ok: true };
  reportInboxStats(data: InboxStatsReport): { ok: true };
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();

/** What the side panel reads from session storage (memory only, never written to disk). */
export const OpenMessageStateSchema = OpenMessageReportSchema.extend({
  tabId: z.number().int(),
  updatedAt: z.number(),
});
export type OpenMessageState = z.infer<typeof OpenMessageStateSchema>;

export const SESSION_KEYS = {
  openForTab: (tabId: number) => `open:${tabId}`,
  lastOpenTab: 'open:last-tab',
} as const;

export type { OpenMessage, TriageResult };
