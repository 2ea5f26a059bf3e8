export * from './live-trip.sweeper';
export * from './trace-store';
export * from './trip-store';
export * from './trip-ingestion.service';
export * from './trip-query.service';
export * from './trip.entity';
export * from './tracking.exceptions';
export * from './tracking.module';
export * from './upload/body-decoding';
export * from './upload/multipart-upload';
export * from './upload/trace-upload';
export * from './upload/trace-upload.parser';
export * from './trip-geometry';
export * from './trace-erasure';
export * from './trip-export';
export * from './trip-reads';

export * from './trip-scoring-store';
