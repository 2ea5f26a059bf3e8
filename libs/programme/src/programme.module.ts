import { Module } from '@nestjs/common';
import { IdentityModule } from '@muvo/identity';
import { CityFileApplier } from './city-file.applier';

/** Declarative configuration of a city's programme from a city file. */
@Module({
  imports: [IdentityModule],
  providers: [CityFileApplier],
  exports: [CityFileApplier],
})
export class ProgrammeModule {}
