/**
 * Keyboard commands (manifest `commands`). "jump-to-next-urgent": the inbox in the tab where the
 * shortcut was pressed opens its most urgent unread message; the content script decides which
 * (lib/overlay/tools.ts jumpTarget) and clicks the EHR's own link.
 */
import { JUMP_COMMAND, JumpReplySchema, type JumpReply } from '../messaging/protocol';

export interface CommandDeps {
  /** The active tab of the focused window, when the command came without a tab. */
  activeTabId(): Promise<number | undefined>;
  /** Send `jumpToNextUrgent` to the tab's content script. */
  sendJump(tabId: number): Promise<unknown>;
}

export type CommandOutcome = { tabId: number; reply: JumpReply } | { tabId: number | null; reply: null; error: string };

/** Handle one command; null for commands that are not ours. Never throws. */
export async function handleCommand(command: string, tab: { id?: number } | undefined, deps: CommandDeps): Promise<CommandOutcome | null> {
  if (command !== JUMP_COMMAND) return null;
  let tabId: number | undefined;
  try {
    tabId = tab?.id ?? (await deps.activeTabId());
  } catch {
    tabId = undefined;
  }
  if (tabId === undefined || tabId < 0) return { tabId: null, reply: null, error: 'no active tab' };
  try {
    const raw = await deps.sendJump(tabId);
    const parsed = JumpReplySchema.safeParse(raw);
    if (!parsed.success) return { tabId, reply: null, error: 'no inbox overlay answered on this tab' };
    return { tabId, reply: parsed.data };
  } catch (err) {
    return { tabId, reply: null, error: err instanceof Error ? err.message : String(err) };
  }
}
