/**
 * Messages of the drafts feature (their names are in lib/messaging/protocol.ts's ProtocolMap),
 * with the zod schemas every receiver parses them with. No text is ever stored from these.
 */
import { z } from 'zod';
import { CategorySchema, UrgencySchema } from '../triage/labels';

const Meta = {
  messageId: z.string().min(1).max(200),
  lang: z.enum(['en', 'es']),
  urgency: UrgencySchema,
  category: CategorySchema.nullable(),
  studyMode: z.boolean(),
  /** Remember the reply sent (remembered phrasing: turned on, never in study mode; the background checks again). */
  remember: z.boolean().default(false),
};

/** Side panel -> content script: these drafts are shown for the open message. */
export const DraftsShownNoteSchema = z.object({ ...Meta, templateIds: z.array(z.string().max(60)).max(20) });
export type DraftsShownNote = z.infer<typeof DraftsShownNoteSchema>;

/** Side panel -> content script: put this text into the EHR's reply box (the clinician sends). */
export const DraftInsertRequestSchema = z.object({
  ...Meta,
  /** What goes into the reply box (edited in the side panel, placeholders filled). */
  text: z.string().min(1).max(20_000),
  /** The draft as suggested (with the disclosure line if on), for the edit ratio. Memory only. */
  suggestedText: z.string().max(20_000),
  templateId: z.string().max(60),
  draftsShownIds: z.array(z.string().max(60)).max(20),
  disclosure: z.boolean(),
});
export type DraftInsertRequest = z.infer<typeof DraftInsertRequestSchema>;

/** Side panel -> background: the model's embeddings of some texts. */
export const EmbedTextsSchema = z.object({ texts: z.array(z.string().max(20_000)).min(1).max(128) });

/** Content script -> background: a reply the clinician sent, to remember (only when allowed). Not stored as given: scrubbed, with the message's embedding instead of the message. */
export const RememberReplySchema = z.object({
  messageText: z.string().min(1).max(20_000),
  replyText: z.string().min(1).max(20_000),
  lang: z.enum(['en', 'es']),
  category: CategorySchema.nullable(),
});
export type RememberReply = z.infer<typeof RememberReplySchema>;
