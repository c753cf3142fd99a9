// Verifies that transformers.js tokenizes exactly like models/tokenizer.py.
// Input: models/artifacts/tokenizer_check.json ([{text, ids}]) written by tokenizer.py.
// Usage: node models/check_tokenizer.mjs   (exit code 1 on any mismatch)
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AutoTokenizer, env } from '@huggingface/transformers';

const here = dirname(fileURLToPath(import.meta.url));
env.allowRemoteModels = false;
env.localModelPath = join(here, '..', 'public', 'models') + '/';

const cases = JSON.parse(readFileSync(join(here, 'artifacts', 'tokenizer_check.json'), 'utf8'));
const tokenizer = await AutoTokenizer.from_pretrained('triage-v1', { local_files_only: true });

let bad = 0;
for (const { text, ids } of cases) {
  const got = Array.from(tokenizer(text, { truncation: true }).input_ids.data, Number);
  const same = got.length === ids.length && got.every((v, i) => v === ids[i]);
  if (!same) {
    bad += 1;
    if (bad <= 5) {
      console.log('MISMATCH', JSON.stringify(text.slice(0, 80)));
      console.log('  python', ids.slice(0, 40).join(' '));
      console.log('  js    ', got.slice(0, 40).join(' '));
    }
  }
}
console.log(`tokenizer parity: ${cases.length - bad}/${cases.length} identical`);
process.exit(bad ? 1 : 0);
