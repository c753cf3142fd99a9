// Demo EHR inbox front end. Plain DOM, text only (patient text is never parsed as HTML).
// It re-renders its list on refresh, on a timer and after replies, as real inboxes do.
(function () {
  'use strict';
  const state = { page: 1, pages: 1, folder: 'all', openId: null, list: [], refreshTimer: null };
  const $ = (sel) => document.querySelector(sel);
  const listEl = $('[data-testid="message-list"]');
  const detailEl = $('#detail-pane');
  const fmt = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = v;
      else if (k.startsWith('data-')) node.setAttribute(k, v);
      else if (k in node) node[k] = v;
      else node.setAttribute(k, v);
    }
    for (const c of children) if (c) node.append(c);
    return node;
  }

  function parseHash() {
    const m = /^#\/(?:page\/(\d+))?(?:\/?message\/([\w-]+))?/.exec(location.hash || '');
    state.page = m && m[1] ? Number(m[1]) : 1;
    state.openId = m && m[2] ? m[2] : null;
  }

  function hashFor(page, id) {
    return '#/page/' + page + (id ? '/message/' + id : '');
  }

  async function api(path, init) {
    const res = await fetch(path, init);
    if (!res.ok) throw new Error((await res.json().catch(() => ({}))).error || res.statusText);
    return res.json();
  }

  async function loadList() {
    listEl.setAttribute('aria-busy', 'true');
    try {
      const data = await api('/api/messages?page=' + state.page + '&folder=' + state.folder);
      state.pages = data.pages;
      state.page = data.page;
      state.list = data.items;
      $('#clinician').textContent = data.clinician;
      const first = data.total === 0 ? 0 : (data.page - 1) * data.pageSize + 1;
      $('#page-info').textContent = first + '–' + Math.min(data.total, data.page * data.pageSize) + ' of ' + data.total + ' · ' + data.unreadTotal + ' unread';
      $('#prev-page').disabled = data.page <= 1;
      $('#next-page').disabled = data.page >= data.pages;
      renderList();
    } catch (err) {
      listEl.replaceChildren(el('li', { class: 'error', text: 'Could not load messages: ' + err.message }));
    } finally {
      listEl.setAttribute('aria-busy', 'false');
    }
  }

  function renderList() {
    // Rebuilds every row from scratch, like a framework re-render.
    const rows = state.list.map((m) =>
      el('li', { class: 'msg-row' + (m.unread ? ' unread' : '') + (m.id === state.openId ? ' selected' : ''), 'data-message-id': m.id },
        el('a', { class: 'msg-link', href: hashFor(state.page, m.id) },
          el('div', { class: 'msg-line1' },
            el('span', { class: 'msg-sender', text: m.sender }),
            el('time', { class: 'msg-date', dateTime: m.sentAt, text: fmt.format(new Date(m.sentAt)) })),
          el('div', { class: 'msg-subject', text: m.subject || '(no subject)' }),
          el('div', { class: 'msg-preview', text: m.preview })),
        el('div', { class: 'msg-meta' },
          el('span', { class: 'msg-patient', text: m.patientName }),
          m.replied ? el('span', { class: 'msg-replied', text: '↩ Replied' }) : null)));
    listEl.replaceChildren(...rows);
    if (!rows.length) listEl.append(el('li', { class: 'placeholder', text: 'No messages.' }));
  }

  async function loadDetail() {
    if (!state.openId) {
      detailEl.replaceChildren(el('p', { class: 'placeholder', text: 'Select a message to read it.' }));
      return;
    }
    try {
      const m = await api('/api/messages/' + encodeURIComponent(state.openId));
      renderDetail(m);
    } catch (err) {
      detailEl.replaceChildren(el('p', { class: 'error', text: 'Could not open the message: ' + err.message }));
    }
  }

  function threadItem(from, author, sentAt, body, current) {
    return el('li', { class: 'thread-item' + (current ? ' current' : ''), 'data-from': from },
      el('div', { class: 'thread-author', text: author },
        el('time', { class: 'thread-time', dateTime: sentAt, text: fmt.format(new Date(sentAt)) })),
      el('div', { class: 'thread-body', text: body }));
  }

  function renderDetail(m) {
    const items = m.thread.map((t) => threadItem(t.from, t.author, t.sentAt, t.body, false));
    items.push(threadItem('patient', m.sender, m.sentAt, m.body, true));
    for (const r of m.replies) items.push(threadItem('clinic', r.author, r.sentAt, r.body, false));
    const textarea = el('textarea', { id: 'reply-body', name: 'reply', placeholder: 'Write a reply to the patient…', maxLength: 20000 });
    const status = el('span', { class: 'reply-status', 'aria-live': 'polite' });
    const form = el('form', { id: 'reply-form' },
      el('label', { htmlFor: 'reply-body', text: 'Reply to ' + m.sender }),
      textarea,
      el('div', { class: 'reply-actions' }, el('button', { type: 'submit', id: 'send-reply', text: 'Send' }), status));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const body = textarea.value.trim();
      if (!body) { status.textContent = 'Write a reply first.'; return; }
      status.textContent = 'Sending…';
      try {
        const updated = await api('/api/messages/' + encodeURIComponent(m.id) + '/replies', {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ body }),
        });
        renderDetail(updated);
        $('#reply-form .reply-status').textContent = 'Reply sent.';
        loadList();
      } catch (err) {
        status.textContent = 'Not sent: ' + err.message;
      }
    });
    const section = el('section', { id: 'message-detail', 'data-message-id': m.id },
      el('div', { class: 'detail-header' },
        el('h2', { class: 'detail-subject', text: m.subject || '(no subject)' }),
        el('div', { class: 'detail-line' },
          el('span', { class: 'detail-sender', text: m.sender }), ' · ',
          el('time', { class: 'detail-date', dateTime: m.sentAt, text: fmt.format(new Date(m.sentAt)) })),
        el('div', { class: 'detail-line' }, 'Patient: ', el('span', { class: 'detail-patient', text: m.patientName }), ' · DOB ' + m.patientDob)),
      el('ol', { class: 'thread', 'aria-label': 'Conversation' }, ...items),
      form);
    detailEl.replaceChildren(section);
  }

  function route() {
    const prevPage = state.page;
    parseHash();
    loadList();
    loadDetail();
    return prevPage;
  }

  $('#prev-page').addEventListener('click', () => { location.hash = hashFor(Math.max(1, state.page - 1), null); });
  $('#next-page').addEventListener('click', () => { location.hash = hashFor(Math.min(state.pages, state.page + 1), null); });
  $('#refresh').addEventListener('click', () => loadList());
  $('#folder').addEventListener('change', (e) => { state.folder = e.target.value; location.hash = hashFor(1, null); loadList(); });
  window.addEventListener('hashchange', route);
  // Periodic refresh re-renders the list in place (new rows, read state), as real inboxes do.
  state.refreshTimer = setInterval(loadList, 30000);
  // Hooks for tests: force an in-place re-render without changing data.
  window.demoInbox = { rerender: renderList, reload: loadList };
  route();
})();
