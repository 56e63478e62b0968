import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { SessionAuthGuard } from './guards/session-auth.guard';
import { SessionService } from './session.service';
import { SignInLimitsModule } from './sign-in-limits.module';

@Module({
  imports: [UsersModule, SignInLimitsModule],
  controllers: [AuthController],
  providers: [AuthService, SessionService, { provide: APP_GUARD, useClass: SessionAuthGuard }],
  exports: [SessionService],
})
export class AuthModule {}
