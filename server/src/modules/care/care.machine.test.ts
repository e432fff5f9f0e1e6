import { describe, expect, it } from 'vitest';
import { reachable } from '../../platform/state-machine.ts';
import { caseTransitions, surveyTransitions } from './care.machine.ts';

describe('care machines', () => {
  it('every case state is reachable from open; resolved is terminal', () => {
    expect([...reachable(caseTransitions, 'open')].sort()).toEqual(['claimed', 'open', 'resolved']);
    expect(caseTransitions.resolved).toEqual([]);
  });
  it('a survey is answered or expires, once', () => {
    expect([...reachable(surveyTransitions, 'asked')].sort()).toEqual(['answered', 'asked', 'expired']);
    expect(surveyTransitions.answered).toEqual([]);
    expect(surveyTransitions.expired).toEqual([]);
  });
});
