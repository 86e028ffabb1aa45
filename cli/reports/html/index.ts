/** cli/reports/html: the self-contained HTML report of a trace or a check (`--html OUT`). */
export { writeTraceReport, writeCheckReport, type CheckReportInput } from './write.js';
