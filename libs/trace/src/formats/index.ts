export { parseFixTime } from './geojson-traces';
export { parseGeoJson, parseGpx, parseKml } from './parse-trace-file';
export { parseUntrustedXml } from './safe-xml';
export { TraceFormatException, type TraceFormatErrorCode } from './trace-format.exception';
