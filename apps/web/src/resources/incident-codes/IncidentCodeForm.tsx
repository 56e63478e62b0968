import { Typography } from '@mui/material';
import { maxLength, regex, required, SaveButton, SimpleForm, TextInput, Toolbar } from 'react-admin';
import type { CreateIncidentCodeRequest, UpdateIncidentCodeRequest } from '@sra/contracts';

type Values = Partial<Record<'code' | 'description' | 'category' | 'subcategory' | 'source' | 'note', string | null>>;

const blankToNull = (text: string | null | undefined): string | null => (text && text.trim() ? text.trim() : null);

/** Sends exactly `UpdateIncidentCodeRequest`. */
export const toUpdateRequest = (values: Values): UpdateIncidentCodeRequest => ({
  description: String(values.description ?? '').trim(),
  category: blankToNull(values.category),
  subcategory: blankToNull(values.subcategory),
  source: String(values.source ?? '').trim(),
  note: blankToNull(values.note),
});

/** Sends exactly `CreateIncidentCodeRequest`. */
export const toCreateRequest = (values: Values): CreateIncidentCodeRequest => ({ code: String(values.code ?? '').trim(), ...toUpdateRequest(values) });

/** The fields of an incident code's entry; the code itself only when adding one. */
export const IncidentCodeForm = ({ adding }: { adding: boolean }) => (
  <SimpleForm toolbar={<Toolbar><SaveButton label={adding ? 'Add to the catalog' : 'Save the entry'} /></Toolbar>}>
    <Typography variant="body2" sx={{ color: 'text.secondary', maxWidth: '75ch', mb: 2 }}>
      {adding
        ? 'Describe a code the catalog does not know, in the words SFPD uses for it, and say where they come from. The rows already loaded keep their code as given; their pages then show this description.'
        : 'The earlier entry is kept in the history, and the audit log records the change.'}
    </Typography>
    {adding ? (
      <TextInput
        source="code"
        label="Incident code"
        validate={[required('Give the code'), regex(/^\s*[0-9]{1,5}\s*$/, 'Up to five digits, e.g. 12075')]}
        helperText="Up to five digits; 3074 and 03074 are the same code."
      />
    ) : null}
    <TextInput source="description" label="Description" validate={[required('Say what the code is'), maxLength(200, 'At most 200 characters')]} helperText="As SFPD words it, e.g. “Military Ordinance”." fullWidth />
    <TextInput source="category" label="Category (optional)" validate={maxLength(100, 'At most 100 characters')} helperText="Leave empty when DataSF publishes no category for the code." fullWidth />
    <TextInput source="subcategory" label="Subcategory (optional)" validate={maxLength(100, 'At most 100 characters')} fullWidth />
    <TextInput
      source="source"
      label="Source"
      validate={[required('Say where the description comes from'), maxLength(500, 'At most 500 characters')]}
      helperText="e.g. “DataSF wg3w-h783 rows of 2019–2024 carry 12075 with this description”."
      fullWidth
    />
    <TextInput source="note" label="Note (optional)" multiline minRows={2} validate={maxLength(2000, 'At most 2,000 characters')} fullWidth />
  </SimpleForm>
);
