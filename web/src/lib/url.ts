/**
 * The query of the URL as it is now. A change of a filter builds on this, not on the
 * params of the last render: two changes in quick succession (a select, then another,
 * before React renders again) would otherwise each start from the same old params, and
 * the second would drop the first. BrowserRouter writes the history at once, so this
 * already holds the first change.
 */
export const currentSearchParams = (): URLSearchParams => new URLSearchParams(window.location.search);
