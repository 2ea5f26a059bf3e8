export * from './campaign.entity';
export * from './cities.module';
export * from './cities.service';
export * from './city.entity';
export * from './route.entity';
export * from './city-store';
export * from './route-file';
export * from './routes-admin.service';
