/**
 * The study's feature gate for the content script and extension pages: reads the enrollment and
 * the clinic's time zone from storage.local, follows their changes, and answers
 * `aiFeaturesEnabled(now)` synchronously (a crossover arm flips at the ISO week boundary without
 * any event, so the time is checked on every call).
 *
 * Until storage has answered the gate says "off" (`known` false) so that a control-arm
 * participant never sees a badge flash; if storage cannot be read it says "on".
 */
import { ACTIVITY_SETTINGS_KEY, parseSettings } from '../activity/settings';
import { STUDY_KEY, aiFeaturesEnabled, parseEnrollment, type Enrollment } from './enrollment';

export interface GateAreas {
  get(keys: string[]): Promise<Record<string, unknown>>;
}
export interface GateChanges {
  addListener(cb: (changes: Record<string, unknown>, areaName: string) => void): void;
  removeListener(cb: (changes: Record<string, unknown>, areaName: string) => void): void;
}

export interface StudyGate {
  /** Whether triage badges, the triage queue, the toolbar count and drafts are shown now. */
  aiFeaturesEnabled(now?: number): boolean;
  /** True once storage answered (or failed). */
  readonly known: boolean;
  readonly ready: Promise<void>;
  enrollment(): Enrollment | null;
  /** Called after the enrollment or time zone changed. */
  onChange(cb: () => void): () => void;
  stop(): void;
}

export function createStudyGate(area: GateAreas, changes?: GateChanges | null): StudyGate {
  let enrollment: Enrollment | null = null;
  let timeZone = 'UTC';
  let known = false;
  let failed = false;
  const listeners = new Set<() => void>();
  const load = async (): Promise<void> => {
    try {
      const got = await area.get([STUDY_KEY, ACTIVITY_SETTINGS_KEY]);
      enrollment = parseEnrollment(got[STUDY_KEY]);
      timeZone = parseSettings(got[ACTIVITY_SETTINGS_KEY]).schedule.timeZone;
      failed = false;
    } catch {
      failed = true;
    }
    known = true;
    for (const l of [...listeners]) l();
  };
  const ready = load();
  const onChanged = (c: Record<string, unknown>, areaName: string): void => {
    if (areaName === 'local' && (STUDY_KEY in c || ACTIVITY_SETTINGS_KEY in c)) void load();
  };
  try {
    changes?.addListener(onChanged);
  } catch {
    // no change events: the gate applies on the next page load
  }
  return {
    aiFeaturesEnabled(now = Date.now()) {
      if (!known) return false;
      if (failed) return true;
      return aiFeaturesEnabled(enrollment, now, timeZone);
    },
    get known() {
      return known;
    },
    ready,
    enrollment: () => enrollment,
    onChange(cb) {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    stop() {
      listeners.clear();
      try {
        changes?.removeListener(onChanged);
      } catch {
        // ignore
      }
    },
  };
}
