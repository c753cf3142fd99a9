/**
 * The content script's side of inbox-time capture: DOM events and ticks → the pure tracker
 * (./tracker.ts) → heartbeats sent to the background, one report at a time and in order; a report
 * that fails (the service worker restarting) is sent again with the next one.
 *
 * Time comes from an injected clock. In production it is the machine clock. End-to-end tests
 * drive the page with Playwright's fake clock, which a content script (an isolated world) does
 * not see; when the test sets `activityTestClock` in extension storage (a page cannot), the
 * clock is read from the page through two DOM events instead (`pageBridgeClock`).
 */
import type { EhrAdapter, OpenMessage } from '../adapters/types';
import type { ActivityReportInput, SystemState } from './report';
import { ActivityTracker, DEFAULT_TRACKER_CONFIG, type Heartbeat, type Signal, type TrackerConfig } from './tracker';

export interface CaptureClock {
  now(): number;
  /** Call `fn` about every `ms`; returns a stop function. */
  every(ms: number, fn: () => void): () => void;
}

export function realClock(): CaptureClock {
  return {
    now: () => Date.now(),
    every: (ms, fn) => {
      const id = setInterval(fn, ms);
      return () => clearInterval(id);
    },
  };
}

/** Storage flag (storage.local) that turns on `pageBridgeClock`; only tests set it. */
export const TEST_CLOCK_KEY = 'activityTestClock';
export const TEST_NOW_EVENT = 'inbox-triage:test-now';
export const TEST_TICK_EVENT = 'inbox-triage:test-tick';
export const TEST_NOW_ATTR = 'data-inbox-triage-test-now';

/**
 * The page's clock, for tests: asking dispatches `TEST_NOW_EVENT`, to which the page's script
 * answers synchronously by writing its Date.now() into `TEST_NOW_ATTR` on <html>; ticks are the
 * page's `TEST_TICK_EVENT`s. Falls back to the machine clock when the page does not answer.
 */
export function pageBridgeClock(doc: Document): CaptureClock {
  return {
    now: () => {
      doc.dispatchEvent(new Event(TEST_NOW_EVENT));
      const v = Number(doc.documentElement.getAttribute(TEST_NOW_ATTR));
      return Number.isFinite(v) && v > 0 ? v : Date.now();
    },
    every: (_ms, fn) => {
      const on = () => fn();
      doc.addEventListener(TEST_TICK_EVENT, on);
      return () => doc.removeEventListener(TEST_TICK_EVENT, on);
    },
  };
}

export interface CaptureOptions {
  doc: Document;
  adapter: EhrAdapter;
  send: (report: ActivityReportInput) => Promise<unknown>;
  clock?: CaptureClock;
  config?: Partial<TrackerConfig>;
  /** How often the tracker is ticked (ms). */
  tickMs?: number;
  /** A closed message counts as closed only if it stays closed this long (ms, real time; default 1000). */
  closeGraceMs?: number;
}

export interface Capture {
  /** The overlay's open message changed. */
  openMessage(msg: OpenMessage | null): void;
  /** chrome.idle's state, relayed by the background. */
  system(state: SystemState): void;
  /**
   * The clinician used the extension's side panel for this tab (which takes focus from the page):
   * still inbox work, so it counts as focus and input here.
   */
  panelInput(): void;
  /** The EHR sent a reply to (or completed) a message. */
  outcome(messageId: string, outcome: 'replied' | 'completed'): void;
  /** Ends activity now and removes every listener. */
  stop(): void;
  /** Reports not yet accepted by the background (for tests). */
  pending(): number;
}

/**
 * User input. Scrolling counts through what does it (wheel, touch, keys, the scrollbar's mouse
 * down); a bare `scroll` event is not input, since pages also scroll themselves.
 */
const INPUT_EVENTS = ['keydown', 'mousedown', 'pointerdown', 'wheel', 'touchstart', 'input'] as const;

export function messageChars(msg: OpenMessage): number {
  return msg.subject.length + msg.body.length + msg.thread.reduce((a, t) => a + t.body.length, 0);
}

export function startCapture(opts: CaptureOptions): Capture {
  const { doc, adapter } = opts;
  const win = doc.defaultView;
  const clock = opts.clock ?? realClock();
  const tracker = new ActivityTracker(
    { ...DEFAULT_TRACKER_CONFIG, ...opts.config },
    { visible: doc.visibilityState !== 'hidden', focused: safeHasFocus(doc) },
  );
  let openId: string | null = null;
  let queue: ActivityReportInput[] = [];
  const attempts = new WeakMap<ActivityReportInput, number>();
  let sending = false;
  let stopped = false;

  const flush = (): void => {
    if (sending || !queue.length) return;
    // The first waiting report, with the heartbeats of the ones after it up to the next opening
    // (an opening must reach the background before its message's heartbeats).
    const first = queue[0]!;
    if (attempts.has(first)) {
      // A retry goes as it was.
      queue = queue.slice(1);
      return send(first);
    }
    let n = 1;
    const beats = [...(first.beats ?? [])];
    let outcome = first.outcome;
    while (n < queue.length && !queue[n]!.open && !(outcome && queue[n]!.outcome) && beats.length < 400) {
      beats.push(...(queue[n]!.beats ?? []));
      outcome ??= queue[n]!.outcome;
      n += 1;
    }
    queue = queue.slice(n);
    send({ adapterId: adapter.id, beats, ...(first.open ? { open: first.open } : {}), ...(outcome ? { outcome } : {}) });
  };

  const send = (report: ActivityReportInput): void => {
    sending = true;
    let failed = false;
    opts
      .send(report)
      .catch(() => {
        failed = true;
        // Kept for the next try, up to 10 tries (a report the background refuses is not retried forever).
        const tries = (attempts.get(report) ?? 0) + 1;
        if (!stopped && tries < 10) {
          attempts.set(report, tries);
          queue = [report, ...queue];
        }
      })
      .finally(() => {
        sending = false;
        // After a failure (the worker restarting) wait a second; otherwise send what waits at once.
        if (queue.length) setTimeout(flush, failed ? 1000 : 0);
      });
  };

  const push = (r: Omit<ActivityReportInput, 'adapterId'>): void => {
    if (!r.beats?.length && !r.open && !r.outcome) return;
    queue.push({ adapterId: adapter.id, ...r });
    // The background is gone for good (extension reloaded): keep memory bounded.
    if (queue.length > 2000) queue.splice(0, queue.length - 2000);
    flush();
  };

  const beatsOut = (hb: Heartbeat[]) => hb.map((b) => ({ at: b.at, kind: b.kind, messageId: b.messageId, ...(b.final ? { final: true } : {}) }));
  const step = (s: Signal): void => {
    if (stopped) return;
    const out = tracker.step(s);
    if (out.length) push({ beats: beatsOut(out) });
  };

  const inReply = (target: EventTarget | null): boolean => {
    try {
      const box = adapter.findReplyBox(doc);
      return !!box && target instanceof Node && (box === target || box.contains(target));
    } catch {
      return false;
    }
  };
  const onInput = (e: Event) => {
    if (!e.isTrusted && !isTestEvent(e)) return;
    step({ type: 'input', at: clock.now(), inReply: inReply(e.target) });
  };
  const onVisibility = () => step({ type: 'visibility', at: clock.now(), visible: doc.visibilityState !== 'hidden' });
  const onFocus = () => step({ type: 'focus', at: clock.now(), focused: true });
  const onBlur = () => step({ type: 'focus', at: clock.now(), focused: false });
  const onSubmit = (e: Event) => {
    const form = e.target;
    if (!openId || !(form instanceof Node)) return;
    try {
      const box = adapter.findReplyBox(doc);
      const text = box && 'value' in box ? String((box as HTMLTextAreaElement).value) : (box?.textContent ?? '');
      if (box && form.contains(box) && text.trim()) api.outcome(openId, 'replied');
    } catch {
      // never break the EHR's own send
    }
  };
  const onPageHide = () => step({ type: 'visibility', at: clock.now(), visible: false });

  for (const t of INPUT_EVENTS) doc.addEventListener(t, onInput, { capture: true, passive: true });
  doc.addEventListener('visibilitychange', onVisibility);
  doc.addEventListener('submit', onSubmit, { capture: true });
  win?.addEventListener('focus', onFocus);
  win?.addEventListener('blur', onBlur);
  win?.addEventListener('pagehide', onPageHide);
  const stopTicks = clock.every(opts.tickMs ?? 1000, () => step({ type: 'tick', at: clock.now() }));

  let closeTimer: ReturnType<typeof setTimeout> | null = null;
  const closeGraceMs = opts.closeGraceMs ?? 1000;

  const applyOpen = (msg: OpenMessage | null): void => {
    if (stopped) return;
    openId = msg?.id ?? null;
    const at = clock.now();
    if (msg) {
      push({
        open: {
          messageId: msg.id,
          at,
          ...(msg.patient ? { patient: msg.patient } : {}),
          ...(msg.sentAt ? { sentAt: msg.sentAt } : {}),
          chars: messageChars(msg),
        },
        beats: [],
      });
    }
    step({ type: 'open', at, message: msg ? { id: msg.id, chars: messageChars(msg) } : null });
  };

  const api: Capture = {
    openMessage(msg) {
      const id = msg?.id ?? null;
      if (closeTimer) clearTimeout(closeTimer);
      closeTimer = null;
      if (id === openId) return;
      if (!msg && closeGraceMs > 0) {
        // Single-page EHRs can drop the open message for a moment while they re-render: a
        // closing counts only if the same message does not come back within the grace period.
        closeTimer = setTimeout(() => {
          closeTimer = null;
          applyOpen(null);
        }, closeGraceMs);
        return;
      }
      applyOpen(msg);
    },
    system(state) {
      step({ type: 'system', at: clock.now(), state });
    },
    panelInput() {
      const at = clock.now();
      step({ type: 'focus', at, focused: true });
      step({ type: 'input', at, inReply: false });
    },
    outcome(messageId, outcome) {
      push({ outcome: { messageId, outcome, at: clock.now() }, beats: [] });
    },
    stop() {
      if (stopped) return;
      if (closeTimer) clearTimeout(closeTimer);
      step({ type: 'visibility', at: clock.now(), visible: false });
      stopped = true;
      stopTicks();
      for (const t of INPUT_EVENTS) doc.removeEventListener(t, onInput, { capture: true });
      doc.removeEventListener('visibilitychange', onVisibility);
      doc.removeEventListener('submit', onSubmit, { capture: true });
      win?.removeEventListener('focus', onFocus);
      win?.removeEventListener('blur', onBlur);
      win?.removeEventListener('pagehide', onPageHide);
    },
    pending: () => queue.length + (sending ? 1 : 0),
  };
  return api;
}

function safeHasFocus(doc: Document): boolean {
  try {
    return doc.hasFocus();
  } catch {
    return true;
  }
}

/** Synthetic events count only in unit tests (happy-dom), never on a real page. */
function isTestEvent(e: Event): boolean {
  return (e as Event & { __inboxTriageTest?: boolean }).__inboxTriageTest === true;
}
