/** A page of a listing: pass `continuationToken` back unchanged for the next one (null: the last). */

export interface Page<T> {
  items: T[];
  continuationToken?: string | null;
}
