import { Box, Divider, Typography } from '@mui/material';
import type { ReportDocument, ReportSection } from '@sra/contracts';
import { ReportChartView } from './ReportChartView';
import { ReportTableView } from './ReportTableView';
import { EDITION_LABELS, formatDateTime, STATUS_LABELS } from './words';

const SectionView = ({ section, threshold }: { section: ReportSection; threshold: number }) => (
  <Box component="section" aria-labelledby={`report-section-${section.id}-heading`} data-testid={`report-section-${section.id}`} sx={{ py: 2 }}>
    <Typography id={`report-section-${section.id}-heading`} component="h3" variant="h6" sx={{ fontWeight: 600, mb: 1 }}>
      {section.heading}
    </Typography>
    {section.paragraphs.map((paragraph, index) => (
      <Typography key={index} variant="body2" sx={{ mb: 1, maxWidth: '90ch' }}>
        {paragraph}
      </Typography>
    ))}
    {section.charts.map((chart) => (
      <ReportChartView key={chart.id} chart={chart} />
    ))}
    {section.tables.map((table) => (
      <ReportTableView key={table.id} table={table} threshold={threshold} />
    ))}
  </Box>
);

/** The report itself, exactly as the server made it: the same document as the PDF and the CSV files. */
export const ReportDocumentView = ({ document }: { document: ReportDocument }) => (
  <Box component="article" aria-labelledby="report-title" data-testid="report-document" data-edition={document.edition}>
    <Typography id="report-title" component="h2" variant="h5" sx={{ fontWeight: 600, mb: 0.5 }} data-testid="report-title">
      {document.title}
    </Typography>
    <Typography variant="body2" sx={{ mb: 0.5 }} data-testid="report-meta">
      {EDITION_LABELS[document.edition]} edition · Version {document.version} · {STATUS_LABELS[document.status]} · Made{' '}
      <time dateTime={document.generatedAt}>{formatDateTime(document.generatedAt)}</time>
    </Typography>
    <Typography variant="body2" sx={{ mb: 1 }}>
      Content fingerprint (SHA-256):{' '}
      <Box
        component="code"
        data-testid="report-hash"
        sx={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', wordBreak: 'break-all' }}
      >
        {document.contentHash}
      </Box>
      <Box component="span" sx={{ display: 'block', color: 'text.secondary' }}>
        Computed from the data the report rests on: the same for both editions, and different as soon as any of that data
        changes.
      </Box>
    </Typography>
    {document.sections.map((section) => (
      <Box key={section.id}>
        <Divider />
        <SectionView section={section} threshold={document.suppressionThreshold} />
      </Box>
    ))}
  </Box>
);
