// The audit trail's actions in words (the trail stores codes such as rectification.verified). Pure.

const WORDS: Record<string, string> = {
  opened: '建立', open: '建立', edited: '修改', edit: '修改', progressed: '报送整改进展', progress: '报送整改进展',
  completed: '报送完成', verified: '销号', verify: '销号', rejected: '销号核查未通过，退回整改', voided: '作废', void: '作废',
  imported: '由台账表格导入', import: '由台账表格导入', import_updated: '由台账表格更新', evidence_attached: '添加佐证材料',
  reschedule: '调整整改时限', read: '查阅',
}

export function actionWords(action: string): string {
  const verb = action.split('.').pop() ?? action
  return WORDS[verb] ?? '其他操作'
}
