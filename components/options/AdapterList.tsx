/** The list of adapters: built in (read-only), set by the organization (read-only), saved here. */
import { useEffect, useRef, useState } from 'react';
import type { ConfiguredState } from '@/lib/adapters/configured-store';
import type { AdapterConfig } from '@/lib/adapters/config-schema';
import { siteAccess } from '@/lib/adapters/host-access';
import { SUPPORTED_MATCHES } from '@/lib/adapters/hosts';

export type Selection = { kind: 'new' } | { kind: 'local'; id: string } | { kind: 'policy'; id: string };

interface Props {
  builtIn: { id: string; name: string }[];
  state: ConfiguredState | undefined;
  granted: string[];
  selection: Selection;
  onSelect(s: Selection): void;
  onDelete(id: string): void;
  onAllow(origins: string[]): void;
}

function Access({ config, granted, onAllow }: { config: AdapterConfig; granted: string[]; onAllow(origins: string[]): void }) {
  const a = siteAccess(config.urlPatterns, SUPPORTED_MATCHES, granted);
  return (
    <div className="access">
      {a.builtIn.length + a.allowed.length > 0 && (
        <p>
          <span className="tag ok">Runs on</span> {[...a.builtIn, ...a.allowed].join(', ')}
        </p>
      )}
      {a.missing.length > 0 && (
        <p>
          <span className="tag warn">Needs your permission</span> {a.missing.join(', ')}{' '}
          <button type="button" onClick={() => onAllow(a.missing)}>
            Allow access
          </button>
        </p>
      )}
    </div>
  );
}

export function DeleteButton({ id, name, onDelete }: { id: string; name: string; onDelete(id: string): void }) {
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const askRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (wasConfirming.current) askRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);
  if (!confirming)
    return (
      <button type="button" ref={askRef} onClick={() => setConfirming(true)} aria-label={`Delete ${name}`}>
        Delete
      </button>
    );
  return (
    <span role="group" aria-label={`Confirm deleting ${name}`} className="confirm">
      Delete “{name}”?{' '}
      <button type="button" ref={confirmRef} className="danger" onClick={() => onDelete(id)}>
        Yes, delete
      </button>{' '}
      <button type="button" onClick={() => setConfirming(false)}>
        Keep it
      </button>
    </span>
  );
}

export function AdapterList({ builtIn, state, granted, selection, onSelect, onDelete, onAllow }: Props) {
  const overridden = new Set(state?.overriddenLocalIds ?? []);
  const isSelected = (kind: Selection['kind'], id: string) => selection.kind === kind && 'id' in selection && selection.id === id;
  return (
    <ul className="adapters" data-testid="adapter-list">
      {builtIn.map((a) => (
        <li key={`b:${a.id}`} data-adapter-id={a.id} data-source="built-in">
          <div className="row-head">
            <span className="name">{a.name}</span> <span className="tag">Built in</span>
          </div>
          <p className="muted">Part of the extension; cannot be changed here.</p>
        </li>
      ))}
      {(state?.policy ?? []).map((c) => (
        <li key={`p:${c.id}`} data-adapter-id={c.id} data-source="policy" aria-current={isSelected('policy', c.id) || undefined}>
          <div className="row-head">
            <span className="name">{c.name}</span> <span className="tag org">Set by your organization</span> <code>{c.id}</code>
          </div>
          <Access config={c} granted={granted} onAllow={onAllow} />
          <div className="actions">
            <button type="button" onClick={() => onSelect({ kind: 'policy', id: c.id })} aria-label={`View and test ${c.name}`}>
              View / test
            </button>
          </div>
        </li>
      ))}
      {(state?.local ?? []).map((c) => (
        <li key={`l:${c.id}`} data-adapter-id={c.id} data-source="local" aria-current={isSelected('local', c.id) || undefined}>
          <div className="row-head">
            <span className="name">{c.name}</span> <span className="tag">Saved in this browser</span> <code>{c.id}</code>
          </div>
          {overridden.has(c.id) ? (
            <p className="muted">
              <span className="tag warn">Not used</span> your organization sets an adapter with the same id, and theirs is used.
            </p>
          ) : (
            <Access config={c} granted={granted} onAllow={onAllow} />
          )}
          <div className="actions">
            <button type="button" onClick={() => onSelect({ kind: 'local', id: c.id })} aria-label={`Edit ${c.name}`}>
              Edit
            </button>{' '}
            <DeleteButton id={c.id} name={c.name} onDelete={onDelete} />
          </div>
        </li>
      ))}
      {state && state.local.length === 0 && state.policy.length === 0 && (
        <li className="muted" data-testid="no-configured">
          No configured adapters yet: write one below, or import a JSON file.
        </li>
      )}
    </ul>
  );
}
