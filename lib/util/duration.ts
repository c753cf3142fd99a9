/**
 * A duration as the side panel and the popup show it: seconds under a minute, "m min s s" under ten
 * minutes, whole minutes above, hours and minutes from an hour ("1 h 05 min"). One format everywhere
 * a clinician sees today's inbox time, so the two never disagree.
 */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  const totalS = Math.round(ms / 1000);
  if (totalS < 60) return `${totalS} s`;
  const h = Math.floor(totalS / 3600);
  const m = Math.floor((totalS % 3600) / 60);
  const s = totalS % 60;
  if (h) return `${h} h ${String(m).padStart(2, '0')} min`;
  return s && m < 10 ? `${m} min ${s} s` : `${m} min`;
}
