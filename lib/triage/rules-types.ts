/** Shapes of the red-flag rule table (rules-table.ts), used by the engine in rules.ts. */
import type { Urgency } from './labels';

/** The levels a red-flag rule can require (rules never ask for "routine"). */
export type FlagLevel = Exclude<Urgency, 'routine'>;

/** What a pattern check sees: the normalised text and a per-call memo for message-wide facts. */
export interface CheckContext {
  text: string;
  /** Memoised `re.test(text)` for message-wide facts ("is this about a pregnancy?"). */
  mentions(re: RegExp): boolean;
}

/**
 * Validates a regex match (e.g. parses the numbers of "BP 182/96").
 * false/null: not a red flag. true: keep the match as is.
 * An object: keep it, optionally with a new end offset (normalised text), level or label.
 */
export type CheckResult = boolean | null | { end?: number; level?: FlagLevel; label?: string };
export type Check = (m: RegExpExecArray, ctx: CheckContext) => CheckResult;

export interface CheckedPattern {
  re: RegExp;
  check: Check;
}
export type Pattern = RegExp | CheckedPattern;

/** Another mention that must be (or, for escalation, may be) near the rule's own match. */
export interface Companion {
  patterns: readonly RegExp[];
  /** Max distance in normalised characters between the two mentions. */
  window: number;
  /** Both mentions must be in the same sentence (no . ! ? ; or line break between them). */
  sameSentence?: boolean;
  /** Count companion mentions even when negated/past/hypothetical (default: active ones only). */
  raw?: boolean;
  /** Extra validation of a companion match (e.g. the infant's age is under 3 months). */
  check?: (m: RegExpExecArray) => boolean;
  /** Highlight the companion together with the match ("out of" + "insulin" -> "out of insulin"). */
  extend?: boolean;
  /** The companion must come after the match ("no tengo" + "insulina"). */
  after?: boolean;
}

/** Change the level/label of a match when a companion is near. */
export interface Adjustment extends Companion {
  level: FlagLevel;
  label: string;
}

export interface RuleDef {
  /** Stable id, e.g. 'chest-pain'. Several table rows may share an id. */
  id: string;
  /** Short reason shown in the UI. */
  label: string;
  level: FlagLevel;
  /** Patterns run on normalised text (lowercase, no accents, no apostrophes; see rules-normalize.ts). */
  patterns: readonly Pattern[];
  /** The rule only fires when one of these is near (e.g. fever AND an infant under 3 months). */
  requires?: Companion;
  /** Raise the level / sharpen the label when a companion is near (first that applies wins). */
  escalate?: readonly Adjustment[];
  /** Lower the level when a companion is near (e.g. suicidal thoughts with an explicit "no plan"). */
  lower?: Adjustment;
  /** Level for a mention that went away today/yesterday (default: urgent; TIA-like stroke signs stay emergency). */
  resolvedLevel?: FlagLevel;
}
