/**
 * Sites whose inbox pages the extension supports out of the box (host permissions
 * in the manifest and content-script matches). A practice's own web EHR is added
 * at run time through optional host permissions, never by widening this list.
 */
export const SUPPORTED_MATCHES: string[] = ['http://localhost/*', 'http://127.0.0.1/*'];
