/**
 * The headers the list route answers a gzip-accepting poll with: the bench's bare server and
 * floor route send them with the same bytes, so the comparison is of the request path alone.
 */
export const LIST_BODY_HEADERS = {
  'content-type': 'application/json; charset=utf-8',
  'content-encoding': 'gzip',
  'cache-control': 'private, no-cache',
  vary: 'Accept-Encoding',
};
