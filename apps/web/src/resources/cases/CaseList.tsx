import { useEffect, useRef, type ReactElement } from 'react';
import { Box, Typography } from '@mui/material';
import {
  AutocompleteInput,
  DataTable,
  DateInput,
  List,
  NullableBooleanInput,
  SelectArrayInput,
  SelectInput,
  TextInput,
  useListContext,
} from 'react-admin';
import type { CaseRecord } from '@sra/contracts';
import { ShowLink } from '../../components/ShowLink';
import { reviewerName, useFilterChoices, useReviewers } from '../flags/api';
import { FlagBulkActions } from '../flags/BulkActions';
import { ConfidenceChip } from '../flags/ConfidenceChip';
import {
  CONFIDENCE_CHOICES,
  FLAG_STATUS_CHOICES,
  formatDay,
  NEXUS_CHOICES,
  NEXUS_LABELS,
  REVIEW_STATUS_CHOICES,
  reviewStatusLabel,
  RULE_FILTER_CHOICES,
  ruleShortName,
} from '../flags/words';

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

const caseFilters: ReactElement[] = [
  <SelectArrayInput key="status" source="status" label="Case status" choices={FLAG_STATUS_CHOICES} alwaysOn sx={{ minWidth: 170 }} {...multi} />,
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
  <DateInput key="since" source="since" label="Arrest or charge on or after" sx={{ minWidth: 240 }} />,
  <DateInput key="until" source="until" label="Arrest or charge on or before" sx={{ minWidth: 240 }} />,
  <DateInput key="reportFrom" source="reportFrom" label="Reported on or after" sx={{ minWidth: 200 }} />,
  <DateInput key="reportUntil" source="reportUntil" label="Reported on or before" sx={{ minWidth: 200 }} />,
];

const Column = DataTable.Col<CaseRecord>;

/** The sentence of the case's strongest rule, cut to two lines; every rule's sentence is on the case page. */
const Sentence = ({ flag }: { flag: CaseRecord }) => (
  <Box
    component="span"
    title={flag.sentence}
    sx={{ display: '-webkit-box', WebkitLineClamp: 2, WebkitBoxOrient: 'vertical', overflow: 'hidden', minWidth: '14em', maxWidth: '26em' }}
  >
    {flag.sentence}
  </Box>
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

const CaseTable = () => {
  const ref = useRowCheckboxLabels();
  return (
    <Box ref={ref}>
      <DataTable rowClick="show" bulkActionButtons={<FlagBulkActions />} data-testid="cases-table">
        <Column
          source="actionDate"
          label="Arrest or charge on"
          sx={{ whiteSpace: 'nowrap' }}
          render={(c) => (
            <ShowLink>
              <span data-testid={`case-link-${c.id}`} data-case-id={c.id}>
                {formatDay(c.actionDate)}
              </span>
            </ShowLink>
          )}
        />
        <Column source="actionType" label="Action" disableSort render={(c) => (c.actionType === 'arrest' ? 'Arrest' : 'DA charge')} />
        <Column source="agency" label="Agency" />
        <Column
          source="ruleIds"
          label="Rules it breaches"
          disableSort
          sx={{ minWidth: '9em' }}
          render={(c) => (
            <Box component="ul" data-testid={`case-rules-${c.id}`} sx={{ m: 0, p: 0, listStyle: 'none' }}>
              {c.ruleIds.map((ruleId) => (
                <li key={ruleId} title={ruleId}>
                  {ruleShortName(ruleId)}
                </li>
              ))}
            </Box>
          )}
        />
        <Column source="confidence" label="Highest confidence" render={(c) => <ConfidenceChip confidence={c.confidence} />} />
        <Column source="nexus" label="Connection" disableSort render={(c) => NEXUS_LABELS[c.nexus] ?? c.nexus} />
        <Column source="policeDistrict" label="District" render={(c) => c.policeDistrict ?? '—'} />
        <Column source="incidentCategory" label="Category" render={(c) => c.incidentCategory ?? '—'} />
        <Column source="reviewStatus" label="Review" render={(c) => <span data-testid={`case-review-${c.id}`}>{reviewStatusLabel(c.reviewStatus)}</span>} />
        <Column source="assigneeName" label="Assigned to" render={(c) => <span data-testid={`case-assignee-${c.id}`}>{c.assigneeName ?? 'Nobody'}</span>} />
        <Column source="sentence" label="What happened" disableSort render={(c) => <Sentence flag={c} />} />
      </DataTable>
    </Box>
  );
};

/**
 * `GET /api/cases`: one row per arrest or DA charge against a person who had reported, with the rules it breaches;
 * filtered, sorted and paged by the server. A link from the dashboard (`#/cases?filter={...}`) sets the filters
 * exactly (a case is listed when one of its rules matches them all); each one shows as an input that can be cleared.
 */
export const CaseList = () => (
  <List
    title="Flagged cases"
    filters={caseFilters}
    filterDefaultValues={{ status: ['current'] }}
    sort={{ field: 'actionDate', order: 'DESC' }}
    perPage={25}
    exporter={false}
  >
    <Typography variant="body2" sx={{ px: 2, pt: 1, maxWidth: '80ch' }}>
      Each row is one arrest or DA charge that should not have happened under one or more rules, because the person had
      reported a violent crime. A case is reviewed once, whatever number of rules it breaches. Open a case to see its
      timeline, each rule and its review. Select cases to assign them or change their review status together.
    </Typography>
    <CaseTable />
  </List>
);
