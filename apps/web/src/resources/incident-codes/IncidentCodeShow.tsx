import { formatDateTime } from '@sra/contracts';
import { Box } from '@mui/material';
import { EditButton, ListButton, Show, TopToolbar, useRecordContext } from 'react-admin';
import { categoryWords, type IncidentCodeRecord } from '@sra/contracts';
import { Fact, Facts } from '../../components/Facts';
import { provenanceWords } from './words';

const Title = () => {
  const record = useRecordContext<IncidentCodeRecord>();
  return <span>{record ? `Incident code ${record.code}` : 'Incident code'}</span>;
};

const Actions = () => (
  <TopToolbar>
    <ListButton label="All incident codes" />
    <EditButton label="Change the entry" />
  </TopToolbar>
);

const CodeFacts = () => {
  const record = useRecordContext<IncidentCodeRecord>();
  if (!record) return null;
  return (
    <Box sx={{ p: 2, maxWidth: '80ch' }}>
      <Facts>
        <Fact term="Code">
          <Box component="span" sx={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }} data-testid="incident-code-code">
            {record.code}
          </Box>
        </Fact>
        <Fact term="Description">
          <span data-testid="incident-code-description">{record.description}</span>
        </Fact>
        <Fact term="Category">
          <span data-testid="incident-code-category">{categoryWords(record.category)}</span>
        </Fact>
        <Fact term="Subcategory">{record.subcategory ?? 'None published'}</Fact>
        <Fact term="Comes from">
          <span data-testid="incident-code-provenance">{provenanceWords(record)}</span>
        </Fact>
        <Fact term="Source">{record.source}</Fact>
        {record.note ? <Fact term="Note">{record.note}</Fact> : null}
        <Fact term="Added">{record.provenance === 'catalog' ? 'Seeded from the DataSF catalog' : `By ${record.addedBy} on ${formatDateTime(record.addedAt)}`}</Fact>
        {record.changedBy && record.changedAt ? <Fact term="Last changed">{`By ${record.changedBy} on ${formatDateTime(record.changedAt)}`}</Fact> : null}
      </Facts>
    </Box>
  );
};

/** `GET /api/incident-codes/:code` (admins): one code's entry and where it comes from. */
export const IncidentCodeShow = () => (
  <Show title={<Title />} actions={<Actions />}>
    <CodeFacts />
  </Show>
);
