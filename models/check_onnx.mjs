// Checks both ONNX files in Node against the torch reference on the test split:
//   1. onnxruntime-node directly (python token ids -> logits), fp32 and int8;
//   2. transformers.js end to end (text -> tokenizer -> model), dtype 'fp32' and 'q8'.
// Reports argmax agreement of the urgency and category slices and the max |logit| difference.
// Input: models/artifacts/onnx_check.json (export.py). Output: models/eval/onnx_agreement.json.
// Usage: node models/check_onnx.mjs   (exit code 1 if an agreement is below 99%)
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { AutoModel, AutoTokenizer, env } from '@huggingface/transformers';

const here = dirname(fileURLToPath(import.meta.url));
const modelDir = join(here, '..', 'public', 'models', 'triage-v1');
const check = JSON.parse(readFileSync(join(here, 'artifacts', 'onnx_check.json'), 'utf8'));
env.allowRemoteModels = false;
env.localModelPath = join(here, '..', 'public', 'models') + '/';

const argmax = (a) => a.reduce((best, v, i) => (v > a[best] ? i : best), 0);
const heads = (l) => [argmax(l.slice(0, 3)), argmax(l.slice(3, 9))];

/** Compares rows of logits with the torch reference rows. */
function compare(name, got, ref) {
  let u = 0, c = 0, maxDiff = 0;
  got.forEach((l, i) => {
    const [gu, gc] = heads(l);
    const [ru, rc] = heads(ref[i]);
    u += gu === ru;
    c += gc === rc;
    l.forEach((v, j) => (maxDiff = Math.max(maxDiff, Math.abs(v - ref[i][j]))));
  });
  const n = got.length;
  const r = { n, urgencyAgreement: u / n, categoryAgreement: c / n, maxAbsLogitDiff: +maxDiff.toFixed(5) };
  console.log(name.padEnd(34), JSON.stringify(r));
  return r;
}

const tensor = (rows, fill) => {
  const n = Math.max(...rows.map((r) => r.length));
  const data = new BigInt64Array(rows.length * n);
  rows.forEach((r, i) => r.forEach((v, j) => (data[i * n + j] = BigInt(fill ? fill(v) : v))));
  return new ort.Tensor('int64', data, [rows.length, n]);
};

async function runOrt(file) {
  const session = await ort.InferenceSession.create(join(modelDir, 'onnx', file));
  const out = [];
  let embNorm = 0;
  for (const ids of check.ids) {
    const res = await session.run({
      input_ids: tensor([ids]),
      attention_mask: tensor([ids], () => 1),
      token_type_ids: tensor([ids], () => 0),
    });
    out.push(Array.from(res.logits.data));
    const e = res.sentence_embedding.data;
    embNorm = Math.max(embNorm, Math.abs(1 - Math.hypot(...e)));
  }
  // one padded batch must give the same logits as the single runs
  const batch = check.ids.slice(0, 8);
  const res = await session.run({
    input_ids: tensor(batch),
    attention_mask: tensor(batch, () => 1),
    token_type_ids: tensor(batch, () => 0),
  });
  const width = 9;
  let padDiff = 0;
  batch.forEach((_, i) => {
    for (let j = 0; j < width; j++) padDiff = Math.max(padDiff, Math.abs(res.logits.data[i * width + j] - out[i][j]));
  });
  return { out, embNormError: embNorm, paddedBatchMaxDiff: padDiff, embeddingDims: res.sentence_embedding.dims };
}

async function runTransformersJs(dtype) {
  const tokenizer = await AutoTokenizer.from_pretrained('triage-v1', { local_files_only: true });
  const model = await AutoModel.from_pretrained('triage-v1', { dtype, local_files_only: true });
  const out = [];
  for (const text of check.texts) {
    const inputs = tokenizer(text, { truncation: true });
    const res = await model(inputs);
    out.push(Array.from(res.logits.data));
  }
  return out;
}

const report = { files: {} };
for (const f of ['model.onnx', 'model_quantized.onnx']) {
  report.files[f] = statSync(join(modelDir, 'onnx', f)).size;
}
const fp32 = await runOrt('model.onnx');
const int8 = await runOrt('model_quantized.onnx');
report.ortFp32 = { ...compare('onnxruntime-node fp32 vs torch fp32', fp32.out, check.fp32), ...fp32, out: undefined };
report.ortInt8 = { ...compare('onnxruntime-node int8 vs torch int8', int8.out, check.int8), ...int8, out: undefined };
report.ortInt8VsTorchFp32 = compare('onnxruntime-node int8 vs torch fp32', int8.out, check.fp32);
report.tjsFp32 = compare("transformers.js 'fp32' vs torch fp32", await runTransformersJs('fp32'), check.fp32);
report.tjsQ8 = compare("transformers.js 'q8' vs torch int8", await runTransformersJs('q8'), check.int8);
console.log('padded batch max diff', fp32.paddedBatchMaxDiff, int8.paddedBatchMaxDiff,
  '| embedding', fp32.embeddingDims, 'norm error', fp32.embNormError);

mkdirSync(join(here, 'eval'), { recursive: true });
writeFileSync(join(here, 'eval', 'onnx_agreement.json'), JSON.stringify(report, null, 2) + '\n');
const worst = Math.min(...[report.ortFp32, report.ortInt8, report.tjsFp32, report.tjsQ8]
  .flatMap((r) => [r.urgencyAgreement, r.categoryAgreement]));
process.exit(worst < 0.99 ? 1 : 0);
