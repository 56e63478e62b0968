import { Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { LoginRateLimiter } from './login-rate-limiter';

/** The one sign-in limiter of the process: sign-in counts against it, an administrator ends an account's lock in it. */
@Module({
  providers: [
    {
      provide: LoginRateLimiter,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        new LoginRateLimiter({
          maxFailures: config.loginMaxFailures,
          maxAttemptsPerIp: config.loginMaxAttemptsPerIp,
          windowSeconds: config.loginWindowSeconds,
          accountMaxFailures: config.accountMaxFailures,
          accountLockoutSeconds: config.accountLockoutSeconds,
          accountLockoutMaxSeconds: config.accountLockoutMaxSeconds,
        }),
    },
  ],
  exports: [LoginRateLimiter],
})
export class SignInLimitsModule {}
