import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res, UseFilters, Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { ApiCookieAuth, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { SESSION_COOKIE, type CurrentUser as CurrentUserShape } from '@sra/contracts';
import { SkipAudit } from '../audit-log/interceptors/audit-writes.interceptor';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { AuthService, TooManyAttemptsException } from './auth.service';
import { clientOf } from './authenticated-request';
import { AllowRoles, CurrentUser, Public } from './decorators/access.decorators';
import { ChangePasswordDto } from './dto/change-password.dto';
import { LoginDto } from './dto/login.dto';
import { SessionService } from './session.service';

/** Adds Retry-After to the 429 of a throttled sign-in. */
@Catch(TooManyAttemptsException)
class RetryAfterFilter implements ExceptionFilter {
  catch(exception: TooManyAttemptsException, host: ArgumentsHost): void {
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(429)
      .setHeader('Retry-After', String(exception.retryAfterSeconds))
      .json(exception.getResponse());
  }
}

/** Marks a browser that signed in to an account before; see AuthService.knownDeviceToken. Sent to the login route only. */
const KNOWN_DEVICE_COOKIE = 'sra_known_device';
const LOGIN_PATH = '/api/auth/login';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @SkipAudit()
  @Post('login')
  @HttpCode(200)
  @UseFilters(RetryAfterFilter)
  @ApiUnauthorizedResponse({ description: 'Wrong email or password' })
  @ApiTooManyRequestsResponse({ description: 'Too many attempts; see Retry-After' })
  async login(@Body() body: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<CurrentUserShape> {
    const knownDevice = (req.cookies as Record<string, string> | undefined)?.[KNOWN_DEVICE_COOKIE] ?? null;
    const { user, token } = await this.auth.signIn(body.email, body.password, clientOf(req), knownDevice);
    res.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.cookieSecure,
      path: '/',
      maxAge: this.sessions.ttlMs,
    });
    res.cookie(KNOWN_DEVICE_COOKIE, this.auth.knownDeviceToken(user.email), {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.cookieSecure,
      path: LOGIN_PATH,
      maxAge: 180 * 24 * 3600 * 1000,
    });
    return user;
  }

  @AllowRoles('everyone')
  @SkipAudit()
  @ApiCookieAuth()
  @Post('logout')
  @HttpCode(204)
  async logout(@Req() req: Request, @CurrentUser() user: CurrentUserShape, @Res({ passthrough: true }) res: Response): Promise<void> {
    const token = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    await this.auth.signOut(token, user, clientOf(req));
    res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: this.config.cookieSecure, path: '/' });
  }

  /** Changes the signed-in user's password; other sessions of the user end. */
  @AllowRoles('everyone')
  @ApiCookieAuth()
  @Post('password')
  @HttpCode(204)
  @UseFilters(RetryAfterFilter)
  @ApiTooManyRequestsResponse({ description: 'Too many wrong current passwords; see Retry-After' })
  async changePassword(@Body() body: ChangePasswordDto, @Req() req: Request, @CurrentUser() user: CurrentUserShape): Promise<void> {
    const token = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE] ?? null;
    await this.auth.changePassword(user, body.currentPassword, body.newPassword, token, clientOf(req));
  }

  @AllowRoles('everyone')
  @ApiCookieAuth()
  @Get('me')
  me(@CurrentUser() user: CurrentUserShape): CurrentUserShape {
    return user;
  }
}
