/**
 * Build-time guard for Chrome Web Store review, which rejects MV3 items that reference
 * remotely hosted code. transformers.js defaults its ONNX Runtime WASM loader to a CDN;
 * this Vite plugin rewrites that default to the copy shipped inside the package.
 * `findRemoteCodeReferences` is used by the test that scans the built files.
 */
import type { Plugin } from 'vite';

/** transformers.js's default WASM prefix, as written in its dist files. */
const CDN_PREFIX = /https:\/\/cdn\.jsdelivr\.net\/npm\/onnxruntime-web@\$\{[^}]+\}\/dist\//g;
/** Path inside the extension package where the ORT files are copied. */
export const ORT_DIR = '/ort/';

export function stripRemoteWasmLoader(): Plugin {
  return {
    name: 'inbox-triage:strip-remote-wasm-loader',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('@huggingface/transformers') || !code.includes('cdn.jsdelivr.net')) return null;
      return { code: code.replace(CDN_PREFIX, ORT_DIR).replace(/https:\/\/cdn\.jsdelivr\.net/g, ''), map: null };
    },
  };
}

/** Hosts that only appear in libraries' comments and error messages as links to read, never to load. */
const DOC_HOSTS = new Set(['github.com', 'developer.mozilla.org']);

/** Remote code references in a built JS/HTML file's text: CDNs and absolute URLs of scripts or WASM. */
export function findRemoteCodeReferences(text: string): string[] {
  const hits = new Set<string>();
  // The whole host, then a path ending in .js/.mjs/.wasm (a docs host such as redux.js.org is a host, not a script).
  for (const m of text.matchAll(/https?:\/\/([^\s"'`)/]+)\/[^\s"'`)]*?\.(?:m?js|wasm)\b/g)) if (!DOC_HOSTS.has(m[1]!)) hits.add(m[0]);
  for (const m of text.matchAll(/(?:cdn\.jsdelivr\.net|unpkg\.com|cdnjs\.cloudflare\.com|esm\.sh|cdn\.skypack\.dev)[^\s"'`]*/g)) hits.add(m[0]);
  return [...hits];
}
