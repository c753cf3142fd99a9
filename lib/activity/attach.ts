/**
 * Content-script wiring of inbox-time capture (./capture.ts): reads the idle window (and the
 * tests' clock flag) from storage, relays chrome.idle's state from the background, and stops
 * with the overlay. Guarded: capture can fail without touching the EHR page.
 */
import { browser } from 'wxt/browser';
import type { EhrAdapter, OpenMessage } from '../adapters/types';
import { onMessage, sendMessage } from '../messaging/protocol';
import { ACTIVITY_SETTINGS_KEY, parseSettings } from './settings';
import { SystemStateSchema } from './report';
import { TEST_CLOCK_KEY, pageBridgeClock, startCapture, type Capture } from './capture';

interface Ctx {
  onInvalidated(cb: () => void): void;
}

export interface ActivityHandle {
  onOpen(message: OpenMessage | null): void;
}

export function attachActivity(ctx: Ctx, adapter: EhrAdapter, doc: Document): ActivityHandle | null {
  try {
    let capture: Capture | null = null;
    let dead = false;
    let lastOpen: OpenMessage | null = null;
    const removers: (() => void)[] = [];
    ctx.onInvalidated(() => {
      dead = true;
      capture?.stop();
      for (const r of removers) r();
    });
    try {
      removers.push(onMessage('activitySystemState', ({ data }) => capture?.system(SystemStateSchema.parse(data?.state))));
    } catch {
      // another overlay in this page relays it
    }
    try {
      removers.push(onMessage('activityPanelInput', () => capture?.panelInput()));
    } catch {
      // another overlay in this page relays it
    }
    void browser.storage.local
      .get([ACTIVITY_SETTINGS_KEY, TEST_CLOCK_KEY])
      .catch(() => ({}) as Record<string, unknown>)
      .then((got) => {
        if (dead) return;
        const settings = parseSettings(got[ACTIVITY_SETTINGS_KEY]);
        capture = startCapture({
          doc,
          adapter,
          send: (report) => sendMessage('activityReport', report),
          clock: got[TEST_CLOCK_KEY] === true ? pageBridgeClock(doc) : undefined,
          config: { idleWindowMs: settings.idleWindowSec * 1000 },
        });
        if (lastOpen) capture.openMessage(lastOpen);
      });
    return {
      onOpen(message) {
        lastOpen = message;
        try {
          capture?.openMessage(message);
        } catch {
          // never break the page
        }
      },
    };
  } catch (err) {
    console.warn('[inbox-triage] inbox time unavailable on this page', err);
    return null;
  }
}
