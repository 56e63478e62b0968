import { Box, Typography } from '@mui/material';
import { DataTable, List, SelectInput, TextInput, TopToolbar } from 'react-admin';
import type { ImportBatchRecord } from '@sra/contracts';
import { DateTimeField } from '../../components/DateTimeField';
import { DataSfPullPanel } from './DataSfPullPanel';
import { ShowLink } from '../../components/ShowLink';
import { KIND_CHOICES, kindLabel, STATUS_CHOICES } from './kinds';
import { LoadFileButton } from './LoadFileButton';
import { StatusChip } from './StatusChip';

const importFilters = [
  <TextInput key="q" source="q" label="Search by file name or who loaded it" alwaysOn sx={{ minWidth: 300 }} />,
  <SelectInput key="kind" source="kind" label="Kind of file" choices={KIND_CHOICES} emptyText="All kinds" alwaysOn />,
  <SelectInput key="status" source="status" label="Status" choices={STATUS_CHOICES} emptyText="Any status" alwaysOn />,
];

const ImportListActions = () => (
  <TopToolbar>
    <LoadFileButton />
  </TopToolbar>
);

/** Shown instead of the table before anything has been loaded. */
const NoImportsYet = () => (
  <Box sx={{ textAlign: 'center', py: 6, px: 2, width: '100%' }} data-testid="empty-state">
    <Typography component="h2" variant="h6" sx={{ mb: 1 }}>
      No files have been loaded yet
    </Typography>
    <Typography variant="body2" sx={{ mb: 3, maxWidth: '60ch', mx: 'auto' }}>
      Load a first file: incident reports from DataSF, persons on incidents, arrests or DA decisions. Every file you
      load appears here with what it added or changed, and any rows it could not use.
    </Typography>
    <LoadFileButton />
  </Box>
);

const Column = DataTable.Col<ImportBatchRecord>;
const NumberColumn = DataTable.NumberCol<ImportBatchRecord>;

/** `GET /api/import-batches`: every file loaded or refused, newest first; above it, for admins, the DataSF pull. */
export const ImportList = () => (
  <>
    <DataSfPullPanel />
    <List
      title="Imports"
      filters={importFilters}
      actions={<ImportListActions />}
      empty={<NoImportsYet />}
      sort={{ field: 'startedAt', order: 'DESC' }}
      perPage={25}
      exporter={false}
    >
      <DataTable rowClick="show" bulkActionButtons={false} data-testid="import-batches-table">
        <Column source="startedAt" label="Started">
          <ShowLink>
            <DateTimeField source="startedAt" />
          </ShowLink>
        </Column>
        <Column source="kind" label="Kind" render={(batch) => kindLabel(batch.kind)} />
        <Column source="fileName" label="File name" sx={{ minWidth: '10em', overflowWrap: 'break-word' }} />
        <Column source="loadedBy" label="Loaded by" />
        <Column source="status" label="Status" render={(batch) => <StatusChip status={batch.status} />} />
        <NumberColumn source="rowsRead" label="Rows read" />
        <NumberColumn source="inserted" label="Inserted" disableSort />
        <NumberColumn source="updated" label="Updated" disableSort />
        <NumberColumn source="unchanged" label="Unchanged" disableSort />
        <NumberColumn source="rejected" label="Rejected" />
      </DataTable>
    </List>
  </>
);
