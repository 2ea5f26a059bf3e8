export { acceptFix, featuresToTraces, geoJsonFeatures, parseFixTime, type TraceFileOptions } from './geojson-traces';
export { isJsonPointsBody, parseJsonPoints } from './json-points';
export { parseGeoJson, parseGpx, parseKml, parseTcx, type XmlTraceFileOptions } from './parse-trace-file';
export { parseUntrustedXml, refuseUnsafeXml, xmlTextOf, type XmlLimits } from './safe-xml';
export { TraceColumns } from './trace-columns';
export { TraceFormatException, type TraceFormatErrorCode } from './trace-format.exception';
export { MUVO_GPX_NAMESPACE, traceToGeoJson, traceToGpx } from './write-trace-file';
export { scanJsonPoints, type ScannedJsonPoints } from './json-points-scanner';
