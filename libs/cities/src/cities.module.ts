import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CampaignEntity } from './campaign.entity';
import { CitiesService } from './cities.service';
import { CityEntity } from './city.entity';
import { RouteEntity } from './route.entity';

@Module({
  imports: [TypeOrmModule.forFeature([CityEntity, RouteEntity, CampaignEntity])],
  providers: [CitiesService],
  exports: [CitiesService],
})
export class CitiesModule {}
