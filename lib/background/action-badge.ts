/** The toolbar button's badge: unread emergency and urgent messages on the tab's inbox page. */
export function actionBadge(unreadEmergency: number, unreadUrgent: number): { text: string; color: string; title: string } {
  const n = unreadEmergency + unreadUrgent;
  const text = n === 0 ? '' : n > 99 ? '99+' : String(n);
  const color = unreadEmergency > 0 ? '#b91c1c' : '#b45309';
  const parts: string[] = [];
  if (unreadEmergency) parts.push(`${unreadEmergency} unread emergency`);
  if (unreadUrgent) parts.push(`${unreadUrgent} unread urgent`);
  const title = parts.length ? `Inbox Triage: ${parts.join(', ')}` : 'Inbox Triage: no unread urgent messages';
  return { text, color, title };
}
