import { SUPPORTED_MATCHES } from '@/lib/adapters/hosts';
import { startInbox } from '@/lib/content/start-inbox';

export default defineContentScript({
  matches: SUPPORTED_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    startInbox(ctx);
  },
});
