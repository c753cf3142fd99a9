/**
 * Synthetic participants' exports for the end-to-end test and `npm run bench`: a clinician's
 * inbox work (lib/export/synthetic.ts) enrolled in a study and exported exactly as the extension
 * exports it (lib/export/build.ts), as NDJSON text.
 */
import { buildExport, type SourceData } from '../../lib/export/build';
import { bundleToNdjson } from '../../lib/export/files';
import { syntheticClinician } from '../../lib/export/synthetic';
import { enroll, type Arm } from '../../lib/study/enrollment';
import { dayRange } from '../../lib/metrics/time';
import type { ClinicSchedule } from '../../lib/activity/settings';

export const STUDY_ID = 'PILOT-7';
export const STUDY_SALT = 'pilot-7-salt-2f6c1e9a4b';
export const CONSENT_TEXT =
  'Inbox time pilot study. The extension records when you work in your EHR inbox (times, counts, urgency levels, how much you edit reply drafts). It never records message text or patient names. You can withdraw at any time.';
export const NY_SCHEDULE: ClinicSchedule = {
  timeZone: 'America/New_York',
  weeklyHours: [[], ...Array.from({ length: 5 }, () => [{ start: '08:00', end: '12:00' }, { start: '13:00', end: '17:00' }]), []],
  patientHours: [0, 6, 6, 6, 6, 6, 0],
};

export interface ParticipantSpec {
  code: string;
  arm: Arm;
  /** First day of data ('yyyy-MM-dd'); enrollment is the day before. */
  from: string;
  days: number;
  perDay?: number;
}

export function participantSource(p: ParticipantSpec): SourceData {
  return syntheticClinician({ seed: p.code, from: p.from, days: p.days, perDay: p.perDay ?? 20, schedule: NY_SCHEDULE, keyPrefix: p.code });
}

export async function participantExport(p: ParticipantSpec, exportId: string): Promise<string> {
  const tz = NY_SCHEDULE.timeZone;
  const enrolledAt = dayRange(p.from, tz).start - 3600_000;
  const now = dayRange(p.from, tz).start + (p.days + 1) * 86_400_000;
  const e = await enroll({ studyId: STUDY_ID, participantCode: p.code, consentText: CONSENT_TEXT, salt: STUDY_SALT, method: 'fixed', arm: p.arm }, enrolledAt, () => 'seed');
  return bundleToNdjson(await buildExport(participantSource(p), e, { now, exportId, extensionVersion: 'synthetic' }));
}
