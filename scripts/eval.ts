/**
 * Evaluate triage against labelled messages.
 *
 *   npm run eval -- LABELED.jsonl [--json] [--rules-only] [--dtype q8|fp32]
 *
 * Lines: {"id","urgency","category", "text" | "subject"?+"body"}. Prints per-class
 * precision/recall, urgency and category confusion matrices, macro-F1, accuracy,
 * emergency and emergency+urgent recall (headline safety figures), AUROC of the
 * score, and the ids of missed emergencies. `--json` prints one JSON object instead.
 * Exit code: 0, or 2 when some lines were bad (they are reported on stderr and skipped), 1 on failure.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { evaluate, formatReport, type EvalRow } from '../lib/eval/report';
import { LabeledExampleSchema } from '../lib/triage/labels';
import { label, MessageInputSchema, messageText, parseDtype, readBatches } from './lib/jsonl-io';
import { createTriager, routeConsoleToStderr } from './lib/triage-run';

const USAGE = 'Usage: npm run eval -- LABELED.jsonl|- [--json] [--rules-only] [--dtype q8|fp32]';

const LabeledInputSchema = MessageInputSchema.and(LabeledExampleSchema.omit({ id: true }));

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      'rules-only': { type: 'boolean', default: false },
      dtype: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stderr.write(`${USAGE}\n`);
    return 0;
  }
  const source = positionals[0];
  if (!source || positionals.length > 1) throw new Error(USAGE);
  if (source !== '-' && !existsSync(source)) throw new Error(`No such file: ${source}`);
  const dtype = parseDtype(values.dtype);

  routeConsoleToStderr();
  const triager = await createTriager({ rulesOnly: values['rules-only'], dtype });

  let bad = 0;
  const onBad = (line: number, error: string) => {
    bad += 1;
    process.stderr.write(`${label(source)}:${line}: skipped: ${error}\n`);
  };
  const rows: EvalRow[] = [];
  try {
    for await (const batch of readBatches(source, LabeledInputSchema, onBad)) {
      const triaged = await triager.triage(batch.map((b) => messageText(b.value)));
      batch.forEach(({ value }, i) => {
        const t = triaged[i]!;
        rows.push({
          id: value.id,
          gold: { urgency: value.urgency, category: value.category },
          pred: { urgency: t.result.urgency, score: t.result.score, category: t.result.category, source: t.result.source },
          modelUrgency: t.model?.urgency ?? null,
        });
      });
    }
  } finally {
    await triager.dispose();
  }
  if (!rows.length) throw new Error(`No valid labelled lines in ${label(source)}.`);

  const report = evaluate(rows, triager.description);
  const file = label(source);
  process.stdout.write(values.json ? `${JSON.stringify({ file, ...report, badLines: bad })}\n` : `${file}\n${formatReport(report)}\n`);
  if (bad) process.stderr.write(`${bad} bad line(s) skipped.\n`);
  return bad ? 2 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`eval: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
