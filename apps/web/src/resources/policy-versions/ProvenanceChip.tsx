import { Box, Chip, Tooltip } from '@mui/material';
import VerifiedIcon from '@mui/icons-material/Verified';
import MenuBookIcon from '@mui/icons-material/MenuBook';
import HelpIcon from '@mui/icons-material/Help';
import type { PolicyVersionRecord } from '@sra/contracts';
import { isProvenance, PROVENANCE_LISTS, PROVENANCE_WORDS } from './words';

const ICONS = {
  verified: <VerifiedIcon aria-hidden="true" sx={{ color: 'success.dark' }} />,
  secondary: <MenuBookIcon aria-hidden="true" sx={{ color: 'info.dark' }} />,
  inferred: <HelpIcon aria-hidden="true" sx={{ color: 'warning.dark' }} />,
};

/**
 * Where a list comes from: a small outlined chip "<list>: <word>", with the word
 * explained in a tooltip (on hover and on keyboard focus; screen readers read it
 * as the chip's description). The text stays dark on white whatever the word: the
 * icon's colour only repeats it.
 */
export const ProvenanceChip = ({ provenance, list, testId }: { provenance: unknown; list?: string; testId?: string }) => {
  const word = isProvenance(provenance) ? PROVENANCE_WORDS[provenance] : null;
  const label = word ? word.label : String(provenance ?? 'unknown');
  return (
    <Tooltip describeChild title={word ? word.explanation : 'The provenance of this list is not one of verified, secondary or inferred.'}>
      <Chip
        size="small"
        variant="outlined"
        tabIndex={0}
        icon={isProvenance(provenance) ? ICONS[provenance] : undefined}
        label={list ? `${list}: ${label}` : label}
        data-testid={testId}
        data-provenance={isProvenance(provenance) ? provenance : undefined}
        sx={{ color: 'text.primary', borderColor: 'grey.500' }}
      />
    </Tooltip>
  );
};

/** One chip per list of a version (qualifying reports, protected charges, repealed sections), as the list page shows them. */
export const ProvenanceChips = ({ record }: { record: PolicyVersionRecord }) => {
  const present = PROVENANCE_LISTS.filter(({ key }) => record.provenance?.[key] !== undefined);
  if (present.length === 0) return null;
  return (
    <Box component="span" sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
      {present.map(({ key, label }) => (
        <ProvenanceChip key={key} list={label} provenance={record.provenance[key]} testId={`provenance-${record.id}-${key}`} />
      ))}
    </Box>
  );
};
