/**
 * Classification metrics for the triage evaluation (pure, no I/O).
 * Confusion matrices have gold labels as rows and predictions as columns.
 */

export interface ClassStats<L extends string = string> {
  label: L;
  precision: number;
  recall: number;
  f1: number;
  /** Number of gold examples of this class. */
  support: number;
  /** Number of predictions of this class. */
  predicted: number;
}

/** matrix[i][j] = number of examples with gold labels[i] predicted as labels[j]. */
export function confusionMatrix<L extends string>(labels: readonly L[], gold: readonly L[], pred: readonly L[]): number[][] {
  if (gold.length !== pred.length) throw new Error(`gold (${gold.length}) and predictions (${pred.length}) differ in length`);
  const index = new Map(labels.map((l, i) => [l, i] as const));
  const m = labels.map(() => labels.map(() => 0));
  gold.forEach((g, k) => {
    const i = index.get(g);
    const j = index.get(pred[k]!);
    if (i === undefined) throw new Error(`unknown gold label "${g}"`);
    if (j === undefined) throw new Error(`unknown predicted label "${pred[k]}"`);
    m[i]![j]! += 1;
  });
  return m;
}

const div = (a: number, b: number) => (b === 0 ? 0 : a / b);

/** Precision, recall, F1 and support per class (0 when undefined, as sklearn's zero_division=0). */
export function perClassStats<L extends string>(labels: readonly L[], matrix: readonly (readonly number[])[]): ClassStats<L>[] {
  return labels.map((label, i) => {
    const tp = matrix[i]?.[i] ?? 0;
    const support = (matrix[i] ?? []).reduce((a, b) => a + b, 0);
    const predicted = matrix.reduce((a, row) => a + (row[i] ?? 0), 0);
    const precision = div(tp, predicted);
    const recall = div(tp, support);
    return { label, precision, recall, f1: div(2 * precision * recall, precision + recall), support, predicted };
  });
}

/** Unweighted mean of per-class F1 over classes that occur in gold or predictions. */
export function macroF1(stats: readonly ClassStats[]): number {
  const present = stats.filter((s) => s.support > 0 || s.predicted > 0);
  return div(
    present.reduce((a, s) => a + s.f1, 0),
    present.length,
  );
}

export function accuracy(matrix: readonly (readonly number[])[]): number {
  let correct = 0;
  let total = 0;
  matrix.forEach((row, i) =>
    row.forEach((v, j) => {
      total += v;
      if (i === j) correct += v;
    }),
  );
  return div(correct, total);
}

/**
 * Recall of a group of classes taken together: of the gold examples in `group`,
 * the fraction predicted as any class in `group` (e.g. emergency+urgent recall).
 * null when the group has no gold examples.
 */
export function groupRecall<L extends string>(gold: readonly L[], pred: readonly L[], group: readonly L[]): number | null {
  let n = 0;
  let hit = 0;
  gold.forEach((g, k) => {
    if (!group.includes(g)) return;
    n += 1;
    if (group.includes(pred[k]!)) hit += 1;
  });
  return n ? hit / n : null;
}

/** Precision of a group of classes taken together; null when nothing was predicted in the group. */
export function groupPrecision<L extends string>(gold: readonly L[], pred: readonly L[], group: readonly L[]): number | null {
  return groupRecall(pred, gold, group);
}

/** Average ranks (1-based), ties sharing the mean of the ranks they span. */
export function averageRanks(values: readonly number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]![1]] = r;
    i = j + 1;
  }
  return ranks;
}

/**
 * Area under the ROC curve by the Mann–Whitney U statistic (ties count 1/2):
 * the probability that a random positive scores above a random negative.
 * null when either class is absent.
 */
export function auroc(scores: readonly number[], positive: readonly boolean[]): number | null {
  if (scores.length !== positive.length) throw new Error('scores and labels differ in length');
  const nPos = positive.filter(Boolean).length;
  const nNeg = positive.length - nPos;
  if (!nPos || !nNeg) return null;
  const ranks = averageRanks(scores);
  const rankSum = ranks.reduce((a, r, i) => a + (positive[i] ? r : 0), 0);
  return (rankSum - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

// ---------------------------------------------------------------- formatting

export type Cell = string | number | null;

export interface FormatTableOptions {
  /** Decimals for non-integer numbers (default 3). */
  digits?: number;
  /** Column alignment; default: first column left, the others right. */
  align?: ('left' | 'right')[];
}

export function formatCell(v: Cell, digits = 3): string {
  if (v === null) return '–';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(digits);
  return v;
}

/** A plain-text table: a header row, a rule, then the rows; columns padded with two spaces between. */
export function formatTable(headers: readonly string[], rows: readonly (readonly Cell[])[], opts: FormatTableOptions = {}): string {
  const digits = opts.digits ?? 3;
  const cells = [headers.map((h) => h), ...rows.map((r) => headers.map((_, i) => (i < r.length ? formatCell(r[i]!, digits) : '')))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => [...(r[i] ?? '')].length)));
  const align = (i: number) => opts.align?.[i] ?? (i === 0 ? 'left' : 'right');
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => {
        const pad = ' '.repeat(widths[i]! - [...c].length);
        return align(i) === 'left' ? c + pad : pad + c;
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(cells[0]!), rule, ...cells.slice(1).map(line)].join('\n');
}

/** A confusion matrix as a table: rows gold, columns predicted. */
export function formatConfusion(labels: readonly string[], matrix: readonly (readonly number[])[]): string {
  return formatTable(
    ['gold \\ pred', ...labels],
    labels.map((l, i) => [l, ...(matrix[i] ?? [])]),
  );
}

/** Per-class precision/recall/F1/support as a table. */
export function formatClassStats(stats: readonly ClassStats[], digits = 3): string {
  return formatTable(
    ['class', 'precision', 'recall', 'f1', 'support'],
    stats.map((s) => [s.label, s.precision.toFixed(digits), s.recall.toFixed(digits), s.f1.toFixed(digits), s.support]),
  );
}
