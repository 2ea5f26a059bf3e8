import { Logger, Module } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { APP_CONFIG, type AppConfig } from '@muvo/config';
import { CitiesModule } from '@muvo/cities';
import { DEFAULT_MODE_MODEL_PATH, readModeModelFile } from '@muvo/classification';
import { LedgerModule } from '@muvo/ledger';
import { MODE_MODEL } from './scoring.tokens';
import { ScoringService } from './scoring.service';

@Module({
  imports: [CitiesModule, LedgerModule],
  providers: [
    {
      // Loaded once at boot: MODE_MODEL_PATH, else the committed clean-licence default model.
      provide: MODE_MODEL,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        const path = config.scoring.modeModelPath ?? DEFAULT_MODE_MODEL_PATH;
        if (!config.scoring.modeModelPath && !existsSync(path)) {
          new Logger('ScoringModule').warn(`no mode model at ${path}; classifying legs with speed rules only`);
          return null;
        }
        return readModeModelFile(path);
      },
    },
    ScoringService,
  ],
  exports: [ScoringService],
})
export class ScoringModule {}
