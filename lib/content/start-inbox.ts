/**
 * Content-script wiring: pick the adapter for this page, start the overlay, report
 * the open message and the unread counts to the background. Everything is wrapped
 * so that nothing can break the EHR page.
 */
import { browser } from 'wxt/browser';
import { ADAPTERS, BUILT_IN_ADAPTERS, pickAdapter } from '../adapters/registry';
import type { EhrAdapter } from '../adapters/types';
import {
  createConfiguredAdapters,
  isConfiguredChange,
  mergeConfigured,
  readLocalAdapters,
  readPolicyAdapters,
  type ConfiguredAreas,
} from '../adapters/configured-store';
import type { AdapterConfig } from '../adapters/config-schema';
import { InboxOverlay, type VisibleTriage } from '../overlay/controller';
import { createInboxTools, type InboxTools } from '../overlay/tools';
import { onMessage, sendMessage } from '../messaging/protocol';
import { clipOpenMessage, createContentTriager } from './triager';
import { createStudyGate, type StudyGate } from '../study/gate';
import { attachDrafts } from '../drafts/attach';
import { attachActivity } from '../activity/attach';

interface Ctx {
  onInvalidated(cb: () => void): void;
}

export function startInbox(ctx: Ctx, doc: Document = document, adapters: readonly EhrAdapter[] = ADAPTERS, studyGateIn?: StudyGate): InboxOverlay | null {
  try {
    const adapter = pickAdapter(new URL(doc.location.href), doc, adapters);
    if (!adapter) return waitForAdapter(ctx, doc, adapters);
    let tools: InboxTools | null = null;
    let lastVisible: readonly VisibleTriage[] = [];
    let lastOpenId: string | null = null;
    // Reply drafts: insertion from the side panel, the EHR's own send noticed (lib/drafts).
    const drafts = attachDrafts(ctx, adapter, doc);
    // Inbox time: activity heartbeats to the background (lib/activity).
    const activity = attachActivity(ctx, adapter, doc);
    // Pilot study (lib/study): in the control arm badges, the triage queue, the toolbar count and
    // drafts are hidden; everything is still measured the same way.
    const gate = studyGateIn ?? studyGate(ctx);
    let lastScan: Parameters<NonNullable<ConstructorParameters<typeof InboxOverlay>[0]['onScan']>>[0] | null = null;
    const reportStats = (): void => {
      if (!lastScan) return;
      const ai = gate.aiFeaturesEnabled();
      sendMessage('reportInboxStats', {
        adapterId: adapter.id,
        rows: lastScan.rows,
        unreadEmergency: ai ? lastScan.unreadByUrgency.emergency : 0,
        unreadUrgent: ai ? lastScan.unreadByUrgency.urgent : 0,
      }).catch(() => undefined);
    };
    const overlay = new InboxOverlay({
      aiFeatures: () => gate.aiFeaturesEnabled(),
      adapter,
      doc,
      triager: createContentTriager((items) => sendMessage('triageBatch', { items })),
      onOpenMessage: (message, triage) => {
        drafts?.onOpen(message);
        activity?.onOpen(message);
        sendMessage('reportOpenMessage', { adapterId: adapter.id, message: message && clipOpenMessage(message), triage }).catch(() => undefined);
      },
      onScan: (stats) => {
        lastScan = stats;
        reportStats();
      },
      onVisible: (visible, openId) => {
        lastVisible = visible;
        lastOpenId = openId;
        tools?.update(visible, openId);
      },
    });
    overlay.start();
    ctx.onInvalidated(() => overlay.stop());
    gate.onChange(() => {
      overlay.schedule();
      reportStats();
    });
    // A crossover arm changes at the ISO week boundary without any event: look again every minute.
    const gateTimer = setInterval(() => overlay.schedule(), 60_000);
    ctx.onInvalidated(() => clearInterval(gateTimer));
    // The overlay is gone (config deleted or changed): the toolbar count must not outlive it.
    ctx.onInvalidated(() => {
      sendMessage('reportInboxStats', { adapterId: adapter.id, rows: 0, unreadEmergency: 0, unreadUrgent: 0 }).catch(() => undefined);
    });
    tools = attachInboxTools(ctx, overlay, adapter, doc, () => gate.aiFeaturesEnabled());
    tools?.update(lastVisible, lastOpenId);
    return overlay;
  } catch (err) {
    console.warn('[inbox-triage] could not start on this page', err);
    return null;
  }
}

/** The study gate for this page (storage may be missing in tests: then everything is on). */
function studyGate(ctx: Ctx): StudyGate {
  let gate: StudyGate;
  try {
    gate = createStudyGate(browser.storage.local as never, browser.storage.onChanged as never);
  } catch {
    gate = createStudyGate({ get: () => Promise.reject(new Error('no storage')) });
  }
  ctx.onInvalidated(() => gate.stop());
  return gate;
}

/**
 * Single-page EHRs may render their inbox after the content script runs: watch
 * cheaply for a while and start once an adapter recognises the page.
 */
function waitForAdapter(ctx: Ctx, doc: Document, adapters: readonly EhrAdapter[] = ADAPTERS): null {
  let started = false;
  const obs = new MutationObserver(() => {
    if (started) return;
    try {
      if (pickAdapter(new URL(doc.location.href), doc, adapters)) {
        started = true;
        obs.disconnect();
        startInbox(ctx, doc, adapters);
      }
    } catch {
      obs.disconnect();
    }
  });
  obs.observe(doc.documentElement, { childList: true, subtree: true });
  const stopAfter = setTimeout(() => obs.disconnect(), 120_000);
  ctx.onInvalidated(() => {
    clearTimeout(stopAfter);
    obs.disconnect();
  });
  return null;
}

/**
 * The triage queue and the jump shortcut (lib/overlay/tools.ts), inside the status pill's shadow
 * root; the background relays the keyboard command as `jumpToNextUrgent`.
 */
function attachInboxTools(ctx: Ctx, overlay: InboxOverlay, adapter: EhrAdapter, doc: Document, aiOn: () => boolean = () => true): InboxTools | null {
  try {
    const mount = overlay.statusElement()?.shadowRoot;
    if (!mount) return null;
    const tools = createInboxTools({ doc, adapter, mount });
    let removeJump: (() => void) | null = null;
    try {
      removeJump = onMessage('jumpToNextUrgent', () => (aiOn() ? tools.jumpNext() : ({ ok: false, reason: 'none' } as const)));
    } catch {
      // Another listener in this context already answers (should not happen): the queue still works.
    }
    ctx.onInvalidated(() => {
      removeJump?.();
      tools.destroy();
    });
    return tools;
  } catch (err) {
    console.warn('[inbox-triage] inbox tools unavailable on this page', err);
    return null;
  }
}

/** A context that ends with its parent or earlier (to restart the overlay when configs change). */
function childCtx(parent: Ctx): Ctx & { invalidate(): void } {
  const cbs: (() => void)[] = [];
  let done = false;
  const invalidate = (): void => {
    if (done) return;
    done = true;
    for (const cb of cbs.splice(0)) {
      try {
        cb();
      } catch {
        // keep going
      }
    }
  };
  parent.onInvalidated(invalidate);
  return {
    onInvalidated(cb) {
      if (done) cb();
      else cbs.push(cb);
    },
    invalidate,
  };
}

export interface ConfiguredStartOptions {
  /** Storage areas (default: browser.storage.local and browser.storage.managed). */
  areas?: ConfiguredAreas;
  /** How long to wait for policy before starting with the saved adapters alone (ms). */
  policyWaitMs?: number;
  /** Where storage changes come from (default: browser.storage.onChanged). */
  onChanged?: {
    addListener(cb: (changes: Record<string, unknown>, areaName: string) => void): void;
    removeListener(cb: (changes: Record<string, unknown>, areaName: string) => void): void;
  };
}

/**
 * The content script's entry: a built-in adapter that recognises the page starts at once;
 * otherwise the practice's configured adapters (saved in the options page, or set by policy)
 * are loaded and tried too, after the built-in ones. When the configured adapters change, the
 * overlay restarts with the new set (a deleted config stops, a new one starts without a reload).
 *
 * The first read of managed storage after the browser starts can take seconds (Chrome loads
 * policy); if policy has not answered after `policyWaitMs`, the saved adapters start alone and
 * policy adapters are added when they arrive.
 */
export async function startInboxWithConfigured(ctx: Ctx, doc: Document = document, opts: ConfiguredStartOptions = {}): Promise<void> {
  try {
    if (pickAdapter(new URL(doc.location.href), doc, BUILT_IN_ADAPTERS)) {
      // The study gate answers from storage in a few ms: wait for it (bounded) so that a
      // control-arm participant never sees a badge and everyone else gets them at once.
      const gate = studyGate(ctx);
      await Promise.race([gate.ready, new Promise((r) => setTimeout(r, 250))]);
      startInbox(ctx, doc, BUILT_IN_ADAPTERS, gate);
      return;
    }
  } catch {
    return;
  }
  let dead = false;
  ctx.onInvalidated(() => (dead = true));
  const areas: ConfiguredAreas = opts.areas ?? { local: browser.storage.local, managed: browser.storage.managed ?? null };
  const changes = opts.onChanged ?? browser.storage.onChanged;
  let child: (Ctx & { invalidate(): void }) | null = null;
  let generation = 0;
  const apply = (local: readonly AdapterConfig[], policy: readonly AdapterConfig[]): void => {
    child?.invalidate();
    child = childCtx(ctx);
    const configured = createConfiguredAdapters(mergeConfigured(local, policy));
    startInbox(child, doc, [...BUILT_IN_ADAPTERS, ...configured]);
  };
  const start = async (): Promise<void> => {
    const gen = ++generation;
    const current = () => !dead && gen === generation;
    const policyP = readPolicyAdapters(areas.managed).catch(() => ({ adapters: [] as AdapterConfig[], errors: [] }));
    const localP = readLocalAdapters(areas.local).then((r) => r.adapters).catch(() => [] as AdapterConfig[]);
    const quick = await Promise.race([policyP, new Promise<null>((r) => setTimeout(() => r(null), opts.policyWaitMs ?? 300))]);
    const local = await localP;
    if (!current()) return;
    if (quick) {
      apply(local, quick.adapters);
      return;
    }
    apply(local, []);
    void policyP.then((policy) => {
      if (current() && policy.adapters.length > 0) apply(local, policy.adapters);
    });
  };
  const onChange = (c: Record<string, unknown>, areaName: string): void => {
    if (isConfiguredChange(c, areaName)) void start();
  };
  try {
    changes.addListener(onChange);
    ctx.onInvalidated(() => changes.removeListener(onChange));
  } catch {
    // no change events: configs apply on the next page load
  }
  await start();
}
