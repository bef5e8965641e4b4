/** Bundles page/main.ts with uPlot into dist/page/report-page.js (scripts/buildPage.mjs). */
export function buildPage(): Promise<void>
