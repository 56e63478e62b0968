import { Button } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { LinkBase, useCanAccess, useCreatePath } from 'react-admin';

export const POLICY_RESOURCE = 'policy-versions';

/** The address of the new-version page, with the rule to start from (`#/policy-versions/create?ruleId=...`). */
export function useNewVersionPath(ruleId?: string): string {
  const createPath = useCreatePath();
  const path = createPath({ resource: POLICY_RESOURCE, type: 'create' });
  return ruleId ? `${path}?ruleId=${encodeURIComponent(ruleId)}` : path;
}

/**
 * "New version": a real link to the new-version page, for admins only. Other roles
 * never see it (the API would refuse them anyway, with 403).
 */
export const NewVersionButton = ({ ruleId, variant = 'contained' }: { ruleId?: string; variant?: 'contained' | 'outlined' }) => {
  const { canAccess, isPending } = useCanAccess({ resource: POLICY_RESOURCE, action: 'create' });
  const to = useNewVersionPath(ruleId);
  if (isPending || !canAccess) return null;
  return (
    <Button
      component={LinkBase}
      to={to}
      variant={variant}
      color="primary"
      startIcon={<AddIcon aria-hidden="true" />}
      data-testid="policy-new-version"
    >
      New version
    </Button>
  );
};
