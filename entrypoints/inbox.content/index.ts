import { SUPPORTED_MATCHES } from '@/lib/adapters/hosts';
import { startInboxWithConfigured } from '@/lib/content/start-inbox';

/**
 * Declared for the supported sites; the background also registers this same file at run time
 * (scripting.registerContentScripts) for the configured EHR sites the user allowed.
 */
export default defineContentScript({
  matches: SUPPORTED_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    void startInboxWithConfigured(ctx);
  },
});
