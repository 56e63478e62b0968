import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from './app-config';

export const APP_CONFIG = Symbol('APP_CONFIG');
export const DATABASE_INFO = Symbol('DATABASE_INFO');

export interface DatabaseInfo {
  embedded: boolean;
}

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig, database: DatabaseInfo): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DATABASE_INFO, useValue: database },
      ],
      exports: [APP_CONFIG, DATABASE_INFO],
    };
  }
}
