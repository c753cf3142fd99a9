/**
 * The inbox overlay: keeps one badge on every visible message row, reports the
 * open message, and never lets an error escape into the EHR page.
 *
 * It is driven by a cheap, idempotent scan: a MutationObserver (and navigation
 * events) schedule at most one scan per tick; a scan only writes to the DOM when
 * a badge is missing or out of date, so its own writes settle immediately.
 */
import type { EhrAdapter, InboxRow, OpenMessage } from '../adapters/types';
import { triageText } from '../adapters/types';
import type { TriageResult } from '../triage/result';
import type { Urgency } from '../triage/labels';
import { textHash } from '../util/hash';
import { BADGE_ATTR, removeAllBadges, renderBadge } from './badge';
import { STATUS_ATTR, createStatus, type StatusView } from './status';
/** The options page's short-lived preview highlight (lib/adapters/preview-inject.ts). */
const PREVIEW_ATTR = 'data-ehr-triage-preview';

export interface Triager {
  /** Immediate result (red-flag rules). Must not throw. */
  quick(text: string, hash: string): TriageResult;
  /** Better results later (the model), or a rejection; the quick result stays if it fails. */
  refine?(items: { hash: string; text: string }[]): Promise<TriageResult[]>;
  /** Short description for the status element, e.g. "rules only" or "model ready". */
  describe?(): string;
}

export interface OverlayOptions {
  adapter: EhrAdapter;
  doc: Document;
  triager: Triager;
  /** Called when the open message (or its triage) changes. */
  onOpenMessage?: (msg: OpenMessage | null, triage: TriageResult | null) => void;
  /** Called after each scan that changed what is visible. */
  onScan?: (stats: ScanStats) => void;
  /** Called after a scan when the visible rows, their triage or the open message changed (inbox tools). */
  onVisible?: (visible: readonly VisibleTriage[], openId: string | null) => void;
  /** Scans that throw this many times in a row pause the overlay. */
  maxConsecutiveErrors?: number;
  /**
   * How long (ms) an inbox page that this adapter recognised may go unrecognised, on the same
   * address, before the overlay says its layout changed (default 2500). Short gaps are normal
   * while a single-page EHR re-renders.
   */
  layoutDriftMs?: number;
  /**
   * Whether triage is shown (badges, the status pill with the triage queue); false in a pilot
   * study's control arm (lib/study/gate.ts). The overlay still triages and reports, so the
   * measures are taken the same way in both arms.
   */
  aiFeatures?: () => boolean;
}

export interface ScanStats {
  rows: number;
  badged: number;
  byUrgency: Record<Urgency, number>;
  /** Rows currently shown with an unread marker, by urgency. */
  unreadByUrgency: Record<Urgency, number>;
}

export interface VisibleTriage {
  message: InboxRow['message'];
  triage: TriageResult;
}

/**
 * Rows sent to the model per request: a whole inbox page in one round trip (the model host groups
 * them into forward passes of at most 32 similar-length texts).
 */
export const REFINE_BATCH = 64;

export class InboxOverlay {
  private readonly cache = new Map<string, TriageResult>();
  private readonly pending = new Map<string, string>();
  private readonly inflight = new Set<string>();
  private observer: MutationObserver | null = null;
  private scheduled = false;
  private refineTimer: ReturnType<typeof setTimeout> | null = null;
  private status: StatusView | null = null;
  private errors = 0;
  private paused = false;
  private stopped = false;
  private lastOpenKey = '';
  private lastStatsKey = '';
  private refineFailed = false;
  private visible: VisibleTriage[] = [];
  private lastVisibleKey = '';
  /** origin + path of the page where the adapter last recognised the inbox or an open message. */
  private lastGoodPath: string | null = null;
  private driftSince: number | null = null;
  private driftTimer: ReturnType<typeof setTimeout> | null = null;
  private drifted = false;
  private lastDiagnostic = '';
  private readonly onNav = () => this.schedule();

  constructor(private readonly opts: OverlayOptions) {}

  start(): void {
    const { doc } = this.opts;
    this.status = createStatus(doc);
    this.status.set('ok', 'Inbox Triage: starting…');
    this.observer = new MutationObserver((records) => {
      if (records.some((r) => !isOwnMutation(r))) this.schedule();
    });
    this.observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
    const win = doc.defaultView;
    win?.addEventListener('hashchange', this.onNav);
    win?.addEventListener('popstate', this.onNav);
    this.scan();
  }

  stop(): void {
    // A scan scheduled before stopping must not draw again (it would re-attach the status pill).
    this.stopped = true;
    this.observer?.disconnect();
    this.observer = null;
    const win = this.opts.doc.defaultView;
    win?.removeEventListener('hashchange', this.onNav);
    win?.removeEventListener('popstate', this.onNav);
    if (this.refineTimer) clearTimeout(this.refineTimer);
    if (this.driftTimer) clearTimeout(this.driftTimer);
    removeAllBadges(this.opts.doc);
    this.status?.remove();
  }

  /** The rows of the last scan with their triage, in page order. */
  visibleTriage(): readonly VisibleTriage[] {
    return this.visible;
  }

  /** The status pill's host element (its open shadow root also holds the inbox tools), or null before start. */
  statusElement(): HTMLElement | null {
    return this.status?.element ?? null;
  }

  /** Triage for a text hash, if known. */
  resultFor(hash: string): TriageResult | undefined {
    return this.cache.get(hash);
  }

  /** Schedule one scan soon (coalesced). */
  schedule(): void {
    if (this.scheduled || this.paused) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      this.scan();
    }, 16);
  }

  /** Run a scan now. Never throws. */
  scan(): void {
    if (this.paused || this.stopped) return;
    try {
      this.scanUnsafe();
      this.errors = 0;
    } catch (err) {
      this.errors += 1;
      const max = this.opts.maxConsecutiveErrors ?? 3;
      const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      if (this.errors >= max) {
        this.paused = true;
        this.observer?.disconnect();
        this.status?.set('error', 'Triage paused on this page: the inbox layout was not recognised. The EHR works as usual.', this.diagnostic(detail));
      } else {
        this.status?.set('warn', 'Triage hit a problem on this page; retrying.', this.diagnostic(detail));
        this.schedule();
      }
    }
  }

  private triage(text: string): TriageResult {
    const hash = textHash(text);
    const hit = this.cache.get(hash);
    if (hit) return hit;
    const quick = this.opts.triager.quick(text, hash);
    this.cache.set(hash, quick);
    if (this.opts.triager.refine && !this.refineFailed) this.queueRefine(hash, text);
    return quick;
  }

  /** Message id -> hash of its full text, for messages opened on this page (most recent last). */
  private readonly fullTextOf = new Map<string, string>();

  private rememberFullText(id: string, hash: string): void {
    this.fullTextOf.delete(id);
    this.fullTextOf.set(id, hash);
    if (this.fullTextOf.size > 5000) this.fullTextOf.delete(this.fullTextOf.keys().next().value!);
  }

  /** A row's triage: from its full text when the message has been opened here, else from what the row shows. */
  private rowTriage(id: string, rowText: string): TriageResult {
    const fromRow = this.triage(rowText);
    const hash = this.fullTextOf.get(id);
    const full = hash ? this.cache.get(hash) : undefined;
    if (!full || full.textHash === fromRow.textHash) return fromRow;
    return { ...full, reasons: [...full.reasons, 'Read from the whole message (opened), not only the row.'] };
  }

  /** Apply the study gate: hide every badge and the status pill while AI features are off. */
  private applyAiGate(): boolean {
    const show = this.opts.aiFeatures?.() ?? true;
    if (!show) removeAllBadges(this.opts.doc);
    const host = this.status?.element;
    if (host && host.style.display !== (show ? '' : 'none')) host.style.display = show ? '' : 'none';
    return show;
  }

  private scanUnsafe(): void {
    const { adapter, doc } = this.opts;
    const show = this.applyAiGate();
    const rows = adapter.hasInbox(doc) ? adapter.listRows(doc) : [];
    const byUrgency: Record<Urgency, number> = { emergency: 0, urgent: 0, routine: 0 };
    const unreadByUrgency: Record<Urgency, number> = { emergency: 0, urgent: 0, routine: 0 };
    const visible: VisibleTriage[] = [];
    let badged = 0;
    // The open message is read first: its full text is more than its row shows (many EHR lists
    // show the subject alone), so once a message has been opened its row carries that triage.
    const open = adapter.readOpenMessage(doc);
    const openTriage = open ? this.triage(triageText(open.subject, open.body)) : null;
    if (open && openTriage) this.rememberFullText(open.id, openTriage.textHash);
    for (const row of rows) {
      const result = this.rowTriage(row.message.id, triageText(row.message.subject, row.message.preview));
      if (show) renderBadge(row.badgeAnchor, row.message.id, result);
      badged += 1;
      byUrgency[result.urgency] += 1;
      if (row.message.unread) unreadByUrgency[result.urgency] += 1;
      visible.push({ message: row.message, triage: result });
    }
    this.visible = visible;

    const openKey = open && openTriage ? `${open.id}|${openTriage.textHash}|${openTriage.source}|${openTriage.urgency}` : '';
    if (openKey !== this.lastOpenKey) {
      this.lastOpenKey = openKey;
      this.opts.onOpenMessage?.(open, openTriage);
    }

    if (this.checkLayoutDrift(rows.length > 0 || !!open)) return;

    const stats: ScanStats = { rows: rows.length, badged, byUrgency, unreadByUrgency };
    const statsKey = JSON.stringify(stats) + (this.opts.triager.describe?.() ?? '');
    if (statsKey !== this.lastStatsKey) {
      this.lastStatsKey = statsKey;
      this.lastDiagnostic = '';
      this.status?.set(this.refineFailed ? 'warn' : 'ok', statusText(stats, this.opts.triager.describe?.() ?? 'rules only', !!open));
      this.opts.onScan?.(stats);
    }

    if (this.opts.onVisible) {
      const visibleKey = `${open?.id ?? ''}|${visible.map((v) => `${v.message.id}:${v.triage.urgency}:${v.triage.score}:${v.message.unread ? 1 : 0}`).join(',')}`;
      if (visibleKey !== this.lastVisibleKey) {
        this.lastVisibleKey = visibleKey;
        this.opts.onVisible(visible, open?.id ?? null);
      }
    }
  }

  private queueRefine(hash: string, text: string): void {
    if (this.inflight.has(hash)) return;
    this.pending.set(hash, text);
    if (this.refineTimer) return;
    this.refineTimer = setTimeout(() => void this.flushRefine(), 30);
  }

  private async flushRefine(): Promise<void> {
    this.refineTimer = null;
    const refine = this.opts.triager.refine;
    if (!refine) return;
    while (this.pending.size) {
      const batch = [...this.pending].slice(0, REFINE_BATCH).map(([hash, text]) => ({ hash, text }));
      for (const b of batch) {
        this.pending.delete(b.hash);
        this.inflight.add(b.hash);
      }
      try {
        const results = await refine(batch);
        for (const r of results) this.cache.set(r.textHash, r);
        this.refineFailed = false;
      } catch {
        // The model is unavailable: keep the rules' results, say so once.
        this.refineFailed = true;
        this.pending.clear();
      } finally {
        for (const b of batch) this.inflight.delete(b.hash);
      }
      this.lastStatsKey = '';
      this.schedule();
    }
  }

  /**
   * An EHR update that renames what the adapter looks for leaves the page at the same address
   * with nothing recognisable on it. That is told apart from an empty inbox (still recognised)
   * and from navigation to another page (another address), and reported in the one status
   * element, with a structure-only diagnostic, after `layoutDriftMs`. The observer keeps
   * running, so triage resumes by itself if the layout comes back. Returns true while drifted.
   */
  private checkLayoutDrift(found: boolean): boolean {
    const { adapter, doc } = this.opts;
    const loc = doc.location;
    const path = loc ? `${loc.origin}${loc.pathname}` : '';
    let recognised = found;
    if (!recognised) {
      try {
        recognised = adapter.hasInbox(doc) || adapter.matches(new URL(loc.href), doc);
      } catch {
        recognised = false;
      }
    }
    if (recognised) {
      this.lastGoodPath = path;
      this.driftSince = null;
      if (this.drifted) {
        this.drifted = false;
        this.lastStatsKey = '';
      }
      return false;
    }
    if (this.lastGoodPath !== path) return false; // another page of the EHR: not ours to judge
    const now = Date.now();
    const wait = this.opts.layoutDriftMs ?? 2500;
    this.driftSince ??= now;
    if (now - this.driftSince < wait) {
      if (!this.driftTimer) {
        this.driftTimer = setTimeout(() => {
          this.driftTimer = null;
          this.schedule();
        }, wait - (now - this.driftSince) + 10);
      }
      return false;
    }
    if (!this.drifted) {
      this.drifted = true;
      this.lastStatsKey = '';
      this.status?.set(
        'error',
        'Triage paused on this page: the inbox layout was not recognised (the EHR may have been updated). The EHR works as usual.',
        this.diagnostic('layout-drift: the inbox this adapter recognised on this page is no longer found'),
      );
      this.opts.onScan?.({ rows: 0, badged: 0, byUrgency: { emergency: 0, urgent: 0, routine: 0 }, unreadByUrgency: { emergency: 0, urgent: 0, routine: 0 } });
    }
    // Look again now and then (attribute-only changes do not wake the observer).
    if (!this.driftTimer) {
      this.driftTimer = setTimeout(() => {
        this.driftTimer = null;
        this.schedule();
      }, wait);
    }
    return true;
  }

  /** The diagnostic the status offers to copy right now ('' when all is well). */
  currentDiagnostic(): string {
    return this.lastDiagnostic;
  }

  private diagnostic(error: string): string {
    this.lastDiagnostic = this.buildDiagnostic(error);
    return this.lastDiagnostic;
  }

  private buildDiagnostic(error: string): string {
    const { adapter, doc } = this.opts;
    // Structure only: no patient text, no URL query or path (they can carry identifiers).
    const safe = (f: () => number) => {
      try {
        return f();
      } catch {
        return -1;
      }
    };
    return JSON.stringify(
      {
        kind: 'inbox-triage-diagnostic',
        adapter: adapter.id,
        origin: doc.location?.origin ?? '',
        time: new Date().toISOString(),
        error: error.slice(0, 300),
        rowsFound: safe(() => adapter.listRows(doc).length),
        replyBoxFound: safe(() => (adapter.findReplyBox(doc) ? 1 : 0)),
        elements: safe(() => doc.getElementsByTagName('*').length),
      },
      null,
      2,
    );
  }
}

function statusText(s: ScanStats, engine: string, hasOpen: boolean): string {
  if (!s.rows) return hasOpen ? `Inbox Triage: open message triaged · ${engine}` : `Inbox Triage: no messages on this page · ${engine}`;
  const parts = [`${s.rows} message${s.rows === 1 ? '' : 's'}`];
  if (s.byUrgency.emergency) parts.push(`${s.byUrgency.emergency} emergency`);
  if (s.byUrgency.urgent) parts.push(`${s.byUrgency.urgent} urgent`);
  return `Inbox Triage: ${parts.join(', ')} · ${engine}`;
}

function isOwn(node: Node): boolean {
  return node instanceof Element && (node.hasAttribute(BADGE_ATTR) || node.hasAttribute(STATUS_ATTR) || node.hasAttribute(PREVIEW_ATTR));
}

function isOwnMutation(r: MutationRecord): boolean {
  if (r.type !== 'childList') return false;
  const nodes = [...r.addedNodes, ...r.removedNodes];
  return nodes.length > 0 && nodes.every(isOwn);
}
