/** The summary `npm run demo -- --headless` prints. Pure: tested in demo-summary.test.ts. */
import type { BadgeTimings } from './browser';

export interface LabeledMessage {
  id: string;
  urgency: string;
}

export interface DemoSummary {
  messagesInInbox: number;
  messagesSeen: number;
  byUrgency: Record<string, number>;
  /** Against the labels recorded with the demo messages. */
  agreement: number;
  emergencyRecall: number | null;
  emergencyOrUrgentRecall: number | null;
  firstPage: BadgeTimings & { modelBadgedMs?: number | null };
  offMachineRequests: string[];
}

export function summarize(
  messages: readonly LabeledMessage[],
  seen: Record<string, string>,
  firstPage: DemoSummary['firstPage'],
  offMachine: string[],
): DemoSummary {
  const byUrgency: Record<string, number> = { emergency: 0, urgent: 0, routine: 0 };
  for (const u of Object.values(seen)) byUrgency[u] = (byUrgency[u] ?? 0) + 1;
  const labeled = messages.filter((m) => m.id in seen);
  const agree = labeled.filter((m) => seen[m.id] === m.urgency).length;
  const recall = (pred: (u: string) => boolean) => {
    const gold = labeled.filter((m) => pred(m.urgency));
    return gold.length ? gold.filter((m) => pred(seen[m.id] ?? '')).length / gold.length : null;
  };
  return {
    messagesInInbox: messages.length,
    messagesSeen: Object.keys(seen).length,
    byUrgency,
    agreement: labeled.length ? agree / labeled.length : 0,
    emergencyRecall: recall((u) => u === 'emergency'),
    emergencyOrUrgentRecall: recall((u) => u === 'emergency' || u === 'urgent'),
    firstPage,
    offMachineRequests: offMachine,
  };
}

const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);

export function formatSummary(s: DemoSummary, files: { screenshot: string; panelScreenshot?: string }): string {
  return [
    'Inbox Triage demo (headless)',
    `  messages seen:        ${s.messagesSeen} of ${s.messagesInInbox}`,
    `  per urgency:          emergency ${s.byUrgency.emergency ?? 0}, urgent ${s.byUrgency.urgent ?? 0}, routine ${s.byUrgency.routine ?? 0}`,
    `  agreement with labels: ${pct(s.agreement)} (emergency recall ${pct(s.emergencyRecall)}, emergency+urgent recall ${pct(s.emergencyOrUrgentRecall)})`,
    `  first page:           ${s.firstPage.rows} rows; rows in DOM at ${Math.round(s.firstPage.firstRowMs)} ms, all badged at ${Math.round(s.firstPage.allBadgedMs)} ms after page load (${Math.round(s.firstPage.allBadgedMs - s.firstPage.firstRowMs)} ms after rows appeared)`,
    `  model:                ${s.firstPage.modelBadgedMs === undefined ? 'not measured' : s.firstPage.modelBadgedMs === null ? 'unavailable: badges from the red-flag rules only' : `every badge from the on-device model + rules at ${Math.round(s.firstPage.modelBadgedMs)} ms after page load (model loaded cold)`}`,
    `  requests off this machine: ${s.offMachineRequests.length}${s.offMachineRequests.length ? ` (${s.offMachineRequests.slice(0, 3).join(', ')})` : ''}`,
    `  screenshot:           ${files.screenshot}`,
    ...(files.panelScreenshot ? [`  side panel:           ${files.panelScreenshot}`] : []),
  ].join('\n');
}
