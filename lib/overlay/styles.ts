/** Styles for overlay elements; each lives in its own shadow root so the EHR's CSS cannot reach it. */

export const BADGE_CSS = `
:host { all: initial; display: inline-block; vertical-align: middle; margin: 0 4px; }
.badge {
  font: 600 11px/1.2 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  display: inline-flex; align-items: center; gap: 4px;
  padding: 2px 7px; border-radius: 10px; border: 1px solid transparent;
  cursor: default; white-space: nowrap; letter-spacing: .01em;
}
.badge:focus-visible { outline: 2px solid #1d4ed8; outline-offset: 2px; }
.emergency { background: #b91c1c; color: #fff; border-color: #7f1d1d; }
.urgent { background: #fde68a; color: #713f12; border-color: #b45309; }
.routine { background: #e5e7eb; color: #1f2937; border-color: #9ca3af; }
.icon { font-size: 11px; }
.src { font-weight: 400; opacity: .8; }
.tip {
  position: fixed; z-index: 2147483647; display: none; max-width: 340px;
  background: #111827; color: #f9fafb; border-radius: 6px; padding: 8px 10px;
  font: 12px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  box-shadow: 0 4px 16px rgba(0,0,0,.25); white-space: normal;
}
.tip.open { display: block; }
.tip h4 { margin: 0 0 4px; font-size: 12px; }
.tip ul { margin: 0; padding-left: 16px; }
.tip .foot { margin-top: 6px; opacity: .75; font-size: 11px; }
.tip .keys { margin-top: 2px; opacity: .6; font-size: 10px; }
`;

export const STATUS_CSS = `
:host { all: initial; position: fixed; right: 12px; bottom: 12px; z-index: 2147483646; }
.pill {
  font: 12px/1.3 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  background: #ffffff; color: #111827; border: 1px solid #d1d5db; border-radius: 16px;
  padding: 5px 10px; box-shadow: 0 2px 8px rgba(0,0,0,.12); display: flex; gap: 8px; align-items: center;
  max-width: 420px;
}
.pill.warn { border-color: #b45309; background: #fffbeb; }
.pill.error { border-color: #b91c1c; background: #fef2f2; }
.dot { width: 8px; height: 8px; border-radius: 50%; background: #16a34a; flex: none; }
.warn .dot { background: #d97706; } .error .dot { background: #dc2626; }
button { font: inherit; border: 1px solid #d1d5db; background: #f9fafb; border-radius: 10px; padding: 1px 8px; cursor: pointer; }
button:focus-visible { outline: 2px solid #1d4ed8; outline-offset: 1px; }
.min .text, .min button.copy { display: none; }
`;
