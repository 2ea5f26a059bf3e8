export * from './trip-ingestion.service';
export * from './trip-query.service';
export * from './trip.entity';
export * from './tracking.exceptions';
export * from './tracking.module';
