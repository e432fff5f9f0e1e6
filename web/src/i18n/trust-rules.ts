import { defineMessages } from './define.ts';

// Issue 17 (H1): review cases kept per rule and subject (their hits), and the review-share flag of
// the policy editor (risk.reviewShareAlert). Keys start with 'ops.caseHits.', 'ops.reviewShare.' and
// 'ops.config.…risk'.
export const trustRulesMessages = defineMessages(
  {
    'ops.caseHits.rule': '案件规则',
    'ops.caseHits.count': '命中次数',
    'ops.caseHits.lastHit': '最近命中',
    'ops.caseHits.title': '命中记录',
    'ops.caseHits.hint':
      '同一规则对同一对象的后续命中都并入本案件；处理本案件即按同样结论处理其中每一条尚未处理的命中。',
    'ops.caseHits.shown': '显示最近 {shown} 条，共 {total} 条',
    'ops.caseHits.decision': '决策',
    'ops.caseHits.subject': '命中对象',
    'ops.caseHits.at': '命中时间',
    'ops.caseHits.resolution': '处理结果',
    'ops.caseHits.pending': '待处理',
    'ops.caseHits.legacy': '（旧案件，每次命中单独立案）',
    'ops.reviewShare.title': '送审比例',
    'ops.reviewShare.column': '近 {hours} 小时送审',
    'ops.reviewShare.flag': '送审比例过高：本规则近{hours}小时使 {share} 的决策进入人工复核',
    'ops.reviewShare.summary':
      '近 {hours} 小时本检查点共 {decisions} 次决策。某条规则使超过 {share} 的决策进入人工复核（且决策不少于 {min} 次）时标记为送审比例过高，阈值可在平台配置中调整。',
    'ops.config.risk': '风控规则（§6.2）',
    'ops.config.field.risk.reviewShareAlert.shareBp': '规则送审比例超过多少时告警',
    'ops.config.field.risk.reviewShareAlert.minDecisions': '至少多少次决策后才告警',
    'ops.config.field.risk.reviewShareAlert.windowMs': '送审比例的统计时长',
  },
  {
    'ops.caseHits.rule': 'Case rule',
    'ops.caseHits.count': 'Hits',
    'ops.caseHits.lastHit': 'Last hit',
    'ops.caseHits.title': 'Hits',
    'ops.caseHits.hint':
      'Later hits of the same rule on the same subject join this case; resolving it decides each hit not yet decided the same way.',
    'ops.caseHits.shown': 'The latest {shown} of {total}',
    'ops.caseHits.decision': 'Decision',
    'ops.caseHits.subject': 'Subject hit',
    'ops.caseHits.at': 'Hit at',
    'ops.caseHits.resolution': 'Outcome',
    'ops.caseHits.pending': 'Pending',
    'ops.caseHits.legacy': '(an older case: one per hit)',
    'ops.reviewShare.title': 'Review share',
    'ops.reviewShare.column': 'Sent to review, last {hours} h',
    'ops.reviewShare.flag':
      'Too much sent to review: this rule sent {share} of decisions to review in the last {hours} h',
    'ops.reviewShare.summary':
      'This checkpoint decided {decisions} times in the last {hours} h. A rule sending more than {share} of decisions to review (with at least {min} decisions) is flagged; the threshold is in the platform configuration.',
    'ops.config.risk': 'Risk rules (§6.2)',
    'ops.config.field.risk.reviewShareAlert.shareBp': 'Flag a rule sending to review more than',
    'ops.config.field.risk.reviewShareAlert.minDecisions': 'Flag only after this many decisions',
    'ops.config.field.risk.reviewShareAlert.windowMs': 'Review share measured over',
  },
);
