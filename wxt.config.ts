import { defineConfig } from 'wxt';
import { resolve } from 'node:path';
import { SUPPORTED_MATCHES } from './lib/adapters/hosts';
import { stripRemoteWasmLoader } from './lib/build/no-remote-code';

/** ONNX Runtime's CPU (WASM, SIMD) build: the only runtime files the model needs. */
const ORT_FILES = ['ort-wasm-simd-threaded.wasm', 'ort-wasm-simd-threaded.mjs'];

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  srcDir: '.',
  outDir: '.output',
  vite: () => ({
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
    },
  },
  manifest: {
    name: 'Inbox Triage for EHRs',
    short_name: 'Inbox Triage',
    description:
      'On-device urgency triage, reply drafts and inbox-time measures for clinicians. No message text leaves the machine.',
    minimum_chrome_version: '116',
    permissions: ['storage', 'sidePanel', 'offscreen'],
    host_permissions: SUPPORTED_MATCHES,
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    action: { default_title: 'Inbox Triage' },
    side_panel: { default_path: 'sidepanel.html' },
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    content_security_policy: {
      // WASM for the on-device model; no remote script anywhere.
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'",
    },
  },
});
