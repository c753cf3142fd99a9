/**
 * Checks on the built package (.output/chrome-mv3), as the Chrome Web Store would:
 * no remotely hosted code, minimal permissions, WASM allowed by CSP, and every
 * file the model needs inside the package.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { EXTENSION_DIR } from '../../scripts/lib/browser';
import { findRemoteCodeReferences } from '../../lib/build/no-remote-code';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as Record<string, unknown> & {
  permissions: string[];
  host_permissions: string[];
  optional_host_permissions: string[];
  content_security_policy: { extension_pages: string };
  content_scripts: { matches: string[] }[];
};

describe('built package', () => {
  it('ships no script Chrome would refuse as "not UTF-8 encoded" (invalid UTF-8 or Unicode noncharacters)', () => {
    // Chrome's check (base::IsStringUTF8) also refuses noncharacters such as U+FFFF, which
    // bundled libraries carry (Dexie); the build escapes them (esbuild charset 'ascii').
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const refused = files(EXTENSION_DIR)
      .filter((f) => /\.(m?js|html|css|json)$/.test(f))
      .filter((f) => {
        try {
          return /[\ufdd0-\ufdef\ufffe\uffff]|[\u{1fffe}\u{1ffff}\u{2fffe}\u{2ffff}\u{10fffe}\u{10ffff}]/u.test(decoder.decode(readFileSync(f)));
        } catch {
          return true;
        }
      })
      .map((f) => relative(EXTENSION_DIR, f));
    expect(refused).toEqual([]);
  });

  it('references no remotely hosted code (Chrome Web Store MV3 rule)', () => {
    const code = files(EXTENSION_DIR).filter((f) => /\.(m?js|html)$/.test(f));
    expect(code.length).toBeGreaterThan(3);
    const found: string[] = [];
    for (const f of code) for (const hit of findRemoteCodeReferences(readFileSync(f, 'utf8'))) found.push(`${relative(EXTENSION_DIR, f)}: ${hit}`);
    expect(found).toEqual([]);
  });

  it('asks only for the permissions it uses, with host access only for supported inbox sites', () => {
    // scripting: the content script is registered at run time for configured EHR sites the user allowed.
    // idle: chrome.idle ends inbox-time activity when the screen locks (lib/activity/background.ts).
    expect([...manifest.permissions].sort()).toEqual(['idle', 'offscreen', 'scripting', 'sidePanel', 'storage']);
    expect(manifest.host_permissions).toEqual(['http://localhost/*', 'http://127.0.0.1/*', 'https://app.medplum.com/*']);
    expect(manifest.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
    // The same sites as host_permissions (order is the bundler's).
    expect(manifest.content_scripts.flatMap((c) => c.matches).sort()).toEqual(['http://127.0.0.1/*', 'http://localhost/*', 'https://app.medplum.com/*']);
  });

  it('ships the policy schema, the options page and the jump shortcut', () => {
    const m = manifest as unknown as {
      storage: { managed_schema: string };
      options_ui: { page: string; open_in_tab: boolean };
      commands: Record<string, { suggested_key: { default: string }; description: string }>;
    };
    expect(m.storage.managed_schema).toBe('managed-schema.json');
    const schema = JSON.parse(readFileSync(join(EXTENSION_DIR, 'managed-schema.json'), 'utf8')) as { type: string; properties: Record<string, unknown> };
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties)).toEqual(['adapters', 'adaptersJson', 'builtInSites']);
    expect(m.options_ui).toEqual({ page: 'options.html', open_in_tab: true });
    expect(existsSync(join(EXTENSION_DIR, 'options.html'))).toBe(true);
    expect(existsSync(join(EXTENSION_DIR, 'preview.js'))).toBe(true);
    expect(m.commands['jump-to-next-urgent']).toEqual({
      suggested_key: { default: 'Alt+Shift+U' },
      description: 'Open the most urgent unread message in the inbox on this tab',
    });
  });

  it("allows WASM in extension pages' CSP and nothing remote", () => {
    const csp = manifest.content_security_policy.extension_pages;
    expect(csp).toContain("'wasm-unsafe-eval'");
    expect(csp).not.toMatch(/https?:/);
    expect(csp).not.toContain("'unsafe-eval'");
  });

  it("isolates the extension's pages (COOP/COEP) so the model host can run WASM threads", () => {
    expect(manifest.cross_origin_embedder_policy).toEqual({ value: 'require-corp' });
    expect(manifest.cross_origin_opener_policy).toEqual({ value: 'same-origin' });
  });

  it('ships the model, tokenizer and ONNX Runtime files inside the package', () => {
    for (const f of [
      'models/triage-v1/config.json',
      'models/triage-v1/tokenizer.json',
      'models/triage-v1/tokenizer_config.json',
      'models/triage-v1/triage.json',
      'models/triage-v1/onnx/model_quantized.onnx',
      'ort/ort-wasm-simd-threaded.wasm',
      'ort/ort-wasm-simd-threaded.mjs',
      'offscreen.html',
      'sidepanel.html',
      'icon/128.png',
    ])
      expect(existsSync(join(EXTENSION_DIR, f)), f).toBe(true);
    // The shipped (int8) model stays small.
    expect(statSync(join(EXTENSION_DIR, 'models/triage-v1/onnx/model_quantized.onnx')).size).toBeLessThanOrEqual(5 * 1024 * 1024);
  });

  it('does not ship the evaluation data or training corpus', () => {
    const all = files(EXTENSION_DIR).map((f) => relative(EXTENSION_DIR, f));
    expect(all.filter((f) => /public-eval|\.jsonl$|models\/data/.test(f))).toEqual([]);
  });
});
