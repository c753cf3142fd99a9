import { CATEGORY_TEXT, URGENCY_TEXT } from '@/lib/triage/labels';
import type { OpenMessage } from '@/lib/adapters/types';
import type { TriageResult } from '@/lib/triage/result';
import { highlightSegments } from '@/lib/triage/highlight';

const SOURCE_TEXT: Record<TriageResult['source'], string> = {
  rules: 'Decided by the red-flag rules (the model is not in use)',
  model: 'Decided by the on-device model',
  'model+rules': 'Raised by the red-flag rules above the model’s level',
};

export function TriageView({
  message,
  triage,
  salient = [],
}: {
  message: OpenMessage;
  triage: TriageResult;
  salient?: readonly { text: string; weight: number }[];
}) {
  const segments = highlightSegments(message.body, triage.redFlags);
  return (
    <>
      <section className="card" data-testid="panel-triage" data-urgency={triage.urgency} data-source={triage.source} data-message-id={message.id}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
          <span className={`level ${triage.urgency}`} data-testid="panel-level">
            <span aria-hidden="true">{triage.urgency === 'emergency' ? '⚠' : triage.urgency === 'urgent' ? '●' : '○'}</span>
            {URGENCY_TEXT[triage.urgency]}
          </span>
          {triage.category && <span className="meta">{CATEGORY_TEXT[triage.category]}</span>}
        </div>
        {triage.urgency === 'emergency' && (
          <p className="callout" role="alert">
            Possible emergency: consider phoning the patient now.
          </p>
        )}
        <div className="score">
          <label htmlFor="risk-score" className="meta">
            Risk score
          </label>
          <meter id="risk-score" min={0} max={1} low={0.34} high={0.67} optimum={0} value={triage.score} />
          <span data-testid="panel-score">{triage.score.toFixed(2)}</span>
        </div>
        <p className="meta">{SOURCE_TEXT[triage.source]}</p>
        <h2>Why</h2>
        <ul className="reasons" data-testid="panel-reasons">
          {triage.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
        {salient.length > 0 && (
          <p className="meta" data-testid="panel-salient">
            Words that raised the model’s score most: {salient.map((s) => `“${s.text}”`).join(', ')}
          </p>
        )}
        {triage.probs && (
          <details>
            <summary className="meta">Model probabilities</summary>
            <table className="probs">
              <tbody>
                {Object.entries(triage.probs.urgency).map(([k, v]) => (
                  <tr key={k}>
                    <th scope="row">{k}</th>
                    <td>{v.toFixed(2)}</td>
                  </tr>
                ))}
                {Object.entries(triage.probs.category).map(([k, v]) => (
                  <tr key={k}>
                    <th scope="row">{k}</th>
                    <td>{v.toFixed(2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        )}
      </section>
      <section className="card">
        <h2>Message</h2>
        <div className="meta">
          {message.sender}
          {message.patient && message.patient !== message.sender ? ` · patient ${message.patient}` : ''}
          {message.sentAtText ? ` · ${message.sentAtText}` : ''}
        </div>
        <p style={{ fontWeight: 600, margin: '6px 0' }}>{message.subject || '(no subject)'}</p>
        <div className="message-text" data-testid="panel-message" dir="auto">
          {segments.map((s, i) =>
            s.level ? (
              <mark key={i} className={`flag-${s.level}`}>
                {s.text}
              </mark>
            ) : (
              <span key={i}>{s.text}</span>
            ),
          )}
        </div>
      </section>
    </>
  );
}
