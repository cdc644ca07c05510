// Names the calendar that a date picker opens. Element Plus renders it as role="dialog" without
// an accessible name (the picker's aria-label goes to its input only), so a screen reader said
// just "对话框"; each such panel is named 选择日期 as it is added to the page.
const UNNAMED = '.el-picker__popper[role="dialog"]:not([aria-label]):not([aria-labelledby])'
const NAME = '选择日期'

export function namePickerPanels(root: Element): void {
  if (root.matches(UNNAMED)) root.setAttribute('aria-label', NAME)
  root.querySelectorAll(UNNAMED).forEach((panel) => panel.setAttribute('aria-label', NAME))
}

export function watchPickerPanels(body: HTMLElement): MutationObserver {
  const observer = new MutationObserver((changes) => {
    for (const change of changes) {
      change.addedNodes.forEach((node) => {
        if (node instanceof Element) namePickerPanels(node)
      })
    }
  })
  observer.observe(body, { childList: true, subtree: true })
  return observer
}
