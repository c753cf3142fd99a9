import { describe, expect, it } from 'vitest';
import { findRemoteCodeReferences, stripRemoteWasmLoader } from './no-remote-code';

describe('remote code guard', () => {
  it('finds CDN and absolute script/WASM references', () => {
    expect(findRemoteCodeReferences('x="https://cdn.jsdelivr.net/npm/onnxruntime-web@1.2/dist/ort.wasm"')).toEqual([
      'https://cdn.jsdelivr.net/npm/onnxruntime-web@1.2/dist/ort.wasm',
      'cdn.jsdelivr.net/npm/onnxruntime-web@1.2/dist/ort.wasm',
    ]);
    expect(findRemoteCodeReferences('import("https://example.com/a.mjs")')).toEqual(['https://example.com/a.mjs']);
    expect(findRemoteCodeReferences('see https://huggingface.co/docs and chrome-extension://x/ort/a.wasm')).toEqual([]);
    // A link to a project page is not a script to load.
    expect(findRemoteCodeReferences('"see https://github.com/huggingface/transformers.js"')).toEqual([]);
    expect(findRemoteCodeReferences('importScripts("https://evil.example/x.js")')).toEqual(['https://evil.example/x.js']);
    // Error-message links to documentation sites whose names contain ".js" (recharts' Redux) are not scripts.
    expect(findRemoteCodeReferences('`Minified Redux error #${e}; visit https://redux.js.org/Errors?code=${e} for the full message`')).toEqual([]);
    expect(findRemoteCodeReferences('See https://redux-toolkit.js.org/api/getDefaultMiddleware for instructions.')).toEqual([]);
    expect(findRemoteCodeReferences('s.src="https://cdn.example.org/lib/chart.js"')).toEqual(['https://cdn.example.org/lib/chart.js']);
  });

  it("rewrites transformers.js's default CDN WASM path to the packaged copy", () => {
    const plugin = stripRemoteWasmLoader();
    const src = 'const wasmPathPrefix = `https://cdn.jsdelivr.net/npm/onnxruntime-web@${ONNX_ENV.versions.web}/dist/`;';
    const transform = plugin.transform as (code: string, id: string) => { code: string } | null;
    const out = transform(src, '/x/node_modules/@huggingface/transformers/dist/transformers.web.js');
    expect(out?.code).toBe('const wasmPathPrefix = `/ort/`;');
    expect(transform(src, '/x/src/other.ts')).toBeNull();
  });
});
