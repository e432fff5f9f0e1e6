/**
 * Customer-service metrics (DOMAIN.md §8, product rules §8.3). A session *counts* for the response
 * metrics when it started within the shop's service hours, was handed to a person, and is decided: a
 * person answered, or it closed, or 3 minutes passed since the hand-off. Its response time runs from
 * the hand-off (the buyer asked for a person, the bot gave up, or the bot was off) to a person's first
 * message.
 */
export const RESPONSE_WINDOW_MS = 3 * 60_000;

/** The seed's targets: ≥ 85% answered within 3 minutes, average first response < 46.8 s, ≥ 82% good. */
export const CHAT_TARGETS = {
  responseRate3mBp: 8_500,
  avgFirstResponseMs: 46_800,
  goodRatingRateBp: 8_200,
} as const;

export interface SessionForMetrics {
  inServiceHours: boolean;
  handedOffAt: Date | null;
  firstHumanReplyAt: Date | null;
  closedAt: Date | null;
  rating: 'good' | 'neutral' | 'bad' | null;
}

export interface MetricCounts {
  sessions: number;
  counted: number;
  answeredIn3m: number;
  answered: number;
  firstResponseMsSum: number;
  rated: number;
  good: number;
}

export const noCounts: MetricCounts = {
  sessions: 0,
  counted: 0,
  answeredIn3m: 0,
  answered: 0,
  firstResponseMsSum: 0,
  rated: 0,
  good: 0,
};

/** What one session adds to the counts at `now` (the SQL of chat-metrics.service.ts says the same). */
export function sessionCounts(s: SessionForMetrics, now: Date): MetricCounts {
  const decided =
    s.handedOffAt !== null &&
    (s.firstHumanReplyAt !== null ||
      s.closedAt !== null ||
      now.getTime() - s.handedOffAt.getTime() >= RESPONSE_WINDOW_MS);
  const counted = s.inServiceHours && decided;
  const responseMs =
    counted && s.firstHumanReplyAt && s.handedOffAt
      ? s.firstHumanReplyAt.getTime() - s.handedOffAt.getTime()
      : null;
  return {
    sessions: 1,
    counted: counted ? 1 : 0,
    answeredIn3m: responseMs !== null && responseMs <= RESPONSE_WINDOW_MS ? 1 : 0,
    answered: responseMs !== null ? 1 : 0,
    firstResponseMsSum: responseMs ?? 0,
    rated: s.rating !== null ? 1 : 0,
    good: s.rating === 'good' ? 1 : 0,
  };
}

export function addCounts(a: MetricCounts, b: MetricCounts): MetricCounts {
  return {
    sessions: a.sessions + b.sessions,
    counted: a.counted + b.counted,
    answeredIn3m: a.answeredIn3m + b.answeredIn3m,
    answered: a.answered + b.answered,
    firstResponseMsSum: a.firstResponseMsSum + b.firstResponseMsSum,
    rated: a.rated + b.rated,
    good: a.good + b.good,
  };
}

export interface MetricFigures {
  /** Counted sessions answered by a person within 3 minutes, of counted sessions (bp). */
  responseRate3mBp: number | null;
  /** The mean time to a person's first message over counted sessions a person answered (ms). */
  avgFirstResponseMs: number | null;
  /** Good ratings of rated sessions (bp). */
  goodRatingRateBp: number | null;
}

const bp = (n: number, base: number) => (base > 0 ? Math.round((n * 10_000) / base) : null);

export function metricFigures(c: MetricCounts): MetricFigures {
  return {
    responseRate3mBp: bp(c.answeredIn3m, c.counted),
    avgFirstResponseMs: c.answered > 0 ? Math.round(c.firstResponseMsSum / c.answered) : null,
    goodRatingRateBp: bp(c.good, c.rated),
  };
}
