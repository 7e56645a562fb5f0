/**
 * The 2FA report as CSV (for the admin's download and the platform operator's): its own module,
 * so that a host importing `reportCsv` from the package loads none of the report's services.
 * @module
 */
import type { PlatformReportDto, ReportContactDto, ReportDto, ReportState } from '../../protocol/dto.js';
import { csvRows, type CsvValue } from './csv.js';
import { formatDate } from './deadline.js';

const STATE_LABEL: Record<ReportState, string> = {
  enrolled: 'Enrolled',
  skipped: 'Skipped (Skip for Now)',
  to_enroll: 'Not enrolled yet',
  exempt: 'Exempt',
  off: '2FA off',
};

const HEADER = ['Organization', 'Organization ID', 'Organization policy', 'Contact', 'Email', 'Contact ID', '2FA state', 'Grace until', 'Code step locked', 'Reset requested at', 'Last login', 'Enrolled at', 'Skipped at'];

const contactRow = (r: ReportDto, c: ReportContactDto): CsvValue[] => {
  const org = r.organizations.find((o) => o.id === c.organizationId);
  return [c.organizationName, c.organizationId, org?.policy ?? 'inherit', c.name, c.email, c.id, STATE_LABEL[c.state], c.graceUntil, c.locked ? 'yes' : 'no', c.resetRequestedAt, c.lastLoginAt, c.enrolledAt, c.skippedAt];
};

/**
 * The report as CSV, a row a contact (a platform report adds the portal as the first column).
 * Starts with a byte order mark, so that Excel reads the names as UTF-8.
 */
export function reportCsv(report: ReportDto | PlatformReportDto): string {
  const rows: CsvValue[][] =
    'portals' in report
      ? [['Portal', 'Portal ID', ...HEADER], ...report.portals.flatMap((r) => r.contacts.map((c) => [r.portal.name, r.portal.id, ...contactRow(r, c)]))]
      : [HEADER, ...report.contacts.map((c) => contactRow(report, c))];
  return '\uFEFF' + csvRows(rows);
}

/** `2fa-report-northwind-2027-01-15.csv`; portal ids are `[a-z0-9-]`, safe in a header. */
export const reportFileName = (portalId: string | null, at: number): string => `2fa-report-${portalId ? `${portalId}-` : ''}${formatDate(at)}.csv`;
