/**
 * Inbox activity as a pure state machine (no DOM, no timers, no clock of its own): signals in,
 * heartbeats out. The content script feeds it DOM events and ticks stamped with its clock;
 * the background merges the heartbeats into events (./merge.ts).
 *
 * A tab is active at time t when it is visible and focused and there was input or scrolling in
 * the idle window before t. While a message is open and the last input was not in the reply box,
 * the window is the message's reading allowance, which grows with its length (clinicians read
 * without typing). Activity ends exactly when the window runs out: the closing heartbeat is
 * stamped at that moment, not at the tick that noticed it, so no time is invented or lost.
 *
 * Heartbeats are sent on every change (start, end, other message, read ↔ draft) and every
 * `heartbeatMs` while nothing changes; the last kind bounds what a stopped tab can lose.
 */
import type { ActivityKind } from '../db/schema';

export interface TrackerConfig {
  idleWindowMs: number;
  /** A regular heartbeat at least this often while active. */
  heartbeatMs: number;
  /** Reading allowance per character of the open message (and its thread). */
  readingMsPerChar: number;
  /** The reading allowance never exceeds this. */
  maxReadingMs: number;
}

export const DEFAULT_TRACKER_CONFIG: TrackerConfig = {
  idleWindowMs: 60_000,
  heartbeatMs: 10_000,
  // ≈ 200 words a minute at 5 characters a word, plus the idle window.
  readingMsPerChar: 60,
  maxReadingMs: 10 * 60_000,
};

/** How long reading a message of `chars` characters may go without input. */
export function readingAllowanceMs(chars: number, cfg: TrackerConfig = DEFAULT_TRACKER_CONFIG): number {
  return Math.min(cfg.maxReadingMs, Math.max(cfg.idleWindowMs, cfg.idleWindowMs + Math.max(0, chars) * cfg.readingMsPerChar));
}

export interface OpenInfo {
  id: string;
  /** Characters of the open message's text (body and thread). */
  chars: number;
}

export type Signal =
  /** Key, pointer, wheel or scroll input; `reply` when it was in the EHR's reply box. */
  | { type: 'input'; at: number; inReply: boolean }
  | { type: 'visibility'; at: number; visible: boolean }
  | { type: 'focus'; at: number; focused: boolean }
  /** The open message changed (null: back to the list). Opening counts as input. */
  | { type: 'open'; at: number; message: OpenInfo | null }
  /** chrome.idle: 'locked' ends all activity; 'idle' ends all but reading within its allowance. */
  | { type: 'system'; at: number; state: 'active' | 'idle' | 'locked' }
  | { type: 'tick'; at: number };

export interface BeatData {
  kind: ActivityKind;
  messageId: string | null;
}

export interface Heartbeat extends BeatData {
  at: number;
  /** The last heartbeat of this span: it may extend an event, never start one. */
  final?: boolean;
}

const same = (a: BeatData | null, b: BeatData | null) => !!a && !!b && a.kind === b.kind && a.messageId === b.messageId;

export class ActivityTracker {
  private visible: boolean;
  private focused: boolean;
  private lastInputAt = Number.NEGATIVE_INFINITY;
  private lastInputInReply = false;
  private open: OpenInfo | null = null;
  private current: BeatData | null = null;
  private lastBeatAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly cfg: TrackerConfig = DEFAULT_TRACKER_CONFIG,
    initial: { visible: boolean; focused: boolean } = { visible: true, focused: true },
  ) {
    this.visible = initial.visible;
    this.focused = initial.focused;
  }

  /** What the tab is doing now, or null when inactive. */
  get state(): BeatData | null {
    return this.current;
  }

  /** Until when the present activity lasts without more input (-Infinity when inactive). */
  activeUntil(): number {
    if (!this.visible || !this.focused || !Number.isFinite(this.lastInputAt)) return Number.NEGATIVE_INFINITY;
    const reading = this.open && !this.lastInputInReply;
    return this.lastInputAt + (reading ? readingAllowanceMs(this.open!.chars, this.cfg) : this.cfg.idleWindowMs);
  }

  private dataNow(at: number): BeatData | null {
    if (at >= this.activeUntil()) return null;
    if (!this.open) return { kind: 'list', messageId: null };
    return { kind: this.lastInputInReply ? 'draft' : 'read', messageId: this.open.id };
  }

  private close(at: number, out: Heartbeat[]): void {
    if (!this.current) return;
    out.push({ ...this.current, at, final: true });
    this.current = null;
    this.lastBeatAt = at;
  }

  /** Feed one signal; returns the heartbeats to send, in order. Signals must come in time order. */
  step(signal: Signal): Heartbeat[] {
    const out: Heartbeat[] = [];
    const t = signal.at;
    // 1. Time passed since the last signal: did the activity run out before t?
    if (this.current) {
      const until = this.activeUntil();
      if (until <= t) this.close(until, out);
      else if (signal.type === 'tick' && t - this.lastBeatAt >= this.cfg.heartbeatMs) {
        out.push({ ...this.current, at: t });
        this.lastBeatAt = t;
      }
    }
    // 2. Apply the signal.
    switch (signal.type) {
      case 'input':
        this.lastInputAt = t;
        this.lastInputInReply = signal.inReply;
        break;
      case 'visibility':
        this.visible = signal.visible;
        break;
      case 'focus':
        this.focused = signal.focused;
        break;
      case 'open':
        if ((signal.message?.id ?? null) !== (this.open?.id ?? null)) {
          this.lastInputAt = t;
          this.lastInputInReply = false;
        }
        this.open = signal.message;
        break;
      case 'system':
        if (signal.state === 'locked' || (signal.state === 'idle' && this.current?.kind !== 'read')) this.lastInputAt = Number.NEGATIVE_INFINITY;
        break;
      case 'tick':
        break;
    }
    // 3. What is it doing now?
    const next = this.dataNow(t);
    if (this.current && !same(this.current, next)) this.close(t, out);
    if (next && !this.current) {
      this.current = next;
      out.push({ ...next, at: t });
      this.lastBeatAt = t;
    }
    return out;
  }
}
