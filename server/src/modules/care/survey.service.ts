import type { Principal } from '../../platform/access.ts';
import type { Db, Executor } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { assertTransition } from '../../platform/state-machine.ts';
import { shopNames } from '../shops/index.ts';
import { surveyTransitions } from './care.machine.ts';
import type { Satisfaction } from './care.tables.ts';

const surveyNotFound = (id: number) => notFound('care survey', id);

/** The buyer's satisfaction question of a case (only their own, and only once asked). */
export async function mySurvey(db: Executor, principal: Principal, caseId: number) {
  const row = await db
    .selectFrom('careCases')
    .select(['id', 'orderId', 'shopId', 'surveyState', 'surveyExpiresAt', 'satisfaction', 'answeredAt'])
    .where('id', '=', caseId)
    .where('buyerId', '=', principal.userId)
    .where('surveyState', 'is not', null)
    .executeTakeFirst();
  if (!row || row.surveyState === null || row.surveyExpiresAt === null) throw surveyNotFound(caseId);
  const names = await shopNames(db, [row.shopId]);
  return {
    caseId: row.id,
    orderId: row.orderId,
    shopName: names.get(row.shopId) ?? '',
    state: row.surveyState,
    expiresAt: row.surveyExpiresAt,
    satisfaction: row.satisfaction,
    answeredAt: row.answeredAt,
  };
}

/** The buyer answers once, before the deadline (else 409 `survey_closed`, the state named). */
export async function answerSurvey(
  db: Db,
  principal: Principal,
  caseId: number,
  satisfaction: Satisfaction,
  now: Date,
) {
  await db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('careCases')
      .select(['surveyState', 'surveyExpiresAt'])
      .where('id', '=', caseId)
      .where('buyerId', '=', principal.userId)
      .forUpdate()
      .executeTakeFirst();
    if (!row || row.surveyState === null) throw surveyNotFound(caseId);
    const closed = new AppError(
      'conflict',
      `care survey ${caseId} is ${row.surveyState}`,
      { state: row.surveyState },
      { key: 'survey_closed' },
    );
    if (row.surveyState !== 'asked' || (row.surveyExpiresAt !== null && row.surveyExpiresAt <= now))
      throw closed;
    assertTransition(surveyTransitions, `care survey ${caseId}`, row.surveyState, 'answered');
    await tx
      .updateTable('careCases')
      .set({ surveyState: 'answered', satisfaction, answeredAt: now })
      .where('id', '=', caseId)
      .where('surveyState', '=', 'asked')
      .execute();
  });
  return mySurvey(db, principal, caseId);
}
