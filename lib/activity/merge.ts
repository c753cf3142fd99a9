/**
 * Heartbeat merging (as in ActivityWatch): a heartbeat with the same data as the latest event,
 * no later than `pulseMs` after its end, extends it; otherwise it starts a new event. Pure.
 *
 * A closing heartbeat (the tab stopped: hidden, blurred, idle) marks the event closed: the
 * tracker knows the exact end, so a later heartbeat of the same data starts a new event
 * instead of bridging the gap.
 *
 * One timeline for the whole browser: only the latest event can grow, a new event never starts
 * before the latest one ends, and while the tab of the latest event is still active (not closed,
 * heard from within the pulse window) other tabs' heartbeats are not counted; so several tabs or
 * windows can never count the same moment twice.
 */
import type { ActivityEventRecord } from '../db/schema';

export type EventData = Pick<ActivityEventRecord, 'kind' | 'adapterId' | 'messageKey' | 'patientKey'>;

export interface ResolvedBeat extends EventData {
  at: number;
  tabId: number;
  final?: boolean;
}

export type MergeResult =
  | { op: 'none'; addedMs: 0 }
  | { op: 'extend'; id: number; end: number; closed: boolean; addedMs: number }
  | { op: 'insert'; event: Omit<ActivityEventRecord, 'id'>; addedMs: 0 };

export const DEFAULT_PULSE_MS = 15_000;

export function sameData(a: EventData, b: EventData): boolean {
  return a.kind === b.kind && a.adapterId === b.adapterId && a.messageKey === b.messageKey && a.patientKey === b.patientKey;
}

export function mergeHeartbeat(last: ActivityEventRecord | undefined, beat: ResolvedBeat, pulseMs = DEFAULT_PULSE_MS): MergeResult {
  if (last && last.id !== undefined && !last.closed && sameData(last, beat) && beat.at - last.end <= pulseMs) {
    if (beat.at <= last.end) return beat.final ? { op: 'extend', id: last.id, end: last.end, closed: true, addedMs: 0 } : { op: 'none', addedMs: 0 };
    return { op: 'extend', id: last.id, end: beat.at, closed: !!beat.final, addedMs: beat.at - last.end };
  }
  // A closing heartbeat only ends a span; it never starts one.
  if (beat.final) return { op: 'none', addedMs: 0 };
  // One active tab at a time: while the latest event's tab is still active (not closed, heard
  // from within the pulse window), another tab's heartbeats are not counted.
  if (last && !last.closed && last.tabId !== beat.tabId && beat.at - last.end <= pulseMs) return { op: 'none', addedMs: 0 };
  const start = last ? Math.max(beat.at, last.end) : beat.at;
  return {
    op: 'insert',
    event: { start, end: start, kind: beat.kind, adapterId: beat.adapterId, messageKey: beat.messageKey, patientKey: beat.patientKey, tabId: beat.tabId },
    addedMs: 0,
  };
}

/** Merge a list of heartbeats in memory (for tests and the metrics' own checks). */
export function mergeAll(beats: readonly ResolvedBeat[], pulseMs = DEFAULT_PULSE_MS): ActivityEventRecord[] {
  const events: ActivityEventRecord[] = [];
  for (const b of beats) {
    const r = mergeHeartbeat(events[events.length - 1], b, pulseMs);
    if (r.op === 'extend') {
      Object.assign(events[events.length - 1]!, { end: r.end }, r.closed ? { closed: true } : {});
      if (isEmptyClosed(events[events.length - 1]!)) events.pop();
    }
    else if (r.op === 'insert') events.push({ ...r.event, id: events.length + 1 });
  }
  return events;
}

/** A span that ended where it started (e.g. the click that opened another message): nothing to keep. */
export function isEmptyClosed(e: Pick<ActivityEventRecord, 'start' | 'end' | 'closed'>): boolean {
  return !!e.closed && e.end <= e.start;
}
