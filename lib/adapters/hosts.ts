/**
 * Sites whose inbox pages the extension supports out of the box (host permissions
 * in the manifest and content-script matches). A practice's own web EHR is added
 * at run time through optional host permissions, never by widening this list.
 */
export const SUPPORTED_MATCHES: string[] = [
  // The demo inbox and locally served EHR test harnesses.
  'http://localhost/*',
  'http://127.0.0.1/*',
  // Medplum's hosted provider app (self-hosted Medplum and OpenEMR sites are added at run time).
  'https://app.medplum.com/*',
];
