import { datesInText } from '@sra/contracts';
import { useState } from 'react';
import { Autocomplete, Box, createFilterOptions, TextField, Typography } from '@mui/material';
import type { FlagRecord, MeetingAgendaItem } from '@sra/contracts';
import { reviewStatusLabel, ruleShortName } from '../flags/words';
import { formatDay } from '@sra/contracts';
import { useDebounced, useFlagOptions } from './api';

function optionLabel(flag: FlagRecord): string {
  return `${formatDay(flag.actionDate)}, ${ruleShortName(flag.ruleId)}, ${reviewStatusLabel(flag.reviewStatus)}: ${datesInText(flag.sentence)}`;
}

const narrowByWords = createFilterOptions<FlagRecord>({ stringify: optionLabel });

/**
 * "Add a case": type an incident number (the cases of that report), paste a case's id (from its page's address),
 * or pick one of the latest current cases, narrowed by the words typed. Choosing one adds it at the end of the agenda.
 */
export const AddCase = ({
  agenda,
  disabled,
  onAdd,
}: {
  agenda: readonly MeetingAgendaItem[];
  disabled: boolean;
  onAdd: (flag: FlagRecord) => Promise<boolean>;
}) => {
  const [input, setInput] = useState('');
  const search = useDebounced(input);
  const { data: found = [], isFetching, isError, error, narrowHere } = useFlagOptions(search);
  // A case is on the agenda once, by any of its flags (issue 11): every flag of it is then already there.
  const agendaCases = new Set(agenda.map((item) => item.caseId ?? item.flagId));
  const onAgenda = { has: (id: string) => agendaCases.has(found.find((flag) => flag.id === id)?.caseId ?? id) };
  // The cases that can still be added first; those on the agenda already are shown after them, greyed out.
  const options = [...found.filter((flag) => !onAgenda.has(flag.id)), ...found.filter((flag) => onAgenda.has(flag.id))];

  return (
    <Box data-testid="add-case">
      <Autocomplete<FlagRecord, false, false, false>
        options={options}
        value={null}
        inputValue={input}
        onInputChange={(_, value, reason) => {
          // Choosing an option would write its long label into the box: keep what was typed instead.
          if (reason !== 'reset') setInput(value);
        }}
        onChange={(_, flag) => {
          if (!flag) return;
          void onAdd(flag).then((added) => {
            if (added) setInput('');
          });
        }}
        filterOptions={narrowHere ? narrowByWords : (all) => all}
        getOptionLabel={optionLabel}
        getOptionDisabled={(flag) => onAgenda.has(flag.id)}
        isOptionEqualToValue={(a, b) => a.id === b.id}
        loading={isFetching}
        disabled={disabled}
        noOptionsText={search.trim() ? 'No case matches. Check the incident number or the words typed.' : 'No current case.'}
        loadingText="Looking for cases…"
        renderOption={(props, flag) => {
          const { key, ...rest } = props as typeof props & { key: string };
          return (
            <Box component="li" key={key} {...rest} data-testid="add-case-option" data-flag-id={flag.id} sx={{ display: 'block !important' }}>
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {formatDay(flag.actionDate)} · {ruleShortName(flag.ruleId)} · {reviewStatusLabel(flag.reviewStatus)}
                {onAgenda.has(flag.id) ? ' · already on the agenda' : ''}
              </Typography>
              <Typography variant="body2">{datesInText(flag.sentence)}</Typography>
            </Box>
          );
        }}
        renderInput={(params) => (
          <TextField
            {...params}
            label="Add a case"
            helperText={
              isError
                ? `The cases could not be loaded: ${error instanceof Error ? error.message : 'please try again'}`
                : 'Type the incident number of the report, paste the case’s id from its page, or pick one of the latest cases (type words to narrow them).'
            }
            error={isError}
          />
        )}
        sx={{ maxWidth: 720 }}
      />
    </Box>
  );
};
