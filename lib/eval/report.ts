/**
 * The triage evaluation report (what `npm run eval` prints): pure, from gold
 * labels and predictions. Headline safety figures are emergency recall and
 * emergency+urgent recall (docs/labels.md).
 */
import { CATEGORIES, URGENCIES, type Category, type Urgency } from '../triage/labels';
import {
  accuracy,
  auroc,
  confusionMatrix,
  formatClassStats,
  formatConfusion,
  formatTable,
  groupPrecision,
  groupRecall,
  macroF1,
  perClassStats,
  type ClassStats,
} from './metrics';

export interface EvalRow {
  id: string | number;
  gold: { urgency: Urgency; category: Category };
  pred: { urgency: Urgency; score: number; category: Category | null; source: string };
  /** The model's level before the rules (absent in rules-only runs). */
  modelUrgency?: Urgency | null;
}

export interface LabelBlock<L extends string> {
  labels: readonly L[];
  /** rows gold, columns predicted */
  confusion: number[][];
  perClass: ClassStats<L>[];
  macroF1: number;
  accuracy: number;
}

export interface EvalReport {
  n: number;
  mode: string;
  urgency: LabelBlock<Urgency>;
  /** null when nothing predicted a category (rules-only). */
  category: LabelBlock<Category> | null;
  safety: {
    emergencyRecall: number | null;
    emergencyOrUrgentRecall: number | null;
    emergencyPrecision: number | null;
    emergencyOrUrgentPrecision: number | null;
  };
  auroc: { emergencyVsRest: number | null; emergencyOrUrgentVsRoutine: number | null };
  /** Gold emergencies not predicted emergency (the worst error). */
  missedEmergencies: (string | number)[];
  /** Gold emergency/urgent predicted routine. */
  underTriagedToRoutine: (string | number)[];
  sources: Record<string, number>;
  /** The model alone, before the rules raised anything (null in rules-only runs). */
  modelAlone: {
    urgencyMacroF1: number;
    urgencyAccuracy: number;
    emergencyRecall: number | null;
    emergencyOrUrgentRecall: number | null;
  } | null;
}

function block<L extends string>(labels: readonly L[], gold: L[], pred: L[]): LabelBlock<L> {
  const confusion = confusionMatrix(labels, gold, pred);
  const perClass = perClassStats(labels, confusion);
  return { labels, confusion, perClass, macroF1: macroF1(perClass), accuracy: accuracy(confusion) };
}

export function evaluate(rows: readonly EvalRow[], mode = ''): EvalReport {
  const gu = rows.map((r) => r.gold.urgency);
  const pu = rows.map((r) => r.pred.urgency);
  const scores = rows.map((r) => r.pred.score);
  const withCategory = rows.filter((r) => r.pred.category !== null);
  const EU: Urgency[] = ['emergency', 'urgent'];
  const sources: Record<string, number> = {};
  for (const r of rows) sources[r.pred.source] = (sources[r.pred.source] ?? 0) + 1;
  const modelRows = rows.filter((r) => r.modelUrgency);
  let modelAlone: EvalReport['modelAlone'] = null;
  if (rows.length && modelRows.length === rows.length) {
    const mu = rows.map((r) => r.modelUrgency!);
    const b = block(URGENCIES, gu, mu);
    modelAlone = {
      urgencyMacroF1: b.macroF1,
      urgencyAccuracy: b.accuracy,
      emergencyRecall: groupRecall(gu, mu, ['emergency']),
      emergencyOrUrgentRecall: groupRecall(gu, mu, EU),
    };
  }
  return {
    n: rows.length,
    mode,
    urgency: block(URGENCIES, gu, pu),
    category: withCategory.length
      ? block(
          CATEGORIES,
          withCategory.map((r) => r.gold.category),
          withCategory.map((r) => r.pred.category!),
        )
      : null,
    safety: {
      emergencyRecall: groupRecall(gu, pu, ['emergency']),
      emergencyOrUrgentRecall: groupRecall(gu, pu, EU),
      emergencyPrecision: groupPrecision(gu, pu, ['emergency']),
      emergencyOrUrgentPrecision: groupPrecision(gu, pu, EU),
    },
    auroc: {
      emergencyVsRest: auroc(
        scores,
        gu.map((u) => u === 'emergency'),
      ),
      emergencyOrUrgentVsRoutine: auroc(
        scores,
        gu.map((u) => u !== 'routine'),
      ),
    },
    missedEmergencies: rows.filter((r) => r.gold.urgency === 'emergency' && r.pred.urgency !== 'emergency').map((r) => r.id),
    underTriagedToRoutine: rows.filter((r) => r.gold.urgency !== 'routine' && r.pred.urgency === 'routine').map((r) => r.id),
    sources,
    modelAlone,
  };
}

const f3 = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));

function countOf(block: LabelBlock<string>, labels: readonly string[]): number {
  return block.perClass.filter((s) => labels.includes(s.label)).reduce((a, s) => a + s.support, 0);
}

export function formatReport(r: EvalReport): string {
  const out: string[] = [];
  out.push(`Evaluated ${r.n} message(s)${r.mode ? ` with ${r.mode}` : ''}.`);
  out.push('');
  out.push('HEADLINE (safety)');
  out.push(
    formatTable(
      ['figure', 'value', 'gold n'],
      [
        ['emergency recall', f3(r.safety.emergencyRecall), countOf(r.urgency, ['emergency'])],
        ['emergency+urgent recall', f3(r.safety.emergencyOrUrgentRecall), countOf(r.urgency, ['emergency', 'urgent'])],
        ['emergency precision', f3(r.safety.emergencyPrecision), ''],
        ['emergency+urgent precision', f3(r.safety.emergencyOrUrgentPrecision), ''],
        ['AUROC score: emergency vs rest', f3(r.auroc.emergencyVsRest), ''],
        ['AUROC score: emergency+urgent vs routine', f3(r.auroc.emergencyOrUrgentVsRoutine), ''],
      ],
    ),
  );
  out.push('');
  out.push(`URGENCY  macro-F1 ${r.urgency.macroF1.toFixed(3)}  accuracy ${r.urgency.accuracy.toFixed(3)}`);
  out.push(formatClassStats(r.urgency.perClass));
  out.push('');
  out.push(formatConfusion(r.urgency.labels, r.urgency.confusion));
  out.push('');
  if (r.category) {
    const n = r.category.perClass.reduce((a, s) => a + s.support, 0);
    out.push(`CATEGORY  macro-F1 ${r.category.macroF1.toFixed(3)}  accuracy ${r.category.accuracy.toFixed(3)}${n < r.n ? `  (${n} with a predicted category)` : ''}`);
    out.push(formatClassStats(r.category.perClass));
    out.push('');
    out.push(formatConfusion(r.category.labels, r.category.confusion));
  } else {
    out.push('CATEGORY  n/a (no categories predicted: rules only)');
  }
  out.push('');
  if (r.modelAlone) {
    out.push(
      `Model alone (before rules): urgency macro-F1 ${r.modelAlone.urgencyMacroF1.toFixed(3)}, accuracy ${r.modelAlone.urgencyAccuracy.toFixed(3)}, ` +
        `emergency recall ${f3(r.modelAlone.emergencyRecall)}, emergency+urgent recall ${f3(r.modelAlone.emergencyOrUrgentRecall)}`,
    );
  }
  out.push(`Decided by: ${Object.entries(r.sources).map(([k, v]) => `${k} ${v}`).join(', ') || 'n/a'}`);
  out.push('');
  out.push(`Missed emergencies (${r.missedEmergencies.length}): ${r.missedEmergencies.join(', ') || 'none'}`);
  out.push(`Emergency/urgent triaged routine (${r.underTriagedToRoutine.length}): ${r.underTriagedToRoutine.join(', ') || 'none'}`);
  return out.join('\n');
}
