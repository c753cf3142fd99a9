/**
 * The dashboard's charts (recharts). Each chart is a figure with a text caption, its bars carry
 * value labels and patterns as well as colours (never colour alone), and each has a table beside
 * it with the same numbers (Table.tsx). Recharts' accessibility layer gives keyboard focus and
 * arrow-key navigation of the data points.
 */
import { useEffect, useState, type ReactElement } from 'react';
import { flushSync } from 'react-dom';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis, Cell } from 'recharts';

const H = 220;
/** Printed charts (A4, two columns): fixed sizes, drawn before the page is laid out for print. */
const PRINT_H = 110;
export const PRINT_FULL = 700;
export const PRINT_HALF = 340;

/** True while printing (beforeprint, or print media emulated); charts then redraw at print size at once. */
export function usePrinting(): boolean {
  const [printing, setPrinting] = useState(() => typeof matchMedia === 'function' && matchMedia('print').matches);
  useEffect(() => {
    const set = (v: boolean) => flushSync(() => setPrinting(v));
    const before = () => set(true);
    const after = () => set(matchMedia('print').matches);
    const mq = matchMedia('print');
    const onMq = () => set(mq.matches);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    mq.addEventListener('change', onMq);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
      mq.removeEventListener('change', onMq);
    };
  }, []);
  return printing;
}

/** A chart sized to its container on screen, fixed in print. */
function Sized({ print, children }: { print: number | null; children: ReactElement<{ width?: number; height?: number }> }) {
  if (print) return <children.type {...children.props} width={print} height={PRINT_H} />;
  return (
    <ResponsiveContainer width="100%" height={H}>
      {children}
    </ResponsiveContainer>
  );
}
export const COLORS = { inHours: '#1d4ed8', afterHours: '#b45309', emergency: '#b91c1c', urgent: '#b45309', routine: '#15803d', unknown: '#6b7280', line: '#1d4ed8', line2: '#7c3aed' };

function Hatch({ id, color }: { id: string; color: string }) {
  return (
    <defs>
      <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill={color} opacity="0.35" />
        <line x1="0" y1="0" x2="0" y2="6" stroke={color} strokeWidth="3" />
      </pattern>
    </defs>
  );
}

export function Figure({ title, summary, children }: { title: string; summary: string; children: React.ReactNode }) {
  return (
    <figure className="chart" role="group" aria-label={title}>
      <div className="chart-box" aria-describedby={undefined}>
        {children}
      </div>
      <figcaption>{summary}</figcaption>
    </figure>
  );
}

const minutes = (ms: number) => Math.round((ms / 60_000) * 10) / 10;

export function DayTimeChart({ rows, print = null }: { rows: { label: string; inHoursMs: number; afterHoursMs: number }[]; print?: number | null }) {
  const data = rows.map((r) => ({ label: r.label, 'In hours (min)': minutes(r.inHoursMs), 'After hours (min)': minutes(r.afterHoursMs) }));
  return (
    <Sized print={print}>
      <BarChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 0 }} accessibilityLayer>
        <Hatch id="hatch-after" color={COLORS.afterHours} />
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" tick={{ fontSize: 11 }} minTickGap={12} />
        <YAxis tick={{ fontSize: 11 }} label={{ value: 'minutes', angle: -90, position: 'insideLeft', fontSize: 11 }} />
        <Tooltip />
        <Legend />
        <Bar dataKey="In hours (min)" stackId="t" fill={COLORS.inHours} isAnimationActive={false} />
        <Bar dataKey="After hours (min)" stackId="t" fill="url(#hatch-after)" stroke={COLORS.afterHours} isAnimationActive={false} />
      </BarChart>
    </Sized>
  );
}

export function CountBars({ rows, colors, print = null }: { rows: { label: string; count: number; key: string }[]; colors?: Record<string, string>; print?: number | null }) {
  return (
    <Sized print={print}>
      <BarChart data={rows} margin={{ top: 16, right: 8, bottom: 4, left: 0 }} accessibilityLayer>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" tick={{ fontSize: 11 }} interval={0} />
        <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
        <Tooltip />
        <Bar dataKey="count" name="messages" isAnimationActive={false} fill={COLORS.line}>
          {rows.map((r) => (
            <Cell key={r.key} fill={colors?.[r.key] ?? COLORS.line} />
          ))}
          <LabelList dataKey="count" position="top" fontSize={11} />
        </Bar>
      </BarChart>
    </Sized>
  );
}

export function LinesChart({ rows, lines, unit, print = null }: { rows: Record<string, string | number | null>[]; lines: { key: string; name: string; color: string; dash?: string }[]; unit: string; print?: number | null }) {
  return (
    <Sized print={print}>
      <LineChart data={rows} margin={{ top: 8, right: 8, bottom: 4, left: 0 }} accessibilityLayer>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" tick={{ fontSize: 11 }} minTickGap={12} />
        <YAxis tick={{ fontSize: 11 }} label={{ value: unit, angle: -90, position: 'insideLeft', fontSize: 11 }} />
        <Tooltip />
        <Legend />
        {lines.map((l) => (
          <Line key={l.key} dataKey={l.key} name={l.name} stroke={l.color} strokeDasharray={l.dash} dot={{ r: 2 }} connectNulls isAnimationActive={false} />
        ))}
      </LineChart>
    </Sized>
  );
}
