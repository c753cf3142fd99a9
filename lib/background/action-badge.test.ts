import { describe, expect, it } from 'vitest';
import { actionBadge } from './action-badge';

describe('actionBadge', () => {
  it('is empty with nothing urgent unread', () => {
    expect(actionBadge(0, 0)).toEqual({ text: '', color: '#b45309', title: 'Inbox Triage: no unread urgent messages' });
  });
  it('counts emergency and urgent, red when any emergency', () => {
    expect(actionBadge(1, 3)).toEqual({ text: '4', color: '#b91c1c', title: 'Inbox Triage: 1 unread emergency, 3 unread urgent' });
    expect(actionBadge(0, 2).color).toBe('#b45309');
  });
  it('caps the text at 99+', () => {
    expect(actionBadge(50, 60).text).toBe('99+');
  });
});
