/** What a store read gave: a value, or the copy in memory with why the cache could not be read. */
export interface Read<T> {
  value?: T;
  /** Set when the cache failed and the value is the database copy or this replica's last copy. */
  problem?: string;
}
