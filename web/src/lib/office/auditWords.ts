// The audit trail's full action codes in words, for the 审计 page: what kind of object and what
// was done to it; anything not listed falls back to the ledger's verbs (actions.ts). Pure.
import { actionWords } from './actions'

const FULL: Record<string, string> = {
  'user.created': '开设账号', 'user.disabled': '停用账号', 'user.password_changed': '本人修改密码', 'user.password_reset': '专班办公室重置密码',
  'session.started': '登录', 'session.ended': '退出登录', 'session.ended_all': '在所有设备上退出登录',
  'token.created': '签发接口令牌', 'token.revoked': '吊销接口令牌', 'user.token_revoked': '专班办公室吊销访问令牌', 'calendar.created': '生成日历订阅', 'calendar.revoked': '停用日历订阅',
  'supervision.created': '新建督查', 'supervision.updated': '修改督查', 'finding.created': '记录发现问题', 'finding.updated': '修改发现问题',
  'report.saved': '保存报告草稿', 'report.submitted': '提交报告', 'report.accepted': '审核通过报告', 'report.returned': '退回报告',
  'report.evidence_attached': '为报告添加佐证材料', 'round.opened': '开启调度', 'round.closed': '结束调度', 'urge.issued': '发出催办',
  'document.issued': '印发公文', 'assignment.created': '增加责任分工', 'assignment.updated': '修改责任分工', 'assignment.deleted': '删除责任分工',
  'task.updated': '修改任务', 'target.scope_set': '设定指标范围', 'target.shares_set': '分解指标', 'group.members_set': '确定专项组成员',
  'unit.created': '新增单位', 'unit.updated': '修改单位', 'unit.alias_added': '增加单位别名', 'upload.created': '上传文件',
  'notify.channel_set': '设置通知方式', 'notify.digest': '发送通知摘要', 'notify.read': '阅读站内消息', 'notify.resend': '重发通知',
  'audit.verified': '核验审计留痕',
}

export function auditActionWords(action: string): string {
  return FULL[action] ?? actionWords(action)
}
