import { defineConfig } from 'wxt';
import { SUPPORTED_MATCHES } from "./lib/adapters/hosts";


export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  srcDir: '.',
  outDir: '.output',
  manifest: ({ browser }) => ({
    name: 'Inbox Triage for EHRs',
    short_name: 'Inbox Triage',
    description:
      'On-device urgency triage, reply drafts and inbox-time measures for clinicians. No message text leaves the machine.',
    minimum_chrome_version: '116',
    permissions: ['storage', 'sidePanel'],
    host_permissions: SUPPORTED_MATCHES,
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    action: { default_title: 'Inbox Triage' },
    side_panel: { default_path: 'sidepanel.html' },
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    content_security_policy: {
      // WASM for the on-device model; nothing remote.
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
    },
    ...(browser === 'firefox' ? {} : {}),
  }),
});
