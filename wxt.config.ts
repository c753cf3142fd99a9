import { defineConfig } from 'wxt';
import { resolve } from 'node:path';
import { SUPPORTED_MATCHES } from './lib/adapters/hosts';
import { stripRemoteWasmLoader } from './lib/build/no-remote-code';

/** ONNX Runtime's CPU (WASM, SIMD) build: the only runtime files the model needs. */
const ORT_FILES = ['ort-wasm-simd-threaded.wasm', 'ort-wasm-simd-threaded.mjs'];

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  srcDir: '.',
  // EXT_OUT_DIR lets parallel work build and test without clobbering .output (default).
  outDir: process.env.EXT_OUT_DIR ?? '.output',
  vite: () => ({
    // Chrome refuses a content script that is not valid UTF-8 in its strict sense, and bundled
    // libraries carry noncharacters such as Dexie's "\uffff": ASCII output escapes them
    // (WXT does this itself from 0.21.x, which needs Node 22).
    esbuild: { charset: 'ascii' },
    // Module workers (the bench's model-in-a-worker): ONNX Runtime imports its WASM loader with import().
    // The worker bundle has its own plugin list: it needs the CDN path removed too.
    worker: { format: 'es' as const, plugins: () => [stripRemoteWasmLoader()] },
    plugins: [stripRemoteWasmLoader()],
    resolve: {
      // transformers.js imports the WebGPU build of ONNX Runtime (a 27 MB WASM); the model
      // runs on the CPU, so use the plain WASM build (14 MB) instead.
      alias: { 'onnxruntime-web/webgpu': 'onnxruntime-web' },
    },
    build: { chunkSizeWarningLimit: 2000 },
  }),
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      // The extension runs the int8 model; the fp32 export stays for Node evaluation only.
      const fp32 = files.findIndex((f) => f.relativeDest.replace(/\\/g, '/') === 'models/triage-v1/onnx/model.onnx');
      if (fp32 >= 0) files.splice(fp32, 1);
      for (const f of ORT_FILES) files.push({ absoluteSrc: resolve('node_modules/onnxruntime-web/dist', f), relativeDest: `ort/${f}` });
      // The enterprise-policy schema for configured adapters (manifest storage.managed_schema).
      files.push({ absoluteSrc: resolve('lib/adapters/managed-schema.json'), relativeDest: 'managed-schema.json' });
    },
  },
  manifest: {
    name: 'Inbox Triage for EHRs',
    short_name: 'Inbox Triage',
    description:
      'On-device urgency triage, reply drafts and inbox-time measures for clinicians. No message text leaves the machine.',
    minimum_chrome_version: '116',
    // scripting: register the content script at run time on the configured EHR sites the user allowed.
    // idle: a locked screen or idle computer ends inbox-time activity at once (lib/activity).
    permissions: ['storage', 'sidePanel', 'offscreen', 'scripting', 'idle'],
    host_permissions: SUPPORTED_MATCHES,
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    action: { default_title: 'Inbox Triage' },
    side_panel: { default_path: 'sidepanel.html' },
    // Policy for configured adapters (docs/configurable-adapter.md §4).
    storage: { managed_schema: 'managed-schema.json' },
    commands: {
      'jump-to-next-urgent': {
        suggested_key: { default: 'Alt+Shift+U' },
        description: 'Open the most urgent unread message in the inbox on this tab',
      },
    },
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    // Cross-origin isolation for the extension's own pages: ONNX Runtime's WASM threads need
    // SharedArrayBuffer (the offscreen model host runs two; lib/model-host/host.ts). The pages load
    // nothing from other origins, so nothing else changes.
    cross_origin_embedder_policy: { value: 'require-corp' },
    cross_origin_opener_policy: { value: 'same-origin' },
    content_security_policy: {
      // WASM for the on-device model; no remote script anywhere.
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
    },
  },
});
