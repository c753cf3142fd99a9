/**
 * Injected by the options page's "Test on this tab" (scripting.executeScript, files: /preview.js)
 * into the tab being tested. It only defines the preview function in the extension's isolated
 * world; the options page then calls it with the config (lib/adapters/preview-inject.ts).
 */
import { PREVIEW_GLOBAL, runPreview } from '@/lib/adapters/preview-inject';

export default defineUnlistedScript(() => {
  (globalThis as Record<string, unknown>)[PREVIEW_GLOBAL] = runPreview;
});
