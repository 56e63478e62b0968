import { useMemo, useState, type ReactNode } from 'react';
import { Alert, AlertTitle, Box, CircularProgress, TextField as MuiTextField, Typography } from '@mui/material';
import {
  Create,
  DateInput,
  HttpError,
  ListButton,
  minValue,
  NumberInput,
  required,
  SaveButton,
  SelectInput,
  SimpleForm,
  TextInput,
  Toolbar,
  TopToolbar,
  useCreate,
  useGetList,
  useGetOne,
  useLocation,
  useNavigate,
  useNotify,
  useRedirect,
  type Validator,
} from 'react-admin';
import type { PolicyDocument } from '@sra/policies';
import type { PolicyVersionDetail, PolicyVersionRecord } from '@sra/contracts';
import { POLICY_RESOURCE, useNewVersionPath } from './NewVersionButton';
import { documentFrom, fieldErrors, formValuesFrom, problemsOf, type NewPolicyDocument, type PolicyFormValues, type PolicyProblem } from './policyForm';
import { describePath, formatDay, isRuleId, PROVENANCE_WORDS, RULE_NAMES } from './words';

const PROVENANCE_CHOICES = (Object.keys(PROVENANCE_WORDS) as Array<keyof typeof PROVENANCE_WORDS>).map((id) => ({
  id,
  name: PROVENANCE_WORDS[id].explanation,
}));

const ONE_PER_LINE = 'One per line.';

/** The rule to start from, chosen on the page (and kept in the address: `?ruleId=...`). */
const RulePicker = ({ ruleId }: { ruleId: string }) => {
  const navigate = useNavigate();
  const base = useNewVersionPath();
  return (
    <MuiTextField
      select
      id="policy-rule-picker"
      label="Rule"
      value={ruleId}
      onChange={(event) => navigate(event.target.value ? `${base}?ruleId=${encodeURIComponent(event.target.value)}` : base)}
      slotProps={{ select: { native: true }, htmlInput: { 'data-testid': 'policy-rule-picker' } }}
      helperText="The new version starts as a copy of this rule’s latest version."
      sx={{ minWidth: { sm: 420 } }}
    >
      <option value="">Choose a rule…</option>
      {Object.entries(RULE_NAMES).map(([id, name]) => (
        <option key={id} value={id}>
          {id}: {name}
        </option>
      ))}
    </MuiTextField>
  );
};

/** A group of fields with a heading. */
const FieldGroup = ({ title, note, children }: { title: string; note?: ReactNode; children: ReactNode }) => (
  <Box component="fieldset" sx={{ border: 0, p: 0, m: 0, mt: 2, width: '100%', maxWidth: 720 }}>
    <Typography component="legend" variant="h6" sx={{ fontWeight: 600, mb: 0.5, p: 0 }}>
      {title}
    </Typography>
    {note ? (
      <Typography variant="body2" sx={{ mb: 1.5, color: 'text.secondary' }}>
        {note}
      </Typography>
    ) : null}
    {children}
  </Box>
);

const ListInput = ({ source, label, helperText }: { source: string; label: string; helperText?: string }) => (
  <TextInput source={source} label={label} multiline minRows={2} fullWidth helperText={helperText ?? ONE_PER_LINE} />
);

const ProvenanceInput = ({ source }: { source: string }) => (
  <SelectInput
    source={source}
    label="Where this list comes from"
    choices={PROVENANCE_CHOICES}
    validate={required('Say where this list comes from')}
    fullWidth
  />
);

interface ServerError {
  message: string;
  problems: PolicyProblem[];
}

const ServerProblems = ({ error }: { error: ServerError }) => (
  <Alert severity="error" data-testid="policy-save-error" sx={{ mt: 2, width: '100%', maxWidth: 720 }}>
    <AlertTitle>The new version was not saved</AlertTitle>
    {error.problems.length === 0 ? (
      error.message
    ) : (
      <>
        {error.problems.length === 1 ? 'Correct this, then save again:' : `Correct these ${error.problems.length} problems, then save again:`}
        <Box component="ul" sx={{ m: 0, mt: 0.5, pl: 2.5 }}>
          {error.problems.map((problem, index) => (
            <li key={index}>
              <strong>{describePath(problem.path)}</strong>: {problem.message}
            </li>
          ))}
        </Box>
      </>
    )}
  </Alert>
);

const PolicyFormToolbar = () => (
  <Toolbar>
    <SaveButton label="Save new version" />
  </Toolbar>
);

/** The form itself, once the latest version is known. */
const NewVersionForm = ({ latest, document }: { latest: PolicyVersionRecord; document: PolicyDocument }) => {
  const [create] = useCreate<{ document: NewPolicyDocument }, HttpError, PolicyVersionDetail>();
  const notify = useNotify();
  const redirect = useRedirect();
  const [serverError, setServerError] = useState<ServerError | null>(null);
  const defaultValues = useMemo(() => formValuesFrom(document), [document]);

  const validateDate = useMemo<Validator[]>(() => {
    const afterLatest: Validator = (value: unknown) =>
      typeof value === 'string' && value !== '' && value <= latest.effectiveFrom
        ? `Must be after ${formatDay(latest.effectiveFrom)} (${latest.effectiveFrom}), when version ${latest.version} took effect.`
        : undefined;
    return [required('Give the date this version takes effect'), afterLatest];
  }, [latest.effectiveFrom, latest.version]);

  const onSubmit = async (values: Record<string, unknown>) => {
    setServerError(null);
    const newDocument = documentFrom(document, values as unknown as PolicyFormValues);
    try {
      const created = await create(POLICY_RESOURCE, { data: { document: newDocument } }, { returnPromise: true });
      if (!created) {
        redirect('list', POLICY_RESOURCE);
        return undefined;
      }
      notify(`Version ${created.version} of ${created.ruleId} saved. The flags are being evaluated again in the background.`, {
        type: 'success',
      });
      redirect('show', POLICY_RESOURCE, created.id);
      return undefined;
    } catch (error) {
      const body = error instanceof HttpError ? error.body : undefined;
      const problems = problemsOf(body);
      const message = error instanceof Error && error.message ? error.message : 'The server did not save the new version.';
      setServerError({ message, problems });
      return fieldErrors(problems);
    }
  };

  const { qualification, protectedCharges, repealedCodes, nexus } = document;
  return (
    <SimpleForm defaultValues={defaultValues} onSubmit={onSubmit} toolbar={<PolicyFormToolbar />} data-testid="policy-version-form">
      <Typography variant="body2" sx={{ maxWidth: '80ch' }} data-testid="policy-based-on">
        Starts from version {latest.version} of {latest.ruleId}, in force from {formatDay(latest.effectiveFrom)}. Its
        title, instrument, sources, audited actions and flag sentence are kept as they are. Once saved, every flag is
        evaluated again in the background; earlier versions, and the flags they produced, do not change.
      </Typography>

      <FieldGroup title="When and why">
        <DateInput
          source="effectiveFrom"
          label="In force from"
          validate={validateDate}
          helperText={`After ${formatDay(latest.effectiveFrom)}. Version ${latest.version} stays in force until the day before.`}
        />
        <TextInput
          source="changeReason"
          label="Why this version is made"
          multiline
          minRows={2}
          fullWidth
          validate={required('Say why this version is made')}
          helperText="Shown with the version and in its history, e.g. “Add simple battery after checking the enacted text”."
        />
      </FieldGroup>

      {qualification ? (
        <FieldGroup
          title="Which reports are protected"
          note="A report qualifies when a row of its incident has one of these categories, a category beginning with one of these words, one of these subcategories or incident codes, and no excluded code."
        >
          <ProvenanceInput source="qualification.provenance" />
          <ListInput source="qualification.categories" label="Qualifying categories" />
          <ListInput source="qualification.categoryPrefixes" label="Qualifying category beginnings" helperText="One per line, e.g. Human Trafficking." />
          <ListInput source="qualification.subcategories" label="Qualifying subcategories" />
          <ListInput source="qualification.codes" label="Qualifying incident codes" helperText="One SFPD incident code per line, e.g. 04144." />
          <ListInput source="qualification.excludedCodes" label="Excluded incident codes" helperText="One SFPD incident code per line. These never qualify." />
        </FieldGroup>
      ) : null}

      {protectedCharges ? (
        <FieldGroup title="Which charges are protected" note="Statute codes written like PC 647(b), PC 653.22 or HS 11364.">
          <ProvenanceInput source="protectedCharges.provenance" />
          <ListInput source="protectedCharges.codes" label="Protected charge codes" helperText="One per line. Protected whatever the level of the charge." />
          <ListInput
            source="protectedCharges.contextUnknownCodes"
            label="Charges protected only in a context the data cannot show"
            helperText="One per line, e.g. PC 372."
          />
          <TextInput
            source="protectedCharges.drugMisdemeanorRange"
            label="Drug sections protected as misdemeanors"
            fullWidth
            helperText="A range such as HS 11000-11999; leave empty for none."
          />
          <ListInput
            source="protectedCharges.drugNoLevelSections"
            label="Drug sections protected when no level is written"
            helperText="One per line, e.g. HS 11350."
          />
        </FieldGroup>
      ) : null}

      {repealedCodes ? (
        <FieldGroup title="Repealed sections">
          <ProvenanceInput source="repealedCodes.provenance" />
          <ListInput source="repealedCodes.codes" label="Repealed sections" helperText="One statute code per line, e.g. PC 653.22." />
        </FieldGroup>
      ) : null}

      {nexus ? (
        <FieldGroup title="Time window" note="An action under another incident counts as connected to the report when it falls in this window.">
          <NumberInput
            source="nexus.hoursBeforeIncident"
            label="Hours before the incident"
            min={0}
            validate={[required('Give a number of hours'), minValue(0, 'Must be 0 or more')]}
          />
          <NumberInput
            source="nexus.hoursAfterReport"
            label="Hours after the report"
            min={0}
            validate={[required('Give a number of hours'), minValue(0, 'Must be 0 or more')]}
          />
        </FieldGroup>
      ) : null}

      {serverError ? <ServerProblems error={serverError} /> : null}
    </SimpleForm>
  );
};

const Loading = ({ children }: { children: string }) => (
  <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, p: 2 }}>
    <CircularProgress size={20} aria-label={children} />
    <Typography variant="body2">{children}</Typography>
  </Box>
);

/** Finds the latest version of the rule (`GET /api/policy-versions?filter={"ruleId":...}`), then its document. */
const NewVersionOf = ({ ruleId }: { ruleId: string }) => {
  const list = useGetList<PolicyVersionRecord>(POLICY_RESOURCE, {
    filter: { ruleId },
    sort: { field: 'version', order: 'DESC' },
    pagination: { page: 1, perPage: 1 },
  });
  const latestId = list.data?.[0]?.id;
  const detail = useGetOne<PolicyVersionDetail>(POLICY_RESOURCE, { id: latestId ?? '' }, { enabled: latestId !== undefined });
  const document = detail.data && 'document' in detail.data ? (detail.data.document as unknown as PolicyDocument) : null;

  if (list.error) return <Alert severity="error">The rule’s versions could not be loaded: {list.error.message}</Alert>;
  if (list.isPending) return <Loading>Loading the latest version…</Loading>;
  if (!latestId) return <Alert severity="warning">The rule {ruleId} has no version yet.</Alert>;
  if (detail.error) return <Alert severity="error">The latest version could not be loaded: {detail.error.message}</Alert>;
  if (!detail.data || !document) return <Loading>Loading the latest version…</Loading>;
  return <NewVersionForm key={detail.data.id} latest={detail.data} document={document} />;
};

/**
 * `POST /api/policy-versions` `{ document }` (admins only): a new version of a
 * rule, prefilled from its latest version. The server numbers it, checks it whole
 * and answers its problems, which the form shows next to the fields.
 */
export const PolicyCreate = () => {
  const location = useLocation();
  const wanted = new URLSearchParams(location.search).get('ruleId') ?? '';
  const ruleId = isRuleId(wanted) ? wanted : '';
  return (
    <Create
      title={ruleId ? `New version of ${ruleId}` : 'New version of a policy'}
      actions={
        <TopToolbar>
          <ListButton label="All policies" />
        </TopToolbar>
      }
    >
      <Box sx={{ px: 2, pt: 2 }}>
        <RulePicker ruleId={ruleId} />
      </Box>
      {ruleId ? (
        <NewVersionOf key={ruleId} ruleId={ruleId} />
      ) : (
        <Typography variant="body2" sx={{ p: 2 }}>
          Choose the rule to make a new version of.
        </Typography>
      )}
    </Create>
  );
};
