import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';

export interface ChartLine<P> {
  key: keyof P & string;
  label: string;
  color: string;
  dashed?: boolean;
}

const WIDTH = 560;
const HEIGHT = 180;
const MARGIN = { top: 10, right: 12, bottom: 26, left: 64 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;

const clock = (at: number) =>
  new Date(at * 1000).toLocaleTimeString('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
  });

/** Round axis ends: 12 s, 60,000; so that the middle tick is round too. */
function niceCeil(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find(
    f => f * power >= value,
  )!;
  return step * power;
}

/**
 * A small time-series chart in plain SVG (no chart library, as Backstage's sparklines):
 * y from zero, so that the distance to the timeout line reads true; three ticks on each axis.
 */
export function LineChart<P extends { at: number }>(props: {
  title: string;
  points: P[];
  lines: Array<ChartLine<P>>;
  format: (value: number) => string;
  testId: string;
}) {
  const theme = useTheme();
  const { points, lines, format } = props;
  const valueOf = (p: P, key: keyof P) => p[key] as number | undefined;
  const values = points.flatMap(p =>
    lines
      .map(l => valueOf(p, l.key))
      .filter((v): v is number => v !== undefined),
  );
  if (points.length < 2 || values.length === 0) return null;
  const first = points[0].at;
  const last = points[points.length - 1].at;
  const top = niceCeil(Math.max(...values) * 1.05);
  const x = (at: number) =>
    MARGIN.left + ((at - first) / (last - first)) * PLOT_W;
  const y = (v: number) => MARGIN.top + PLOT_H - (v / top) * PLOT_H;
  const yTicks = [0, top / 2, top];
  const anchors = ['start', 'middle', 'end'] as const;
  const xTicks = [first, (first + last) / 2, last];
  const axis = theme.palette.text.secondary;

  return (
    <Box data-testid={props.testId}>
      <Typography variant="subtitle2" component="h4">
        {props.title}
      </Typography>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-label={`${props.title}, ${clock(first)} to ${clock(last)}`}
        style={{ maxWidth: WIDTH, display: 'block' }}
      >
        {yTicks.map(v => (
          <g key={`y${v}`}>
            <line
              x1={MARGIN.left}
              x2={WIDTH - MARGIN.right}
              y1={y(v)}
              y2={y(v)}
              stroke={theme.palette.divider}
            />
            <text
              x={MARGIN.left - 6}
              y={y(v) + 4}
              textAnchor="end"
              fontSize={12}
              fill={axis}
            >
              {format(v)}
            </text>
          </g>
        ))}
        {xTicks.map((at, i) => (
          <text
            key={`x${at}`}
            x={x(at)}
            y={HEIGHT - 8}
            textAnchor={anchors[i]}
            fontSize={12}
            fill={axis}
          >
            {clock(at)}
          </text>
        ))}
        {lines.map(line => (
          <polyline
            key={line.key}
            data-testid={`line-${line.key}`}
            fill="none"
            stroke={line.color}
            strokeWidth={2}
            strokeDasharray={line.dashed ? '6 4' : undefined}
            points={points
              .filter(p => valueOf(p, line.key) !== undefined)
              .map(
                p =>
                  `${x(p.at).toFixed(1)},${y(valueOf(p, line.key)!).toFixed(
                    1,
                  )}`,
              )
              .join(' ')}
          />
        ))}
      </svg>
      <Box display="flex" gridGap={16}>
        {lines.map(line => (
          <Typography key={line.key} variant="caption" color="textSecondary">
            <span style={{ color: line.color }}>
              {line.dashed ? '╌╌' : '━━'}
            </span>{' '}
            {line.label}
          </Typography>
        ))}
      </Box>
    </Box>
  );
}
