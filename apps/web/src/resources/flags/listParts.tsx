import { EmptyState, LoadDataHint, NoMatch } from '../../components/EmptyState';
import { DayInput } from '../../components/DayInput';
import { datesInText, NO_CATEGORY_PUBLISHED } from '@sra/contracts';
import { useEffect, useRef, type ReactElement, type ReactNode } from 'react';
import { Box } from '@mui/material';
import {
  AutocompleteInput,
  DataTable,
  NullableBooleanInput,
  SelectArrayInput,
  SelectInput,
  TextInput,
  useListContext,
} from 'react-admin';
import type { CaseRecord, FlagRecord } from '@sra/contracts';
import { collapsedColumns, Secondary, TableBox } from '../../components/Collapse';
import { DeferredList } from '../../components/DeferredList';
import { ShowLink } from '../../components/ShowLink';
import { reviewerName, useFilterChoices, useReviewers } from './api';
import { FlagBulkActions } from './BulkActions';
import { ConfidenceChip } from './ConfidenceChip';
import { CONFIDENCE_CHOICES, FLAG_STATUS_CHOICES, NEXUS_CHOICES, NEXUS_LABELS, REVIEW_STATUS_CHOICES, reviewStatusLabel, RULE_FILTER_CHOICES } from './words';
import { formatDay } from '@sra/contracts';

/*
 * What the flags list (one row per flag) and the cases list (one row per case) share: their filters, the table with
 * its bulk actions, and the columns both show. Each list keeps its own title, words and rule column.
 */

/** A filter given as one value (`"current"`) or many (`["high","medium"]`) in the address: always a list in the input. */
const asList = (value: unknown): unknown[] => (value === undefined || value === null || value === '' ? [] : Array.isArray(value) ? value : [value]);
/** An emptied multiple choice means "no filter", not "none of them" (the server would match nothing). */
const emptyAsNull = (value: unknown): unknown => (Array.isArray(value) && value.length === 0 ? null : value);

const multi = { format: asList, parse: emptyAsNull };

/** The choices, plus the value in the address when it is not among them (so a filter given by a link always shows). */
function withValue(names: readonly string[], value: unknown): Array<{ id: string; name: string }> {
  const all = typeof value === 'string' && value !== '' && !names.includes(value) ? [...names, value] : names;
  return all.map((name) => ({ id: name, name }));
}

const AssigneeFilter = (props: { source: string; label: string; alwaysOn?: boolean }) => {
  const { data: reviewers = [], isPending } = useReviewers();
  return (
    <SelectInput
      {...props}
      choices={reviewers.map((r) => ({ id: r.id, name: reviewerName(r) }))}
      isPending={isPending}
      emptyText="Anyone or nobody"
      sx={{ minWidth: 200 }}
    />
  );
};

/** Agency, police district and category: the server's names, picked from a list (the API matches them exactly). */
const NameFilter = (props: { source: 'agency' | 'policeDistrict' | 'incidentCategory'; label: string; alwaysOn?: boolean }) => {
  const { data, isPending } = useFilterChoices();
  const { filterValues } = useListContext();
  const names = props.source === 'agency' ? data?.agencies : props.source === 'policeDistrict' ? data?.districts : data?.categories;
  return (
    <AutocompleteInput
      {...props}
      choices={withValue(names ?? [], filterValues[props.source])}
      isPending={isPending}
      emptyText="All"
      sx={{ minWidth: props.source === 'incidentCategory' ? 260 : 180 }}
    />
  );
};

/** The filters of the flags and cases lists, the same but for the name of the status filter ("Flag status", "Case status"). */
export const reviewListFilters = (statusLabel: string): ReactElement[] => [
  <SelectArrayInput key="status" source="status" label={statusLabel} choices={FLAG_STATUS_CHOICES} alwaysOn sx={{ minWidth: 170 }} {...multi} />,
  <SelectArrayInput key="ruleId" source="ruleId" label="Rule" choices={RULE_FILTER_CHOICES} alwaysOn sx={{ minWidth: 180 }} {...multi} />,
  <SelectArrayInput key="confidence" source="confidence" label="Confidence" choices={CONFIDENCE_CHOICES} alwaysOn sx={{ minWidth: 170 }} {...multi} />,
  <SelectArrayInput key="reviewStatus" source="reviewStatus" label="Review status" choices={REVIEW_STATUS_CHOICES} alwaysOn sx={{ minWidth: 190 }} {...multi} />,
  <NameFilter key="agency" source="agency" label="Agency" alwaysOn />,
  <AssigneeFilter key="assigneeId" source="assigneeId" label="Assigned to" />,
  <NullableBooleanInput
    key="assigned"
    source="assigned"
    label="Assigned or not"
    nullLabel="Either"
    trueLabel="Assigned to someone"
    falseLabel="Assigned to nobody"
    sx={{ minWidth: 200 }}
  />,
  <SelectArrayInput key="nexus" source="nexus" label="Connection to the report" choices={NEXUS_CHOICES} sx={{ minWidth: 220 }} {...multi} />,
  <NameFilter key="policeDistrict" source="policeDistrict" label="Police district" />,
  <NameFilter key="incidentCategory" source="incidentCategory" label="Incident category" />,
  <TextInput key="reportIncidentNumber" source="reportIncidentNumber" label="Incident number of the report" sx={{ minWidth: 240 }} />,
  <DayInput key="since" source="since" label="Arrest or charge on or after" sx={{ minWidth: 240 }} />,
  <DayInput key="until" source="until" label="Arrest or charge on or before" sx={{ minWidth: 240 }} />,
  <DayInput key="reportFrom" source="reportFrom" label="Reported on or after" sx={{ minWidth: 200 }} />,
  <DayInput key="reportUntil" source="reportUntil" label="Reported on or before" sx={{ minWidth: 200 }} />,
];

/** The fields both lists show: a flag and a case agree on them. */
type ListRow = Pick<
  FlagRecord & CaseRecord,
  'id' | 'actionDate' | 'actionType' | 'agency' | 'confidence' | 'nexus' | 'policeDistrict' | 'incidentCategory' | 'reviewStatus' | 'assigneeName' | 'sentence'
> &
  Partial<Pick<FlagRecord, 'reportIncidentNumber'> & Pick<CaseRecord, 'reportIncidentNumbers'>>;

/** The category of the row's report; "no category published" when it has a report whose code has none (issue 15). */
const categoryOf = (row: ListRow): string | null =>
  row.incidentCategory ?? (row.reportIncidentNumber || (row.reportIncidentNumbers?.length ?? 0) > 0 ? NO_CATEGORY_PUBLISHED : null);

const collapsed = collapsedColumns([
  { below: 'xl', sources: ['actionType', 'agency', 'nexus', 'policeDistrict', 'incidentCategory'] },
  { below: 'lg', sources: ['assigneeName'] },
  { below: 'sm', sources: ['ruleIds', 'ruleId', 'confidence'] },
]);
const Column = DataTable.Col<ListRow>;

/** The sentence, cut to two lines; the whole sentence is on the case page (and in the cell's title). */
const Sentence = ({ row }: { row: ListRow }) => (
  <Box
    component="span"
    title={datesInText(row.sentence)}
    sx={{ display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden', minWidth: { xs: '11em', sm: '14em' }, maxWidth: '26em' }}
  >
    {datesInText(row.sentence)}
  </Box>
);

/** Below xl: connection, district and category under the sentence; below sm, the confidence first. */
const PlaceLine = ({ row }: { row: ListRow }) => (
  <>
    <Secondary below="sm">{row.confidence[0].toUpperCase() + row.confidence.slice(1)} confidence</Secondary>
    <Secondary below="xl">
      {[NEXUS_LABELS[row.nexus] ?? row.nexus, row.policeDistrict, categoryOf(row)].filter((part) => part !== null && part !== undefined && part !== '').join(' · ')}
    </Secondary>
  </>
);

/**
 * react-admin 5.15 gives each row's checkbox its "Select this row" label on MUI 9's wrapper span, where it is not
 * allowed and does not name the checkbox (axe: aria-prohibited-attr, label). This moves it onto the input, for the
 * rows there are now and those a new page or sort brings.
 */
function useRowCheckboxLabels() {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = ref.current;
    if (!root) return undefined;
    const fix = () => {
      root.querySelectorAll<HTMLElement>('.select-item[aria-label]').forEach((wrapper) => {
        const input = wrapper.querySelector('input');
        if (!input) return;
        input.setAttribute('aria-label', wrapper.getAttribute('aria-label') ?? 'Select this row');
        wrapper.removeAttribute('aria-label');
      });
    };
    fix();
    const observer = new MutationObserver(fix);
    observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label'] });
    return () => observer.disconnect();
  }, []);
  return ref;
}

/** The table of a list, with its bulk actions (assign, review status); `kind` names its test ids (`flags-table`). */
export const ReviewListTable = ({ kind, children, empty }: { kind: 'flag' | 'case'; children: ReactNode; empty?: ReactNode }) => {
  const ref = useRowCheckboxLabels();
  return (
    <TableBox boxRef={ref} testId={`${kind}s-table-box`}>
      <DeferredList>
        <DataTable rowClick="show" bulkActionButtons={<FlagBulkActions />} data-testid={`${kind}s-table`} sx={collapsed} empty={empty}>
          {children}
        </DataTable>
      </DeferredList>
    </TableBox>
  );
};

/** The first column: the day of the arrest or charge, a link to the row's page (`flag-link-<id>`, `data-flag-id`). */
export const actionDateColumn = (kind: 'flag' | 'case') => (
  <Column
    key="actionDate"
    source="actionDate"
    label="Arrest or charge on"
    sx={{ whiteSpace: 'nowrap' }}
    render={(row) => (
      <>
        <ShowLink>
          <span data-testid={`${kind}-link-${row.id}`} {...{ [`data-${kind}-id`]: row.id }}>
            {formatDay(row.actionDate)}
          </span>
        </ShowLink>
        <Secondary below="xl">
          {row.actionType === 'arrest' ? 'Arrest' : 'DA charge'}, {row.agency}
        </Secondary>
      </>
    )}
  />
);

/** Confidence (labelled as given), connection, district and category. */
export const placeColumns = (confidenceLabel: string) => [
  <Column key="confidence" source="confidence" label={confidenceLabel} render={(row) => <ConfidenceChip confidence={row.confidence} />} />,
  <Column key="nexus" source="nexus" label="Connection" disableSort render={(row) => NEXUS_LABELS[row.nexus] ?? row.nexus} />,
  <Column key="policeDistrict" source="policeDistrict" label="District" render={(row) => row.policeDistrict ?? '—'} />,
  <Column key="incidentCategory" source="incidentCategory" label="Category" render={(row) => categoryOf(row) ?? '—'} />,
];

/** The last columns: review status, assignee (`flag-review-<id>`, `flag-assignee-<id>`) and the sentence. */
export const reviewColumns = (kind: 'flag' | 'case') => [
  <Column
    key="reviewStatus"
    source="reviewStatus"
    label="Review"
    render={(row) => (
      <>
        <span data-testid={`${kind}-review-${row.id}`}>{reviewStatusLabel(row.reviewStatus)}</span>
        <Secondary below="lg">{row.assigneeName ? `Assigned to ${row.assigneeName}` : 'Not assigned'}</Secondary>
      </>
    )}
  />,
  <Column
    key="assigneeName"
    source="assigneeName"
    label="Assigned to"
    render={(row) => <span data-testid={`${kind}-assignee-${row.id}`}>{row.assigneeName ?? 'Nobody'}</span>}
  />,
  <Column
    key="sentence"
    source="sentence"
    label="What happened"
    disableSort
    render={(row) => (
      <>
        <Sentence row={row} />
        <PlaceLine row={row} />
      </>
    )}
  />,
];

/** Only the list's default filter (current cases) is set: the list is empty, not filtered away. */
const onlyCurrent = (filters: Record<string, unknown>) =>
  Object.keys(filters).length === 1 && Array.isArray(filters['status']) && (filters['status'] as unknown[]).join() === 'current';

/** No flagged case yet: where cases come from, and what to do. */
export const NoCasesYet = () => (
  <EmptyState title="No flagged cases yet">
    <LoadDataHint what="Cases appear after an import is evaluated." />
  </EmptyState>
);

/** The flagged cases' table when it has no row: empty, or filtered away. */
export const NoCases = () => <NoMatch no="No case" whenEmpty={<NoCasesYet />} isDefault={onlyCurrent} />;
