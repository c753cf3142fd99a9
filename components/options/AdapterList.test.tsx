// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { readFileSync } from 'node:fs';
import { AdapterList } from './AdapterList';
import { mergeConfigured } from '@/lib/adapters/configured-store';
import { parseAdapterConfig, type AdapterConfig } from '@/lib/adapters/config-schema';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const RAW = JSON.parse(readFileSync('tests/fixtures/configured/acme-config.json', 'utf8')).adapters[0];
const cfg = (over: Record<string, unknown>): AdapterConfig => {
  const r = parseAdapterConfig({ ...RAW, ...over });
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.value;
};

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = '';
});

function render(el: React.ReactElement): HTMLElement {
  const host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root!.render(el));
  return host;
}

describe('AdapterList', () => {
  it('lists built-in adapters read-only, policy ones as set by the organization, saved ones editable', () => {
    const state = mergeConfigured(
      [cfg({ id: 'mine', name: 'Mine' }), cfg({ id: 'shared', name: 'Shared (saved)' })],
      [cfg({ id: 'shared', name: 'Shared (policy)' })],
    );
    const onAllow = vi.fn();
    const host = render(
      <AdapterList
        builtIn={[{ id: 'demo', name: 'Demo EHR inbox' }]}
        state={state}
        granted={['https://ehr.acmehealth.example/*']}
        selection={{ kind: 'new' }}
        onSelect={() => undefined}
        onDelete={() => undefined}
        onAllow={onAllow}
      />,
    );
    const items = [...host.querySelectorAll<HTMLElement>('li[data-adapter-id]')];
    expect(items.map((li) => [li.dataset.adapterId, li.dataset.source])).toEqual([
      ['demo', 'built-in'],
      ['shared', 'policy'],
      ['mine', 'local'],
      ['shared', 'local'],
    ]);
    const buttons = (li: HTMLElement) => [...li.querySelectorAll('button')].map((b) => b.textContent);
    expect(buttons(items[0]!)).toEqual([]);
    expect(items[1]!.textContent).toContain('Set by your organization');
    expect(buttons(items[1]!)).toEqual(['Allow access', 'View / test']);
    expect(buttons(items[2]!)).toEqual(['Allow access', 'Edit', 'Delete']);
    expect(items[3]!.textContent).toContain('Not used your organization sets an adapter with the same id, and theirs is used.');
    // Site access in words: what runs, what waits for permission.
    expect(items[2]!.querySelector('.access')!.textContent).toBe(
      'Runs on https://ehr.acmehealth.example/ehr/inbox/*Needs your permission https://*.acmehealth-test.example:8443/* Allow access',
    );
    act(() => items[2]!.querySelector<HTMLButtonElement>('.access button')!.click());
    expect(onAllow).toHaveBeenCalledWith(['https://*.acmehealth-test.example:8443/*']);
  });

  it('asks before deleting, and moves focus to the confirmation', () => {
    const onDelete = vi.fn();
    const host = render(
      <AdapterList
        builtIn={[]}
        state={mergeConfigured([cfg({ id: 'mine', name: 'Mine' })], [])}
        granted={[]}
        selection={{ kind: 'local', id: 'mine' }}
        onSelect={() => undefined}
        onDelete={onDelete}
        onAllow={() => undefined}
      />,
    );
    act(() => host.querySelector<HTMLButtonElement>('button[aria-label="Delete Mine"]')!.click());
    expect(onDelete).not.toHaveBeenCalled();
    expect(document.activeElement?.textContent).toBe('Yes, delete');
    act(() => (document.activeElement as HTMLButtonElement).click());
    expect(onDelete).toHaveBeenCalledWith('mine');
  });
});
