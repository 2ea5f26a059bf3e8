import { Foundation1795317542155 } from './1795317542155-Foundation';
import { MerchantVouchers1795319378562 } from './1795319378562-MerchantVouchers';
import { TransitStops1795319560581 } from './1795319560581-TransitStops';
import { ScoringGame1795319665052 } from './1795319665052-ScoringGame';
import { LiveTrips1795320007308 } from './1795320007308-LiveTrips';
import { OpenpathPhoneApp1796634296303 } from './1796634296303-OpenpathPhoneApp';
import { RefreshTokenFamilies1796634490681 } from './1796634490681-RefreshTokenFamilies';
import { ReceiptPrivacy1796634508090 } from './1796634508090-ReceiptPrivacy';
import { ReplayCandidateIndex1796637230318 } from './1796637230318-ReplayCandidateIndex';
import { CityFileState1796637382255 } from './1796637382255-CityFileState';
import { PrivacyRights1796644346192 } from './1796644346192-PrivacyRights';
import { OperatorsConsole1796644352558 } from './1796644352558-OperatorsConsole';
import { PrivacyZonesRetention1796644516878 } from './1796644516878-PrivacyZonesRetention';
import { ScoredTripsByCityDay1796645520044 } from './1796645520044-ScoredTripsByCityDay';
import { PeopleAndMediators1796648204575 } from './1796648204575-PeopleAndMediators';
import { OpenpathEntriesStatementCheck1796649091175 } from './1796649091175-OpenpathEntriesStatementCheck';
import { AuditLogIdsOnly1796654613591 } from './1796654613591-AuditLogIdsOnly';
import { OpenpathUploadsInbox1796654760560 } from './1796654760560-OpenpathUploadsInbox';
import { CityFileAuditIds1796657360218 } from './1796657360218-CityFileAuditIds';
import { ReplayCandidatesIndexOnly1796657851442 } from './1796657851442-ReplayCandidatesIndexOnly';

/**
 * Every migration, in order. Listed explicitly (not globbed) so that the compiled apps carry
 * them and the order is reviewed: append new ones at the end.
 */
export const MIGRATIONS = [
  Foundation1795317542155,
  MerchantVouchers1795319378562,
  TransitStops1795319560581,
  ScoringGame1795319665052,
  LiveTrips1795320007308,
  OpenpathPhoneApp1796634296303,
  RefreshTokenFamilies1796634490681,
  ReceiptPrivacy1796634508090,
  ReplayCandidateIndex1796637230318,
  CityFileState1796637382255,
  PrivacyRights1796644346192,
  OperatorsConsole1796644352558,
  PrivacyZonesRetention1796644516878,
  ScoredTripsByCityDay1796645520044,
  PeopleAndMediators1796648204575,
  OpenpathEntriesStatementCheck1796649091175,
  AuditLogIdsOnly1796654613591,
  OpenpathUploadsInbox1796654760560,
  CityFileAuditIds1796657360218,
  ReplayCandidatesIndexOnly1796657851442,
];
