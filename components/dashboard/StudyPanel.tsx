/**
 * Study & data: enrollment (participant code, consent supplied by the study and accepted before
 * anything is recorded for it, arm assignment), withdrawal, the de-identified export, importing
 * participants' exports, and retention (purge older data, delete everything), each destructive
 * step confirmed first.
 */
import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { browser } from 'wxt/browser';
import { ARMS, ARM_TEXT, armAt, enroll, inStudy, saveEnrollment, withdraw, type Arm, type Enrollment } from '@/lib/study/enrollment';
import { newSeed } from '@/lib/study/prng';
import { buildExport } from '@/lib/export/build';
import { exportFiles, type ExportFile } from '@/lib/export/files';
import { importExports, removeImported, type ImportOutcome } from '@/lib/export/imports-db';
import { deleteEverything, purgeOlderThan, DAY_MS } from '@/lib/retention/retention';
import { importsDb, loadImportedList, loadOwnSource, loadStudy, ownDb } from './data';

const fmtDate = (ms: number) => new Date(ms).toLocaleString();

function EnrollForm({ onDone }: { onDone: (e: Enrollment) => void }) {
  const [studyId, setStudyId] = useState('');
  const [code, setCode] = useState('');
  const [consentText, setConsentText] = useState('');
  const [salt, setSalt] = useState('');
  const [method, setMethod] = useState<'fixed' | 'randomized'>('randomized');
  const [arm, setArm] = useState<Arm>('ai');
  const [candidates, setCandidates] = useState<Arm[]>(['ai', 'control']);
  const [seed, setSeed] = useState('');
  const [start, setStart] = useState('');
  const [step, setStep] = useState<'details' | 'consent'>('details');
  const [accepted, setAccepted] = useState(false);
  const [error, setError] = useState('');

  const draft = () => ({
    studyId,
    participantCode: code,
    consentText,
    salt,
    method,
    arm: method === 'fixed' ? arm : undefined,
    candidates: method === 'randomized' ? candidates : undefined,
    seed: seed || undefined,
    enrolledAt: start ? new Date(`${start}T00:00:00`).getTime() : undefined,
  });

  const next = async () => {
    setError('');
    try {
      // Validate everything now (the consent time is a placeholder until accepted).
      await enroll(draft(), Date.now(), () => 'check');
      setStep('consent');
    } catch (err) {
      setError(problem(err));
    }
  };
  const accept = async () => {
    setError('');
    try {
      const e = await enroll(draft(), Date.now(), newSeed);
      onDone(await saveEnrollment(browser.storage.local, e));
    } catch (err) {
      setError(problem(err));
    }
  };

  if (step === 'consent') {
    return (
      <div className="consent">
        <h3 id="consent-h">Consent</h3>
        <p className="muted">The study's consent text, as supplied by the study team. Nothing is recorded for the study until it is accepted.</p>
        <div className="consent-text" tabIndex={0} aria-labelledby="consent-h" data-consent-text>
          {consentText}
        </div>
        <label className="check">
          <input type="checkbox" checked={accepted} onChange={(e) => setAccepted(e.target.checked)} name="accept" /> I have read this and I agree to take part
        </label>
        <div className="actions">
          <button type="button" onClick={() => setStep('details')}>
            Back
          </button>
          <button type="button" className="primary" disabled={!accepted} onClick={() => void accept()}>
            Accept and enroll
          </button>
        </div>
        {error ? <p role="alert" className="error">{error}</p> : null}
      </div>
    );
  }

  return (
    <form className="enroll" onSubmit={(e) => (e.preventDefault(), void next())} aria-labelledby="enroll-h">
      <h3 id="enroll-h">Enroll this browser's clinician</h3>
      <label>
        Study id <input name="studyId" value={studyId} onChange={(e) => setStudyId(e.target.value)} required autoComplete="off" />
      </label>
      <label>
        Participant code (never a name) <input name="participantCode" value={code} onChange={(e) => setCode(e.target.value)} placeholder="P-017" required autoComplete="off" />
      </label>
      <label>
        Study salt (from the study team, the same for every participant) <input name="salt" value={salt} onChange={(e) => setSalt(e.target.value)} required autoComplete="off" />
      </label>
      <label className="wide">
        Consent text (supplied by the study)
        <textarea name="consentText" rows={5} value={consentText} onChange={(e) => setConsentText(e.target.value)} required />
      </label>
      <fieldset>
        <legend>Arm assignment</legend>
        <label className="check">
          <input type="radio" name="method" checked={method === 'randomized'} onChange={() => setMethod('randomized')} /> Randomised (seeded, the seed is recorded)
        </label>
        <label className="check">
          <input type="radio" name="method" checked={method === 'fixed'} onChange={() => setMethod('fixed')} /> Fixed
        </label>
        {method === 'fixed' ? (
          <label>
            Arm{' '}
            <select name="arm" value={arm} onChange={(e) => setArm(e.target.value as Arm)}>
              {ARMS.map((a) => (
                <option key={a} value={a}>
                  {ARM_TEXT[a]}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <>
            <p className="muted">Draw from:</p>
            {ARMS.map((a) => (
              <label key={a} className="check">
                <input
                  type="checkbox"
                  name={`candidate-${a}`}
                  checked={candidates.includes(a)}
                  onChange={(e) => setCandidates((c) => (e.target.checked ? [...c, a] : c.filter((x) => x !== a)))}
                />{' '}
                {ARM_TEXT[a]}
              </label>
            ))}
            <label>
              Seed (empty: a new random seed) <input name="seed" value={seed} onChange={(e) => setSeed(e.target.value)} autoComplete="off" />
            </label>
          </>
        )}
      </fieldset>
      <label>
        Enrollment date (empty: when consent is accepted) <input type="date" name="enrolledAt" value={start} onChange={(e) => setStart(e.target.value)} />
      </label>
      <div className="actions">
        <button type="submit" className="primary">
          Continue to consent
        </button>
      </div>
      {error ? <p role="alert" className="error">{error}</p> : null}
    </form>
  );
}

function problem(err: unknown): string {
  const issues = (err as { issues?: { path: PropertyKey[]; message: string }[] })?.issues;
  if (issues?.length) return issues.map((i) => i.message).join('; ');
  return err instanceof Error ? err.message : String(err);
}

function ExportPanel({ e }: { e: Enrollment }) {
  const [files, setFiles] = useState<(ExportFile & { url: string })[] | null>(null);
  const run = useMutation({
    mutationFn: async () => {
      const src = await loadOwnSource();
      const bundle = await buildExport(src, e, { now: Date.now(), exportId: crypto.randomUUID(), extensionVersion: browser.runtime.getManifest().version });
      return { bundle, files: await exportFiles(bundle) };
    },
    onSuccess: (r) => {
      files?.forEach((f) => URL.revokeObjectURL(f.url));
      setFiles(r.files.map((f) => ({ ...f, url: URL.createObjectURL(new Blob([f.text], { type: f.mime })) })));
    },
  });
  const m = run.data?.bundle.manifest;
  return (
    <section aria-labelledby="export-h" className="card">
      <h2 id="export-h">Export de-identified data</h2>
      <p className="muted">
        Times, counts, urgency levels and edit ratios of the study period only; no message text, no patient identifiers; ids hashed with the study salt. The
        first <code>.ndjson</code> file (the bundle) is what the study team imports; the CSV and per-table NDJSON files are the same tables for analysis; the manifest lists
        counts and SHA-256 checksums.
      </p>
      <button type="button" className="primary" onClick={() => run.mutate()} disabled={run.isPending}>
        {run.isPending ? 'Exporting…' : 'Export'}
      </button>
      {run.error ? <p role="alert" className="error">{problem(run.error)}</p> : null}
      {m && files ? (
        <div role="status" data-export-done>
          <p>
            {m.counts.event} events, {m.counts.message} messages, {m.counts.draft} draft uses, {m.counts.day} days. Download:
          </p>
          <ul className="files">
            {files.map((f, i) => (
              <li key={f.name}>
                <a href={f.url} download={f.name} data-file={i === 0 ? 'bundle' : f.name.split('_').pop()}>
                  {f.name}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

function ImportPanel() {
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['imported', 'list'], queryFn: loadImportedList });
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const run = useMutation({
    mutationFn: async (fl: File[]) => importExports(importsDb(), await Promise.all(fl.map(async (f) => ({ name: f.name, text: await f.text() })))),
    onSuccess: (o) => {
      setOutcome(o);
      void qc.invalidateQueries({ queryKey: ['imported'] });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => removeImported(importsDb(), id),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['imported'] }),
  });
  return (
    <section aria-labelledby="import-h" className="card">
      <h2 id="import-h">Import participants' exports</h2>
      <p className="muted">
        Choose one or more <code>.ndjson</code> exports. Each file is checked whole before anything is kept: a damaged, changed, repeated or wrong-version file is
        refused with the reason, and nothing of it is imported. Imported data is kept apart from this browser's own data.
      </p>
      <label>
        Export files{' '}
        <input
          type="file"
          name="imports"
          multiple
          accept=".ndjson,.jsonl,application/x-ndjson"
          onChange={(ev) => {
            const fl = [...(ev.target.files ?? [])];
            ev.target.value = '';
            if (fl.length) run.mutate(fl);
          }}
        />
      </label>
      {run.isPending ? <p role="status">Checking…</p> : null}
      {run.error ? <p role="alert" className="error">{problem(run.error)}</p> : null}
      {outcome ? (
        <div role="status" data-import-outcome>
          {outcome.imported.length ? (
            <p className="ok">
              Imported {outcome.imported.length} file{outcome.imported.length === 1 ? '' : 's'}: {outcome.imported.map((i) => `${i.participantCode} (${i.counts.event} events)`).join(', ')}.
            </p>
          ) : null}
          {outcome.refused.length ? (
            <ul className="refused" aria-label="Refused files">
              {outcome.refused.map((r) => (
                <li key={`${r.name}-${r.reason}`} data-refused={r.name}>
                  <strong>Refused {r.name}:</strong> {r.reason}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <h3>Imported ({list.data?.length ?? 0})</h3>
      {list.data?.length ? (
        <ul className="imported">
          {list.data.map((b) => (
            <li key={b.manifest.exportId} data-imported={b.manifest.participantCode}>
              <strong>{b.manifest.participantCode}</strong> · study {b.manifest.studyId} · {ARM_TEXT[b.manifest.assignment.arm]} · {new Date(b.manifest.range.from).toLocaleDateString()} to{' '}
              {new Date(b.manifest.range.to).toLocaleDateString()} · {b.manifest.counts.event} events{' '}
              <button type="button" onClick={() => remove.mutate(b.manifest.exportId)} aria-label={`Remove ${b.manifest.participantCode}'s import`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">None yet.</p>
      )}
    </section>
  );
}

function RetentionPanel() {
  const qc = useQueryClient();
  const [days, setDays] = useState(365);
  const [confirm, setConfirm] = useState<'purge' | 'all' | null>(null);
  const [typed, setTyped] = useState('');
  const [done, setDone] = useState('');
  const cutoff = useMemo(() => new Date(Date.now() - days * DAY_MS).toLocaleDateString(), [days]);
  const purge = useMutation({
    mutationFn: () => purgeOlderThan(ownDb(), days),
    onSuccess: (n) => {
      setDone(`Deleted ${n.activity} activity records, ${n.messageStats} message records and ${n.draftUses} draft uses older than ${days} days.`);
      setConfirm(null);
      void qc.invalidateQueries();
    },
  });
  const wipe = useMutation({
    mutationFn: () => deleteEverything(ownDb(), importsDb()),
    onSuccess: () => {
      setDone('Deleted all recorded inbox data and every imported export.');
      setConfirm(null);
      setTyped('');
      void qc.invalidateQueries();
    },
  });
  return (
    <section aria-labelledby="retention-h" className="card">
      <h2 id="retention-h">Retention</h2>
      <div className="actions">
        <label>
          Keep the last <input type="number" name="retentionDays" min={1} max={3650} value={days} onChange={(e) => setDays(Math.max(1, Number(e.target.value) || 1))} /> days
        </label>
        <button type="button" onClick={() => setConfirm('purge')}>
          Delete older data…
        </button>
        <button type="button" className="danger" onClick={() => setConfirm('all')}>
          Delete everything…
        </button>
      </div>
      {confirm === 'purge' ? (
        <div role="alertdialog" aria-labelledby="purge-q" className="confirm">
          <p id="purge-q">Delete this browser's inbox-time records from before {cutoff}? This cannot be undone.</p>
          <button type="button" className="danger" onClick={() => purge.mutate()}>
            Delete records before {cutoff}
          </button>{' '}
          <button type="button" onClick={() => setConfirm(null)}>
            Cancel
          </button>
        </div>
      ) : null}
      {confirm === 'all' ? (
        <div role="alertdialog" aria-labelledby="wipe-q" className="confirm">
          <p id="wipe-q">Delete all of this browser's recorded inbox data and every imported export? Settings and the study enrollment stay. Type DELETE to confirm.</p>
          <input aria-label="Type DELETE to confirm" name="confirmDelete" value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />{' '}
          <button type="button" className="danger" disabled={typed !== 'DELETE'} onClick={() => wipe.mutate()}>
            Delete everything
          </button>{' '}
          <button type="button" onClick={() => setConfirm(null)}>
            Cancel
          </button>
        </div>
      ) : null}
      {done ? <p role="status" data-retention-done>{done}</p> : null}
    </section>
  );
}

export function StudyPanel() {
  const qc = useQueryClient();
  const study = useQuery({ queryKey: ['study'], queryFn: loadStudy });
  const e = study.data ?? null;
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const out = useMutation({
    mutationFn: () => withdraw(browser.storage.local, Date.now()),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['study'] }),
  });
  const [confirmWithdraw, setConfirmWithdraw] = useState(false);
  const now = Date.now();
  const withdrawnNow = !!e && e.withdrawnAt !== null && now >= e.withdrawnAt;
  return (
    <main className="study">
      <section aria-labelledby="study-h" className="card">
        <h2 id="study-h">Pilot study</h2>
        {study.isPending ? (
          <p role="status">Loading…</p>
        ) : e ? (
          <div data-enrolled={e.participantCode}>
            <dl className="facts">
              <dt>Study</dt>
              <dd>{e.studyId}</dd>
              <dt>Participant code</dt>
              <dd data-participant>{e.participantCode}</dd>
              <dt>Arm</dt>
              <dd data-arm={e.assignment.arm}>
                {ARM_TEXT[e.assignment.arm]} ({e.assignment.method === 'randomized' ? `randomised from ${e.assignment.candidates.map((c) => ARM_TEXT[c]).join(' / ')}, seed ${e.assignment.seed}` : 'fixed'})
              </dd>
              <dt>Now</dt>
              <dd data-arm-now>
                {inStudy(e, now) ? (armAt(e, now, tz) === 'ai' ? 'AI features on (triage badges and drafts shown)' : 'AI features off: triage badges and drafts hidden; inbox time measured the same way') : withdrawnNow ? 'Withdrawn: nothing more is recorded for the study' : 'Not started yet'}
              </dd>
              <dt>Consent accepted</dt>
              <dd>{fmtDate(e.consent.acceptedAt)}</dd>
              <dt>Enrolled</dt>
              <dd>{fmtDate(e.enrolledAt)}</dd>
              <dt>Withdrawn</dt>
              <dd>{e.withdrawnAt === null ? '—' : fmtDate(e.withdrawnAt)}</dd>
            </dl>
            {e.withdrawnAt === null ? (
              confirmWithdraw ? (
                <div role="alertdialog" aria-labelledby="withdraw-q" className="confirm">
                  <p id="withdraw-q">Withdraw from the study now? Nothing more will be recorded for it; AI features return to normal.</p>
                  <button type="button" className="danger" onClick={() => out.mutate()}>
                    Withdraw
                  </button>{' '}
                  <button type="button" onClick={() => setConfirmWithdraw(false)}>
                    Cancel
                  </button>
                </div>
              ) : (
                <button type="button" onClick={() => setConfirmWithdraw(true)}>
                  Withdraw…
                </button>
              )
            ) : null}
          </div>
        ) : (
          <EnrollForm onDone={() => void qc.invalidateQueries({ queryKey: ['study'] })} />
        )}
      </section>
      {e ? <ExportPanel e={e} /> : null}
      <ImportPanel />
      <RetentionPanel />
    </main>
  );
}
