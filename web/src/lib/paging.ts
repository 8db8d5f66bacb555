import { useEffect, useState } from 'react';

/*
 * "More" paging over a connection, as the coordination lists do it: each page is a component
 * of its own that reads one page (from the cursor the previous one ended at) and reports
 * its total and next cursor; the list shows the pages it has and a button for the next.
 * Pages already shown stay as they are when more are read.
 */

/** What a page reports: the whole list's totalCount, and the cursor after it (null: the last page). */
export type PageReport = (total: number, next: string | null) => void;

export function usePages() {
  const [pages, setPages] = useState<(string | null)[]>([null]);
  const [reports, setReports] = useState<Record<number, { total: number; next: string | null }>>({});
  const next = reports[pages.length - 1]?.next ?? null;
  return {
    /** The cursor each page starts after (null: the first). */
    pages,
    /** The total of the list, once the first page has said it. */
    total: reports[0]?.total as number | undefined,
    /** Whether there is a page after the last one shown. */
    hasMore: next !== null,
    more: () => {
      if (next !== null) setPages([...pages, next]);
    },
    /** The report function for the page at index i. */
    report:
      (i: number): PageReport =>
      (total, following) =>
        setReports((current) => (current[i]?.total === total && current[i]?.next === following ? current : { ...current, [i]: { total, next: following } })),
  };
}

/** Reports a page to its list once it has arrived. */
export function useReportPage(page: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor?: string | null } } | null | undefined, report: PageReport) {
  useEffect(() => {
    if (page) report(page.totalCount, page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? null) : null);
  }, [page]); // eslint-disable-line react-hooks/exhaustive-deps
}
