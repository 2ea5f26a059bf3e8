import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CampaignEntity } from './campaign.entity';
import { CitiesService } from './cities.service';
import { CityEntity } from './city.entity';
import { RouteEntity } from './route.entity';
import { RoutesAdminService } from './routes-admin.service';

@Module({
  imports: [TypeOrmModule.forFeature([CityEntity, RouteEntity, CampaignEntity])],
  providers: [CitiesService, RoutesAdminService],
  exports: [CitiesService, RoutesAdminService],
})
export class CitiesModule {}
