/** The one small status element the overlay shows on an EHR page (bottom-right). */
import { STATUS_CSS } from './styles';

export const STATUS_ATTR = 'data-ehr-triage-status';
export type StatusLevel = 'ok' | 'warn' | 'error';

export interface StatusView {
  set(level: StatusLevel, text: string, diagnostic?: string): void;
  remove(): void;
  readonly element: HTMLElement;
}

export function createStatus(doc: Document): StatusView {
  const host = doc.createElement('div');
  host.setAttribute(STATUS_ATTR, '');
  const root = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = STATUS_CSS;
  const pill = doc.createElement('div');
  pill.className = 'pill';
  pill.setAttribute('role', 'status');
  pill.setAttribute('aria-live', 'polite');
  const dot = doc.createElement('span');
  dot.className = 'dot';
  dot.setAttribute('aria-hidden', 'true');
  const text = doc.createElement('span');
  text.className = 'text';
  const copy = doc.createElement('button');
  copy.className = 'copy';
  copy.type = 'button';
  copy.textContent = 'Copy diagnostic';
  copy.hidden = true;
  const toggle = doc.createElement('button');
  toggle.type = 'button';
  toggle.textContent = '–';
  toggle.title = 'Minimise';
  toggle.setAttribute('aria-label', 'Minimise triage status');
  toggle.addEventListener('click', () => {
    const min = pill.classList.toggle('min');
    toggle.textContent = min ? '+' : '–';
    toggle.setAttribute('aria-label', min ? 'Show triage status' : 'Minimise triage status');
  });
  let diag = '';
  copy.addEventListener('click', () => {
    void navigator.clipboard?.writeText(diag).then(
      () => (copy.textContent = 'Copied'),
      () => (copy.textContent = 'Copy failed'),
    );
  });
  pill.append(dot, text, copy, toggle);
  root.append(style, pill);
  (doc.documentElement ?? doc.body).append(host);

  return {
    element: host,
    set(level, msg, diagnostic) {
      pill.classList.toggle('warn', level === 'warn');
      pill.classList.toggle('error', level === 'error');
      host.dataset.level = level;
      text.textContent = msg;
      host.dataset.text = msg;
      diag = diagnostic ?? '';
      copy.hidden = !diagnostic;
      if (!host.isConnected) (doc.documentElement ?? doc.body).append(host);
    },
    remove() {
      host.remove();
    },
  };
}
