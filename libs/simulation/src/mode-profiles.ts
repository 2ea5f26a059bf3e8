import type { Random } from '@muvo/kernel';
import { clamp } from './clamp';

/** Modes the simulator knows: the five classified modes and a few variants of them. */
export type SimulatedMode =
  'walk' | 'run' | 'bike' | 'ebike' | 'roadbike' | 'bus' | 'tram' | 'car' | 'taxi' | 'metro' | 'train' | 'highspeed';

/** The classified mode a simulated mode counts as. */
export const TRAVEL_MODE_OF: Record<SimulatedMode, 'walk' | 'bike' | 'bus' | 'car' | 'train'> = {
  walk: 'walk',
  run: 'walk',
  bike: 'bike',
  ebike: 'bike',
  roadbike: 'bike',
  bus: 'bus',
  tram: 'bus',
  car: 'car',
  taxi: 'car',
  metro: 'train',
  train: 'train',
  highspeed: 'train',
};

/**
 * How one traveller in one vehicle moves on this trip, drawn per trip. Figures are physical and
 * published orders of magnitude (pedestrian 1.2–1.5 m/s, urban cycling 12–22 km/h, bus acceleration
 * about 1 m/s² and stops every 300–600 m, metro stations every 1–2 km, car comfort braking
 * 2–3 m/s²), not fitted to any dataset.
 */
export interface MotionProfile {
  /** Preferred speed on a free stretch, m/s. */
  cruiseMps: number;
  /** Relative wander of the preferred speed (Ornstein–Uhlenbeck, per trip). */
  cruiseWander: number;
  /**
   * Relative second-to-second fluctuation of the speed (an Ornstein–Uhlenbeck process of a few
   * seconds: pedalling, gear changes, the car in front). Real traces rarely hold a speed exactly.
   */
  speedJitter: number;
  maxAccel: number;
  comfortDecel: number;
  /** Lateral acceleration accepted in turns and corner radius: turn speed = √(a·R). */
  lateralAccel: number;
  cornerRadiusM: number;
  /** Traffic lights / crossings: mean spacing (m), chance of a red, red wait range (s). */
  lightSpacingM: number;
  redChance: number;
  redWaitS: [number, number];
  /** Scheduled stops (bus stops, stations): mean spacing (m), chance to stop, dwell median (s). */
  stopSpacingM: number;
  stopChance: number;
  dwellMedianS: number;
  /** Share of the trip in congestion (stop-and-go), and the crawl speed there. */
  congestion: number;
  crawlMps: number;
  /** Pauses unrelated to traffic (a walker looking at a window), mean spacing m and duration s. */
  pauseSpacingM: number;
  pauseMedianS: number;
  /**
   * Errands on foot (a shop, a building): mean spacing (m) and median duration (s). They are spent
   * indoors, where the receiver gets no fix: the recording pauses and resumes where the walk goes on.
   */
  errandSpacingM: number;
  errandMedianS: number;
  /** The vehicle shields the antenna (multiplies GPS error). */
  shielding: number;
  /** Share of the path underground (no GNSS fixes). */
  undergroundShare: number;
}

export function drawProfile(mode: SimulatedMode, r: Random): MotionProfile {
  const none = {
    stopSpacingM: Infinity,
    stopChance: 0,
    dwellMedianS: 0,
    undergroundShare: 0,
    pauseSpacingM: Infinity,
    pauseMedianS: 0,
    errandSpacingM: Infinity,
    errandMedianS: 0,
  };
  const congestion = r.chance(0.7) ? r.uniform(0, 0.1) : r.uniform(0.1, 0.4);
  switch (mode) {
    case 'walk':
      return {
        ...none,
        cruiseMps: clamp(r.normal(1.25, 0.2), 0.6, 1.8),
        cruiseWander: r.uniform(0.05, 0.2),
        speedJitter: r.uniform(0.05, 0.15),
        maxAccel: 0.8,
        comfortDecel: 1,
        lateralAccel: 2,
        cornerRadiusM: 2,
        lightSpacingM: r.uniform(150, 400),
        redChance: 0.4,
        redWaitS: [5, 60],
        congestion: 0,
        crawlMps: 0,
        pauseSpacingM: r.uniform(100, 1000),
        pauseMedianS: r.uniform(10, 60),
        errandSpacingM: r.chance(0.3) ? r.uniform(300, 2000) : Infinity,
        errandMedianS: r.uniform(120, 900),
        shielding: 1,
      };
    case 'run':
      return {
        ...drawProfile('walk', r),
        cruiseMps: clamp(r.normal(3.1, 0.4), 2.3, 4.2),
        maxAccel: 1.5,
        pauseSpacingM: Infinity,
        errandSpacingM: Infinity,
        redChance: 0.2,
      };
    case 'roadbike':
      // Sport rides on a road bike: 25–35 km/h on the flat, much faster downhill and slower up
      // (a wide, slow wander of the preferred speed stands in for the terrain), few lights.
      return {
        ...drawProfile('bike', r),
        cruiseMps: clamp(r.normal(8, 1), 6, 10.5),
        cruiseWander: r.uniform(0.2, 0.35),
        maxAccel: r.uniform(0.6, 1.2),
        lightSpacingM: r.uniform(1500, 5000),
        redChance: r.uniform(0.2, 0.5),
        congestion: 0,
        pauseSpacingM: r.uniform(10000, 30000),
        pauseMedianS: 60,
      };
    case 'bike':
    case 'ebike':
      return {
        ...none,
        cruiseMps: mode === 'ebike' ? clamp(r.normal(5.5, 0.7), 4, 7.5) : clamp(r.logNormal(3.4, 0.22), 2, 6.5),
        cruiseWander: r.uniform(0.1, 0.25),
        speedJitter: r.uniform(0.08, 0.2),
        maxAccel: r.uniform(0.4, 1),
        comfortDecel: r.uniform(0.8, 1.6),
        lateralAccel: 2.5,
        cornerRadiusM: r.uniform(4, 8),
        lightSpacingM: r.uniform(250, 700),
        // Cyclists filter through queues and roll through many reds.
        redChance: r.uniform(0.15, 0.4),
        redWaitS: [3, 45],
        congestion: r.chance(0.2) ? r.uniform(0, 0.2) : 0,
        crawlMps: r.uniform(1.5, 3),
        pauseSpacingM: r.uniform(2000, 8000),
        pauseMedianS: 15,
        shielding: 1,
      };
    case 'car':
    case 'taxi':
      return {
        ...none,
        cruiseMps: clamp(r.logNormal(14, 0.4), 6, 33),
        cruiseWander: r.uniform(0.1, 0.25),
        speedJitter: r.uniform(0.05, 0.15),
        // Everyday driving, not the car's limits: 1–2 m/s² away from lights.
        maxAccel: r.uniform(0.8, 1.8),
        comfortDecel: r.uniform(0.9, 1.8),
        lateralAccel: r.uniform(2, 3.5),
        cornerRadiusM: r.uniform(8, 15),
        lightSpacingM: r.uniform(600, 1800),
        redChance: r.uniform(0.25, 0.45),
        redWaitS: [10, 90],
        congestion,
        crawlMps: r.uniform(1.5, 5),
        shielding: r.uniform(1.1, 1.6),
      };
    case 'bus':
    case 'tram':
      return {
        ...none,
        cruiseMps: clamp(r.logNormal(mode === 'tram' ? 10 : 10.5, 0.25), 6, 18),
        cruiseWander: r.uniform(0.1, 0.2),
        speedJitter: r.uniform(0.06, 0.15),
        // Standing passengers: buses pull away gently (0.6–1.1 m/s²).
        maxAccel: r.uniform(0.6, 1.1),
        comfortDecel: r.uniform(0.8, 1.3),
        lateralAccel: r.uniform(1.2, 2),
        cornerRadiusM: r.uniform(10, 20),
        lightSpacingM: r.uniform(400, 1000),
        redChance: mode === 'tram' ? 0.25 : r.uniform(0.3, 0.5),
        redWaitS: [5, 90],
        stopSpacingM: r.uniform(450, 1000),
        stopChance: r.uniform(0.6, 0.9),
        dwellMedianS: r.uniform(6, 18),
        congestion: mode === 'tram' ? congestion / 3 : congestion,
        crawlMps: r.uniform(1.5, 4.5),
        pauseSpacingM: Infinity,
        pauseMedianS: 0,
        shielding: r.uniform(1.3, 2),
        undergroundShare: 0,
      };
    case 'metro':
      return {
        ...none,
        cruiseMps: clamp(r.normal(18, 2.5), 13, 25),
        cruiseWander: 0.05,
        // Rail vehicles hold their speed smoothly: no traffic ahead, heavy, under a controller.
        speedJitter: r.uniform(0.003, 0.012),
        maxAccel: r.uniform(0.6, 1.1),
        comfortDecel: r.uniform(0.6, 1.1),
        lateralAccel: 1,
        cornerRadiusM: 300,
        lightSpacingM: Infinity,
        redChance: 0,
        redWaitS: [0, 0],
        stopSpacingM: r.uniform(1000, 2500),
        stopChance: 1,
        dwellMedianS: r.uniform(20, 50),
        congestion: 0,
        crawlMps: 0,
        shielding: r.uniform(1.5, 2.5),
        // Many lines run elevated or at grade (light rail, outer sections); the rest is mostly tunnel.
        undergroundShare: r.chance(0.35) ? 0 : r.uniform(0.3, 0.9),
      };
    case 'train':
    case 'highspeed':
      return {
        ...none,
        cruiseMps: mode === 'highspeed' ? r.uniform(55, 85) : clamp(r.logNormal(26, 0.3), 16, 45),
        cruiseWander: 0.04,
        speedJitter: r.uniform(0.002, 0.008),
        maxAccel: r.uniform(0.3, 0.7),
        comfortDecel: r.uniform(0.4, 0.8),
        lateralAccel: 0.8,
        cornerRadiusM: 1500,
        lightSpacingM: Infinity,
        redChance: 0,
        redWaitS: [0, 0],
        stopSpacingM: mode === 'highspeed' ? r.uniform(30000, 120000) : r.uniform(3000, 25000),
        stopChance: r.uniform(0.5, 1),
        dwellMedianS: r.uniform(20, 90),
        congestion: 0,
        crawlMps: 0,
        shielding: r.uniform(1.5, 2.5),
        undergroundShare: r.chance(0.8) ? 0 : r.uniform(0, 0.2),
      };
  }
}
