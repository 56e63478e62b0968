import type { ReactNode } from 'react';
import { Alert, Box, CircularProgress, Divider, Link, Typography } from '@mui/material';
import { ListButton, Show, TopToolbar, useRecordContext } from 'react-admin';
import type { PolicyDocument } from '@sra/policies';
import type { PolicyVersionDetail } from '@sra/contracts';
import { datesInText, formatDateTime } from '@sra/contracts';
import { Fact, Facts } from '../../components/Facts';
import { VisuallyHidden } from '../../components/VisuallyHidden';
import { ChangesPanel } from './ChangesPanel';
import { Day } from './Day';
import { FlagCount } from './FlagCount';
import { ItemList } from './ItemList';
import { NewVersionButton } from './NewVersionButton';
import { ProvenanceChip } from './ProvenanceChip';
import { describeAudits, documentOf, previousVersionId, ruleName } from './words';
import { EvaluationOutcomeView, outcomePending } from '../../components/EvaluationOutcomeView';

const PolicyTitle = () => {
  const policy = useRecordContext<PolicyVersionDetail>();
  return <span>{policy ? `Policy ${policy.ruleId}, version ${policy.version}` : 'Policy'}</span>;
};

const PolicyShowActions = () => {
  const policy = useRecordContext<PolicyVersionDetail>();
  return (
    <TopToolbar>
      <ListButton label="All policies" />
      {policy ? <NewVersionButton ruleId={policy.ruleId} /> : null}
    </TopToolbar>
  );
};

/** A titled part of the page: an h2, an optional provenance chip, and what it is about. */
const Section = ({ id, title, chip, children }: { id: string; title: string; chip?: ReactNode; children: ReactNode }) => (
  <Box component="section" aria-labelledby={`${id}-heading`} data-testid={id} sx={{ py: 2 }}>
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap', mb: 1.5 }}>
      <Typography id={`${id}-heading`} component="h2" variant="h6" sx={{ fontWeight: 600 }}>
        {title}
      </Typography>
      {chip}
    </Box>
    {children}
  </Box>
);

const InForce = ({ policy }: { policy: PolicyVersionDetail }) => (
  <span data-testid="policy-in-force">
    From <Day iso={policy.effectiveFrom} />{' '}
    {policy.effectiveUntil ? (
      <>
        until <Day iso={policy.effectiveUntil} /> (replaced by version {policy.version + 1})
      </>
    ) : (
      'on, with no end date: this is the latest version'
    )}
  </span>
);

const QualificationSection = ({ document }: { document: PolicyDocument }) => {
  const q = document.qualification;
  if (!q) return null;
  return (
    <Section
      id="policy-qualification"
      title="Which reports are protected"
      chip={<ProvenanceChip list="Qualifying reports" provenance={q.provenance} testId="provenance-qualification" />}
    >
      <Typography variant="body2" sx={{ mb: 1.5, maxWidth: '80ch' }}>
        A victim’s or witness’s report is protected when any row of its SFPD incident has one of these categories, a
        category beginning with one of these words, one of these subcategories, or one of these incident codes; and its
        code is not an excluded code. An excluded code never qualifies, whatever its category.
      </Typography>
      <Facts>
        <Fact term="Categories">
          <ItemList items={q.categories} testId="policy-qualification-categories" />
        </Fact>
        <Fact term="Categories beginning with">
          <ItemList items={q.categoryPrefixes} testId="policy-qualification-prefixes" />
        </Fact>
        <Fact term="Subcategories (in any category)">
          <ItemList items={q.subcategories} testId="policy-qualification-subcategories" />
        </Fact>
        <Fact term="Incident codes" note="Five-digit SFPD incident codes.">
          <ItemList items={q.codes} code testId="policy-qualification-codes" />
        </Fact>
        <Fact term="Excluded incident codes" note="Never qualify, even when their category or subcategory is listed above.">
          <ItemList items={q.excludedCodes} code testId="policy-qualification-excluded" />
        </Fact>
      </Facts>
    </Section>
  );
};

const ProtectedChargesSection = ({ document }: { document: PolicyDocument }) => {
  const p = document.protectedCharges;
  if (!p) return null;
  return (
    <Section
      id="policy-protected-charges"
      title="Which charges are protected"
      chip={<ProvenanceChip list="Protected charges" provenance={p.provenance} testId="provenance-protectedCharges" />}
    >
      <Typography variant="body2" sx={{ mb: 1.5, maxWidth: '80ch' }}>
        An arrest or charge connected with a protected report breaches the rule when at least one of its charges is on
        these lists. PC is the Penal Code, HS the Health and Safety Code.
      </Typography>
      <Facts>
        <Fact term="Protected charges" note="Protected whatever the level of the charge.">
          <ItemList items={p.codes} code testId="policy-protected-codes" />
        </Fact>
        <Fact
          term="Protected only in a context the data cannot show"
          note="For example PC 372 (public nuisance) counts only “as a result of prostitution”: such flags say so."
        >
          <ItemList items={p.contextUnknownCodes} code testId="policy-protected-context-unknown" />
        </Fact>
        <Fact term="Drug offences protected as misdemeanors" note="Protected when the charge is written as a misdemeanor (level M).">
          <ItemList items={p.drugMisdemeanorRange ? [p.drugMisdemeanorRange] : []} code testId="policy-protected-drug-range" />
        </Fact>
        <Fact
          term="Drug offences protected when no level is written"
          note="Minor drug sections, protected when the charge does not say whether it is a misdemeanor or a felony."
        >
          <ItemList items={p.drugNoLevelSections} code testId="policy-protected-drug-no-level" />
        </Fact>
      </Facts>
    </Section>
  );
};

const RepealedSection = ({ document }: { document: PolicyDocument }) => {
  const r = document.repealedCodes;
  if (!r) return null;
  return (
    <Section
      id="policy-repealed"
      title="Repealed sections"
      chip={<ProvenanceChip list="Repealed sections" provenance={r.provenance} testId="provenance-repealedCodes" />}
    >
      <Typography variant="body2" sx={{ mb: 1.5, maxWidth: '80ch' }}>
        Any audited arrest or charge under one of these sections, dated on or after this version’s date, breaches the
        rule, whoever the person is. No report is needed.
      </Typography>
      <ItemList items={r.codes} code testId="policy-repealed-codes" />
    </Section>
  );
};

const NexusSection = ({ document }: { document: PolicyDocument }) => {
  const n = document.nexus;
  if (!n) return null;
  return (
    <Section id="policy-nexus" title="When an arrest or charge counts as connected to the report">
      <Typography variant="body2" sx={{ maxWidth: '80ch' }}>
        Always when it is under the same incident number. Otherwise, when it happened between{' '}
        <strong data-testid="policy-nexus-before">{n.hoursBeforeIncident}</strong> hours before the incident and{' '}
        <strong data-testid="policy-nexus-after">{n.hoursAfterReport}</strong> hours after the report (a time window,
        labelled as such on each flag).
      </Typography>
    </Section>
  );
};

const SourcesSection = ({ document }: { document: PolicyDocument }) => (
  <Section id="policy-sources" title="Sources">
    {document.sources.length === 0 ? (
      <Typography variant="body2">None listed.</Typography>
    ) : (
      <Box component="ul" sx={{ m: 0, pl: 3 }}>
        {document.sources.map((source, index) => (
          <Typography component="li" variant="body2" key={index} sx={{ mb: 1 }}>
            {source.url ? (
              <Link href={source.url} target="_blank" rel="noopener noreferrer">
                {source.title}
                <VisuallyHidden>
                  {' '}
                  (opens in a new tab)
                </VisuallyHidden>
              </Link>
            ) : (
              <strong>{source.title}</strong>
            )}
            {source.note ? (
              <Box component="span" sx={{ display: 'block', color: 'text.secondary' }}>
                {source.note}
              </Box>
            ) : null}
          </Typography>
        ))}
      </Box>
    )}
  </Section>
);

const PolicyDetails = () => {
  const policy = useRecordContext<PolicyVersionDetail>();
  if (!policy) return null;
  const document = documentOf(policy);
  const previousId = previousVersionId(policy);
  return (
    <Box sx={{ px: 2, pb: 2 }}>
      <Section id="policy-summary" title={policy.title}>
        <Facts>
          <Fact term="Rule">
            <span data-testid="policy-rule">{policy.ruleId}</span> ({ruleName(policy.ruleId)})
          </Fact>
          <Fact term="Version">
            <span data-testid="policy-version">{policy.version}</span>
          </Fact>
          <Fact term="Instrument">{datesInText(policy.instrument)}</Fact>
          <Fact term="In force">
            <InForce policy={policy} />
          </Fact>
          <Fact term="Why this version was made">
            <span data-testid="policy-change-reason">{policy.changeReason}</span>
          </Fact>
          <Fact term="Saved by">
            {policy.createdBy}, {formatDateTime(policy.createdAt)}
          </Fact>
          {/* Null for a viewer, who is told no count of flags (issue 12). */}
          {policy.flagCount !== null ? (
            <Fact term="Flags produced" note="Flags (current or withdrawn) that record this version as the one that judged them.">
              <FlagCount value={policy.flagCount} testId="policy-flag-count" />
            </Fact>
          ) : null}
          {document ? <Fact term="Audits">{describeAudits(document.audits).join('; ')}</Fact> : null}
          {document ? (
            <Fact term="Each flag ends with" note="The last words of the sentence a flag under this version carries.">
              {document.sentenceBars}
            </Fact>
          ) : null}
        </Facts>
      </Section>
      <Divider />

      {policy.evaluation ? (
        <>
          <Section id="policy-evaluation" title="What this version did to the flags">
            <EvaluationOutcomeView
              outcome={policy.evaluation}
              subject="this policy version"
              waitingText="Evaluating… every record will be evaluated again under the policies in a moment."
              testIdPrefix="policy-outcome"
            />
          </Section>
          <Divider />
        </>
      ) : null}

      {previousId ? (
        <>
          <Section id="policy-changes-panel" title={`Changes from version ${policy.version - 1}`}>
            <ChangesPanel id={String(policy.id)} previousId={previousId} />
          </Section>
          <Divider />
        </>
      ) : null}

      {document ? (
        <>
          <QualificationSection document={document} />
          <ProtectedChargesSection document={document} />
          <RepealedSection document={document} />
          <NexusSection document={document} />
          <Divider />
          <SourcesSection document={document} />
        </>
      ) : policy.document === undefined ? (
        // Opened from the list, the record has no document yet: it is being fetched.
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, py: 2 }}>
          <CircularProgress size={20} aria-label="Loading the rule’s lists" />
          <Typography variant="body2">Loading the rule’s lists…</Typography>
        </Box>
      ) : (
        <Alert severity="warning" sx={{ mt: 2 }}>
          This version’s document could not be read.
        </Alert>
      )}
    </Box>
  );
};

/** `GET /api/policy-versions/:id`, and the changes from the version before (`GET .../:id/diff?against=...`). */
export const PolicyShow = () => (
  <Show
    title={<PolicyTitle />}
    actions={<PolicyShowActions />}
    // A new version is evaluated in the background: asked for again until that evaluation is done.
    queryOptions={{ refetchInterval: (query) => (outcomePending((query.state.data as PolicyVersionDetail | undefined)?.evaluation) ? 2000 : false) }}
  >
    <PolicyDetails />
  </Show>
);
