import { Module } from '@nestjs/common';
import { OpenpathModule } from '@muvo/openpath';
import { OpenpathController } from './openpath.controller';

/** The phone app's routes, mounted under OPENPATH_PATH_PREFIX by the api module. */
@Module({ imports: [OpenpathModule], controllers: [OpenpathController] })
export class OpenpathRoutesModule {}
