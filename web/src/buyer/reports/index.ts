export { MyReportsPage } from './MyReportsPage.tsx';
export { ReportButton, ReportSheet, type ReportSubject } from './ReportSheet.tsx';
