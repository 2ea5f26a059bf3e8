import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  colour: string;
  values: number[];
  dashed?: boolean;
}

/**
 * A small time chart (uPlot, canvas) of one value per day or week, with a legend that names each
 * line and the same figures as a table for screen readers and for reading exact values.
 */
export function TimeChart({
  id,
  title,
  dates,
  series,
  format,
  dateLabel,
  tableLabel,
}: {
  id: string;
  title: string;
  /** `YYYY-MM-DD` of each bucket. */
  dates: string[];
  series: ChartSeries[];
  format: (value: number) => string;
  dateLabel: (date: string) => string;
  tableLabel: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);

  useEffect(() => {
    if (!box.current) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width)));
    observer.observe(box.current);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (!box.current || width === 0 || dates.length === 0) return;
    const xs = dates.map((d) => Date.parse(`${d}T12:00:00Z`) / 1000);
    const plot = new uPlot(
      {
        width,
        height: Math.max(180, Math.min(280, Math.round(width * 0.5))),
        legend: { show: false },
        cursor: { show: true, drag: { x: false, y: false } },
        scales: { x: { time: true } },
        axes: [
          { stroke: '#1a1a1a', grid: { stroke: '#e4e0d8' } },
          { stroke: '#1a1a1a', grid: { stroke: '#e4e0d8' }, values: (_u, ticks) => ticks.map(format), size: 64 },
        ],
        series: [
          {},
          ...series.map((s) => ({
            label: s.label,
            stroke: s.colour,
            width: 2.5,
            ...(s.dashed ? { dash: [8, 4] } : {}),
            points: { show: dates.length < 40 },
          })),
        ],
      },
      [xs, ...series.map((s) => s.values)],
      box.current,
    );
    // The canvas is a picture of the table below, which is what assistive technologies read.
    plot.root.setAttribute('aria-hidden', 'true');
    return () => plot.destroy();
  }, [width, dates, series, format]);

  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="chart-title">
        {title}
      </figcaption>
      <ul className="chart-legend">
        {series.map((s) => (
          <li key={s.label}>
            <span
              className={s.dashed ? 'swatch dashed' : 'swatch'}
              style={{ background: s.dashed ? undefined : s.colour, borderColor: s.colour }}
              aria-hidden="true"
            />
            {s.label}
          </li>
        ))}
      </ul>
      <div ref={box} className="chart-canvas" id={id} data-points={dates.length} />
      <details>
        <summary>{tableLabel}</summary>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{dateLabel('')}</th>
                {series.map((s) => (
                  <th scope="col" key={s.label}>
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {dates.map((date, i) => (
                <tr key={date}>
                  <th scope="row">{dateLabel(date)}</th>
                  {series.map((s) => (
                    <td key={s.label}>{format(s.values[i] ?? 0)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
