/**
 * kube-prometheus-stack renders `additionalScrapeConfigs` through Helm's `tpl`: a literal `{{`
 * would start a template action, so it is written as `{{ "{{" }}`.
 * See docs/federation-setup.md#federate-jobs.
 */
export function escapeForTpl<T>(value: T): T {
  return mapStrings(value, text => text.replace(/\{\{/g, '{{ "{{" }}'));
}

/** What `tpl` makes of an escaped value: the inverse of {@link escapeForTpl}. */
export function unescapeTpl<T>(value: T): T {
  return mapStrings(value, text => text.replace(/\{\{ "\{\{" \}\}/g, '{{'));
}

/** `value` with every string in it (keys too) passed through `map`. */
function mapStrings<T>(value: T, map: (text: string) => string): T {
  if (typeof value === 'string') return map(value) as T;
  if (Array.isArray(value)) return value.map(v => mapStrings(v, map)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [map(k), mapStrings(v, map)]),
    ) as T;
  }
  return value;
}
