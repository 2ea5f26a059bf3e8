/**
 * How many trips the trips page reads as it opens, and each page of older ones. Its own module: the
 * app's entry (main.tsx) asks for the same first page before the app's code has arrived, and an
 * early answer is only used by the very same request.
 */
export const TRIPS_PAGE_QUERY = '?limit=20';
