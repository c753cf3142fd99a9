/**
 * Typed messages between the extension's contexts (@webext-core/messaging), and
 * the zod schemas every receiver parses them with: a bad message is refused with
 * a clear error and changes nothing.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import { z } from 'zod';
import { OpenMessageSchema, type OpenMessage } from '../adapters/types';
import { TriageResultSchema, type TriageResult } from '../triage/result';
import type { ModelOutput } from '../triage/decide';
import type { ActivityReportInput, SystemState } from '../activity/report';
import type { InboxTimeReply, InboxTimeRequest } from '../activity/inbox-time';
import type { DraftInsertRequest, DraftsShownNote, RememberReply } from '../drafts/protocol';
import type { DraftInsertReply } from '../drafts/content';
import type { DraftUseReport } from '../drafts/usage';

/** A model output as sent between contexts (typed arrays become plain arrays). */
export type ModelOutputWire = Omit<ModelOutput, 'embedding'> & { embedding?: number[] };

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

/** Where the on-device model is: shown by the overlay's status and the side panel. */
export const ModelStatusSchema = z.object({
  state: z.enum(['idle', 'loading', 'ready', 'failed']),
  /** 0..1 while loading. */
  progress: z.number().min(0).max(1).optional(),
  error: z.string().max(2000).optional(),
  modelId: z.string().optional(),
  dtype: z.string().optional(),
  /** ms the last load took. */
  loadMs: z.number().optional(),
  /** ONNX Runtime WASM threads the host runs (2 when the page is cross-origin isolated). */
  threads: z.number().int().min(1).optional(),
});
export type ModelStatus = z.infer<typeof ModelStatusSchema>;

/** At most this many characters of a message are sent to the model host (the model reads 256 tokens). */
export const MAX_TRIAGE_TEXT = 200_000;

export const TriageBatchSchema = z.object({
  items: z
    .array(z.object({ hash: z.string().min(1).max(64), text: z.string().max(MAX_TRIAGE_TEXT) }))
    .max(256),
});
export type TriageBatch = z.infer<typeof TriageBatchSchema>;

export interface TriageBatchReply {
  results: TriageResult[];
  model: ModelStatus;
  cacheHits: number;
}

export const ModelClassifySchema = z.object({ texts: z.array(z.string().max(MAX_TRIAGE_TEXT)).max(256) });
export const ModelExplainSchema = z.object({ text: z.string().max(MAX_TRIAGE_TEXT), k: z.number().int().min(1).max(10).optional() });

export interface ProtocolMap {
  // content script -> background
  reportOpenMessage(data: OpenMessageReport): { ok: true };
  reportInboxStats(data: InboxStatsReport): { ok: true };
  triageBatch(data: TriageBatch): TriageBatchReply;
  // side panel -> background
  explainText(data: { text: string }): { salient: { text: string; weight: number }[]; model: ModelStatus };
  getModelStatus(): ModelStatus;
  // background -> model host (offscreen document)
  hostClassify(data: { texts: string[] }): Omit<ModelOutputWire, 'embedding'>[];
  hostExplain(data: { text: string; k?: number }): { text: string; weight: number }[];
  hostStatus(): ModelStatus;
  // model host -> background
  hostStatusChanged(data: ModelStatus): void;
  // background -> content script (the "next most urgent unread message" keyboard shortcut)
  jumpToNextUrgent(): JumpReply;
  // inbox time (lib/activity): content script -> background (heartbeats, openings, replies; no text)
  activityReport(data: ActivityReportInput): { accepted: number; refused: number };
  // inbox time: background -> content scripts (chrome.idle's state)
  activitySystemState(data: { state: SystemState }): void;
  // inbox time: side panel -> background (the measures, lib/metrics)
  getInboxTime(data: InboxTimeRequest): InboxTimeReply;
  // inbox time: side panel -> content script of its tab (the panel took focus; still inbox work)
  activityPanelInput(): void;
  // reply drafts (lib/drafts): side panel -> background -> model host (embeddings for ranking)
  embedTexts(data: { texts: string[] }): { embeddings: number[][] | null; model: ModelStatus };
  hostEmbed(data: { texts: string[] }): number[][];
  // reply drafts: side panel -> content script of the EHR tab (insertion; the clinician sends)
  draftsShown(data: DraftsShownNote): { ok: boolean };
  draftInsert(data: DraftInsertRequest): DraftInsertReply;
  // reply drafts: content script -> background (one use record, no text)
  recordDraftUse(data: DraftUseReport): { ok: true };
  // reply drafts: content script -> background (remembered phrasing, only when turned on and not in study mode)
  rememberReply(data: RememberReply): { ok: true; stored: boolean };
}

/** What the content script answers to the jump shortcut. */
export const JumpReplySchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    messageId: z.string().max(200),
    urgency: z.enum(['emergency', 'urgent', 'routine']),
    reason: z.enum(['unread', 'unopened']),
  }),
  z.object({ ok: z.literal(false), reason: z.enum(['none', 'not-found', 'no-inbox']) }),
]);
export type JumpReply = z.infer<typeof JumpReplySchema>;

/** The manifest command that jumps to the next most urgent unread message. */
export const JUMP_COMMAND = 'jump-to-next-urgent';

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
  modelStatus: 'model:status',
} as const;

export type { OpenMessage, TriageResult };
