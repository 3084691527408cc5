export { buildReportData, reportJson } from './build-report-data';
export { reportHtml } from './report-html';
export type * from './report-data';
export { verifyStages } from './stage-verification';
