/** Who a board ranks: participants of a city, its teams or neighbourhoods, or the cities. */
export type BoardKind = 'individual' | 'team' | 'city';

/** A board: what it ranks over which period (an ISO week `2026-W12`, or a campaign). */
export interface BoardRef {
  kind: BoardKind;
  cityId: string;
  period: { week: string } | { campaignId: string };
}

/** The increments one credited (or re-scored) trip makes to its boards. */
export interface BoardCredit {
  cityId: string;
  participantId: string;
  teamId: string | null;
  week: string;
  campaignId: string | null;
  points: number;
}

export interface BoardEntry {
  rank: number;
  id: string;
  name: string;
  score: number;
}

export interface BoardPage {
  board: string;
  items: BoardEntry[];
  me: BoardEntry | null;
}
