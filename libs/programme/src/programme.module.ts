import { Module } from '@nestjs/common';
import { IdentityModule } from '@muvo/identity';
import { CityFileApplier } from './city-file.applier';
import { CityFileExporter } from './city-file.exporter';

/** Declarative configuration of a city's programme from a city file, and back. */
@Module({
  imports: [IdentityModule],
  providers: [CityFileApplier, CityFileExporter],
  exports: [CityFileApplier, CityFileExporter],
})
export class ProgrammeModule {}
