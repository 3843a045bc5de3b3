/** A report as the taxonomy and related reports see it: an id, a date and its terms. */
export interface TaggedReport {
  id: string;
  data: { date: Date; topics: string[]; organizations: string[]; people: string[] };
}

/** A tagged report dated `iso` (YYYY-MM-DD) at midnight UTC. */
export const tagged = (id: string, iso: string, topics: string[] = [], organizations: string[] = [], people: string[] = []): TaggedReport => ({
  id,
  data: { date: new Date(`${iso}T00:00:00Z`), topics, organizations, people },
});
