/**
 * The demo EHR inbox: a small clinician inbox served on localhost, used as the
 * default page of `npm run demo` and as the end-to-end fixture. It knows nothing
 * about the extension; message labels stay in messages.json for the tests.
 *
 *   npm run demo-inbox            # http://127.0.0.1:5174/inbox
 *   npm run demo-inbox -- --port 8080
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

const HERE = dirname(fileURLToPath(import.meta.url));

export const DemoMessageSchema = z.object({
  id: z.string(),
  patientName: z.string(),
  patientDob: z.string(),
  sender: z.string(),
  subject: z.string(),
  body: z.string(),
  sentAt: z.string(),
  unread: z.boolean(),
  urgency: z.enum(['emergency', 'urgent', 'routine']),
  category: z.enum(['symptom', 'medication', 'results', 'scheduling', 'administrative', 'acknowledgement']),
  lang: z.string(),
  tags: z.array(z.string()).default([]),
  thread: z
    .array(z.object({ from: z.enum(['patient', 'clinic']), author: z.string(), sentAt: z.string(), body: z.string() }))
    .optional(),
});
export type DemoMessage = z.infer<typeof DemoMessageSchema>;

export function loadDemoMessages(path = join(HERE, 'messages.json')): DemoMessage[] {
  return z.array(DemoMessageSchema).parse(JSON.parse(readFileSync(path, 'utf8')));
}

interface Reply {
  from: 'clinic';
  author: string;
  sentAt: string;
  body: string;
}

export interface DemoInboxOptions {
  port?: number;
  host?: string;
  messages?: DemoMessage[];
  /** Shift dates so the newest message arrived `newestMinutesAgo` ago (default true). */
  shiftDates?: boolean;
  clinician?: string;
  pageSize?: number;
}

export interface DemoInbox {
  url: string;
  origin: string;
  port: number;
  messages: DemoMessage[];
  replies: Map<string, Reply[]>;
  close(): Promise<void>;
}

const STATIC: Record<string, [string, string]> = {
  '/inbox': ['index.html', 'text/html; charset=utf-8'],
  '/static/app.js': ['app.js', 'text/javascript; charset=utf-8'],
  '/static/style.css': ['style.css', 'text/css; charset=utf-8'],
  '/favicon.ico': ['favicon.svg', 'image/svg+xml'],
};

const MAX_REPLY = 20_000;

export async function startDemoInbox(opts: DemoInboxOptions = {}): Promise<DemoInbox> {
  const source = opts.messages ?? loadDemoMessages();
  const clinician = opts.clinician ?? 'Dr. Avery Chen';
  const pageSizeDefault = opts.pageSize ?? 25;
  const newest = Math.max(...source.map((m) => Date.parse(m.sentAt)));
  const shift = opts.shiftDates === false || !Number.isFinite(newest) ? 0 : Date.now() - 35 * 60_000 - newest;
  const shiftIso = (s: string) => (shift ? new Date(Date.parse(s) + shift).toISOString() : s);
  const messages = source
    .map((m) => ({ ...m, sentAt: shiftIso(m.sentAt), thread: m.thread?.map((t) => ({ ...t, sentAt: shiftIso(t.sentAt) })) }))
    .sort((a, b) => Date.parse(b.sentAt) - Date.parse(a.sentAt));
  const unread = new Map(messages.map((m) => [m.id, m.unread]));
  const replies = new Map<string, Reply[]>();

  const summary = (m: DemoMessage) => ({
    id: m.id,
    sender: m.sender,
    patientName: m.patientName,
    subject: m.subject,
    preview: m.body,
    sentAt: m.sentAt,
    unread: unread.get(m.id) ?? false,
    replied: (replies.get(m.id)?.length ?? 0) > 0,
  });
  const detail = (m: DemoMessage) => ({
    ...summary(m),
    patientDob: m.patientDob,
    body: m.body,
    thread: m.thread ?? [],
    replies: replies.get(m.id) ?? [],
  });

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => send(res, 500, { error: String(err) }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (req.method === 'GET' && (path === '/' || path === '/index.html')) {
      res.writeHead(302, { location: '/inbox' }).end();
      return;
    }
    const file = STATIC[path];
    if (req.method === 'GET' && file) {
      res.writeHead(200, { 'content-type': file[1], 'cache-control': 'no-store' });
      res.end(readFileSync(join(HERE, 'public', file[0])));
      return;
    }
    if (req.method === 'GET' && path === '/api/messages') {
      const folder = url.searchParams.get('folder') === 'unread' ? 'unread' : 'all';
      const pageSize = clampInt(url.searchParams.get('pageSize'), 1, 500, pageSizeDefault);
      const list = folder === 'unread' ? messages.filter((m) => unread.get(m.id)) : messages;
      const pages = Math.max(1, Math.ceil(list.length / pageSize));
      const page = clampInt(url.searchParams.get('page'), 1, pages, 1);
      send(res, 200, {
        total: list.length,
        unreadTotal: [...unread.values()].filter(Boolean).length,
        page,
        pages,
        pageSize,
        clinician,
        items: list.slice((page - 1) * pageSize, page * pageSize).map(summary),
      });
      return;
    }
    const one = /^\/api\/messages\/([\w-]+)(\/replies|\/unread)?$/.exec(path);
    if (one) {
      const m = messages.find((x) => x.id === one[1]);
      if (!m) return send(res, 404, { error: 'No such message' });
      if (req.method === 'GET' && !one[2]) {
        unread.set(m.id, false);
        return send(res, 200, detail(m));
      }
      if (req.method === 'POST' && one[2] === '/unread') {
        unread.set(m.id, true);
        return send(res, 200, summary(m));
      }
      if (req.method === 'POST' && one[2] === '/replies') {
        const body = await readJson(req);
        const parsed = z.object({ body: z.string().trim().min(1).max(MAX_REPLY) }).safeParse(body);
        if (!parsed.success) return send(res, 400, { error: 'A reply needs text (at most 20,000 characters).' });
        const list = replies.get(m.id) ?? [];
        list.push({ from: 'clinic', author: clinician, sentAt: new Date().toISOString(), body: parsed.data.body });
        replies.set(m.id, list);
        unread.set(m.id, false);
        return send(res, 201, detail(m));
      }
    }
    if (path === '/api/health') return send(res, 200, { ok: true });
    send(res, 404, { error: 'Not found' });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${opts.host === 'localhost' ? 'localhost' : '127.0.0.1'}:${port}`;
  return {
    url: `${origin}/inbox`,
    origin,
    port,
    messages,
    replies,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

function clampInt(v: string | null, min: number, max: number, dflt: number): number {
  const n = Number.parseInt(v ?? '', 10);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : dflt;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > 1_000_000) throw new Error('Request too large');
    chunks.push(c as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return null;
  }
}

// Run directly: serve until stopped.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : 5174;
  const inbox = await startDemoInbox({ port });
  console.log(`Demo EHR inbox: ${inbox.url} (${inbox.messages.length} messages). Ctrl+C to stop.`);
}
