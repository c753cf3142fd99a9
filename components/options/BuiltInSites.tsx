/**
 * "Your EHR's own server": the sites where a built-in adapter (OpenEMR, self-hosted Medplum)
 * runs. The user types the address; the browser asks for access to that site in the same click;
 * policy sites are listed read-only (lib/adapters/builtin-sites.ts).
 */
import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { browser } from 'wxt/browser';
import { SUPPORTED_MATCHES } from '@/lib/adapters/hosts';
import { missingOrigins } from '@/lib/adapters/host-access';
import { SITE_EHRS, addSite, isSitesChange, loadSites, patternForAddress, removeSite, siteId, type BuiltInSite, type SiteEhr } from '@/lib/adapters/builtin-sites';
import { areas, grantedOrigins, requestOrigins } from './api';

type Notice = { kind: 'ok' | 'warn' | 'error'; text: string } | null;

export function BuiltInSites() {
  const qc = useQueryClient();
  const sites = useQuery({ queryKey: ['sites'], queryFn: () => loadSites(areas()) });
  const granted = useQuery({ queryKey: ['granted'], queryFn: grantedOrigins });
  const [ehr, setEhr] = useState<SiteEhr>('openemr');
  const [address, setAddress] = useState('');
  const [notice, setNotice] = useState<Notice>(null);

  useEffect(() => {
    const onStorage = (changes: Record<string, unknown>, areaName: string) => {
      if (isSitesChange(changes, areaName)) void qc.invalidateQueries({ queryKey: ['sites'] });
    };
    browser.storage.onChanged.addListener(onStorage);
    return () => browser.storage.onChanged.removeListener(onStorage);
  }, [qc]);

  /**
   * Show what storage holds now. A read still in flight (the first read of policy storage can
   * take seconds) started before the change and would bring back the old list: cancel it.
   */
  const show = async (fresh: Awaited<ReturnType<typeof loadSites>>) => {
    await qc.cancelQueries({ queryKey: ['sites'] });
    qc.setQueryData(['sites'], fresh);
    void qc.invalidateQueries({ queryKey: ['granted'] });
  };

  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['sites'] });
    void qc.invalidateQueries({ queryKey: ['granted'] });
  };

  const add = useMutation({
    mutationFn: async (args: { site: BuiltInSite; permission: Promise<{ granted: boolean; error?: string }>; assumedHttps: boolean }) => {
      const perm = await args.permission;
      const saved = await addSite(areas().local, args.site);
      return { perm, saved, site: args.site, fresh: await loadSites(areas()), assumedHttps: args.assumedHttps };
    },
    onSuccess: async ({ perm, saved, site, fresh, assumedHttps }) => {
      await show(fresh);
      if (!saved.ok) setNotice({ kind: 'error', text: `Not added: ${saved.errors.join('; ')}` });
      else if (!perm.granted) setNotice({ kind: 'warn', text: `Added ${site.urlPatterns[0]}, but access to it was not allowed, so nothing runs there yet. Use "Allow access" when ready.` });
      else {
        setNotice({
          kind: 'ok',
          text: `Added ${site.urlPatterns[0]} (${SITE_EHRS[site.ehr].name}). Reload the EHR tab to see the badges.${
            assumedHttps ? ' No http:// or https:// was typed, so https:// was assumed: if your EHR opens with http://, add that address instead.' : ''
          }`,
        });
        setAddress('');
      }
    },
    onError: (err) => setNotice({ kind: 'error', text: `Not added: ${String(err)}` }),
  });

  const remove = useMutation({
    mutationFn: async (id: string) => {
      await removeSite(areas().local, id);
      return loadSites(areas());
    },
    onSuccess: async (fresh) => {
      await show(fresh);
      setNotice({ kind: 'ok', text: 'Removed. The extension stops running on that site.' });
    },
  });

  /** Click handler: the permission request must start in the click itself (a user gesture). */
  const onAdd = () => {
    let pattern: string;
    try {
      pattern = patternForAddress(address);
    } catch (err) {
      setNotice({ kind: 'error', text: err instanceof Error ? err.message : String(err) });
      return;
    }
    setNotice(null);
    const site: BuiltInSite = { ehr, urlPatterns: [pattern] };
    const permission = requestOrigins(missingOrigins(site.urlPatterns, SUPPORTED_MATCHES, granted.data ?? []));
    add.mutate({ site, permission, assumedHttps: !/^[a-z][a-z0-9+.-]*:\/\//i.test(address.trim()) });
  };

  const onAllow = (origins: string[]) => {
    void requestOrigins(origins).then((r) => {
      refresh();
      setNotice(r.granted ? { kind: 'ok', text: `Allowed ${origins.join(', ')}. Reload the EHR tab.` } : { kind: 'warn', text: `Access to ${origins.join(', ')} was not allowed.` });
    });
  };

  const row = (site: BuiltInSite, fromPolicy: boolean) => {
    const id = siteId(site);
    const missing = missingOrigins(site.urlPatterns, SUPPORTED_MATCHES, granted.data ?? []);
    return (
      <li key={id} data-testid="site" data-site-id={id}>
        <strong>{site.urlPatterns.join(', ')}</strong> · {SITE_EHRS[site.ehr].name}
        {fromPolicy && <span className="tag"> set by your organization</span>}
        {missing.length ? (
          <>
            {' '}
            · <span className="warn-text">waiting for access</span>{' '}
            <button type="button" onClick={() => onAllow(missing)}>
              Allow access
            </button>
          </>
        ) : (
          <> · runs there</>
        )}
        {!fromPolicy && (
          <>
            {' '}
            <button type="button" onClick={() => remove.mutate(id)} aria-label={`Remove ${site.urlPatterns.join(', ')}`}>
              Remove
            </button>
          </>
        )}
      </li>
    );
  };

  const data = sites.data;
  return (
    <section aria-labelledby="sites-h" className="card" data-testid="builtin-sites">
      <h2 id="sites-h">Your EHR&apos;s own server</h2>
      <p>
        OpenEMR and self-hosted Medplum run on your practice&apos;s own address. The extension already knows their inbox pages: add the address
        and allow access, and nothing else is needed.
      </p>
      {data && data.errors.length > 0 && (
        <div role="alert" className="notice error">
          {data.errors.map((e) => (
            <p key={e}>{e}</p>
          ))}
        </div>
      )}
      {data && data.policy.length + data.local.length > 0 ? (
        <ul className="sites">
          {data.policy.map((s) => row(s, true))}
          {data.local.map((s) => row(s, false))}
        </ul>
      ) : (
        <p className="muted">No sites added yet.</p>
      )}
      <div className="site-form">
        <label>
          EHR{' '}
          <select value={ehr} onChange={(e) => setEhr(e.target.value as SiteEhr)} data-testid="site-ehr">
            {(Object.keys(SITE_EHRS) as SiteEhr[]).map((k) => (
              <option key={k} value={k}>
                {SITE_EHRS[k].name}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          Address{' '}
          <input
            type="url"
            placeholder="https://emr.example.org"
            value={address}
            onChange={(e) => setAddress(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && onAdd()}
            data-testid="site-address"
          />
        </label>{' '}
        <button type="button" onClick={onAdd} data-testid="site-add">
          Add and allow access
        </button>
      </div>
      <div role="status" aria-live="polite" data-testid="site-notice" data-kind={notice?.kind ?? ''} className={notice ? `notice ${notice.kind}` : ''}>
        {notice?.text}
      </div>
    </section>
  );
}
