/**
 * Triage a JSONL file of portal messages.
 *
 *   npm run triage -- IN.jsonl > OUT.jsonl
 *   cat IN.jsonl | npm run triage -- - > OUT.jsonl
 *   npm run triage -- IN.jsonl --rules-only        # red-flag rules only, no model
 *   npm run triage -- IN.jsonl --dtype fp32        # the fp32 model (default q8)
 *
 * Input lines: {"id","subject"?,"body"} or {"id","text"}.
 * Output lines (stdout only): {"id","urgency","score","category","probs","redFlags","source"}.
 * A bad line is reported on stderr with its line number; the others are still scored.
 * Exit code: 0 when every line was processed, 2 when some lines were bad, 1 on failure.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { inputNotes, label, MessageInputSchema, messageText, outputRecord, parseDtype, readBatches } from './lib/jsonl-io';
import { createTriager, routeConsoleToStderr } from './lib/triage-run';

const USAGE = 'Usage: npm run triage -- IN.jsonl|- [--rules-only] [--dtype q8|fp32] > OUT.jsonl';

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
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
  process.stderr.write(`Triage with ${triager.description}\n`);

  let bad = 0;
  let done = 0;
  const onBad = (line: number, error: string) => {
    bad += 1;
    process.stderr.write(`${label(source)}:${line}: skipped: ${error}\n`);
  };
  const notes = inputNotes();
  try {
    for await (const batch of readBatches(source, MessageInputSchema, onBad)) {
      for (const b of batch) for (const n of notes(b.line, b.value)) process.stderr.write(`${label(source)}:${b.line}: note: ${n}\n`);
      const triaged = await triager.triage(batch.map((b) => messageText(b.value)));
      const out = batch.map((b, i) => JSON.stringify(outputRecord(b.value.id, triaged[i]!.result))).join('\n');
      if (!process.stdout.write(`${out}\n`)) await new Promise((r) => process.stdout.once('drain', r));
      done += batch.length;
    }
  } finally {
    await triager.dispose();
  }
  process.stderr.write(`${done} message(s) triaged${bad ? `, ${bad} bad line(s) skipped` : ''}.\n`);
  return bad ? 2 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`triage: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  },
);
