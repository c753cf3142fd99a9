/**
 * The dashboard's charts (recharts). Each chart is a figure with a text caption, its bars carry
 * value labels and patterns as well as colours (never colour alone), and each has a table beside
 * it with the same numbers (Table.tsx). Recharts' accessibility layer gives keyboard focus and
 * arrow-key navigation of the data points.
 */
import { Bar, BarChart, CartesianGrid, LabelList, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis, Cell } from 'recharts';

const H = 220;
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

export function DayTimeChart({ rows }: { rows: { label: string; inHoursMs: number; afterHoursMs: number }[] }) {
  const data = rows.map((r) => ({ label: r.label, 'In hours (min)': minutes(r.inHoursMs), 'After hours (min)': minutes(r.afterHoursMs) }));
  return (
    <ResponsiveContainer width="100%" height={H}>
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
    </ResponsiveContainer>
  );
}

export function CountBars({ rows, colors }: { rows: { label: string; count: number; key: string }[]; colors?: Record<string, string> }) {
  return (
    <ResponsiveContainer width="100%" height={H}>
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
    </ResponsiveContainer>
  );
}

export function LinesChart({ rows, lines, unit }: { rows: Record<string, string | number | null>[]; lines: { key: string; name: string; color: string; dash?: string }[]; unit: string }) {
  return (
    <ResponsiveContainer width="100%" height={H}>
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
    </ResponsiveContainer>
  );
}
