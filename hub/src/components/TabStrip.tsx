import { useLayoutEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { TabBar } from 'azure-devops-ui/Tabs';
import { getSafeId } from 'azure-devops-ui/Util';

interface TabStripProps<Id extends string> {
  selected: Id;
  onSelect(id: Id): void;
  /** azure-devops-ui `Tab` elements, one per id. */
  tabs: ReactNode;
  /** The selected tab's content. */
  children: ReactNode;
}

/**
 * azure-devops-ui's tab bar with what a tab list needs by keyboard and screen reader and the library leaves
 * out (azure-devops-ui 2.277): Home and End (its focus zone handles the arrow keys only), the selected tab
 * as the list's Tab stop (`Tabs.js` makes the first tab its focus group's default and `Tab.js` never
 * reports focus to the group, so the first tab stays the Tab stop whichever is selected), and a tab panel
 * named by its tab (the library has none).
 */
export function TabStrip<Id extends string>({ selected, onSelect, tabs, children }: TabStripProps<Id>) {
  const strip = useRef<HTMLDivElement>(null);
  const selectedTabId = getSafeId(`tab-${selected}`);
  useLayoutEffect(() => {
    for (const tab of strip.current?.querySelectorAll<HTMLElement>('[role="tab"]') ?? []) tab.tabIndex = tab.id === selectedTabId ? 0 : -1;
  });
  return (
    <>
      <div ref={strip} onKeyDown={moveToEndTab}>
        <TabBar className="kpg-tabs" selectedTabId={selected} onSelectedTabChanged={(id) => onSelect(id as Id)}>
          {tabs}
        </TabBar>
      </div>
      {/* Focusable, so that a long tab scrolls by keyboard. */}
      <div className="kpg-tab-content" data-tab={selected} role="tabpanel" aria-labelledby={selectedTabId} tabIndex={0}>
        {children}
      </div>
    </>
  );
}

function moveToEndTab(event: KeyboardEvent<HTMLElement>): void {
  if (event.key !== 'Home' && event.key !== 'End') return;
  const tabs = event.currentTarget.querySelectorAll<HTMLElement>('[role="tab"]');
  const target = event.key === 'Home' ? tabs[0] : tabs[tabs.length - 1];
  if (!target) return;
  event.preventDefault();
  target.focus();
}
