/**
 * What the extension should show for a text, computed in Node with the same model
 * (int8, onnxruntime-node) and the same rules and fusion. The browser runs the same
 * ONNX file in WASM; float differences can only matter for a score right at a
 * decision threshold, so such borderline texts are reported as such.
 */
import { loadTriageModel, type TriageModel } from '../../lib/triage/model';
import { applyRules } from '../../lib/triage/rules';
import { fuse } from '../../lib/triage/fusion';
import type { TriageResult } from '../../lib/triage/result';

let model: Promise<TriageModel> | null = null;

export function nodeModel(): Promise<TriageModel> {
  model ??= loadTriageModel({ localModelPath: 'public/models/', dtype: 'q8' });
  return model;
}

export interface Expected {
  result: TriageResult;
  /** True when a tiny numeric difference could flip the model's level. */
  borderline: boolean;
}

export async function expectedTriage(texts: string[]): Promise<Expected[]> {
  const m = await nodeModel();
  const outs = await m.classify(texts);
  const { emergency: te, urgentOrAbove: tu } = m.config.thresholds;
  return outs.map((o, i) => {
    const pe = o.probs.urgency.emergency;
    const pu = pe + o.probs.urgency.urgent;
    return {
      result: fuse(texts[i]!, undefined, o, applyRules(texts[i]!)),
      borderline: Math.abs(pe - te) < 0.01 || Math.abs(pu - tu) < 0.01,
    };
  });
}
