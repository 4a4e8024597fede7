/** Reading untyped JSON (Grafana's dashboards) without trusting its shape. */
export type Json = Record<string, unknown>;

export function asObject(value: unknown): Json | undefined {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Json)
    : undefined;
}

/** The objects of an array; anything else is an empty list. */
export function asArray(value: unknown): Json[] {
  return Array.isArray(value)
    ? value.map(asObject).filter((v): v is Json => !!v)
    : [];
}
