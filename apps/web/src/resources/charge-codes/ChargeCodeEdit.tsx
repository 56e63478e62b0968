import { formatDateTime } from '@sra/contracts';
import { Box, Link, Typography } from '@mui/material';
import { Edit, ListButton, maxLength, required, SaveButton, SelectInput, SimpleForm, TextInput, Toolbar, TopToolbar, useNotify, useRecordContext, useRedirect } from 'react-admin';
import type { ChargeCodeRecord, DescribeChargeCodeRequest } from '@sra/contracts';
import { Fact, Facts } from '../../components/Facts';
import { LEVEL_CHOICES, levelWord, sourceWords } from './words';

interface FormValues {
  newDescription: string;
  newLevel: DescribeChargeCodeRequest['level'] | '';
  newSource: string;
  newNotes: string;
}

/** Sends exactly `DescribeChargeCodeRequest`. */
const toRequest = (values: Partial<FormValues>): DescribeChargeCodeRequest => ({
  description: String(values.newDescription ?? '').trim(),
  level: values.newLevel ? values.newLevel : null,
  source: String(values.newSource ?? '').trim(),
  notes: values.newNotes?.trim() ? values.newNotes.trim() : null,
});

const Title = () => {
  const record = useRecordContext<ChargeCodeRecord>();
  return <span>{record ? `Charge code ${record.code}` : 'Charge code'}</span>;
};

const Actions = () => (
  <TopToolbar>
    <ListButton label="All charge codes" />
  </TopToolbar>
);

const CodeFacts = ({ record }: { record: ChargeCodeRecord }) => (
  <Facts>
    <Fact term="Code">
      <Box component="span" sx={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }} data-testid="charge-code-code">
        {record.code}
      </Box>
    </Fact>
    <Fact term="Shown as" note={record.known ? sourceWords(record) : undefined}>
      <span data-testid="charge-code-shown-as">
        {record.known ? `${record.code}: ${record.description}${record.level ? `, ${record.level}` : ''}` : 'As written on each record (not described yet)'}
      </span>
    </Fact>
    <Fact term="Cited by">
      {`${record.arrests.toLocaleString('en-US')} ${record.arrests === 1 ? 'arrest' : 'arrests'} and ${record.daDecisions.toLocaleString('en-US')} ${record.daDecisions === 1 ? 'DA decision' : 'DA decisions'}`}
    </Fact>
    <Fact term="Built-in code book" note={record.builtIn && record.builtIn.code !== record.code ? `The entry for ${record.builtIn.code}, which covers this code.` : undefined}>
      {record.builtIn ? (
        <>
          {`${record.builtIn.description} (${levelWord(record.builtIn.level).toLowerCase()})`}
          {record.builtIn.sourceUrl ? (
            <>
              {' · '}
              <Link href={record.builtIn.sourceUrl} target="_blank" rel="noreferrer">
                Read the statute
              </Link>
            </>
          ) : null}
        </>
      ) : (
        'Not in the built-in code book'
      )}
    </Fact>
    {record.added ? (
      <Fact term="Admin description" note={`By ${record.added.describedBy} on ${formatDateTime(record.added.describedAt)}.`}>
        {`${record.added.description} (${levelWord(record.added.level).toLowerCase()}); source: ${record.added.source}${record.added.notes ? `; notes: ${record.added.notes}` : ''}`}
      </Fact>
    ) : null}
  </Facts>
);

const DescribeForm = () => {
  const record = useRecordContext<ChargeCodeRecord>();
  if (!record) return null;
  const defaults: FormValues = {
    newDescription: record.added?.description ?? record.description ?? '',
    newLevel: record.added ? (record.added.level ?? '') : (record.level ?? ''),
    newSource: record.added?.source ?? record.builtIn?.sourceUrl ?? '',
    newNotes: record.added?.notes ?? '',
  };
  return (
    <SimpleForm defaultValues={defaults} toolbar={<Toolbar><SaveButton label="Save description" /></Toolbar>}>
      <Box sx={{ width: '100%', maxWidth: '80ch', mb: 2 }}>
        <CodeFacts record={record} />
        <Typography component="h2" variant="h6" sx={{ mt: 3 }}>
          Describe this code
        </Typography>
        <Typography variant="body2" sx={{ color: 'text.secondary' }}>
          A few plain words a task-force member can read, as the statute defines the offense. Every page then shows “
          {record.code}: <em>your words</em>, <em>level</em>”. It is used instead of the built-in description, if any.
        </Typography>
      </Box>
      <TextInput
        source="newDescription"
        label="In plain words"
        validate={[required('Say what the charge is'), maxLength(200, 'At most 200 characters')]}
        helperText="e.g. “disturbing the peace: fighting in public”. Lower case, no level."
        fullWidth
      />
      <SelectInput
        source="newLevel"
        label="Level"
        choices={LEVEL_CHOICES}
        emptyText="Not fixed by the statute"
        helperText="Only when the statute makes every violation that level; the level written on a charge is always shown first."
      />
      <TextInput
        source="newSource"
        label="Source"
        validate={[required('Say where the description comes from'), maxLength(500, 'At most 500 characters')]}
        helperText="Where the description comes from: the statute’s page on leginfo.legislature.ca.gov, the SF Police Code, a DA manual…"
        fullWidth
      />
      <TextInput source="newNotes" label="Notes (optional)" multiline minRows={2} validate={maxLength(2000, 'At most 2,000 characters')} fullWidth />
    </SimpleForm>
  );
};

/** `GET /api/charge-codes/:code` and `PUT` (admins): describe a code in plain words, with its source. */
export const ChargeCodeEdit = () => {
  const notify = useNotify();
  const redirect = useRedirect();
  return (
    <Edit
      title={<Title />}
      actions={<Actions />}
      mutationMode="pessimistic"
      transform={toRequest}
      mutationOptions={{
        onSuccess: (record: ChargeCodeRecord) => {
          notify(`${record.code} is now shown as “${record.code}: ${record.description}”`, { type: 'success' });
          redirect('list', 'charge-codes');
        },
      }}
    >
      <DescribeForm />
    </Edit>
  );
};
