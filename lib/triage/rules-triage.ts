/** Triage from the red-flag rules alone: the content script's instant answer, and the fallback whenever the model is not available. */
import { applyRules } from './rules';
import { fuse } from './fusion';
import type { TriageResult } from './result';

export function rulesTriage(text: string, hash?: string): TriageResult {
  return fuse(text, hash, null, applyRules(text));
}
