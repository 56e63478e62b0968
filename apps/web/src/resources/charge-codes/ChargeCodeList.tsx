import { LoadDataHint } from '../../components/EmptyState';
import { Box, Typography } from '@mui/material';
import { DataTable, List, SelectInput, TextInput } from 'react-admin';
import type { ChargeCodeRecord } from '@sra/contracts';
import { ListIntro } from '../incidents/parts';
import { KNOWN_CHOICES, levelWord, sourceWords } from './words';

const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : value);

const chargeCodeFilters = [
  <SelectInput key="known" source="known" label="Described" choices={KNOWN_CHOICES} emptyText="All codes" alwaysOn sx={{ minWidth: 200 }} />,
  <TextInput key="q" source="q" label="Code contains" placeholder="e.g. 647 or HS" parse={trimmed} alwaysOn />,
];

const NoCodes = () => (
  <Box sx={{ textAlign: 'center', py: 6, px: 2, width: '100%' }}>
    <Typography component="h2" variant="h6" sx={{ mb: 1 }}>
      No charges have been loaded yet
    </Typography>
    <Typography variant="body2" component="div" sx={{ maxWidth: '60ch', mx: 'auto' }}>
      <LoadDataHint what="The codes appear here once a file of arrests or DA decisions has been loaded." />
    </Typography>
  </Box>
);

const NoMatch = () => (
  <Typography variant="body2" sx={{ p: 2 }}>
    No code matches these filters.
  </Typography>
);

const Column = DataTable.Col<ChargeCodeRecord>;
const NumberColumn = DataTable.NumberCol<ChargeCodeRecord>;

/** `GET /api/charge-codes`: every statute the loaded records cite, the ones not described yet first. */
export const ChargeCodeList = () => (
  <List title="Charge codes" filters={chargeCodeFilters} empty={<NoCodes />} sort={{ field: 'known', order: 'ASC' }} perPage={25} exporter={false}>
    <ListIntro noun={['code', 'codes']} testId="charge-codes-total">
      Every statute cited by the loaded arrests and DA decisions, with how many of them cite it. Pages show each charge in
      plain words (“PC 647(b): prostitution, misdemeanor”) from the built-in code book, whose descriptions come from the
      California codes on leginfo.legislature.ca.gov. A code it does not know is shown as written: the codes not described
      yet come first, most cited first. Open one to describe it, saying where the description comes from.
    </ListIntro>
    <DataTable rowClick="edit" bulkActionButtons={false} empty={<NoMatch />} data-testid="charge-codes-table">
      <Column
        source="code"
        label="Code"
        render={(record) => (
          <Box component="span" sx={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', whiteSpace: 'nowrap' }} data-testid="charge-code">
            {record.code}
          </Box>
        )}
      />
      <Column
        source="description"
        label="In plain words"
        disableSort
        render={(record) =>
          record.known ? (
            <span data-testid="charge-code-description">{record.description}</span>
          ) : (
            <Typography component="span" variant="body2" sx={{ fontWeight: 700 }} data-testid="charge-code-description">
              Not described yet
            </Typography>
          )
        }
      />
      <Column
        source="level"
        label="Level"
        disableSort
        render={(record) =>
          record.known ? (
            <Typography component="span" variant="body2" sx={{ color: record.level ? 'text.primary' : 'text.secondary' }}>
              {levelWord(record.level)}
            </Typography>
          ) : (
            ''
          )
        }
      />
      <Column source="known" label="Description from" render={(record) => sourceWords(record)} />
      <NumberColumn source="arrests" label="Arrests" disableSort />
      <NumberColumn source="daDecisions" label="DA decisions" disableSort />
      <NumberColumn source="actions" label="Records citing it" />
    </DataTable>
  </List>
);
