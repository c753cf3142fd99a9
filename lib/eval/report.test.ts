import { describe, expect, it } from 'vitest';
import { evaluate, formatReport, type EvalRow } from './report';
import type { Category, Urgency } from '../triage/labels';

function row(id: string, gu: Urgency, pu: Urgency, score: number, gc: Category, pc: Category | null, mu?: Urgency): EvalRow {
  return { id, gold: { urgency: gu, category: gc }, pred: { urgency: pu, score, category: pc, source: mu && mu !== pu ? 'model+rules' : 'model' }, modelUrgency: mu ?? pu };
}

const ROWS: EvalRow[] = [
  row('e1', 'emergency', 'emergency', 0.95, 'symptom', 'symptom'),
  row('e2', 'emergency', 'urgent', 0.5, 'symptom', 'symptom'),
  row('e3', 'emergency', 'emergency', 0.9, 'symptom', 'symptom', 'routine'),
  row('u1', 'urgent', 'urgent', 0.6, 'medication', 'medication'),
  row('u2', 'urgent', 'routine', 0.2, 'results', 'symptom'),
  row('r1', 'routine', 'routine', 0.1, 'scheduling', 'scheduling'),
  row('r2', 'routine', 'urgent', 0.5, 'acknowledgement', 'acknowledgement'),
  row('r3', 'routine', 'routine', 0.05, 'administrative', 'administrative'),
];

describe('evaluate', () => {
  const r = evaluate(ROWS, 'test');
  it('urgency matrix and headline figures (hand-computed)', () => {
    expect(r.n).toBe(8);
    expect(r.urgency.confusion).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [0, 1, 2],
    ]);
    expect(r.safety.emergencyRecall).toBeCloseTo(2 / 3, 12);
    // gold e/u: e1 e2 e3 u1 u2 -> predicted e/u: e1 e2 e3 u1 = 4/5
    expect(r.safety.emergencyOrUrgentRecall).toBe(0.8);
    expect(r.safety.emergencyPrecision).toBe(1);
    // predicted e/u: e1 e2 e3 u1 r2 -> gold e/u 4/5
    expect(r.safety.emergencyOrUrgentPrecision).toBe(0.8);
    expect(r.urgency.accuracy).toBe(5 / 8);
    expect(r.missedEmergencies).toEqual(['e2']);
    expect(r.underTriagedToRoutine).toEqual(['u2']);
    expect(r.sources).toEqual({ model: 7, 'model+rules': 1 });
  });
  it('AUROC of the score', () => {
    // emergency scores 0.95, 0.5, 0.9 vs rest 0.6, 0.2, 0.1, 0.5, 0.05: wins 5 + (3 + 0.5) + 5 = 13.5 / 15
    expect(r.auroc.emergencyVsRest).toBeCloseTo(13.5 / 15, 12);
    // e/u 0.95 0.5 0.9 0.6 0.2 vs routine 0.1 0.5 0.05: 3 + 2.5 + 3 + 3 + 2 = 13.5 / 15
    expect(r.auroc.emergencyOrUrgentVsRoutine).toBeCloseTo(13.5 / 15, 12);
  });
  it('category block and model-alone figures', () => {
    expect(r.category!.accuracy).toBe(7 / 8);
    expect(r.modelAlone!.emergencyRecall).toBeCloseTo(1 / 3, 12);
    expect(r.modelAlone!.emergencyOrUrgentRecall).toBe(0.6);
  });
  it('rules-only runs have no category block and no model-alone figures', () => {
    const ro = evaluate(
      ROWS.map((x) => ({ ...x, pred: { ...x.pred, category: null, source: 'rules' }, modelUrgency: null })),
      'rules only',
    );
    expect(ro.category).toBeNull();
    expect(ro.modelAlone).toBeNull();
    expect(formatReport(ro)).toContain('CATEGORY  n/a');
  });
  it('formats the headline, matrices and missed ids', () => {
    const text = formatReport(r);
    expect(text).toContain('emergency recall                          0.667       3');
    expect(text).toContain('emergency+urgent recall                   0.800       5');
    expect(text).toContain('Missed emergencies (1): e2');
    expect(text).toContain('gold \\ pred');
  });
});
