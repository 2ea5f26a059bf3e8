export { drawDevice, type DeviceProfile } from './gps-sensor';
export type { GroundTruth } from './kinematics';
export { drawProfile, TRAVEL_MODE_OF, type MotionProfile, type SimulatedMode } from './mode-profiles';
/** The simulator's seeded source (it lives in the kernel, where training uses it too). */
export { createRandom, type Random } from '@muvo/kernel';
export { simulateTrip, simulateTripDetailed, type SimulatedTrip, type SimulateTripOptions } from './simulate-trip';
export { randomStreetPath, styleFor, type PathStyle, type RandomPathOptions } from './street-path';
export { simulateBusCommute, simulateJourney, type JourneyLeg, type SimulatedJourney } from './simulate-journey';
