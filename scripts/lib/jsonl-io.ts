/**
 * JSONL input for scripts/triage.ts and scripts/eval.ts: reading (file or stdin),
 * per-line validation with line numbers, batching, and the output record.
 * Node only; no model or rules here (unit-tested in jsonl-io.test.ts).
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { triageText } from '../../lib/adapters/types';
import type { TriageResult } from '../../lib/triage/result';

export const BATCH_SIZE = 32;

// ---------------------------------------------------------------- input

/** `{"id","subject"?,"body"}` or `{"id","text"}` (extra fields are allowed and ignored). */
export const MessageInputSchema = z
  .object({
    id: z.union([z.string().min(1), z.number()]),
    text: z.string().optional(),
    subject: z.string().nullable().optional(),
    body: z.string().optional(),
  })
  .refine((r) => typeof r.text === 'string' || typeof r.body === 'string', {
    message: 'needs "text", or "body" (with an optional "subject")',
  })
  // Both would leave it unclear which text was meant, and scoring one could hide a red flag in the other.
  .refine((r) => !(typeof r.text === 'string' && (typeof r.body === 'string' || typeof r.subject === 'string')), {
    message: 'has both "text" and "body"/"subject": give one or the other',
  });
export type MessageInput = z.infer<typeof MessageInputSchema>;

/** The text triaged for a message, built as the extension builds it (lib/adapters/types triageText). */
export function messageText(r: Pick<MessageInput, 'text' | 'subject' | 'body'>): string {
  if (typeof r.text === 'string') return r.text;
  return triageText(r.subject ?? '', r.body ?? '');
}

/** Notes on valid input lines (they are still scored): an id already used on an earlier line. Returns a checker to call line by line. */
export function inputNotes(): (line: number, r: Pick<MessageInput, 'id' | 'text' | 'body'>) => string[] {
  const firstLine = new Map<string, number>();
  return (line, r) => {
    const out: string[] = [];
    const key = `${typeof r.id}:${r.id}`;
    const seen = firstLine.get(key);
    if (seen !== undefined) out.push(`id ${JSON.stringify(r.id)} was already used on line ${seen}; both are scored`);
    else firstLine.set(key, line);
    return out;
  };
}

export type ParsedLine<T> = { line: number; ok: true; value: T } | { line: number; ok: false; error: string };

/** Validate one JSONL line; errors are short, human and name the offending fields. */
export function parseLine<T>(raw: string, line: number, schema: z.ZodType<T>): ParsedLine<T> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (e) {
    return { line, ok: false, error: `not valid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  const r = schema.safeParse(json);
  if (r.success) return { line, ok: true, value: r.data };
  const detail = r.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
  return { line, ok: false, error: `invalid record (${detail})` };
}

/** Non-blank lines of a JSONL file, or of stdin when `source` is '-', with 1-based line numbers. */
export async function* readJsonlLines(source: string): AsyncGenerator<{ line: number; raw: string }> {
  const input = source === '-' ? process.stdin : createReadStream(source, { encoding: 'utf8' });
  const rl = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  for await (const raw of rl) {
    line += 1;
    if (raw.trim()) yield { line, raw: line === 1 ? raw.replace(/^\uFEFF/, '') : raw };
  }
}

/** Parsed records in batches; bad lines are reported through `onBad` and skipped. */
export async function* readBatches<T>(
  source: string,
  schema: z.ZodType<T>,
  onBad: (line: number, error: string) => void,
  batchSize = BATCH_SIZE,
): AsyncGenerator<{ line: number; value: T }[]> {
  let batch: { line: number; value: T }[] = [];
  for await (const { line, raw } of readJsonlLines(source)) {
    const p = parseLine(raw, line, schema);
    if (!p.ok) {
      onBad(p.line, p.error);
      continue;
    }
    batch.push({ line: p.line, value: p.value });
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

const round6 = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Math.round(v * 1e6) / 1e6]));

/** One output line of `npm run triage` (numbers rounded to 6 decimals). */
export function outputRecord(id: string | number, r: TriageResult) {
  return {
    id,
    urgency: r.urgency,
    score: Math.round(r.score * 1e6) / 1e6,
    category: r.category,
    probs: r.probs && { urgency: round6(r.probs.urgency), category: round6(r.probs.category) },
    redFlags: r.redFlags,
    source: r.source,
  };
}

// ---------------------------------------------------------------- CLI bits

export function parseDtype(v: string | undefined): 'q8' | 'fp32' {
  if (v === undefined || v === 'q8' || v === 'fp32') return v ?? 'q8';
  throw new Error(`--dtype must be q8 or fp32 (got "${v}")`);
}

export function label(source: string): string {
  return source === '-' ? 'stdin' : source;
}
