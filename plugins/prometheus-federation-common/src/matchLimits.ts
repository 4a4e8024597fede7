/**
 * What a federate job's `match[]` may hold, as the narrow action accepts it and as the leaf's
 * HTTP server reads the scrape URL. A narrowing proposal is split to fit.
 */

/** Longest single `match[]` selector the narrow action accepts (one YAML line). */
export const MAX_MATCH_SELECTOR_CHARS = 20000;

/** Most `match[]` selectors in one proposal: each is one index lookup on the leaf per scrape. */
export const MAX_MATCH_SELECTORS = 64;

/**
 * Longest scrape URL query (every `match[]`, URL-encoded). Prometheus' HTTP server refuses request
 * heads over 1 MiB; half of that leaves room for headers and proxies.
 */
export const MAX_FEDERATE_QUERY_BYTES = 512 * 1024;
