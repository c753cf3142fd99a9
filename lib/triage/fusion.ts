/**
 * Model + red-flag rules -> one TriageResult.
 *
 * The rules can only RAISE the model's urgency, never lower it. When they raise
 * it, the score is lifted into the band of the new level so that sorting by
 * score stays consistent with the level.
 */
import { unreadScript } from './script';
import { maxUrgency, urgencyRank, type Urgency } from './labels';
import type { ModelOutput } from './decide';
import type { TriageResult } from './result';
import { textHash } from '../util/hash';

/** The part of `applyRules(text)` (./rules) that fusion uses. */
export interface RuleMatch {
  ruleId: string;
  label: string;
  level: 'emergency' | 'urgent';
  phrase: string;
  start?: number;
  end?: number;
}
export interface RuleResult {
  /** The least urgent level the message may be shown at (null or 'routine': no floor). */
  floor: Urgency | null;
  matches: readonly RuleMatch[];
  suppressed?: unknown;
}

/** Lowest score of a level that the rules raised the message to. */
export const SCORE_FLOOR = { emergency: 0.9, urgent: 0.6 } as const;
/** Scores of rules-only results (same bands as ./rules-triage). */
export const RULES_ONLY_SCORE = { emergency: 0.9, urgent: 0.6, routine: 0.1 } as const;

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const dedupe = (xs: string[]) => [...new Set(xs)];

/** "Chest pain: “crushing chest pain”" for each red flag, most urgent first, without repeats. */
export function redFlagReasons(matches: readonly RuleMatch[]): string[] {
  const ordered = [...matches].sort((a, b) => urgencyRank(b.level) - urgencyRank(a.level));
  return dedupe(ordered.map((m) => `${m.label}: “${m.phrase}”`));
}

/** Texts with fewer words than this cannot be an emergency on the model's word alone. */
export const SHORT_TEXT_WORDS = 5;

/**
 * Words with at least one letter or digit, in any script. Scripts written without spaces
 * (Chinese, Japanese, Thai) count each of their characters.
 */
export function wordCount(text: string): number {
  let n = 0;
  for (const w of text.split(/\s+/)) {
    const unspaced = w.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/gu)?.length ?? 0;
    const rest = w.replace(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/gu, ' ');
    n += unspaced + rest.split(' ').filter((x) => /[\p{L}\p{N}]/u.test(x)).length;
  }
  return n;
}

export function fuse(
  text: string,
  hash: string | undefined,
  model: ModelOutput | null,
  rules: RuleResult,
  salient: readonly { text: string; weight: number }[] = [],
): TriageResult {
  const textHashValue = hash ?? textHash(text);
  const redFlags = rules.matches.map(({ ruleId, label, level, phrase }) => ({ ruleId, label, level, phrase }));
  const reasons = redFlagReasons(rules.matches);

  // Written mostly in a script the model and most rules cannot read: never shown as routine on
  // their word; "urgent" puts it in front of a person today, who reads it or finds an interpreter.
  const script = unreadScript(text);
  const scriptReason = script
    ? `Written in ${script}: the model reads English and Spanish, so this is shown as at least urgent until someone reads it`
    : null;

  if (!model) {
    const urgency: Urgency = maxUrgency(rules.floor, script ? 'urgent' : null) ?? 'routine';
    if (scriptReason) reasons.push(scriptReason);
    const extra = Math.min(rules.matches.length, 5) * 0.01;
    if (!reasons.length) reasons.push('No red-flag phrases found');
    return {
      textHash: textHashValue,
      urgency,
      score: urgency === 'routine' ? RULES_ONLY_SCORE.routine : clamp01(RULES_ONLY_SCORE[urgency] + extra),
      category: null,
      probs: null,
      redFlags,
      source: 'rules',
      reasons,
      salient: [],
    };
  }

  // A few words (a list that shows only the subject, "ok thx", an empty body) are too little
  // evidence for the model alone to call an emergency: it says urgent ("look soon") and the
  // red-flag rules, which read every phrase, still decide emergencies. Without any word to read
  // the model is not asked to judge at all.
  const words = wordCount(text);
  let modelUrgency: Urgency = model.urgency;
  let modelScore = model.score;
  if (words === 0) {
    modelUrgency = 'routine';
    modelScore = Math.min(modelScore, RULES_ONLY_SCORE.routine);
  } else if (words < SHORT_TEXT_WORDS && modelUrgency === 'emergency') {
    modelUrgency = 'urgent';
    modelScore = Math.min(modelScore, SCORE_FLOOR.emergency - 0.01);
  }
  // Text the model cannot read: its call is a guess either way, so it is shown as urgent ("a person
  // reads it today"), never routine and never an emergency on the guess (the rules still can).
  if (script && words > 0 && modelUrgency === 'routine') {
    modelUrgency = 'urgent';
    modelScore = Math.max(modelScore, SCORE_FLOOR.urgent);
  } else if (script && words > 0 && modelUrgency === 'emergency') {
    modelUrgency = 'urgent';
    modelScore = Math.min(modelScore, SCORE_FLOOR.emergency - 0.01);
  }

  const fused = maxUrgency(modelUrgency, rules.floor) ?? modelUrgency;
  const raised = urgencyRank(fused) > urgencyRank(modelUrgency);
  const score = clamp01(raised && fused !== 'routine' ? Math.max(modelScore, SCORE_FLOOR[fused]) : modelScore);

  if (words === 0) reasons.push('No text to read here: open the message and read it yourself');
  else if (script) reasons.push(scriptReason!);
  else if (modelUrgency !== model.urgency) reasons.push(`Only ${words} word${words === 1 ? '' : 's'} to go on: open the message for its full triage`);
  if (words > 0) reasons.push(`Model: ${model.urgency} ${model.probs.urgency[model.urgency].toFixed(2)}${script ? ' (a guess: it cannot read this script)' : ''}`);
  const shown = script || words === 0 ? [] : salient.filter((s) => s.text);
  if (shown.length) reasons.push(`Driven by: ${shown.map((s) => `“${s.text}”`).join(', ')}`);

  return {
    textHash: textHashValue,
    urgency: fused,
    score,
    // The model's category for text it cannot read is a guess: none is shown.
    category: script ? null : model.category,
    probs: { urgency: { ...model.probs.urgency }, category: { ...model.probs.category } },
    redFlags,
    source: raised ? 'model+rules' : 'model',
    reasons,
    salient: shown.map((s) => ({ text: s.text, weight: s.weight })),
  };
}
