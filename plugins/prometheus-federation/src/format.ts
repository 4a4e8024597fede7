/** Short human ages: "15 s", "4 min", "3 h", "2 d". */
export function formatAge(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '—';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 36 * 3600) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86400)} d`;
}

/** Seconds with a precision that suits scrape durations. */
export function formatSeconds(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '—';
  if (seconds < 1) return `${seconds.toFixed(2)} s`;
  return `${seconds.toFixed(1)} s`;
}

// One formatter for every cell: toLocaleString builds a new one per call.
const NUMBER = new Intl.NumberFormat('en-US');

export function formatNumber(value: number | undefined): string {
  return value === undefined ? '—' : NUMBER.format(value);
}

/** "14:02" today, "23 Nov 14:02" before; in the viewer's time zone. */
export function formatClock(
  at: string | undefined,
  now: Date = new Date(),
): string {
  if (!at) return '—';
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return at;
  const time = date.toLocaleTimeString('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
  });
  if (date.toDateString() === now.toDateString()) return time;
  const day = date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
  });
  return `${day} ${time}`;
}

/** Days until a certificate expires, or how long ago it did. */
export function certificateText(days: number | undefined): string {
  if (days === undefined) return '—';
  return days < 0 ? `expired ${-days} d ago` : `${days} d`;
}

/** Bytes in SI units, as Prometheus' scrape_body_size_bytes reads: "23.4 MB". */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return '—';
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
