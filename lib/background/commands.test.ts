import { describe, expect, it, vi } from 'vitest';
import { handleCommand } from './commands';

describe('handleCommand', () => {
  it('ignores commands that are not ours', async () => {
    const sendJump = vi.fn();
    expect(await handleCommand('_execute_action', { id: 3 }, { activeTabId: async () => 3, sendJump })).toBeNull();
    expect(sendJump).not.toHaveBeenCalled();
  });

  it('asks the tab the shortcut was pressed in to jump, and returns its answer', async () => {
    const sendJump = vi.fn(async () => ({ ok: true, messageId: 'MSG-20371', urgency: 'urgent', reason: 'unread' }));
    expect(await handleCommand('jump-to-next-urgent', { id: 7 }, { activeTabId: async () => 99, sendJump })).toEqual({
      tabId: 7,
      reply: { ok: true, messageId: 'MSG-20371', urgency: 'urgent', reason: 'unread' },
    });
    expect(sendJump).toHaveBeenCalledWith(7);
  });

  it('falls back to the active tab, and reports tabs without an overlay', async () => {
    const sendJump = vi.fn(async () => undefined);
    expect(await handleCommand('jump-to-next-urgent', undefined, { activeTabId: async () => 12, sendJump })).toEqual({
      tabId: 12,
      reply: null,
      error: 'no inbox overlay answered on this tab',
    });
    expect(await handleCommand('jump-to-next-urgent', undefined, { activeTabId: async () => undefined, sendJump })).toEqual({
      tabId: null,
      reply: null,
      error: 'no active tab',
    });
    const failing = vi.fn(async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    expect(await handleCommand('jump-to-next-urgent', { id: 4 }, { activeTabId: async () => 4, sendJump: failing })).toEqual({
      tabId: 4,
      reply: null,
      error: 'Could not establish connection. Receiving end does not exist.',
    });
  });
});
