import { Box, Typography } from '@mui/material';
import { CreateButton, DataTable, List, SelectInput, TextInput, TopToolbar } from 'react-admin';
import { categoryWords, type IncidentCodeRecord } from '@sra/contracts';
import { collapsedColumns, Secondary, TableBox } from '../../components/Collapse';
import { ListIntro } from '../incidents/parts';
import { PROVENANCE_CHOICES, provenanceWords } from './words';

const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : value);

const filters = [
  <TextInput key="q" source="q" label="Code or words" placeholder="e.g. 12075 or robbery" parse={trimmed} alwaysOn />,
  <SelectInput key="provenance" source="provenance" label="Comes from" choices={PROVENANCE_CHOICES} emptyText="Anywhere" alwaysOn sx={{ minWidth: 200 }} />,
];

const Actions = () => (
  <TopToolbar>
    <CreateButton label="Add a code" />
  </TopToolbar>
);

const NoMatch = () => (
  <Typography variant="body2" sx={{ p: 2 }}>
    No code matches these filters.
  </Typography>
);

const Column = DataTable.Col<IncidentCodeRecord>;
/** On a phone the category and where the entry comes from move under the description. */
const collapsed = collapsedColumns([{ below: 'sm', sources: ['category', 'provenance'] }]);
const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', whiteSpace: 'nowrap' } as const;

/** `GET /api/incident-codes` (admins): the SFPD incident-code catalog, with where each entry comes from. */
export const IncidentCodeList = () => (
  <List title="Incident codes" filters={filters} actions={<Actions />} sort={{ field: 'code', order: 'ASC' }} perPage={25} exporter={false}>
    <ListIntro noun={['code', 'codes']} testId="incident-codes-total">
      The SFPD incident codes the app knows, from DataSF’s catalog and from admins. A loaded row keeps its code as the file
      gives it; a code not listed here is shown on its import’s page under “Codes not in the catalog”, where an admin can
      describe it. Some codes have no category: DataSF publishes none for them, and the pages say “no category published”.
      Whether a row qualifies a report under a policy is decided by its code, category and subcategory as loaded, not by
      this list.
    </ListIntro>
    <TableBox testId="incident-codes-table-box">
    <DataTable rowClick="show" bulkActionButtons={false} empty={<NoMatch />} data-testid="incident-codes-table" sx={collapsed}>
      <Column source="code" label="Code" render={(r) => <Box component="span" sx={mono} data-testid="incident-code">{r.code}</Box>} />
      <Column
        source="description"
        label="Description"
        render={(r) => (
          <>
            {r.description}
            <Secondary below="sm">{`${categoryWords(r.category)} · ${provenanceWords(r)}`}</Secondary>
          </>
        )}
      />
      <Column
        source="category"
        label="Category"
        render={(r) => (
          <>
            <span>{categoryWords(r.category)}</span>
            {r.subcategory ? <Typography component="span" variant="body2" sx={{ display: 'block', color: 'text.secondary' }}>{r.subcategory}</Typography> : null}
          </>
        )}
      />
      <Column source="provenance" label="Comes from" render={(r) => <span data-testid="incident-code-provenance">{provenanceWords(r)}</span>} />
    </DataTable>
    </TableBox>
  </List>
);
