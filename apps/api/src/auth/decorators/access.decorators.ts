import { SetMetadata, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { CurrentUser as CurrentUserShape, RoleGroup } from '@sra/contracts';
import type { AuthenticatedRequest } from '../authenticated-request';

export const IS_PUBLIC = 'sra:isPublic';
export const ROLE_GROUP = 'sra:roleGroup';

/** Open to anyone, signed in or not. Use sparingly: health and sign-in only. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * Who may call this route. A route (or its controller) without this is
 * refused to everyone: access is denied unless it is granted here.
 */
export const AllowRoles = (group: RoleGroup) => SetMetadata(ROLE_GROUP, group);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): CurrentUserShape | undefined => {
  return ctx.switchToHttp().getRequest<AuthenticatedRequest>().user;
});
